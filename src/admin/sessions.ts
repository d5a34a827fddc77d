/** Staff sessions: a bearer token handed out at login, of which the store keeps only the SHA-256. */
import type { Account, AccountRepository } from '../store/ports';
import type { Clock } from '../store/store-options';
import { newSessionToken, tokenDigest } from './tokens';

/** How long a login lasts: one working day, so a forgotten browser does not stay signed in overnight and beyond. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Issues, resolves and ends staff sessions. */
export interface Sessions {
  /** Starts a session for `username` and answers its token (shown once, never stored). */
  issue(username: string): Promise<string>;
  /** The enabled account behind a live token, or undefined (unknown, expired, or account disabled/removed). */
  resolve(token: string): Promise<Account | undefined>;
  /** Ends the session of `token` (unknown tokens are ignored). */
  end(token: string): Promise<void>;
}

/** Sessions on the account repository. */
export function createSessions(accounts: AccountRepository, now: Clock): Sessions {
  return {
    async issue(username) {
      const token = newSessionToken();
      await accounts.addSession({ tokenHash: tokenDigest(token), username, expiresAt: new Date(now().getTime() + SESSION_TTL_MS) });
      return token;
    },
    async resolve(token) {
      const session = await accounts.findSession(tokenDigest(token), now());
      if (!session) return undefined;
      // Read the account on every request so that disabling it or changing its roles takes effect at once.
      const account = await accounts.find(session.username);
      return account && !account.disabled ? account : undefined;
    },
    async end(token) {
      await accounts.removeSession(tokenDigest(token));
    },
  };
}
