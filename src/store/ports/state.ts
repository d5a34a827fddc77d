/** Conversation and user state, stored as JSON documents guarded by eTags. */
import type { PersonalDataHolder } from './personal-data';

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

/**
 * A citizen's state lives under `<channel>/<userId>` (the conversation) or `<channel>-<part>/<userId>` (a channel's
 * own memory, e.g. Zalo's `zalo-menu/<userId>`): `exportUser` and `eraseUser` find every key of a user by that rule.
 */
export interface StateStore extends PersonalDataHolder {
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
