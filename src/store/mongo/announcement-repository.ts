import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import { summarise } from '../delivery-report';
import { assertListLimit } from '../list-limit';
import { CANCELLED_REASON, type Announcement, type AnnouncementRepository, type ChannelUser, type DeliveryRow, type PlannedRecipient } from '../ports';
import type { AnnouncementDoc, AnnouncementModels, DeliveryDoc } from './announcement-models';

const deliveryId = (id: string, u: ChannelUser) => `${id}/${u.channel}/${u.userId}`;

/** AnnouncementRepository on MongoDB, mirroring the SQLite adapter; each row moves by an atomic conditional update. */
export function createMongoAnnouncementRepository(models: AnnouncementModels): AnnouncementRepository {
  const { announcements, deliveries } = models;
  const load = async (id: string) => {
    const doc = await announcements.findById(id).lean<AnnouncementDoc>();
    return doc ? toAnnouncement(doc) : undefined;
  };
  return {
    async create(draft, author, at) {
      const id = randomUUID();
      await announcements.insertOne({
        _id: id, ...draft, status: 'draft', author, createdAt: at, updatedAt: at,
        scheduledAt: null, startedAt: null, finishedAt: null, cursor: null, planned: false,
      });
      return (await load(id))!;
    },
    get: load,
    async list(limit, statuses) {
      assertListLimit(limit);
      const filter = statuses?.length ? { status: trusted({ $in: [...statuses] }) } : {};
      const docs = await announcements.find(filter).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<AnnouncementDoc[]>();
      return docs.map(toAnnouncement);
    },
    async edit(id, draft, at) {
      const doc = await announcements
        .findOneAndUpdate({ _id: id, status: trusted({ $in: ['draft', 'scheduled'] }) }, { $set: { ...draft, updatedAt: at } }, { returnDocument: 'after' })
        .lean<AnnouncementDoc>();
      return doc ? toAnnouncement(doc) : undefined;
    },
    async transition(id, from, to, at, scheduledAt) {
      const set: Record<string, unknown> = { status: to, updatedAt: at };
      if (to === 'scheduled') set.scheduledAt = scheduledAt ?? at;
      if (to === 'done' || to === 'cancelled') set.finishedAt = at;
      const doc = await announcements
        .findOneAndUpdate({ _id: id, status: trusted({ $in: [...from] }) }, { $set: set }, { returnDocument: 'after' })
        .lean<AnnouncementDoc>();
      if (!doc) return undefined;
      // A resumed announcement keeps the time it first started.
      if (to === 'sending' && doc.startedAt === null) {
        await announcements.updateOne({ _id: id, startedAt: null }, { $set: { startedAt: at } });
        return load(id);
      }
      return toAnnouncement(doc);
    },
    async due(at, limit) {
      assertListLimit(limit);
      const docs = await announcements.find({ status: 'scheduled', scheduledAt: trusted({ $lte: at }) }).sort({ scheduledAt: 1, _id: 1 }).limit(limit).lean<AnnouncementDoc[]>();
      return docs.map(toAnnouncement);
    },
    async plan(id, recipients, cursor, last, at) {
      const fresh: PlannedRecipient[] = [];
      if (recipients.length > 0) {
        const ops = recipients.map((r) => ({
          updateOne: {
            filter: { _id: deliveryId(id, r) },
            update: {
              $setOnInsert: { announcementId: id, channel: r.channel, userId: r.userId, locale: r.locale, outcome: r.skip ? 'skipped' : 'pending', reason: r.skip ?? null, updatedAt: at },
            },
            upsert: true,
          },
        }));
        const result = await deliveries.bulkWrite(ops, { ordered: false });
        const inserted = new Set(Object.keys(result.upsertedIds).map(Number));
        recipients.forEach((r, i) => inserted.has(i) && fresh.push(r));
      }
      await announcements.updateOne({ _id: id }, { $set: { cursor: cursor ? { channel: cursor.channel, userId: cursor.userId } : null, planned: last, updatedAt: at } });
      return fresh;
    },
    async take(id, limit, at, only) {
      assertListLimit(limit);
      const candidates = only
        ? only.slice(0, limit)
        : (await deliveries.find({ announcementId: id, outcome: 'pending' }).sort({ channel: 1, userId: 1 }).limit(limit).lean<DeliveryDoc[]>());
      const taken: DeliveryRow[] = [];
      for (const c of candidates) {
        const doc = await deliveries
          .findOneAndUpdate({ _id: deliveryId(id, c), outcome: 'pending' }, { $set: { outcome: 'attempting', updatedAt: at } }, { returnDocument: 'after' })
          .lean<DeliveryDoc>();
        if (doc) taken.push(toDelivery(doc));
      }
      return taken;
    },
    async settle(id, results, at) {
      if (results.length === 0) return;
      await deliveries.bulkWrite(
        results.map((r) => ({
          updateOne: {
            filter: { _id: deliveryId(id, r), outcome: 'attempting' },
            update: { $set: { outcome: r.outcome, reason: 'reason' in r ? r.reason : null, updatedAt: at } },
          },
        })),
        { ordered: false },
      );
    },
    async resolveInDoubt(id, before) {
      const done = await deliveries.updateMany(
        { announcementId: id, outcome: 'attempting', updatedAt: trusted({ $lt: before }) },
        { $set: { outcome: 'failed', reason: 'in_doubt' } },
      );
      return done.modifiedCount;
    },
    async cancelPending(id, at) {
      const done = await deliveries.updateMany({ announcementId: id, outcome: 'pending' }, { $set: { outcome: 'skipped', reason: CANCELLED_REASON, updatedAt: at } });
      return done.modifiedCount;
    },
    async report(id) {
      const groups = await deliveries.aggregate<{ _id: { outcome: DeliveryRow['outcome']; reason: string | null }; n: number }>([
        { $match: { announcementId: id } },
        { $group: { _id: { outcome: '$outcome', reason: '$reason' }, n: { $sum: 1 } } },
      ]);
      return summarise(groups.map((g) => ({ outcome: g._id.outcome, reason: g._id.reason ?? undefined, n: g.n })));
    },
    async lastSentTo(user, since) {
      const doc = await deliveries
        .findOne({ channel: user.channel, userId: user.userId, outcome: trusted({ $in: ['sent', 'attempting'] }), updatedAt: trusted({ $gt: since }) })
        .sort({ updatedAt: -1 })
        .lean<DeliveryDoc>();
      return doc ? toDelivery(doc) : undefined;
    },
    async deliveries(id, limit, outcome, after) {
      assertListLimit(limit);
      const filter = {
        announcementId: id,
        ...(outcome ? { outcome } : {}),
        ...(after ? { $or: [{ channel: trusted({ $gt: after.channel }) }, { channel: after.channel, userId: trusted({ $gt: after.userId }) }] } : {}),
      };
      const docs = await deliveries.find(filter).sort({ channel: 1, userId: 1 }).limit(limit).lean<DeliveryDoc[]>();
      return docs.map(toDelivery);
    },
    async exportUser(user) {
      return (await deliveries.find({ channel: user.channel, userId: user.userId }).sort({ updatedAt: 1 }).lean<DeliveryDoc[]>()).map(toDelivery);
    },
    async eraseUser(user) {
      return (await deliveries.deleteMany({ channel: user.channel, userId: user.userId })).deletedCount;
    },
  };
}

function toAnnouncement(d: AnnouncementDoc): Announcement {
  const a: Announcement = {
    id: d._id, title: d.title, body: d.body, topics: d.topics, channels: d.channels, communes: d.communes,
    status: d.status, author: d.author, createdAt: d.createdAt, updatedAt: d.updatedAt, planned: d.planned,
  };
  if (d.scheduledAt) a.scheduledAt = d.scheduledAt;
  if (d.startedAt) a.startedAt = d.startedAt;
  if (d.finishedAt) a.finishedAt = d.finishedAt;
  if (d.cursor) a.cursor = { channel: d.cursor.channel, userId: d.cursor.userId };
  return a;
}

function toDelivery(d: DeliveryDoc): DeliveryRow {
  const row: DeliveryRow = { announcementId: d.announcementId, channel: d.channel, userId: d.userId, locale: d.locale, outcome: d.outcome, updatedAt: d.updatedAt };
  if (d.reason !== null) row.reason = d.reason;
  return row;
}
