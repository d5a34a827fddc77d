import { trusted } from 'mongoose';
import type { SeenEventLog } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { isDuplicateKeyError } from './connection';
import type { InboundModels } from './inbound-models';

/** SeenEventLog on MongoDB, mirroring SQLite: an upsert that only matches an expired record. */
export function createMongoSeenEventLog(model: InboundModels['seenEvents'], now: Clock = systemClock): SeenEventLog {
  return {
    async firstSeen(key, ttlSeconds) {
      const at = now();
      try {
        // A live record does not match the filter, so the upsert tries to insert its _id again and is refused.
        await model.updateOne(
          { _id: key, expiresAt: trusted({ $lte: at }) },
          { $set: { expiresAt: new Date(at.getTime() + ttlSeconds * 1000) } },
          { upsert: true },
        );
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
  };
}
