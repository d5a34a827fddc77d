import { assertListLimit } from '../list-limit';
import type { UnansweredLog, UnansweredRecord } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';

interface UnansweredRow {
  channel: string;
  user_id: string;
  text: string;
  intent: string;
  confidence: number;
  created_at: string;
}

/** UnansweredLog on the embedded database, newest first. */
export function createSqliteUnansweredLog(db: SqliteDb, now: Clock = systemClock): UnansweredLog {
  const insert = db.prepare(
    `INSERT INTO unanswered (channel, user_id, text, intent, confidence, created_at)
     VALUES (@channel, @userId, @text, @intent, @confidence, @createdAt)`,
  );
  const select = db.prepare<[number], UnansweredRow>(
    `SELECT channel, user_id, text, intent, confidence, created_at FROM unanswered
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );

  const selectUser = db.prepare<[string, string], UnansweredRow>(
    'SELECT channel, user_id, text, intent, confidence, created_at FROM unanswered WHERE channel = ? AND user_id = ? ORDER BY created_at, id',
  );
  const eraseUser = db.prepare('DELETE FROM unanswered WHERE channel = ? AND user_id = ?');
  const purge = db.prepare('DELETE FROM unanswered WHERE created_at < ?');

  return {
    async add(input) {
      const { channel, userId, text, intent, confidence } = input;
      insert.run({ channel, userId, text, intent, confidence, createdAt: now().toISOString() });
    },
    async list(limit) {
      assertListLimit(limit);
      return select.all(limit).map(toRecord);
    },
    async exportUser(user) {
      return selectUser.all(user.channel, user.userId).map(toRecord);
    },
    async eraseUser(user) {
      return eraseUser.run(user.channel, user.userId).changes;
    },
    async purgeOlderThan(before) {
      return purge.run(before.toISOString()).changes;
    },
  };
}

function toRecord(r: UnansweredRow): UnansweredRecord {
  return { channel: r.channel, userId: r.user_id, text: r.text, intent: r.intent, confidence: r.confidence, createdAt: new Date(r.created_at) };
}
