import { randomUUID } from 'node:crypto';
import { trusted } from 'mongoose';
import { ETagConflictError, type ChannelUser, type StateRecord, type StateStore } from '../ports';
import { stateToJson } from '../state-json';
import { isUserStateKey } from '../state-keys';
import { systemClock, type Clock } from '../store-options';
import { isDuplicateKeyError } from './connection';
import type { MongoModels, StateDoc } from './models';

/** StateStore on MongoDB: compare-and-set by matching the expected eTag in the update filter. */
export function createMongoStateStore(model: MongoModels['state'], now: Clock = systemClock): StateStore {
  // The anchored prefix makes the regex an index range on _id; the rule itself stays in one place (state-keys.ts).
  const userDocs = async (user: ChannelUser) => {
    const part = `^${escapeRegExp(`${user.channel}-`)}[^/]*${escapeRegExp(`/${user.userId}`)}$`;
    const docs = await model.find(trusted({ $or: [{ _id: `${user.channel}/${user.userId}` }, { _id: { $regex: part } }] })).lean<StateDoc[]>();
    return docs.filter((d) => isUserStateKey(d._id, user));
  };
  return {
    async read<T>(key: string): Promise<StateRecord<T> | undefined> {
      const doc = await model.findById(key).lean<StateDoc>();
      return doc ? { data: JSON.parse(doc.data) as T, eTag: doc.eTag } : undefined;
    },
    async write(key, data, expectedETag) {
      const eTag = randomUUID();
      const fields = { data: stateToJson(key, data), eTag, updatedAt: now() };
      if (expectedETag === '*') {
        await model.updateOne({ _id: key }, { $set: fields }, { upsert: true });
      } else if (expectedETag === null) {
        try {
          await model.insertOne({ _id: key, ...fields });
        } catch (err) {
          if (isDuplicateKeyError(err)) throw new ETagConflictError(key);
          throw err;
        }
      } else {
        const result = await model.updateOne({ _id: key, eTag: expectedETag }, { $set: fields });
        if (result.matchedCount === 0) throw new ETagConflictError(key);
      }
      return eTag;
    },
    async delete(key) {
      await model.deleteOne({ _id: key });
    },
    async purgeOlderThan(before) {
      const result = await model.deleteMany({ updatedAt: trusted({ $lt: before }) });
      return result.deletedCount;
    },
    async exportUser(user) {
      return (await userDocs(user)).map((d) => ({ key: d._id, data: JSON.parse(d.data) as unknown, updatedAt: d.updatedAt }));
    },
    async eraseUser(user) {
      const keys = (await userDocs(user)).map((d) => d._id);
      if (keys.length === 0) return 0;
      return (await model.deleteMany({ _id: trusted({ $in: keys }) })).deletedCount;
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
