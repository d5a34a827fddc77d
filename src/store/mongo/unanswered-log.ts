import { trusted } from 'mongoose';
import { assertListLimit } from '../list-limit';
import type { UnansweredLog, UnansweredRecord } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { MongoModels, UnansweredDoc } from './models';

/** UnansweredLog on MongoDB, newest first. */
export function createMongoUnansweredLog(model: MongoModels['unanswered'], now: Clock = systemClock): UnansweredLog {
  return {
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
    async exportUser(user) {
      const docs = await model.find({ channel: user.channel, userId: user.userId }).sort({ createdAt: 1, _id: 1 }).lean<UnansweredDoc[]>();
      return docs.map(toRecord);
    },
    async eraseUser(user) {
      return (await model.deleteMany({ channel: user.channel, userId: user.userId })).deletedCount;
    },
    async purgeOlderThan(before) {
      return (await model.deleteMany({ createdAt: trusted({ $lt: before }) })).deletedCount;
    },
  };
}

function toRecord(d: UnansweredDoc): UnansweredRecord {
  return { channel: d.channel, userId: d.userId, text: d.text, intent: d.intent, confidence: d.confidence, createdAt: d.createdAt };
}
