import { z } from 'zod';
import { PROCEDURE_IDS } from '../knowledge/taxonomy';
import type { DossierInput } from '../store/ports';
import { normaliseDossierCode } from './dossier-code';
import { parseInstant } from './instant';
import { maskName } from './mask-name';
import { phoneLast4 } from './phone';
import { DOSSIER_STATUSES, FINAL_STATUSES } from './statuses';

const instant = z
  .string()
  .transform((v, ctx) => parseInstant(v) ?? (ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time such as 2026-03-12T08:30:00+07:00' }), z.NEVER));
const optionalInstant = z.preprocess(blankToUndefined, instant.optional());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** The body of `PUT /api/admin/dossiers/:code` (and one CSV row without its code), as the contract names the fields. */
export const dossierBodySchema = z.object({
  procedure: z.enum(PROCEDURE_IDS, { message: 'must be a procedure id from the taxonomy' }),
  status: z.enum(DOSSIER_STATUSES, { message: `must be one of ${DOSSIER_STATUSES.join(', ')}` }),
  receivedAt: instant,
  dueAt: instant,
  updatedAt: instant,
  completedAt: optionalInstant,
  applicantName: z.string().trim().min(1, 'must not be empty').max(200),
  phone: z.string().refine((p) => phoneLast4(p) !== undefined, 'must be a phone number of 9 to 15 digits'),
  note: optionalText(2000),
  unit: optionalText(200),
  submission: z.preprocess(blankToUndefined, z.enum(['online', 'in_person']).optional()),
  returnMethod: z.preprocess(blankToUndefined, z.enum(['in_person', 'post', 'online']).optional()),
});

/** One field that failed validation. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A validated write, or the fields that were wrong. */
export type DossierValidation = { ok: true; input: DossierInput } | { ok: false; problems: FieldProblem[] };

/** Validates a code and a body into what the store keeps: the name masked and the phone cut to its last 4 digits. */
export function validateDossier(rawCode: unknown, body: unknown): DossierValidation {
  const problems: FieldProblem[] = [];
  const code = typeof rawCode === 'string' ? normaliseDossierCode(rawCode) : undefined;
  if (code === undefined) problems.push({ field: 'code', message: 'must be 1 to 64 characters of A-Z, 0-9, "." or "-" with at least one digit' });
  const parsed = dossierBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ field: issue.path.join('.') || 'body', message: issue.message });
  }
  if (problems.length > 0 || !parsed.success || code === undefined) return { ok: false, problems };
  const b = parsed.data;
  const input: DossierInput = {
    code,
    procedure: b.procedure,
    status: b.status,
    receivedAt: b.receivedAt,
    dueAt: b.dueAt,
    updatedAt: b.updatedAt,
    applicantMasked: maskName(b.applicantName),
    phoneLast4: phoneLast4(b.phone)!,
  };
  // A closed dossier without a completion time closes when the one-stop system reported it.
  const completedAt = b.completedAt ?? ((FINAL_STATUSES as readonly string[]).includes(b.status) ? b.updatedAt : undefined);
  if (completedAt) input.completedAt = completedAt;
  if (b.note) input.note = b.note;
  if (b.unit) input.unit = b.unit;
  if (b.submission) input.submission = b.submission;
  if (b.returnMethod) input.returnMethod = b.returnMethod;
  return { ok: true, input };
}

/** A one-line message naming every bad field, for 400 answers and import errors. */
export function describeProblems(problems: readonly FieldProblem[]): string {
  return `Invalid fields: ${problems.map((p) => `${p.field} (${p.message})`).join('; ')}`;
}

function blankToUndefined(v: unknown): unknown {
  return v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;
}
