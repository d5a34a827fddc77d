import { assertListLimit } from '../list-limit';
import type { HandoffRecord, HandoffRepository } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';
import { newHandoffRecord } from '../handoff-record';

interface HandoffRow {
  id: string;
  channel: string;
  user_id: string;
  reason: string;
  last_message: string;
  status: 'open' | 'closed';
  created_at: string;
}

const columns = 'id, channel, user_id, reason, last_message, status, created_at';

/** HandoffRepository on the embedded database: at most one open hand-off per channel user. */
export function createSqliteHandoffRepository(db: SqliteDb, now: Clock = systemClock): HandoffRepository {
  const selectOpen = db.prepare<[string, string], HandoffRow>(
    `SELECT ${columns} FROM handoffs WHERE channel = ? AND user_id = ? AND status = 'open'`,
  );
  const insert = db.prepare(
    `INSERT INTO handoffs (${columns}) VALUES (@id, @channel, @userId, @reason, @lastMessage, 'open', @createdAt)`,
  );
  const closeOne = db.prepare(`UPDATE handoffs SET status = 'closed' WHERE id = ?`);
  const listOpen = db.prepare<[number], HandoffRow>(
    `SELECT ${columns} FROM handoffs WHERE status = 'open' ORDER BY created_at ASC, rowid ASC LIMIT ?`,
  );

  const openInTransaction = db.transaction((input: Omit<HandoffRecord, 'id' | 'status' | 'createdAt'>): HandoffRecord => {
    const existing = selectOpen.get(input.channel, input.userId);
    if (existing) return toRecord(existing);
    const record = newHandoffRecord(input, now());
    insert.run({ ...record, createdAt: record.createdAt.toISOString() });
    return record;
  });

  return {
    async open(input) {
      return openInTransaction.immediate(input);
    },
    async findOpen(user) {
      const row = selectOpen.get(user.channel, user.userId);
      return row ? toRecord(row) : undefined;
    },
    async close(id) {
      closeOne.run(id);
    },
    async listOpen(limit) {
      assertListLimit(limit);
      return listOpen.all(limit).map(toRecord);
    },
  };
}

function toRecord(r: HandoffRow): HandoffRecord {
  return {
    id: r.id,
    channel: r.channel,
    userId: r.user_id,
    reason: r.reason,
    lastMessage: r.last_message,
    status: r.status,
    createdAt: new Date(r.created_at),
  };
}
