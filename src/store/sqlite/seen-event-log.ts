import type { SeenEventLog } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';

/** Expired keys are deleted at most this often, from inside `firstSeen`, so the table holds about one TTL of keys. */
const PURGE_EVERY_MS = 10 * 60_000;

/** SeenEventLog on the embedded database: one row per key, shared by every process that opens the file. */
export function createSqliteSeenEventLog(db: SqliteDb, now: Clock = systemClock): SeenEventLog {
  // Inserts the key, or takes over its expired row; `changes` is 0 only while a live record exists.
  const record = db.prepare(
    `INSERT INTO seen_events (key, expires_at) VALUES (@key, @expiresAt)
     ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_events.expires_at <= @now`,
  );
  const purge = db.prepare('DELETE FROM seen_events WHERE expires_at <= ?');
  let nextPurgeAt = 0;

  return {
    async firstSeen(key, ttlSeconds) {
      const at = now();
      if (at.getTime() >= nextPurgeAt) {
        purge.run(at.toISOString());
        nextPurgeAt = at.getTime() + PURGE_EVERY_MS;
      }
      const expiresAt = new Date(at.getTime() + ttlSeconds * 1000).toISOString();
      return record.run({ key, expiresAt, now: at.toISOString() }).changes === 1;
    },
  };
}
