/** Limits password guessing: attempts per username and client address in a fixed window, shared across instances. */
import type { Coordination } from '../coordination';

/** Failed attempts allowed per username and address in one window. */
export const MAX_FAILED_LOGINS = 10;
/** The window, in seconds (15 minutes). */
export const LOGIN_WINDOW_SECONDS = 15 * 60;

/** Counts attempts; a success clears the count, so only failures accumulate. */
export interface LoginThrottle {
  /** Counts this attempt; false when the caller already used up the window's failures. */
  admit(username: string, ip: string): Promise<boolean>;
  /** Clears the count after a successful login. */
  succeeded(username: string, ip: string): Promise<void>;
}

/** A throttle on the coordination counters (Redis when several instances run). */
export function createLoginThrottle(coordination: Coordination): LoginThrottle {
  // Lower-cased and bounded, so case variants share a counter and a huge name cannot bloat the key.
  const key = (username: string, ip: string) => `login:${username.trim().toLowerCase().slice(0, 128)}:${ip}`;
  return {
    async admit(username, ip) {
      // Every attempt is counted before the password is checked: attempt N+1 is refused even when right,
      // otherwise the refusal itself would tell a guesser which password was correct.
      return (await coordination.hit(key(username, ip), LOGIN_WINDOW_SECONDS)) <= MAX_FAILED_LOGINS;
    },
    async succeeded(username, ip) {
      await coordination.resetHits(key(username, ip));
    },
  };
}
