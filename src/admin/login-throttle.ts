/** Limits password guessing, shared across instances: per account and address, and per account whatever the address. */
import type { BackoffPolicy, Coordination } from '../coordination';
import { addressKey } from '../http/address-key';

/** From one address, 10 attempts at one account, then 15 minutes' wait (a success starts over). */
export const ADDRESS_POLICY: BackoffPolicy = { free: 9, firstWaitSeconds: 15 * 60, maxWaitSeconds: 15 * 60, memorySeconds: 15 * 60 };
/**
 * From anywhere, 10 attempts at one account, then a wait of 1 minute doubling up to 30 minutes: guessing from many
 * addresses stays slow, yet the real owner is only ever delayed, never locked out for good.
 */
export const ACCOUNT_POLICY: BackoffPolicy = { free: 9, firstWaitSeconds: 60, maxWaitSeconds: 30 * 60, memorySeconds: 24 * 60 * 60 };

/** Admitted, or refused with the seconds to wait. */
export type LoginAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** Counts attempts as failures before the password is checked; a success forgives them. */
export interface LoginThrottle {
  /** Charges this attempt; refused (nothing checked) while the account or this address at it must wait. */
  admit(username: string, ip: string | undefined): Promise<LoginAdmission>;
  /** Forgets the failures of the account (from this address and from anywhere) after a successful sign-in. */
  succeeded(username: string, ip: string | undefined): Promise<void>;
}

/** A throttle on Coordination's back-offs (Redis when several instances run). */
export function createLoginThrottle(coordination: Coordination): LoginThrottle {
  // Lower-cased and bounded, so case variants share a count and a huge name cannot bloat the key.
  const account = (username: string) => `login:${username.trim().toLowerCase().slice(0, 128)}`;
  const fromAddress = (username: string, ip: string | undefined) => `${account(username)}:${addressKey(ip)}`;
  return {
    async admit(username, ip) {
      // Charged before the password is checked, atomically: attempt N+1 is refused even when right (otherwise the
      // refusal itself would tell a guesser which password was correct), and a burst of parallel attempts cannot
      // all slip through before the first one is counted.
      for (const [key, policy] of [[fromAddress(username, ip), ADDRESS_POLICY], [account(username), ACCOUNT_POLICY]] as const) {
        const strike = await coordination.strike(key, policy);
        if (!strike.counted) return { admitted: false, retryAfterSeconds: strike.retryAfterSeconds };
      }
      return { admitted: true };
    },
    async succeeded(username, ip) {
      await coordination.forgive(fromAddress(username, ip));
      await coordination.forgive(account(username));
    },
  };
}
