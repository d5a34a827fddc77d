import { FEEDBACK_REFERENCE_PREFIX, formatDayReference, referenceDay } from '../day-reference';
import { assertListLimit } from '../list-limit';
import type { FeedbackRecord, FeedbackRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import { citizenRows } from './citizen-rows';
import type { SqliteDb } from './database';

const columns = 'reference, channel, user_id, text, created_at';

interface FeedbackRow {
  reference: string;
  channel: string;
  user_id: string;
  text: string;
  created_at: string;
}

/** FeedbackRepository on the embedded database; the daily counter and the row are written in one transaction. */
export function createSqliteFeedbackRepository(db: SqliteDb, now: Clock = systemClock): FeedbackRepository {
  const nextSequence = db.prepare<[string], { last_sequence: number }>(
    `INSERT INTO feedback_counters (day, last_sequence) VALUES (?, 1)
     ON CONFLICT(day) DO UPDATE SET last_sequence = last_sequence + 1
     RETURNING last_sequence`,
  );
  const insert = db.prepare(
    `INSERT INTO feedback (reference, day, sequence, channel, user_id, text, created_at)
     VALUES (@reference, @day, @sequence, @channel, @userId, @text, @createdAt)`,
  );
  const select = db.prepare<[number], FeedbackRow>(`SELECT ${columns} FROM feedback ORDER BY created_at DESC, day DESC, sequence DESC LIMIT ?`);

  const addInTransaction = db.transaction((input: Omit<FeedbackRecord, 'reference' | 'createdAt'>): FeedbackRecord => {
    const createdAt = now();
    const day = referenceDay(createdAt);
    const sequence = nextSequence.get(day)!.last_sequence;
    const reference = formatDayReference(FEEDBACK_REFERENCE_PREFIX, day, sequence);
    const { channel, userId, text } = input;
    insert.run({ reference, day, sequence, channel, userId, text, createdAt: createdAt.toISOString() });
    return { reference, channel, userId, text, createdAt };
  });

  return {
    ...citizenRows(db, { table: 'feedback', columns, order: 'created_at, day, sequence', exported: toRecord }),
    async add(input) {
      // IMMEDIATE: another process sharing the file must wait for the counter, not fail on a busy upgrade.
      return addInTransaction.immediate(input);
    },
    async list(limit) {
      assertListLimit(limit);
      return select.all(limit).map(toRecord);
    },
  };
}

function toRecord(r: FeedbackRow): FeedbackRecord {
  return { reference: r.reference, channel: r.channel, userId: r.user_id, text: r.text, createdAt: new Date(r.created_at) };
}
