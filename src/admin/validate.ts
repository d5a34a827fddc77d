/** Turns zod failures into 400 answers whose message names each offending field. */
import type { z } from 'zod';
import { badRequest } from '../http/errors';

/** One problem of a request, for `error.details`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Parses `value` (a body or a query) with `schema`; throws a 400 listing every field that is wrong. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: 'body' | 'query' | 'path' = 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.flatMap((issue) => {
    // An unknown key has an empty path; name the keys themselves so a typo ("role" for "roles") is obvious.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: key, message: 'is not a known field' }));
    return [{ field: issue.path.map(String).join('.') || what, message: issue.message }];
  });
  const summary = problems.map((p) => `"${p.field}" ${p.message}`).join('; ');
  throw badRequest(`Invalid ${what}: ${summary}`, problems);
}
