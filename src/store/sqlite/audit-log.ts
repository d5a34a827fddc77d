import { assertListLimit } from '../list-limit';
import { SERVICE_ACTOR_PREFIXES, type AuditEntry, type AuditLog } from '../ports';
import type { SqliteDb } from './database';

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

/** AuditLog on the embedded database; entries keep the time they were given, not the time they were stored. */
export function createSqliteAuditLog(db: SqliteDb): AuditLog {
  const insert = db.prepare('INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  const selectActor = db.prepare<[string], AuditRow>('SELECT at, actor, action, target, detail FROM audit WHERE actor = ? ORDER BY at, id');
  const eraseActor = db.prepare('DELETE FROM audit WHERE actor = ?');
  const serviceActor = SERVICE_ACTOR_PREFIXES.map(() => 'substr(actor, 1, length(?)) = ?').join(' OR ');
  const purgeCitizens = db.prepare(`DELETE FROM audit WHERE at < ? AND NOT (${serviceActor})`);

  return {
    async add(entry) {
      const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
      insert.run(entry.at.toISOString(), entry.actor, entry.action, entry.target, detail);
    },
    async list(filter) {
      assertListLimit(filter.limit);
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.action !== undefined) {
        where.push('action = ?');
        params.push(filter.action);
      }
      if (filter.target !== undefined) {
        where.push('target = ?');
        params.push(filter.target);
      }
      if (filter.since !== undefined) {
        where.push('at >= ?');
        params.push(filter.since.toISOString());
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      // Only fixed column names enter the SQL text; every value is a bound parameter.
      const rows = db
        .prepare<(string | number)[], AuditRow>(
          `SELECT at, actor, action, target, detail FROM audit ${clause} ORDER BY at DESC, id DESC LIMIT ?`,
        )
        .all(...params, filter.limit);
      return rows.map(toEntry);
    },
    async exportUser(user) {
      return selectActor.all(`${user.channel}:${user.userId}`).map(toEntry);
    },
    async eraseUser(user) {
      return eraseActor.run(`${user.channel}:${user.userId}`).changes;
    },
    async purgeOlderThan(before) {
      return purgeCitizens.run(before.toISOString(), ...SERVICE_ACTOR_PREFIXES.flatMap((p) => [p, p])).changes;
    },
  };
}

function toEntry(r: AuditRow): AuditEntry {
  const entry: AuditEntry = { at: new Date(r.at), actor: r.actor, action: r.action, target: r.target };
  if (r.detail !== null) entry.detail = JSON.parse(r.detail) as Record<string, unknown>;
  return entry;
}
