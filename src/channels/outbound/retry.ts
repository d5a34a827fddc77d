/** How an outbound call is retried: attempts in all, and the ceiling of the exponential backoff between them. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Four tries within about 2 s in all: long enough to ride out a blip, short enough to keep a citizen's turn moving. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 200, maxDelayMs: 1600 };

/** One attempt's verdict: `done` (success, or a failure retrying cannot fix) or `retry`, maybe after a delay the server asked for. */
export type AttemptResult<T> = { done: T } | { retry: T; afterMs?: number };

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it is done or the attempts run out, waiting between tries with exponential backoff and full
 * jitter (so many instances retrying together spread out). A server that asks for a longer pause than the policy's
 * ceiling gets no wait here: the last result goes back to the caller, who can schedule the retry instead.
 */
export async function retrying<T>(attempt: (n: number) => Promise<AttemptResult<T>>, policy: RetryPolicy = DEFAULT_RETRY_POLICY, sleep: Sleep = realSleep): Promise<T> {
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    if ('done' in result) return result.done;
    if (n >= policy.attempts || (result.afterMs ?? 0) > policy.maxDelayMs) return result.retry;
    const backoff = Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
    await sleep(Math.max(backoff, result.afterMs ?? 0));
  }
}
