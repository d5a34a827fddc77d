/** Conversation and user state, stored as JSON documents guarded by eTags. */

export interface StateRecord<T = unknown> {
  data: T;
  eTag: string;
}

/** Thrown when a write names an eTag that is no longer the stored one (someone else wrote first). */
export class ETagConflictError extends Error {
  override name = 'ETagConflictError';
  constructor(readonly key: string) {
    super(`State "${key}" was changed by another writer (eTag conflict)`);
  }
}

export interface StateStore {
  read<T = unknown>(key: string): Promise<StateRecord<T> | undefined>;
  /**
   * Writes `data` under `key` and answers the new eTag.
   * `expectedETag` null means "the key must not exist yet"; '*' overwrites whatever is there.
   * Throws ETagConflictError when the stored eTag differs.
   */
  write(key: string, data: unknown, expectedETag: string | null | '*'): Promise<string>;
  delete(key: string): Promise<void>;
  /** Removes state not written since `before` (retention of citizens' conversations). Answers how many went. */
  purgeOlderThan(before: Date): Promise<number>;
}
