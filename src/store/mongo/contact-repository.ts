import { trusted } from 'mongoose';
import { assertListLimit } from '../list-limit';
import type { AudienceFilter, ChannelUser, Contact, ContactRepository } from '../ports';
import type { ContactDoc, ContactModel } from './contact-models';

const DEFAULT_LOCALE = 'vi';
const idOf = (u: ChannelUser) => `${u.channel}/${u.userId}`;

/** ContactRepository on MongoDB, mirroring the SQLite adapter (same audience rules, same order). */
export function createMongoContactRepository(model: ContactModel): ContactRepository {
  return {
    async recordInteraction(user, at, change = {}) {
      const set: Record<string, unknown> = { unreachableAt: null };
      const onInsert: Record<string, unknown> = { channel: user.channel, userId: user.userId, firstSeenAt: at, topics: [], communes: [], subscribedAt: null };
      if (change.locale) set.locale = change.locale;
      else onInsert.locale = DEFAULT_LOCALE;
      if (change.following !== undefined) set.following = change.following;
      else onInsert.following = null;
      // $max keeps the latest action when a platform delivers two events out of order.
      await model.updateOne({ _id: idOf(user) }, { $set: set, $setOnInsert: onInsert, $max: { lastInteractionAt: at } }, { upsert: true });
    },
    async recordUnfollow(user) {
      await model.updateOne({ _id: idOf(user) }, { $set: { following: false } });
    },
    async markUnreachable(user, at) {
      await model.updateOne({ _id: idOf(user) }, { $set: { unreachableAt: at } });
    },
    async subscribe(user, choice, at) {
      const done = await model.updateOne({ _id: idOf(user) }, { $set: { subscribedAt: at, topics: [...choice.topics], communes: [...choice.communes] } });
      if (done.matchedCount === 0) throw new Error(`No contact ${idOf(user)} to subscribe`);
    },
    async unsubscribe(user) {
      const done = await model.updateOne(
        { _id: idOf(user), subscribedAt: trusted({ $ne: null }) },
        { $set: { subscribedAt: null, topics: [], communes: [] } },
      );
      return done.modifiedCount === 1;
    },
    async get(user) {
      const doc = await model.findById(idOf(user)).lean<ContactDoc>();
      return doc ? toContact(doc) : undefined;
    },
    async countAudience(filter) {
      return model.countDocuments(audienceQuery(filter));
    },
    async audiencePage(filter, limit, after) {
      assertListLimit(limit);
      const docs = await model.find(audienceQuery(filter, after)).sort({ channel: 1, userId: 1 }).limit(limit).lean<ContactDoc[]>();
      return docs.map(toContact);
    },
    async purgeOlderThan(before) {
      // Reachable subscribers (the audience rule) stay: they asked to be told, however long ago they last wrote.
      const keep = audienceQuery({});
      return (await model.deleteMany(trusted({ lastInteractionAt: { $lt: before }, $nor: [keep] }))).deletedCount;
    },
    async remove(user) {
      return (await model.deleteOne({ _id: idOf(user) })).deletedCount === 1;
    },
  };
}

/** The same audience rules as the SQLite adapter's WHERE clause (see AudienceFilter). */
function audienceQuery(filter: AudienceFilter, after?: ChannelUser): Record<string, unknown> {
  const and: Record<string, unknown>[] = [
    { subscribedAt: trusted({ $type: 'date' }) },
    { unreachableAt: null },
    { following: trusted({ $ne: false }) },
  ];
  if (filter.channels?.length) and.push({ channel: trusted({ $in: [...filter.channels] }) });
  if (filter.topics?.length) and.push(trusted({ $or: [{ topics: { $size: 0 } }, { topics: { $in: [...filter.topics] } }] }));
  if (filter.communes?.length) and.push({ communes: trusted({ $in: [...filter.communes] }) });
  if (after) {
    and.push(trusted({ $or: [{ channel: { $gt: after.channel } }, { channel: after.channel, userId: { $gt: after.userId } }] }));
  }
  return trusted({ $and: and });
}

function toContact(d: ContactDoc): Contact {
  const contact: Contact = { channel: d.channel, userId: d.userId, locale: d.locale, firstSeenAt: d.firstSeenAt, lastInteractionAt: d.lastInteractionAt };
  if (d.following !== null && d.following !== undefined) contact.following = d.following;
  if (d.unreachableAt) contact.unreachableAt = d.unreachableAt;
  if (d.subscribedAt) contact.subscription = { topics: d.topics, communes: d.communes, since: d.subscribedAt };
  return contact;
}
