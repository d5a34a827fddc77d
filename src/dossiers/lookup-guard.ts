import type { Coordination } from '../coordination';
import type { ChannelUser } from '../store/ports';
import { isFlagRaised, lowerFlag, raiseFlag } from './coordination-flag';

/** Limits against guessing; the defaults follow the issue (5 wrong answers → 30 min). */
export interface LookupLimits {
  /** Wrong answers for one code by one user before that user's lookups of it are locked. */
  failuresPerUserCode: number;
  /** How long such a lock lasts, and the window the failures are counted in. */
  lockSeconds: number;
  /** Distinct codes one user may look up per window (mass guessing across codes). */
  codesPerUser: number;
  codesWindowSeconds: number;
  /** Wrong answers for one code by anyone before the code is locked for everyone: web-chat sender ids are free to invent. */
  failuresPerCode: number;
  codeLockSeconds: number;
  /** How long a verified citizen may act on the code (subscribe) without answering again. */
  grantSeconds: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  failuresPerUserCode: 5,
  lockSeconds: 30 * 60,
  codesPerUser: 10,
  codesWindowSeconds: 60 * 60,
  failuresPerCode: 20,
  codeLockSeconds: 60 * 60,
  grantSeconds: 15 * 60,
};

/** Why a lookup may not go on; the chat says the same for a known and an unknown code. */
export type LookupRefusal = 'locked' | 'rate_limited';

/** The guard's verdict after a wrong answer. */
export interface FailureVerdict {
  /** Wrong answers so far for this user and code. */
  failures: number;
  /** True when this answer locked the code for the user (or for everyone). */
  lockedNow: boolean;
}

/** Lockout and rate limits of dossier lookups, kept in Coordination so every instance agrees. */
export interface LookupGuard {
  /** Checks (and counts) a lookup of `code` before the citizen is asked to prove it is theirs. */
  admit(user: ChannelUser, code: string): Promise<LookupRefusal | undefined>;
  failed(user: ChannelUser, code: string): Promise<FailureVerdict>;
  /** Clears the user's failures for the code and grants follow-up actions (subscribe) for a while. */
  verified(user: ChannelUser, code: string): Promise<void>;
  /** True while a recent verification of `code` by `user` stands. */
  isVerified(user: ChannelUser, code: string): Promise<boolean>;
}

const who = (u: ChannelUser) => `${u.channel}:${u.userId}`;

/** Builds the guard over Coordination counters. */
export function createLookupGuard(coordination: Coordination, limits: LookupLimits = DEFAULT_LOOKUP_LIMITS): LookupGuard {
  const keys = {
    userCodeFailures: (u: ChannelUser, code: string) => `dossier:fail:${who(u)}:${code}`,
    userCodeLock: (u: ChannelUser, code: string) => `dossier:lock:${who(u)}:${code}`,
    codeFailures: (code: string) => `dossier:fail-any:${code}`,
    codeLock: (code: string) => `dossier:lock-any:${code}`,
    seenCode: (u: ChannelUser, code: string) => `dossier:seen:${who(u)}:${code}`,
    codesOfUser: (u: ChannelUser) => `dossier:codes:${who(u)}`,
    grant: (u: ChannelUser, code: string) => `dossier:grant:${who(u)}:${code}`,
  };

  return {
    async admit(user, code) {
      if (await isFlagRaised(coordination, keys.userCodeLock(user, code), limits.lockSeconds)) return 'locked';
      if (await isFlagRaised(coordination, keys.codeLock(code), limits.codeLockSeconds)) return 'locked';
      // Only a code new to this user in the window counts, so asking again about one's own dossier is never limited.
      if (await coordination.firstSeen(keys.seenCode(user, code), limits.codesWindowSeconds)) {
        const distinct = await coordination.hit(keys.codesOfUser(user), limits.codesWindowSeconds);
        if (distinct > limits.codesPerUser) return 'rate_limited';
      }
      return undefined;
    },
    async failed(user, code) {
      const failures = await coordination.hit(keys.userCodeFailures(user, code), limits.lockSeconds);
      const anyone = await coordination.hit(keys.codeFailures(code), limits.codeLockSeconds);
      let lockedNow = false;
      if (failures >= limits.failuresPerUserCode) {
        // The lock starts now and lasts its full time, whenever in the counting window the last failure came.
        await raiseFlag(coordination, keys.userCodeLock(user, code), limits.lockSeconds);
        await coordination.resetHits(keys.userCodeFailures(user, code));
        lockedNow = true;
      }
      if (anyone >= limits.failuresPerCode) {
        await raiseFlag(coordination, keys.codeLock(code), limits.codeLockSeconds);
        await coordination.resetHits(keys.codeFailures(code));
        lockedNow = true;
      }
      return { failures, lockedNow };
    },
    async verified(user, code) {
      await coordination.resetHits(keys.userCodeFailures(user, code));
      await lowerFlag(coordination, keys.grant(user, code));
      await raiseFlag(coordination, keys.grant(user, code), limits.grantSeconds);
    },
    async isVerified(user, code) {
      return isFlagRaised(coordination, keys.grant(user, code), limits.grantSeconds);
    },
  };
}
