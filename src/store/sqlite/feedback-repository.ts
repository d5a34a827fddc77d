import { FEEDBACK_REFERENCE_PREFIX, formatDayReference, referenceDay } from '../day-reference';
import { assertListLimit } from '../list-limit';
import type { FeedbackRecord, FeedbackRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';

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
  const select = db.prepare<[number], FeedbackRow>(
    `SELECT reference, channel, user_id, text, created_at FROM feedback
     ORDER BY created_at DESC, day DESC, sequence DESC LIMIT ?`,
  );

  const selectUser = db.prepare<[string, string], FeedbackRow>(
    'SELECT reference, channel, user_id, text, created_at FROM feedback WHERE channel = ? AND user_id = ? ORDER BY created_at, day, sequence',
  );
  const eraseUser = db.prepare('DELETE FROM feedback WHERE channel = ? AND user_id = ?');
  const purge = db.prepare('DELETE FROM feedback WHERE created_at < ?');

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
    async add(input) {
      // IMMEDIATE: another process sharing the file must wait for the counter, not fail on a busy upgrade.
      return addInTransaction.immediate(input);
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

function toRecord(r: FeedbackRow): FeedbackRecord {
  return { reference: r.reference, channel: r.channel, userId: r.user_id, text: r.text, createdAt: new Date(r.created_at) };
}
