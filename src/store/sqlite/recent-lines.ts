import { RECENT_LINE_WINDOW, type RecentLine, type RecentLinesAppend, type RecentLineStore } from '../ports';
import type { Statement } from 'better-sqlite3';
import type { SqliteDb } from './database';
import { isoTime } from '../../util/iso-time';

interface LineRow {
  at: string;
  speaker: RecentLine['from'];
  text: string;
}

const toLine = (row: LineRow): RecentLine => ({ at: new Date(row.at), from: row.speaker, text: row.text });

/**
 * RecentLineStore on the embedded database: `conversation_lines` holds each conversation's window in
 * RECENT_LINE_WINDOW slots (a ring: line `seq` goes to slot `seq % RECENT_LINE_WINDOW`), ordered by `seq`.
 */
export function createSqliteRecentLines(db: SqliteDb): RecentLineStore {
  const append = prepareRecentLinesAppend(db);
  const selectRecent = db.prepare<[string, string, number], LineRow>(
    `SELECT at, speaker, text FROM (
       SELECT seq, at, speaker, text FROM conversation_lines WHERE channel = ? AND user_id = ? ORDER BY seq DESC LIMIT ?
     ) ORDER BY seq`,
  );
  const selectUser = db.prepare<[string, string], LineRow>('SELECT at, speaker, text FROM conversation_lines WHERE channel = ? AND user_id = ? ORDER BY seq');
  const eraseUser = db.prepare('DELETE FROM conversation_lines WHERE channel = ? AND user_id = ?');
  // A conversation's lines age together, by its newest line (as they went with the conversation's memory before).
  const purge = db.prepare(
    `DELETE FROM conversation_lines WHERE (channel, user_id) IN (
       SELECT channel, user_id FROM conversation_lines GROUP BY channel, user_id HAVING MAX(at) < ?
     )`,
  );
  const appendAll = db.transaction(append);
  return {
    async recent(user, limit) {
      return selectRecent.all(user.channel, user.userId, limit).map(toLine);
    },
    async append(input) {
      appendAll(input);
    },
    async exportUser(user) {
      return selectUser.all(user.channel, user.userId).map(toLine);
    },
    async eraseUser(user) {
      return eraseUser.run(user.channel, user.userId).changes;
    },
    async purgeOlderThan(before) {
      return purge.run(before.toISOString()).changes;
    },
  };
}

/**
 * `RecentLineStore.append` as a synchronous function, so a turn's lines share its transaction (turn-writer.ts): one
 * statement per append, whatever its number of lines, which takes the conversation's next `seq` once (an index probe of
 * at most RECENT_LINE_WINDOW entries) and writes each line's slot over the line that falls out of the window. No
 * trimming statement: the window never grows. Lines beyond the window's length are never kept, so only the newest
 * RECENT_LINE_WINDOW of an append are written (each to its own slot). One statement per number of lines, prepared
 * when first needed.
 */
export function prepareRecentLinesAppend(db: SqliteDb): (input: RecentLinesAppend) => void {
  const statements: Statement[] = [];
  // The SELECT reads the table it inserts into, so SQLite computes all its rows (and `next` once) before writing.
  const prepare = (count: number): Statement =>
    db.prepare(
      `INSERT INTO conversation_lines (channel, user_id, slot, seq, at, speaker, text)
         SELECT @channel, @user, (n.next + v.column1) % ${RECENT_LINE_WINDOW}, n.next + v.column1, v.column2, v.column3, v.column4
         FROM (SELECT coalesce(max(seq), -1) + 1 AS next FROM conversation_lines WHERE channel = @channel AND user_id = @user) AS n,
              (VALUES ${Array.from({ length: count }, (_, i) => `(${i}, ?, ?, ?)`).join(', ')}) AS v
         WHERE true -- an upsert's SELECT needs a WHERE, or SQLite reads ON CONFLICT as a join's (sqlite.org/lang_upsert.html)
       ON CONFLICT (channel, user_id, slot) DO UPDATE SET seq = excluded.seq, at = excluded.at, speaker = excluded.speaker, text = excluded.text`,
    );
  // The statement's text is built only when its line count is first seen.
  const statementFor = (count: number): Statement => (statements[count] ??= prepare(count));
  return ({ user, lines }) => {
    const kept = lines.length > RECENT_LINE_WINDOW ? lines.slice(-RECENT_LINE_WINDOW) : lines;
    if (kept.length === 0) return;
    const values: unknown[] = [];
    for (const line of kept) values.push(isoTime(line.at), line.from, line.text);
    statementFor(kept.length).run(...values, { channel: user.channel, user: user.userId });
  };
}
