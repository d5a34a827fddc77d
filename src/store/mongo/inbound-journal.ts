import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import { assertListLimit } from '../list-limit';
import type { InboundJournal, JournalEntry } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { InboundModels, JournalDoc } from './inbound-models';

/** InboundJournal on MongoDB: each claim is an atomic findOneAndUpdate on the lease, like the outbox. */
export function createMongoInboundJournal(model: InboundModels['journal'], now: Clock = systemClock): InboundJournal {
  return {
    async add(channel, body, leaseMs) {
      const at = now();
      const id = randomUUID();
      await model.insertOne({ _id: id, channel, body, receivedAt: at, leasedUntil: new Date(at.getTime() + leaseMs), attempts: 1 });
      return id;
    },
    async remove(id) {
      await model.deleteOne({ _id: id });
    },
    async claimAbandoned(channel, limit, leaseMs) {
      assertListLimit(limit);
      const at = now();
      const until = new Date(at.getTime() + leaseMs);
      const claimed: JournalEntry[] = [];
      while (claimed.length < limit) {
        const doc = await model
          .findOneAndUpdate(
            { channel, leasedUntil: trusted({ $lte: at }) },
            { $set: { leasedUntil: until }, $inc: { attempts: 1 } },
            { sort: { receivedAt: 1, _id: 1 }, returnDocument: 'after' },
          )
          .lean<JournalDoc>();
        if (!doc) break;
        claimed.push({
          id: doc._id,
          channel: doc.channel,
          body: doc.body,
          receivedAt: doc.receivedAt,
          attempts: doc.attempts,
          ...(doc.progress ? { progress: { decided: [...doc.progress.decided], failedAttempts: [...doc.progress.failedAttempts] } } : {}),
        });
      }
      return claimed;
    },
    async retryLater(id, delayMs, progress) {
      await model.updateOne({ _id: id }, { $set: { leasedUntil: new Date(now().getTime() + delayMs), ...(progress ? { progress } : {}) } });
    },
    async waiting() {
      const groups = await model.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$channel', n: { $sum: 1 } } }]);
      return Object.fromEntries(groups.map((g) => [g._id, g.n]));
    },
  };
}
