import { assertListLimit } from '../list-limit';
import type { UnansweredLog, UnansweredRecord } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { citizenRows } from './citizen-rows';
import type { SqliteDb } from './database';

const columns = 'channel, user_id, text, intent, confidence, created_at';

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
  const select = db.prepare<[number], UnansweredRow>(`SELECT ${columns} FROM unanswered ORDER BY created_at DESC, id DESC LIMIT ?`);

  return {
    ...citizenRows(db, { table: 'unanswered', columns, order: 'created_at, id', exported: toRecord }),
    async add(input) {
      const { channel, userId, text, intent, confidence } = input;
      insert.run({ channel, userId, text, intent, confidence, createdAt: now().toISOString() });
    },
    async list(limit) {
      assertListLimit(limit);
      return select.all(limit).map(toRecord);
    },
  };
}

function toRecord(r: UnansweredRow): UnansweredRecord {
  return { channel: r.channel, userId: r.user_id, text: r.text, intent: r.intent, confidence: r.confidence, createdAt: new Date(r.created_at) };
}
