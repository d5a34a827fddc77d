import type { ChannelTokenRepository, ChannelTokens } from '../ports';
import type { ChannelTokenDoc, ChannelTokenModel } from './channel-token-models';

const DUPLICATE_KEY = 11000;

/** ChannelTokenRepository on MongoDB, mirroring SQLite: every change is one conditional update. */
export function createMongoChannelTokenRepository(model: ChannelTokenModel): ChannelTokenRepository {
  return {
    async get(channel) {
      const doc = await model.findById(channel).lean<ChannelTokenDoc>();
      return doc ? toTokens(doc) : undefined;
    },
    async seed(channel, seed, pair, at) {
      try {
        // A record from the same seed does not match, so the upsert tries to insert its _id and fails: nothing written.
        const done = await model.updateOne({ _id: channel, seed: { $ne: seed } }, { $set: { ...pair, seed, updatedAt: at, failure: null } }, { upsert: true });
        return done.modifiedCount + done.upsertedCount === 1;
      } catch (err) {
        if ((err as { code?: number }).code === DUPLICATE_KEY) return false;
        throw err;
      }
    },
    async rotate(channel, expected, next, at) {
      const done = await model.updateOne({ _id: channel, refreshToken: expected }, { $set: { ...next, updatedAt: at, failure: null } });
      return done.modifiedCount === 1;
    },
    async recordFailure(channel, expected, failure) {
      const done = await model.updateOne({ _id: channel, refreshToken: expected }, { $set: { failure } });
      return done.matchedCount === 1;
    },
  };
}

function toTokens(doc: ChannelTokenDoc): ChannelTokens {
  const { accessToken, refreshToken, accessExpiresAt, seed, updatedAt, failure } = doc;
  const tokens: ChannelTokens = { accessToken, refreshToken, accessExpiresAt, seed, updatedAt };
  if (failure) tokens.failure = { at: failure.at, reason: failure.reason, terminal: failure.terminal };
  return tokens;
}
