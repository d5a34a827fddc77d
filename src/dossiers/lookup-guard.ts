import type { BackoffPolicy, Budget, Coordination } from '../coordination';
import { addressKey } from '../http/address-key';
import type { ChannelUser } from '../store/ports';

/** Budgets against guessing the 4 digits; every one is checked and charged where the digits are compared. */
export interface LookupLimits {
  /** Wrong answers one conversation may give (any code) per window; then it waits out the window. */
  senderFailures: number;
  senderWindowSeconds: number;
  /** Wrong answers from one client address (IPv6: one /64) per window; only channels that know the address. */
  addressFailures: number;
  /** Wrong answers across the whole service per window: bounds guessing spread over many codes and addresses. */
  globalFailures: number;
  /** The window of the address and global budgets. */
  failureWindowSeconds: number;
  /** Per code, whoever answers: a few free wrong answers, then a doubling wait for everyone (not a hard lock). */
  code: BackoffPolicy;
  /** How long a "4 số cuối" question stays open. */
  questionSeconds: number;
  /** How long a verified citizen may act on the code (subscribe) without answering again. */
  grantSeconds: number;
}

export const DEFAULT_LOOKUP_LIMITS: LookupLimits = {
  senderFailures: 5,
  senderWindowSeconds: 30 * 60,
  addressFailures: 20,
  globalFailures: 100,
  failureWindowSeconds: 60 * 60,
  code: { free: 5, firstWaitSeconds: 60, maxWaitSeconds: 60 * 60, memorySeconds: 24 * 60 * 60 },
  questionSeconds: 5 * 60,
  grantSeconds: 15 * 60,
};

/** Who answers: the conversation, and the client's network address on channels that know it (the web chat). */
export interface Answerer {
  user: ChannelUser;
  address?: string;
}

/** Which budget refused: this conversation's own wrong answers, or a protection that holds for others too. */
export type RefusalReason = 'sender' | 'address' | 'code' | 'global';

/** Why a lookup may not go on now, and for how long. */
export interface Refusal {
  reason: RefusalReason;
  retryAfterSeconds: number;
}

/** The guard's verdict on one answer. `wrong.triesLeft` 0 means the next answer must wait `waitSeconds`. */
export type Verdict = { kind: 'verified' } | { kind: 'wrong'; triesLeft: number; waitSeconds: number } | ({ kind: 'refused' } & Refusal);

/** Lookup budgets kept in Coordination, so every instance agrees. */
export interface LookupGuard {
  /** A courtesy check when the question is asked, so nobody types digits only to be refused; counts nothing. */
  standing(who: Answerer, code: string): Promise<Refusal | undefined>;
  /**
   * Checks and charges every budget, runs `matches` (the comparison of the digits), and settles: a right answer gets
   * its units back and a grant, a wrong one keeps them and strikes the code. Answers for one code run one at a time
   * on every instance, so no burst of answers can compare more often than the budgets allow.
   */
  verify(who: Answerer, code: string, matches: () => Promise<boolean>): Promise<Verdict>;
  /** True while a recent verification of `code` by `user` stands. */
  isVerified(user: ChannelUser, code: string): Promise<boolean>;
}

const who = (u: ChannelUser) => `${u.channel}:${u.userId}`;

/** Builds the guard over Coordination's atomic budgets, back-offs and flags. */
export function createLookupGuard(coordination: Coordination, limits: LookupLimits = DEFAULT_LOOKUP_LIMITS): LookupGuard {
  const codeKey = (code: string) => `dossier:code:${code}`;
  const grantKey = (u: ChannelUser, code: string) => `dossier:grant:${who(u)}:${code}`;
  const reasons: RefusalReason[] = ['sender', 'global', 'address'];
  // In the order of `reasons`; a channel that does not know the address has no address budget.
  const budgets = (a: Answerer): Budget[] => [
    { key: `dossier:sender:${who(a.user)}`, limit: limits.senderFailures, windowSeconds: limits.senderWindowSeconds },
    { key: 'dossier:global', limit: limits.globalFailures, windowSeconds: limits.failureWindowSeconds },
    ...(a.address === undefined ? [] : [{ key: `dossier:address:${addressKey(a.address)}`, limit: limits.addressFailures, windowSeconds: limits.failureWindowSeconds }]),
  ];

  return {
    async standing(a, code) {
      const waits: [RefusalReason, Promise<number>][] = [
        ...budgets(a).map((b, i): [RefusalReason, Promise<number>] => [reasons[i]!, coordination.budgetWait([b])]),
        ['code', coordination.waitSeconds(codeKey(code))],
      ];
      let longest: Refusal | undefined;
      for (const [reason, wait] of waits) {
        const seconds = await wait;
        if (seconds > (longest?.retryAfterSeconds ?? 0)) longest = { reason, retryAfterSeconds: seconds };
      }
      return longest;
    },
    verify(a, code, matches) {
      return coordination.withLock(`dossier:verify:${code}`, async () => {
        // Inside the code's lock nobody else strikes this code, so its wait read here still holds at the comparison.
        const codeWait = await coordination.waitSeconds(codeKey(code));
        if (codeWait > 0) return { kind: 'refused', reason: 'code', retryAfterSeconds: codeWait };
        const charged = budgets(a);
        // Every answer is charged before the comparison, as if wrong: concurrent answers on other codes can never
        // overdraw the shared budgets. A right answer gives its units back.
        const taken = await coordination.take(charged);
        if (!taken.taken) return { kind: 'refused', reason: reasons[taken.spent]!, retryAfterSeconds: taken.retryAfterSeconds };
        if (await matches()) {
          await coordination.giveBack(charged.map((b) => b.key));
          await coordination.setFlag(grantKey(a.user, code), limits.grantSeconds);
          return { kind: 'verified' };
        }
        const strike = await coordination.strike(codeKey(code), limits.code);
        const codeTries = strike.counted && strike.waitSeconds === 0 ? limits.code.free - strike.strikes + 1 : 0;
        const triesLeft = Math.min(codeTries, ...charged.map((b, i) => b.limit - taken.used[i]!));
        const waitSeconds = triesLeft > 0 ? 0 : Math.max(await coordination.waitSeconds(codeKey(code)), await coordination.budgetWait(charged));
        return { kind: 'wrong', triesLeft, waitSeconds };
      });
    },
    async isVerified(user, code) {
      return (await coordination.flagSeconds(grantKey(user, code))) > 0;
    },
  };
}

/** How one answer to the 4-digit question ended, for metrics: `locked` is a wrong answer that used the last free try. */
export type LookupOutcome = 'verified' | 'wrong' | 'locked' | `refused_${RefusalReason}`;

/** The guard, telling `observe` how each verification ended (staff alert on bursts of locks and refusals). */
export function observedLookupGuard(guard: LookupGuard, observe: (outcome: LookupOutcome) => void): LookupGuard {
  return {
    standing: (who, code) => guard.standing(who, code),
    isVerified: (user, code) => guard.isVerified(user, code),
    async verify(who, code, matches) {
      const verdict = await guard.verify(who, code, matches);
      if (verdict.kind === 'refused') observe(`refused_${verdict.reason}`);
      else if (verdict.kind === 'wrong') observe(verdict.triesLeft > 0 ? 'wrong' : 'locked');
      else observe('verified');
      return verdict;
    },
  };
}
