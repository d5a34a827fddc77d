import { mergeDossier } from '../dossier-merge';
import type { DossierInput, DossierRecord, DossierRepository, DossierUpsertResult, DossierWatcher, ReturnMethod, SubmissionChannel } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';
import { createSqliteDossierReport } from './dossier-report';

interface DossierRow {
  code: string;
  procedure: string;
  status: string;
  received_at: string;
  due_at: string;
  completed_at: string | null;
  updated_at: string;
  status_changed_at: string;
  submission: string | null;
  return_method: string | null;
  unit: string | null;
  note: string | null;
  applicant_masked: string;
  phone_last4: string;
}

const columns =
  'code, procedure, status, received_at, due_at, completed_at, updated_at, status_changed_at, submission, return_method, unit, note, applicant_masked, phone_last4';

/** DossierRepository on the embedded database; each upsert (and each batch) is one transaction. */
export function createSqliteDossierRepository(db: SqliteDb, now: Clock = systemClock): DossierRepository {
  const select = db.prepare<[string], DossierRow>(`SELECT ${columns} FROM dossiers WHERE code = ?`);
  const write = db.prepare(
    `INSERT INTO dossiers (${columns}) VALUES (@code, @procedure, @status, @received_at, @due_at, @completed_at, @updated_at,
       @status_changed_at, @submission, @return_method, @unit, @note, @applicant_masked, @phone_last4)
     ON CONFLICT(code) DO UPDATE SET procedure = excluded.procedure, status = excluded.status, received_at = excluded.received_at,
       due_at = excluded.due_at, completed_at = excluded.completed_at, updated_at = excluded.updated_at,
       status_changed_at = excluded.status_changed_at, submission = excluded.submission, return_method = excluded.return_method,
       unit = excluded.unit, note = excluded.note, applicant_masked = excluded.applicant_masked, phone_last4 = excluded.phone_last4`,
  );
  const addHistory = db.prepare('INSERT INTO dossier_history (code, status, at) VALUES (?, ?, ?)');
  const selectHistory = db.prepare<[string], { status: string; at: string }>(
    'SELECT status, at FROM dossier_history WHERE code = ? ORDER BY at ASC, id ASC',
  );
  const insertWatcher = db.prepare(
    `INSERT INTO dossier_watchers (code, channel, user_id, locale, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(code, channel, user_id) DO UPDATE SET locale = excluded.locale`,
  );
  const deleteWatcher = db.prepare('DELETE FROM dossier_watchers WHERE code = ? AND channel = ? AND user_id = ?');
  const selectWatchers = db.prepare<[string], { channel: string; user_id: string; locale: string }>(
    'SELECT channel, user_id, locale FROM dossier_watchers WHERE code = ? ORDER BY created_at, channel, user_id',
  );
  const selectWatched = db.prepare<[string, string], { code: string; locale: string; created_at: string }>(
    'SELECT code, locale, created_at FROM dossier_watchers WHERE channel = ? AND user_id = ? ORDER BY created_at, code',
  );
  const eraseWatches = db.prepare('DELETE FROM dossier_watchers WHERE channel = ? AND user_id = ?');
  const purgeWatches = db.prepare('DELETE FROM dossier_watchers WHERE created_at < ?');

  function upsertOne(input: DossierInput): DossierUpsertResult {
    const row = select.get(input.code);
    const merge = mergeDossier(row ? toRecord(row) : undefined, input);
    if (merge.outcome !== 'ignored') write.run(toRow(merge.record));
    if (merge.statusChange) addHistory.run(input.code, merge.statusChange.status, merge.statusChange.at.toISOString());
    return { outcome: merge.outcome, record: merge.record };
  }
  // IMMEDIATE: the read-then-write must not interleave with another process writing the same code.
  const upsertTx = db.transaction(upsertOne);
  const upsertManyTx = db.transaction((inputs: readonly DossierInput[]) => inputs.map(upsertOne));

  return {
    async list(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const inList = (column: string, values: readonly string[], negate = false) => {
        where.push(`${column} ${negate ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      };
      if (filter.statuses?.length) inList('status', filter.statuses);
      if (filter.open?.closedStatuses.length) inList('status', filter.open.closedStatuses, true);
      if (filter.procedure !== undefined) (where.push('procedure = ?'), params.push(filter.procedure));
      if (filter.unit !== undefined) (where.push('unit = ?'), params.push(filter.unit));
      if (filter.dueFrom) (where.push('due_at >= ?'), params.push(filter.dueFrom.toISOString()));
      if (filter.dueBefore) (where.push('due_at < ?'), params.push(filter.dueBefore.toISOString()));
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const order = filter.order === 'due' ? 'due_at ASC, code ASC' : 'received_at DESC, code ASC';
      const { total } = db.prepare<unknown[], { total: number }>(`SELECT COUNT(*) AS total FROM dossiers ${clause}`).get(...params)!;
      const rows = db
        .prepare<unknown[], DossierRow>(`SELECT ${columns} FROM dossiers ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .all(...params, filter.limit, filter.offset);
      return { total, records: rows.map(toRecord) };
    },
    async upsert(input) {
      return upsertTx.immediate(input);
    },
    async upsertMany(inputs) {
      return upsertManyTx.immediate(inputs);
    },
    async get(code) {
      const row = select.get(code);
      return row ? toRecord(row) : undefined;
    },
    async history(code) {
      return selectHistory.all(code).map((h) => ({ status: h.status, at: new Date(h.at) }));
    },
    report: createSqliteDossierReport(db),
    async watch(code, watcher) {
      insertWatcher.run(code, watcher.channel, watcher.userId, watcher.locale, now().toISOString());
    },
    async unwatch(code, user) {
      deleteWatcher.run(code, user.channel, user.userId);
    },
    async watchers(code) {
      return selectWatchers.all(code).map((w): DossierWatcher => ({ channel: w.channel, userId: w.user_id, locale: w.locale }));
    },
    async purgeWatchersOlderThan(before) {
      return purgeWatches.run(before.toISOString()).changes;
    },
    async exportUser(user) {
      return selectWatched.all(user.channel, user.userId).map((w) => ({ watches: w.code, locale: w.locale, since: new Date(w.created_at) }));
    },
    async eraseUser(user) {
      return eraseWatches.run(user.channel, user.userId).changes;
    },
  };
}

function toRow(r: DossierRecord): DossierRow {
  return {
    code: r.code,
    procedure: r.procedure,
    status: r.status,
    received_at: r.receivedAt.toISOString(),
    due_at: r.dueAt.toISOString(),
    completed_at: r.completedAt?.toISOString() ?? null,
    updated_at: r.updatedAt.toISOString(),
    status_changed_at: r.statusChangedAt.toISOString(),
    submission: r.submission ?? null,
    return_method: r.returnMethod ?? null,
    unit: r.unit ?? null,
    note: r.note ?? null,
    applicant_masked: r.applicantMasked,
    phone_last4: r.phoneLast4,
  };
}

function toRecord(r: DossierRow): DossierRecord {
  const record: DossierRecord = {
    code: r.code,
    procedure: r.procedure,
    status: r.status,
    receivedAt: new Date(r.received_at),
    dueAt: new Date(r.due_at),
    updatedAt: new Date(r.updated_at),
    statusChangedAt: new Date(r.status_changed_at),
    applicantMasked: r.applicant_masked,
    phoneLast4: r.phone_last4,
  };
  if (r.completed_at !== null) record.completedAt = new Date(r.completed_at);
  if (r.submission !== null) record.submission = r.submission as SubmissionChannel;
  if (r.return_method !== null) record.returnMethod = r.return_method as ReturnMethod;
  if (r.unit !== null) record.unit = r.unit;
  if (r.note !== null) record.note = r.note;
  return record;
}
