import type { DossierReportCounts, DossierReportQuery, DossierRepository } from '../store/ports';
import type { FieldProblem } from './dossier-schema';
import { parseInstant, vietnamDay, vietnamMidnight } from './instant';
import { csvCell } from '../util/csv-cell';
import { RETURNED_STATUSES } from './statuses';

/** One report line with the shares of returned dossiers (0..1, four decimals; 0 when nothing was returned). */
export interface DossierReportLine extends DossierReportCounts {
  shareEarly: number;
  shareOnTime: number;
  shareLate: number;
}

/** The staff report: the period, the grouping, one line per group and a total line. */
export interface DossierReport {
  from: string;
  to: string;
  groupBy: DossierReportQuery['groupBy'];
  lines: DossierReportLine[];
  total: DossierReportLine;
}

export type ReportFormat = 'json' | 'csv';

const GROUPS = ['procedure', 'unit', 'month'] as const;
const FORMATS = ['json', 'csv'] as const;

/**
 * Reads `from`, `to` (ISO dates or date-times; a date alone means the whole Vietnamese day, `to` included),
 * `groupBy` and `format`. Defaults: the current month so far, by procedure, JSON.
 */
export function parseReportQuery(
  q: Record<string, unknown>,
  now: Date,
): { ok: true; query: Omit<DossierReportQuery, 'returnedStatuses'>; format: ReportFormat } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (name: string) => (typeof q[name] === 'string' && q[name] !== '' ? (q[name] as string) : undefined);
  const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v.trim());
  const instant = (name: 'from' | 'to', fallback: Date) => {
    const v = text(name);
    if (v === undefined) return fallback;
    const at = parseInstant(v);
    if (!at) {
      problems.push({ field: name, message: 'must be an ISO-8601 date (2026-03-01) or date-time' });
      return fallback;
    }
    // `to=2026-03-31` means through the end of that day.
    return name === 'to' && isDay(v) ? new Date(at.getTime() + 86_400_000) : at;
  };
  const from = instant('from', vietnamMidnight(`${vietnamDay(now).slice(0, 7)}-01`));
  const to = instant('to', now);
  if (from.getTime() >= to.getTime() && problems.length === 0) problems.push({ field: 'to', message: 'must be after from' });
  const groupBy = text('groupBy') ?? 'procedure';
  if (!(GROUPS as readonly string[]).includes(groupBy)) problems.push({ field: 'groupBy', message: `must be one of ${GROUPS.join(', ')}` });
  const format = text('format') ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format)) problems.push({ field: 'format', message: `must be one of ${FORMATS.join(', ')}` });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, query: { from, to, groupBy: groupBy as DossierReportQuery['groupBy'] }, format: format as ReportFormat };
}

/** Runs the aggregation and adds shares and the total. */
export async function buildDossierReport(dossiers: DossierRepository, query: Omit<DossierReportQuery, 'returnedStatuses'>): Promise<DossierReport> {
  const counts = await dossiers.report({ ...query, returnedStatuses: RETURNED_STATUSES });
  const total = counts.reduce<DossierReportCounts>(
    (t, c) => ({
      group: 'total',
      received: t.received + c.received,
      receivedOnline: t.receivedOnline + c.receivedOnline,
      receivedInPerson: t.receivedInPerson + c.receivedInPerson,
      returned: t.returned + c.returned,
      returnedEarly: t.returnedEarly + c.returnedEarly,
      returnedOnTime: t.returnedOnTime + c.returnedOnTime,
      returnedLate: t.returnedLate + c.returnedLate,
    }),
    { group: 'total', received: 0, receivedOnline: 0, receivedInPerson: 0, returned: 0, returnedEarly: 0, returnedOnTime: 0, returnedLate: 0 },
  );
  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    groupBy: query.groupBy,
    lines: counts.map(withShares),
    total: withShares(total),
  };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

function withShares(c: DossierReportCounts): DossierReportLine {
  return { ...c, shareEarly: share(c.returnedEarly, c.returned), shareOnTime: share(c.returnedOnTime, c.returned), shareLate: share(c.returnedLate, c.returned) };
}

const CSV_COLUMNS: (keyof DossierReportLine)[] = [
  'group', 'received', 'receivedOnline', 'receivedInPerson', 'returned',
  'returnedEarly', 'returnedOnTime', 'returnedLate', 'shareEarly', 'shareOnTime', 'shareLate',
];

/** The report as CSV: a header, one row per group, then the total row. */
export function reportToCsv(report: DossierReport): string {
  const rows = [...report.lines, report.total].map((l) => CSV_COLUMNS.map((c) => csvCell(String(l[c]))).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
