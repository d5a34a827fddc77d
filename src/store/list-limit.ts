/**
 * Refuses a list limit the stores would read differently (SQLite treats -1 as "all", MongoDB treats 0 as "all"),
 * so a bad page size fails the same way on both instead of dumping a whole table.
 */
export function assertListLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
}
