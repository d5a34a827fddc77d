/** The `limit` query parameter shared by the staff lists. */
import { z } from 'zod';

/** Rows a list answers when `limit` is not given. */
export const DEFAULT_LIST_LIMIT = 50;
/** Most rows one request may ask for. */
export const MAX_LIST_LIMIT = 500;

/** `?limit=1..500`, default 50. */
export const Limit = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_LIST_LIMIT, `must be at most ${MAX_LIST_LIMIT}`)
  .default(DEFAULT_LIST_LIMIT);

/** A query with only `limit`. */
export const LimitQuery = z.object({ limit: Limit });
