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
  const recordAll = db.transaction((batch: readonly Waiting[]) => {
    const at = now();
    if (at.getTime() >= nextPurgeAt) {
      purge.run(at.toISOString());
      nextPurgeAt = at.getTime() + PURGE_EVERY_MS;
    }
    return batch.map(({ key, ttlSeconds }) => record.run({ key, expiresAt: new Date(at.getTime() + ttlSeconds * 1000).toISOString(), now: at.toISOString() }).changes === 1);
  });
  // The keys asked in one turn of the event loop are written in one transaction, in the order asked: a fan-out
  // records the id of every message it sends, and a transaction per id cost about half as much as the HTTP call.
  let waiting: Waiting[] = [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    try {
      recordAll(batch).forEach((first, i) => batch[i]!.resolve(first));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };

  return {
    firstSeen(key, ttlSeconds) {
      return new Promise((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ key, ttlSeconds, resolve, reject });
      });
    },
  };
}

interface Waiting {
  key: string;
  ttlSeconds: number;
  resolve: (first: boolean) => void;
  reject: (err: unknown) => void;
}
