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
   *
   * With a `claim`, the record names its owner, and a key recorded by the same owner (the same command sent again
   * after a lost answer) or by one of `claim.reclaim` (earlier owners known not to have acted on it) answers true
   * too, the record then naming `claim.owner`. A log whose writes cannot be in doubt (one SQL transaction: an error
   * means nothing was written) may ignore the claim.
   */
  firstSeen(key: string, ttlSeconds: number, claim?: SeenClaim): Promise<boolean>;
}

/** Who records a seen key, and which earlier owners' records do not count (see SeenEventLog.firstSeen). */
export interface SeenClaim {
  owner: string;
  reclaim: readonly string[];
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
  /** What the earlier attempts that failed (not died) left known; none when no attempt failed yet. */
  progress?: DeliveryProgress;
}

/**
 * What failed attempts at a delivery had done, kept with it for the next attempt: so a replay neither runs an event
 * again whose turn had started (even when Redis lost its seen keys meanwhile), nor drops one a failed attempt had
 * marked seen but never started (its mark's answer lost with the connection).
 */
export interface DeliveryProgress {
  /** Event keys whose fate was decided: their turn started, or they were found already seen. */
  decided: string[];
  /** The attempts that ended in a failure (not a crash): their marks on undecided keys are theirs alone. */
  failedAttempts: number[];
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
  /**
   * Processing failed: offer the delivery again only after `delayMs` (the caller's back-off), with what the attempts so
   * far had done (replacing what was kept). No-op for an unknown id.
   */
  retryLater(id: string, delayMs: number, progress?: DeliveryProgress): Promise<void>;
  /** How many deliveries are kept unprocessed, by channel (a metric: they should drain within seconds). */
  waiting(): Promise<Record<string, number>>;
  /**
   * Commits now what `add` and `remove` keep for a commit of their own later in this event-loop iteration (a store
   * that groups them); absent where each call commits alone.
   */
  flush?(): void;
}
