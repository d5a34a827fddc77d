import { assertListLimit } from '../list-limit';
import type { HandoffRecord, HandoffRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { isDuplicateKeyError } from './connection';
import type { HandoffDoc, MongoModels } from './models';
import { newHandoffRecord } from '../handoff-record';

// Each retry follows a duplicate-key error, i.e. another open won; a handful covers any realistic interleaving.
const OPEN_ATTEMPTS = 3;

/** HandoffRepository on MongoDB; a partial unique index keeps one open hand-off per channel user. */
export function createMongoHandoffRepository(model: MongoModels['handoffs'], now: Clock = systemClock): HandoffRepository {
  const findOpen = (channel: string, userId: string) =>
    model.findOne({ channel, userId, status: 'open' }).lean<HandoffDoc>();

  return {
    async open(input) {
      for (let attempt = 1; ; attempt++) {
        const existing = await findOpen(input.channel, input.userId);
        if (existing) return toRecord(existing);
        const record = newHandoffRecord(input, now());
        try {
          const { id, ...rest } = record;
          await model.insertOne({ _id: id, ...rest });
          return record;
        } catch (err) {
          if (!isDuplicateKeyError(err) || attempt >= OPEN_ATTEMPTS) throw err;
        }
      }
    },
    async findOpen(user) {
      const doc = await findOpen(user.channel, user.userId);
      return doc ? toRecord(doc) : undefined;
    },
    async close(id) {
      await model.updateOne({ _id: id }, { $set: { status: 'closed' } });
    },
    async listOpen(limit) {
      assertListLimit(limit);
      const docs = await model.find({ status: 'open' }).sort({ createdAt: 1, _id: 1 }).limit(limit).lean<HandoffDoc[]>();
      return docs.map(toRecord);
    },
  };
}

function toRecord(d: HandoffDoc): HandoffRecord {
  return {
    id: d._id,
    channel: d.channel,
    userId: d.userId,
    reason: d.reason,
    lastMessage: d.lastMessage,
    status: d.status,
    createdAt: d.createdAt,
  };
}
