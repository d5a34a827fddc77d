import type { ChannelTokenRepository, ChannelTokens } from '../ports';
import type { SqliteDb } from './database';

interface TokenRow {
  access_token: string;
  refresh_token: string;
  access_expires_at: string;
  seed: string;
  updated_at: string;
  failed_at: string | null;
  failure_reason: string | null;
  failure_terminal: number | null;
}

/** ChannelTokenRepository on the embedded database: every change is one conditional statement. */
export function createSqliteChannelTokenRepository(db: SqliteDb): ChannelTokenRepository {
  const select = db.prepare<[string], TokenRow>('SELECT * FROM channel_tokens WHERE channel = ?');
  const seed = db.prepare(
    `INSERT INTO channel_tokens (channel, access_token, refresh_token, access_expires_at, seed, updated_at)
     VALUES (@channel, @accessToken, @refreshToken, @expiresAt, @seed, @at)
     ON CONFLICT (channel) DO UPDATE SET
       access_token = excluded.access_token, refresh_token = excluded.refresh_token,
       access_expires_at = excluded.access_expires_at, seed = excluded.seed, updated_at = excluded.updated_at,
       failed_at = NULL, failure_reason = NULL, failure_terminal = NULL
     WHERE channel_tokens.seed <> excluded.seed`,
  );
  const rotate = db.prepare(
    `UPDATE channel_tokens SET access_token = @accessToken, refresh_token = @refreshToken, access_expires_at = @expiresAt,
       updated_at = @at, failed_at = NULL, failure_reason = NULL, failure_terminal = NULL
     WHERE channel = @channel AND refresh_token = @expected`,
  );
  const fail = db.prepare(
    'UPDATE channel_tokens SET failed_at = ?, failure_reason = ?, failure_terminal = ? WHERE channel = ? AND refresh_token = ?',
  );

  return {
    async get(channel) {
      const row = select.get(channel);
      return row && toTokens(row);
    },
    async seed(channel, seedDigest, pair, at) {
      const { accessToken, refreshToken } = pair;
      const params = { channel, accessToken, refreshToken, expiresAt: pair.accessExpiresAt.toISOString(), seed: seedDigest, at: at.toISOString() };
      return seed.run(params).changes === 1;
    },
    async rotate(channel, expected, next, at) {
      const { accessToken, refreshToken } = next;
      const params = { channel, expected, accessToken, refreshToken, expiresAt: next.accessExpiresAt.toISOString(), at: at.toISOString() };
      return rotate.run(params).changes === 1;
    },
    async recordFailure(channel, expected, failure) {
      return fail.run(failure.at.toISOString(), failure.reason, Number(failure.terminal), channel, expected).changes === 1;
    },
  };
}

function toTokens(row: TokenRow): ChannelTokens {
  const tokens: ChannelTokens = {
    accessToken: row.access_token,
    refreshToken: row.refresh_token,
    accessExpiresAt: new Date(row.access_expires_at),
    seed: row.seed,
    updatedAt: new Date(row.updated_at),
  };
  if (row.failed_at) tokens.failure = { at: new Date(row.failed_at), reason: row.failure_reason ?? '', terminal: row.failure_terminal === 1 };
  return tokens;
}
