/** The staff list of dossiers: filters a desk clerk uses (status, procedure, unit, overdue, due this week) and paging. */
import { z } from 'zod';
import { PROCEDURE_IDS } from '../knowledge/taxonomy';
import type { DossierRecord, DossierRepository } from '../store/ports';
import type { FieldProblem } from './dossier-schema';
import { vietnamDay, vietnamMidnight } from './instant';
import { DOSSIER_STATUSES, FINAL_STATUSES } from './statuses';

/** Rows per page unless `limit` says otherwise, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item).max(DOSSIER_STATUSES.length));

const ListQuery = z.strictObject({
  status: oneOrMany(z.enum(DOSSIER_STATUSES, { message: `must be one of ${DOSSIER_STATUSES.join(', ')}` })).optional(),
  procedure: z.enum(PROCEDURE_IDS, { message: 'must be a procedure id from the taxonomy' }).optional(),
  unit: z.string().trim().min(1, 'must not be empty').max(200, 'is too long').optional(),
  // overdue: still open and past due; week: still open, due from now to the end of this Sunday (Vietnam time).
  due: z.enum(['overdue', 'week'], { message: 'must be overdue or week' }).optional(),
  page: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'is too large').default(1),
  limit: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
});

export type DossierListQuery = z.output<typeof ListQuery>;

/** Reads the list's query string; an unknown parameter is refused, so a misspelt filter never silently shows everything. */
export function parseListQuery(q: Record<string, unknown>): { ok: true; query: DossierListQuery } | { ok: false; problems: FieldProblem[] } {
  const parsed = ListQuery.safeParse(q);
  if (parsed.success) return { ok: true, query: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: key, message: 'is not a known filter' }))
      : [{ field: issue.path.map(String).join('.') || 'query', message: issue.message }],
  );
  return { ok: false, problems };
}

/** One page of the list with the total and the page count. */
export interface DossierListAnswer {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  dossiers: DossierRecord[];
}

/** Runs the query against the store at `now`. */
export async function listDossiers(dossiers: DossierRepository, query: DossierListQuery, now: Date): Promise<DossierListAnswer> {
  const open = query.due ? { closedStatuses: FINAL_STATUSES } : undefined;
  const dueBefore = query.due === 'overdue' ? now : query.due === 'week' ? endOfVietnamWeek(now) : undefined;
  const result = await dossiers.list({
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.procedure ? { procedure: query.procedure } : {}),
    ...(query.unit ? { unit: query.unit } : {}),
    ...(open ? { open } : {}),
    ...(query.due === 'week' ? { dueFrom: now } : {}),
    ...(dueBefore ? { dueBefore } : {}),
    order: query.due ? 'due' : 'received',
    offset: (query.page - 1) * query.limit,
    limit: query.limit,
  });
  return { total: result.total, page: query.page, pageSize: query.limit, pages: Math.ceil(result.total / query.limit), dossiers: result.records };
}

/** Midnight (Vietnam) starting next Monday: the end of the working week that holds `now`. */
export function endOfVietnamWeek(now: Date): Date {
  const today = vietnamMidnight(vietnamDay(now));
  // getUTCDay of the Vietnamese day: 0 Sunday … 6 Saturday.
  const weekday = new Date(`${vietnamDay(now)}T00:00:00Z`).getUTCDay();
  const daysToMonday = weekday === 0 ? 1 : 8 - weekday;
  return new Date(today.getTime() + daysToMonday * 86_400_000);
}
