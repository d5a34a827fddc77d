import type { AgedRecords, PersonalDataHolder } from '../ports';
import type { SqliteDb } from './database';

/** A table of records about citizens, keyed by `channel` and `user_id`, that age by `created_at` (ISO text). */
export interface CitizenTable<Row> {
  table: string;
  /** The columns a citizen's export reads. */
  columns: string;
  /** The export's `ORDER BY`, oldest first. */
  order: string;
  /** One row as the citizen's export shows it. */
  exported: (row: Row) => object;
}

/** A citizen's export and erasure, and the age purge, of such a table (the rights of src/store/ports/personal-data.ts). */
export function citizenRows<Row>(db: SqliteDb, spec: CitizenTable<Row>): PersonalDataHolder & AgedRecords {
  const { table, columns, order, exported } = spec;
  const selectUser = db.prepare<[string, string], Row>(`SELECT ${columns} FROM ${table} WHERE channel = ? AND user_id = ? ORDER BY ${order}`);
  const eraseUser = db.prepare(`DELETE FROM ${table} WHERE channel = ? AND user_id = ?`);
  const purge = db.prepare(`DELETE FROM ${table} WHERE created_at < ?`);
  return {
    async exportUser(user) {
      return selectUser.all(user.channel, user.userId).map(exported);
    },
    async eraseUser(user) {
      return eraseUser.run(user.channel, user.userId).changes;
    },
    async purgeOlderThan(before) {
      return purge.run(before.toISOString()).changes;
    },
  };
}
