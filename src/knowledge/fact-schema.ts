/** The status-flagged fact wrapper every fact-bearing content field uses. */
import { z } from 'zod';

/** How sure the research is: mirrors the [CURRENT]/[CHECK]/[CONFLICT]/[UNVERIFIED] flags of the facts file. */
export const KnownStatusSchema = z.enum(['current', 'check', 'conflict', 'unverified']);

/** A fact that was not found in any source: the bot says so and points to `checkAt`. */
export const MissingFactSchema = z.strictObject({
  status: z.literal('missing'),
  checkAt: z.url({ protocol: /^https?$/ }),
  note: z.string().min(1).optional(),
});

/** Wraps a value schema into "known (with a status flag) or explicitly missing". */
export function factSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('status', [
    z.strictObject({
      status: KnownStatusSchema,
      value,
      note: z.string().min(1).optional(),
      sources: z.array(z.string().min(1)).optional(),
    }),
    MissingFactSchema,
  ]);
}
