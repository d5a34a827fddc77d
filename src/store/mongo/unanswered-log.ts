import { assertListLimit } from '../list-limit';
import type { UnansweredLog, UnansweredRecord } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { citizenDocs } from './citizen-docs';
import type { MongoModels, UnansweredDoc } from './models';

/** UnansweredLog on MongoDB, newest first. */
export function createMongoUnansweredLog(model: MongoModels['unanswered'], now: Clock = systemClock): UnansweredLog {
  return {
    ...citizenDocs(model, { sort: { createdAt: 1, _id: 1 }, exported: toRecord }),
    async add(input) {
      const { channel, userId, text, intent, confidence } = input;
      await model.insertOne({ channel, userId, text, intent, confidence, createdAt: now() });
    },
    async list(limit) {
      assertListLimit(limit);
      // ObjectIds grow within a process, so they order records written in the same millisecond.
      const docs = await model.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean<UnansweredDoc[]>();
      return docs.map(toRecord);
    },
  };
}

function toRecord(d: UnansweredDoc): UnansweredRecord {
  return { channel: d.channel, userId: d.userId, text: d.text, intent: d.intent, confidence: d.confidence, createdAt: d.createdAt };
}
