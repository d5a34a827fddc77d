/** The status-flagged fact wrapper every fact-bearing content field uses, and citizen-facing text. */
import { z } from 'zod';

const text = z.string().trim().min(1);

/** Vietnamese text with an optional English reference translation (the bot falls back to vi). */
export const LocalizedSchema = z.strictObject({ vi: text, en: text.optional() });

/** Text a citizen reads: Vietnamese alone, or `{ vi, en }` with its English reference translation beside it. */
export const LocalTextSchema = z.union([text, LocalizedSchema]);

/** How sure the research is: mirrors the [CURRENT]/[CHECK]/[CONFLICT]/[UNVERIFIED] flags of the facts file. */
export const KnownStatusSchema = z.enum(['current', 'check', 'conflict', 'unverified']);

// `note` is read by citizens (it qualifies or explains the fact); `editorNote` is for editors only and never shown.
const notes = { note: LocalTextSchema.optional(), editorNote: text.optional() };

/** A fact that was not found in any source: the bot says so and points to `checkAt`. */
export const MissingFactSchema = z.strictObject({
  status: z.literal('missing'),
  checkAt: z.url({ protocol: /^https?$/ }),
  ...notes,
});

/** Wraps a value schema into "known (with a status flag) or explicitly missing". */
export function factSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('status', [
    z.strictObject({
      status: KnownStatusSchema,
      value,
      ...notes,
      sources: z.array(z.string().min(1)).optional(),
    }),
    MissingFactSchema,
  ]);
}
