import { randomUUID } from 'node:crypto';
import { ETagConflictError, type ChannelUser, type StateRecord, type StateStore } from '../ports';
import { stateToJson } from '../state-json';
import { isUserStateKey } from '../state-keys';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';
import { isoTime } from '../../util/iso-time';

/** StateStore on the embedded database: compare-and-set on the eTag in one statement. */
export function createSqliteStateStore(db: SqliteDb, now: Clock = systemClock): StateStore {
  const select = db.prepare<[string], { data: string; etag: string }>('SELECT data, etag FROM state WHERE key = ?');
  const write = prepareStateWrite(db, now);
  const remove = db.prepare('DELETE FROM state WHERE key = ?');
  const purge = db.prepare('DELETE FROM state WHERE updated_at < ?');
  // Candidates by the key index ('.' follows '-'), then the exact rule in one place (state-keys.ts).
  const selectUserKeys = db.prepare<{ exact: string; prefix: string; end: string; suffix: string }, { key: string; data: string; updated_at: string }>(
    `SELECT key, data, updated_at FROM state
     WHERE key = @exact OR (key > @prefix AND key < @end AND substr(key, -length(@suffix)) = @suffix)`,
  );
  const userRows = (user: ChannelUser) =>
    selectUserKeys
      .all({ exact: `${user.channel}/${user.userId}`, prefix: `${user.channel}-`, end: `${user.channel}.`, suffix: `/${user.userId}` })
      .filter((r) => isUserStateKey(r.key, user));

  return {
    async read<T>(key: string): Promise<StateRecord<T> | undefined> {
      const row = select.get(key);
      return row ? { data: JSON.parse(row.data) as T, eTag: row.etag } : undefined;
    },
    async write(key, data, expectedETag) {
      return write(key, stateToJson(key, data), expectedETag);
    },
    async delete(key) {
      remove.run(key);
    },
    async purgeOlderThan(before) {
      return purge.run(before.toISOString()).changes;
    },
    async exportUser(user) {
      return userRows(user).map((r) => ({ key: r.key, data: JSON.parse(r.data) as unknown, updatedAt: new Date(r.updated_at) }));
    },
    async eraseUser(user) {
      return db.transaction(() => userRows(user).reduce((n, r) => n + remove.run(r.key).changes, 0)).immediate();
    },
  };
}

/**
 * `StateStore.write` of already serialised data (`stateToJson`) as a synchronous function, so a turn's writes can share
 * one transaction (turn-writer.ts).
 */
export function prepareStateWrite(db: SqliteDb, now: Clock): (key: string, json: string, expectedETag: string | null | '*') => string {
  const insert = db.prepare('INSERT INTO state (key, data, etag, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING');
  const upsert = db.prepare(
    `INSERT INTO state (key, data, etag, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET data = excluded.data, etag = excluded.etag, updated_at = excluded.updated_at`,
  );
  const update = db.prepare('UPDATE state SET data = ?, etag = ?, updated_at = ? WHERE key = ? AND etag = ?');
  return (key, json, expectedETag) => {
    const eTag = randomUUID();
    const at = isoTime(now());
    let changes: number;
    if (expectedETag === '*') changes = upsert.run(key, json, eTag, at).changes;
    else if (expectedETag === null) changes = insert.run(key, json, eTag, at).changes;
    else changes = update.run(json, eTag, at, key, expectedETag).changes;
    if (changes !== 1) throw new ETagConflictError(key);
    return eTag;
  };
}
