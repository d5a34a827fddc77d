import { mergeReportCounts } from '../merge-report';
import type { DossierRepository } from '../ports';
import type { SqliteDb } from './database';

// SUM over a column that may be NULL (submission) answers NULL when every value is NULL, hence COALESCE.
// Only these fixed expressions enter the SQL text; every value is a bound parameter.
// Months and calendar days are Vietnamese (UTC+7): a dossier returned at 23:30 on the due day is on time.
const groupExpressions = {
  procedure: () => 'procedure',
  unit: () => "COALESCE(unit, '')",
  month: (column: string) => `strftime('%Y-%m', ${column}, '+7 hours')`,
} as const;

const vnDay = (column: string) => `date(${column}, '+7 hours')`;

/** The staff report's aggregation on the embedded database (two indexed range scans). */
export function createSqliteDossierReport(db: SqliteDb): DossierRepository['report'] {
  return async (query) => {
    const from = query.from.toISOString();
    const to = query.to.toISOString();
    const byReceived = groupExpressions[query.groupBy]('received_at');
    const byCompleted = groupExpressions[query.groupBy]('completed_at');
    const received = db
      .prepare<[string, string], { group: string; received: number; receivedOnline: number; receivedInPerson: number }>(
        `SELECT ${byReceived} AS "group", COUNT(*) AS received,
           COALESCE(SUM(submission = 'online'), 0) AS receivedOnline, COALESCE(SUM(submission = 'in_person'), 0) AS receivedInPerson
         FROM dossiers WHERE received_at >= ? AND received_at < ? GROUP BY 1`,
      )
      .all(from, to);
    const statuses = [...query.returnedStatuses];
    const placeholders = statuses.map(() => '?').join(', ') || 'NULL';
    const returned = db
      .prepare<string[], { group: string; returned: number; returnedEarly: number; returnedOnTime: number; returnedLate: number }>(
        `SELECT ${byCompleted} AS "group", COUNT(*) AS returned,
           SUM(${vnDay('completed_at')} < ${vnDay('due_at')}) AS returnedEarly,
           SUM(${vnDay('completed_at')} = ${vnDay('due_at')}) AS returnedOnTime,
           SUM(${vnDay('completed_at')} > ${vnDay('due_at')}) AS returnedLate
         FROM dossiers WHERE completed_at >= ? AND completed_at < ? AND status IN (${placeholders}) GROUP BY 1`,
      )
      .all(from, to, ...statuses);
    return mergeReportCounts(received, returned);
  };
}
