/**
 * What the platform channels keep about inbound webhook deliveries: which platform events were already handled
 * (at-least-once deliveries are de-duplicated across restarts and instances) and which acknowledged deliveries are
 * not processed yet (so a process that dies right after answering 200 loses nothing).
 */

/** Platform event keys (a Messenger `mid`, a Zalo `msg_id`) seen within their time to live. */
export interface SeenEventLog {
  /**
   * Records `key` for `ttlSeconds` and answers true, or answers false (changing nothing) while an earlier record
   * lives. Atomic: of two instances offering one key at once, exactly one hears true. Expired keys are forgotten.
   */
  firstSeen(key: string, ttlSeconds: number): Promise<boolean>;
}

/** A webhook body that was verified and acknowledged, kept until its events have been handed to the bot. */
export interface JournalEntry {
  id: string;
  channel: string;
  /** The raw body as received (its signature was checked), so a replay reads exactly what the platform sent. */
  body: string;
  receivedAt: Date;
  /** How many times processing has started, this time included: the first run counts 1, each claim one more. */
  attempts: number;
}

export interface InboundJournal {
  /** Keeps a verified delivery, leased to the caller for `leaseMs` while it processes it; answers its id. */
  add(channel: string, body: string, leaseMs: number): Promise<string>;
  /** The delivery was processed (or given up on): forget it. No-op for an unknown id. */
  remove(id: string): Promise<void>;
  /**
   * Takes up to `limit` deliveries of `channel` whose lease ran out (the process handling them died), oldest first,
   * and leases them to the caller for `leaseMs`: two instances never take the same one at once.
   */
  claimAbandoned(channel: string, limit: number, leaseMs: number): Promise<JournalEntry[]>;
  /** Processing failed: offer the delivery again only after `delayMs` (the caller's back-off). No-op for an unknown id. */
  retryLater(id: string, delayMs: number): Promise<void>;
  /** How many deliveries are kept unprocessed, by channel (a metric: they should drain within seconds). */
  waiting(): Promise<Record<string, number>>;
}
