import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import { assertListLimit } from '../list-limit';
import type { ChannelUser, OutboxMessage, OutboxRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { citizenDocs } from './citizen-docs';
import { isDuplicateKeyError } from './connection';
import type { DossierModels, OutboxDoc } from './dossier-models';

/** OutboxRepository on MongoDB: a unique index on the key dedupes, and each claim is an atomic findOneAndUpdate. */
export function createMongoOutboxRepository(model: DossierModels['outbox'], now: Clock = systemClock): OutboxRepository {
  return {
    ...citizenDocs(model, { sort: { createdAt: 1, _id: 1 }, exported: (d) => ({ ...toMessage(d), deliveredAt: d.deliveredAt }) }),
    async enqueue(input) {
      try {
        await model.insertOne({
          _id: randomUUID(),
          key: input.key,
          channel: input.channel,
          userId: input.userId,
          kind: input.kind,
          // The JSON round trip stores exactly what SQLite keeps (Dates become strings).
          data: JSON.parse(JSON.stringify(input.data)) as Record<string, unknown>,
          createdAt: now(),
          claimedUntil: null,
          deliveredAt: null,
        });
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
    async pending(user, limit) {
      assertListLimit(limit);
      const docs = await model
        .find({ channel: user.channel, userId: user.userId, deliveredAt: null })
        .sort({ createdAt: 1, _id: 1 })
        .limit(limit)
        .lean<OutboxDoc[]>();
      return docs.map(toMessage);
    },
    async claim(user, limit, leaseMs) {
      assertListLimit(limit);
      const at = now();
      const until = new Date(at.getTime() + leaseMs);
      const claimed: OutboxMessage[] = [];
      // One document at a time: each findOneAndUpdate is atomic, so two drainers never take the same message.
      while (claimed.length < limit) {
        const doc = await model
          .findOneAndUpdate(
            claimableBy(user, at),
            { $set: { claimedUntil: until } },
            { sort: { createdAt: 1, _id: 1 }, returnDocument: 'after' },
          )
          .lean<OutboxDoc>();
        if (!doc) break;
        claimed.push(toMessage(doc));
      }
      return claimed;
    },
    async claimable(user) {
      return (await model.exists(claimableBy(user, now()))) !== null;
    },
    async markDelivered(ids) {
      if (ids.length === 0) return;
      await model.updateMany({ _id: trusted({ $in: [...ids] }) }, { $set: { deliveredAt: now() } });
    },
    async requeue(ids) {
      if (ids.length === 0) return;
      await model.updateMany({ _id: trusted({ $in: [...ids] }) }, { $set: { deliveredAt: null, claimedUntil: null } });
    },
    async recipients(channels, kinds, limit, after) {
      assertListLimit(limit);
      const later = after
        ? [{ $match: { $or: [{ '_id.channel': { $gt: after.channel } }, { '_id.channel': after.channel, '_id.userId': { $gt: after.userId } }] } }]
        : [];
      const groups = await model.aggregate<{ _id: ChannelUser }>([
        { $match: { deliveredAt: null, channel: { $in: [...channels] }, kind: { $in: [...kinds] } } },
        { $group: { _id: { channel: '$channel', userId: '$userId' } } },
        ...later,
        { $sort: { '_id.channel': 1, '_id.userId': 1 } },
        { $limit: limit },
      ]);
      return groups.map((g) => ({ channel: g._id.channel, userId: g._id.userId }));
    },
    async waiting() {
      const groups = await model.aggregate<{ _id: string; n: number }>([{ $match: { deliveredAt: null } }, { $group: { _id: '$channel', n: { $sum: 1 } } }]);
      return Object.fromEntries(groups.map((g) => [g._id, g.n]));
      },
  };
}

/** A user's undelivered messages no other drain holds at `at`: what `claim` takes. */
function claimableBy(user: ChannelUser, at: Date): Record<string, unknown> {
  return { channel: user.channel, userId: user.userId, deliveredAt: null, $or: [{ claimedUntil: null }, { claimedUntil: trusted({ $lte: at }) }] };
}

function toMessage(d: OutboxDoc): OutboxMessage {
  return { id: d._id, channel: d.channel, userId: d.userId, kind: d.kind, data: d.data, createdAt: d.createdAt };
}
