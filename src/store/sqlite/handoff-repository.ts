import { formatDayReference, HANDOFF_REFERENCE_PREFIX, referenceDay } from '../day-reference';
import { handoffMessage, handoffRecord } from '../handoff-shape';
import { assertListLimit } from '../list-limit';
import type { ChannelUser, HandoffMessage, HandoffOpenInput, HandoffRecord, HandoffRepository, HandoffSpeaker, HandoffStatus } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';

/** A `handoffs` row as its columns (`handoffColumns`) read. */
export interface HandoffRow {
  id: string;
  channel: string;
  user_id: string;
  locale: string;
  reason: string;
  status: HandoffStatus;
  created_at: string;
  last_message: string;
  citizen_wrote_at: string | null;
  officer_wrote_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  closed_at: string | null;
}

interface MessageRow {
  at: string;
  sender: HandoffSpeaker;
  text: string;
  officer: string | null;
  failure: string | null;
}

/** The columns `HandoffRow` and `toHandoffRecord` read. */
export const handoffColumns =
  'id, channel, user_id, locale, reason, status, created_at, last_message, citizen_wrote_at, officer_wrote_at, claimed_by, claimed_at, closed_at';

/** HandoffRepository on the embedded database: at most one open hand-off per channel user, references numbered per day. */
export function createSqliteHandoffRepository(db: SqliteDb, now: Clock = systemClock): HandoffRepository {
  const selectOpen = db.prepare<[string, string], HandoffRow>(
    `SELECT ${handoffColumns} FROM handoffs WHERE channel = ? AND user_id = ? AND status <> 'closed'`,
  );
  const selectOne = db.prepare<[string], HandoffRow>(`SELECT ${handoffColumns} FROM handoffs WHERE id = ?`);
  const nextSequence = db.prepare<[string], { last_sequence: number }>(
    `INSERT INTO handoff_counters (day, last_sequence) VALUES (?, 1)
     ON CONFLICT(day) DO UPDATE SET last_sequence = last_sequence + 1
     RETURNING last_sequence`,
  );
  const insert = db.prepare(
    `INSERT INTO handoffs (id, day, sequence, channel, user_id, locale, reason, status, created_at, last_message)
     VALUES (@id, @day, @sequence, @channel, @userId, @locale, @reason, 'waiting', @createdAt, '')`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO handoff_messages (handoff_id, at, sender, text, officer, failure) VALUES (@id, @at, @from, @text, @officer, @failure)`,
  );
  // An officer line moves a waiting hand-off on; the times only ever move forward, whatever order lines arrive in.
  const summarise = db.prepare(
    `UPDATE handoffs SET last_message = @text,
       citizen_wrote_at = CASE WHEN @from = 'citizen' THEN max(coalesce(citizen_wrote_at, ''), @at) ELSE citizen_wrote_at END,
       officer_wrote_at = CASE WHEN @from = 'officer' THEN max(coalesce(officer_wrote_at, ''), @at) ELSE officer_wrote_at END,
       status = CASE WHEN @from = 'officer' AND status = 'waiting' THEN 'engaged' ELSE status END
     WHERE id = @id`,
  );
  const selectTranscript = db.prepare<[string, number], MessageRow>(
    `SELECT at, sender, text, officer, failure FROM (
       SELECT id, at, sender, text, officer, failure FROM handoff_messages WHERE handoff_id = ? ORDER BY id DESC LIMIT ?
     ) ORDER BY id`,
  );
  const claimOne = db.prepare<{ id: string; officer: string; at: string; takeOver: number }>(
    `UPDATE handoffs SET status = 'engaged', claimed_at = CASE WHEN claimed_by = @officer THEN claimed_at ELSE @at END, claimed_by = @officer
     WHERE id = @id AND status <> 'closed' AND (claimed_by IS NULL OR claimed_by = @officer OR @takeOver = 1)`,
  );
  const closeOne = db.prepare(`UPDATE handoffs SET status = 'closed', closed_at = ? WHERE id = ? AND status <> 'closed'`);
  const listOpen = db.prepare<[number], HandoffRow>(
    `SELECT ${handoffColumns} FROM handoffs WHERE status <> 'closed' ORDER BY created_at ASC, id ASC LIMIT ?`,
  );

  const selectUser = db.prepare<[string, string], HandoffRow>(`SELECT ${handoffColumns} FROM handoffs WHERE channel = ? AND user_id = ? ORDER BY created_at, id`);
  const selectAllLines = db.prepare<[string], MessageRow>('SELECT at, sender, text, officer, failure FROM handoff_messages WHERE handoff_id = ? ORDER BY id');
  const eraseUserLines = db.prepare('DELETE FROM handoff_messages WHERE handoff_id IN (SELECT id FROM handoffs WHERE channel = ? AND user_id = ?)');
  const eraseUser = db.prepare('DELETE FROM handoffs WHERE channel = ? AND user_id = ?');
  const purgeLines = db.prepare(`DELETE FROM handoff_messages WHERE handoff_id IN (SELECT id FROM handoffs WHERE status = 'closed' AND closed_at < ?)`);
  const purgeClosed = db.prepare(`DELETE FROM handoffs WHERE status = 'closed' AND closed_at < ?`);

  const appendLines = (id: string, messages: readonly HandoffMessage[]) => {
    for (const m of messages) {
      const line = { id, at: m.at.toISOString(), from: m.from, text: m.text, officer: m.officer ?? null, failure: m.failure ?? null };
      insertMessage.run(line);
      summarise.run(line);
    }
  };

  const openTx = db.transaction((input: HandoffOpenInput) => {
    const existing = selectOpen.get(input.channel, input.userId);
    if (existing) return { record: toHandoffRecord(existing), created: false };
    const createdAt = now();
    const day = referenceDay(createdAt);
    const sequence = nextSequence.get(day)!.last_sequence;
    const id = formatDayReference(HANDOFF_REFERENCE_PREFIX, day, sequence);
    const { channel, userId, locale, reason } = input;
    insert.run({ id, day, sequence, channel, userId, locale, reason, createdAt: createdAt.toISOString() });
    appendLines(id, input.transcript);
    return { record: toHandoffRecord(selectOne.get(id)!), created: true };
  });
  const appendTx = db.transaction((id: string, messages: readonly HandoffMessage[]) => {
    if (!selectOne.get(id)) return false;
    appendLines(id, messages);
    return true;
  });
  const claimTx = db.transaction((id: string, officer: string, at: Date, takeOver: boolean) => {
    const changed = claimOne.run({ id, officer, at: at.toISOString(), takeOver: takeOver ? 1 : 0 }).changes === 1;
    return changed ? toHandoffRecord(selectOne.get(id)!) : undefined;
  });
  // Lines first, then the hand-offs they belong to; one transaction, so no line outlives its hand-off.
  const eraseTx = db.transaction((user: ChannelUser) => eraseUserLines.run(user.channel, user.userId).changes + eraseUser.run(user.channel, user.userId).changes);
  const purgeTx = db.transaction((before: string) => purgeLines.run(before).changes + purgeClosed.run(before).changes);
  const closeTx = db.transaction((id: string, at: Date) => {
    const changed = closeOne.run(at.toISOString(), id).changes === 1;
    return changed ? toHandoffRecord(selectOne.get(id)!) : undefined;
  });

  return {
    async open(input) {
      // IMMEDIATE: another process sharing the file must wait for the counter, not fail on a busy upgrade.
      return openTx.immediate(input);
    },
    async findOpen(user) {
      const row = selectOpen.get(user.channel, user.userId);
      return row ? toHandoffRecord(row) : undefined;
    },
    async get(id) {
      const row = selectOne.get(id);
      return row ? toHandoffRecord(row) : undefined;
    },
    async transcript(id, limit) {
      assertListLimit(limit);
      return selectTranscript.all(id, limit).map(toMessage);
    },
    async append(id, messages) {
      return appendTx.immediate(id, messages);
    },
    async claim(id, officer, at, takeOver) {
      return claimTx.immediate(id, officer, at, takeOver);
    },
    async close(id, at) {
      return closeTx.immediate(id, at);
    },
    async listOpen(limit) {
      assertListLimit(limit);
      return listOpen.all(limit).map(toHandoffRecord);
    },
    async exportUser(user) {
      return selectUser.all(user.channel, user.userId).map((r) => ({ ...toHandoffRecord(r), transcript: selectAllLines.all(r.id).map(toMessage) }));
    },
    async eraseUser(user) {
      return eraseTx.immediate(user);
    },
    async purgeOlderThan(before) {
      return purgeTx.immediate(before.toISOString());
    },
  };
}

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

export function toHandoffRecord(r: HandoffRow): HandoffRecord {
  return handoffRecord({
    id: r.id,
    channel: r.channel,
    userId: r.user_id,
    locale: r.locale,
    reason: r.reason,
    status: r.status,
    createdAt: new Date(r.created_at),
    lastMessage: r.last_message,
    citizenWroteAt: date(r.citizen_wrote_at),
    officerWroteAt: date(r.officer_wrote_at),
    claimedBy: r.claimed_by,
    claimedAt: date(r.claimed_at),
    closedAt: date(r.closed_at),
  });
}

function toMessage(r: MessageRow): HandoffMessage {
  return handoffMessage({ at: new Date(r.at), from: r.sender, text: r.text, officer: r.officer, failure: r.failure });
}
