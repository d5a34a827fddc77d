import { randomUUID } from 'node:crypto';
import { summarise } from '../delivery-report';
import { assertListLimit } from '../list-limit';
import { CANCELLED_REASON, type Announcement, type AnnouncementRepository, type AnnouncementStatus, type DeliveryRow, type PlannedRecipient } from '../ports';
import type { SqliteDb } from './database';

interface AnnouncementRow {
  id: string;
  title: string;
  body: string;
  topics: string;
  channels: string;
  communes: string;
  status: AnnouncementStatus;
  author: string;
  created_at: string;
  updated_at: string;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  cursor_channel: string | null;
  cursor_user_id: string | null;
  planned: number;
}

interface DeliveryRecord {
  announcement_id: string;
  channel: string;
  user_id: string;
  locale: string;
  outcome: DeliveryRow['outcome'];
  reason: string | null;
  updated_at: string;
}

/** AnnouncementRepository on the embedded database: each step that must not be split is one transaction. */
export function createSqliteAnnouncementRepository(db: SqliteDb): AnnouncementRepository {
  const select = db.prepare<[string], AnnouncementRow>('SELECT * FROM announcements WHERE id = ?');
  const insertDelivery = db.prepare(
    `INSERT INTO announcement_deliveries (announcement_id, channel, user_id, locale, outcome, reason, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const moveCursor = db.prepare('UPDATE announcements SET cursor_channel = ?, cursor_user_id = ?, planned = ?, updated_at = ? WHERE id = ?');
  const pendingRows = db.prepare<[string, number], DeliveryRecord>(
    `SELECT * FROM announcement_deliveries WHERE announcement_id = ? AND outcome = 'pending' ORDER BY channel, user_id LIMIT ?`,
  );
  const takeOne = db.prepare(
    `UPDATE announcement_deliveries SET outcome = 'attempting', updated_at = ?
     WHERE announcement_id = ? AND channel = ? AND user_id = ? AND outcome = 'pending'`,
  );
  const selectOne = db.prepare<[string, string, string], DeliveryRecord>(
    'SELECT * FROM announcement_deliveries WHERE announcement_id = ? AND channel = ? AND user_id = ?',
  );
  const lastSent = db.prepare<[string, string, string], DeliveryRecord>(
    `SELECT * FROM announcement_deliveries WHERE channel = ? AND user_id = ? AND outcome IN ('sent', 'attempting') AND updated_at > ?
     ORDER BY updated_at DESC LIMIT 1`,
  );
  const settleOne = db.prepare(
    `UPDATE announcement_deliveries SET outcome = ?, reason = ?, updated_at = ?
     WHERE announcement_id = ? AND channel = ? AND user_id = ? AND outcome = 'attempting'`,
  );

  const planTx = db.transaction((id: string, recipients: readonly PlannedRecipient[], cursor: PlannedRecipient | undefined, last: boolean, at: string) => {
    const fresh: PlannedRecipient[] = [];
    for (const r of recipients) {
      const outcome = r.skip ? 'skipped' : 'pending';
      if (insertDelivery.run(id, r.channel, r.userId, r.locale, outcome, r.skip ?? null, at).changes === 1) fresh.push(r);
    }
    moveCursor.run(cursor?.channel ?? null, cursor?.userId ?? null, last ? 1 : 0, at, id);
    return fresh;
  });
  const takeTx = db.transaction((id: string, limit: number, at: string, only: readonly { channel: string; userId: string }[] | undefined) => {
    const candidates = only ?? pendingRows.all(id, limit).map((r) => ({ channel: r.channel, userId: r.user_id }));
    const taken: DeliveryRow[] = [];
    for (const c of candidates.slice(0, limit)) {
      if (takeOne.run(at, id, c.channel, c.userId).changes === 1) taken.push(toDelivery(selectOne.get(id, c.channel, c.userId)!));
    }
    return taken;
  });
  const settleTx = db.transaction((id: string, results: readonly { channel: string; userId: string; outcome: string; reason?: string }[], at: string) => {
    for (const r of results) settleOne.run(r.outcome, r.reason ?? null, at, id, r.channel, r.userId);
  });

  return {
    async create(draft, author, at) {
      const id = randomUUID();
      const iso = at.toISOString();
      db.prepare(
        `INSERT INTO announcements (id, title, body, topics, channels, communes, status, author, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)`,
      ).run(id, draft.title, draft.body, JSON.stringify(draft.topics), JSON.stringify(draft.channels), JSON.stringify(draft.communes), author, iso, iso);
      return toAnnouncement(select.get(id)!);
    },
    async get(id) {
      const row = select.get(id);
      return row && toAnnouncement(row);
    },
    async list(limit, statuses) {
      assertListLimit(limit);
      const where = statuses?.length ? `WHERE status IN (${statuses.map(() => '?').join(', ')})` : '';
      const rows = db.prepare(`SELECT * FROM announcements ${where} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...(statuses ?? []), limit) as AnnouncementRow[];
      return rows.map(toAnnouncement);
    },
    async edit(id, draft, at) {
      const changed = db
        .prepare(
          `UPDATE announcements SET title = ?, body = ?, topics = ?, channels = ?, communes = ?, updated_at = ?
           WHERE id = ? AND status IN ('draft', 'scheduled')`,
        )
        .run(draft.title, draft.body, JSON.stringify(draft.topics), JSON.stringify(draft.channels), JSON.stringify(draft.communes), at.toISOString(), id);
      return changed.changes === 1 ? toAnnouncement(select.get(id)!) : undefined;
    },
    async transition(id, from, to, at, scheduledAt) {
      const iso = at.toISOString();
      const stamp = to === 'sending' ? ', started_at = coalesce(started_at, @at)' : to === 'done' || to === 'cancelled' ? ', finished_at = @at' : '';
      const schedule = to === 'scheduled' ? ', scheduled_at = @scheduledAt' : '';
      const changed = db
        .prepare(`UPDATE announcements SET status = @to, updated_at = @at${stamp}${schedule} WHERE id = @id AND status IN (${from.map((_, i) => `@from${i}`).join(', ')})`)
        .run({ id, to, at: iso, ...(to === 'scheduled' ? { scheduledAt: (scheduledAt ?? at).toISOString() } : {}), ...Object.fromEntries(from.map((f, i) => [`from${i}`, f])) });
      return changed.changes === 1 ? toAnnouncement(select.get(id)!) : undefined;
    },
    async due(at, limit) {
      assertListLimit(limit);
      const rows = db
        .prepare(`SELECT * FROM announcements WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id LIMIT ?`)
        .all(at.toISOString(), limit) as AnnouncementRow[];
      return rows.map(toAnnouncement);
    },
    async plan(id, recipients, cursor, last, at) {
      return planTx(id, recipients, cursor && { ...cursor, locale: '' }, last, at.toISOString());
    },
    async take(id, limit, at, only) {
      assertListLimit(limit);
      return takeTx.immediate(id, limit, at.toISOString(), only);
    },
    async settle(id, results, at) {
      settleTx(id, results, at.toISOString());
    },
    async resolveInDoubt(id, before) {
      return db
        .prepare(
          `UPDATE announcement_deliveries SET outcome = 'failed', reason = 'in_doubt'
           WHERE announcement_id = ? AND outcome = 'attempting' AND updated_at < ?`,
        )
        .run(id, before.toISOString()).changes;
    },
    async cancelPending(id, at) {
      return db
        .prepare(`UPDATE announcement_deliveries SET outcome = 'skipped', reason = ?, updated_at = ? WHERE announcement_id = ? AND outcome = 'pending'`)
        .run(CANCELLED_REASON, at.toISOString(), id).changes;
    },
    async report(id) {
      const rows = db
        .prepare(`SELECT outcome, reason, count(*) AS n FROM announcement_deliveries WHERE announcement_id = ? GROUP BY outcome, reason`)
        .all(id) as { outcome: DeliveryRow['outcome']; reason: string | null; n: number }[];
      return summarise(rows.map((r) => ({ outcome: r.outcome, reason: r.reason ?? undefined, n: r.n })));
    },
    async lastSentTo(user, since) {
      const row = lastSent.get(user.channel, user.userId, since.toISOString());
      return row && toDelivery(row);
    },
    async deliveries(id, limit, outcome, after) {
      assertListLimit(limit);
      const rows = db
        .prepare(
          `SELECT * FROM announcement_deliveries WHERE announcement_id = @id${outcome ? ' AND outcome = @outcome' : ''}
           ${after ? 'AND (channel, user_id) > (@channel, @userId)' : ''} ORDER BY channel, user_id LIMIT @limit`,
        )
        .all({ id, limit, ...(outcome ? { outcome } : {}), ...(after ? { channel: after.channel, userId: after.userId } : {}) });
      return (rows as DeliveryRecord[]).map(toDelivery);
    },
    async exportUser(user) {
      const rows = db.prepare('SELECT * FROM announcement_deliveries WHERE channel = ? AND user_id = ? ORDER BY updated_at').all(user.channel, user.userId);
      return (rows as DeliveryRecord[]).map(toDelivery);
    },
    async eraseUser(user) {
      return db.prepare('DELETE FROM announcement_deliveries WHERE channel = ? AND user_id = ?').run(user.channel, user.userId).changes;
    },
  };
}

function toAnnouncement(r: AnnouncementRow): Announcement {
  const a: Announcement = {
    id: r.id,
    title: r.title,
    body: r.body,
    topics: JSON.parse(r.topics) as string[],
    channels: JSON.parse(r.channels) as string[],
    communes: JSON.parse(r.communes) as string[],
    status: r.status,
    author: r.author,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    planned: r.planned === 1,
  };
  if (r.scheduled_at) a.scheduledAt = new Date(r.scheduled_at);
  if (r.started_at) a.startedAt = new Date(r.started_at);
  if (r.finished_at) a.finishedAt = new Date(r.finished_at);
  if (r.cursor_channel !== null && r.cursor_user_id !== null) a.cursor = { channel: r.cursor_channel, userId: r.cursor_user_id };
  return a;
}

function toDelivery(r: DeliveryRecord): DeliveryRow {
  const d: DeliveryRow = { announcementId: r.announcement_id, channel: r.channel, userId: r.user_id, locale: r.locale, outcome: r.outcome, updatedAt: new Date(r.updated_at) };
  if (r.reason !== null) d.reason = r.reason;
  return d;
}
