/** First start: creates the configured admin account when the account store is empty. */
import type { Logger } from '../ops/logger';
import type { AccountRepository } from '../store/ports';
import type { Clock } from '../store/store-options';
import type { RecordAudit } from './audit-trail';
import type { PasswordHasher } from './passwords';

/** What bootstrap needs: ADMIN_USERNAME / ADMIN_PASSWORD from config, the store, and somewhere to say what happened. */
export interface BootstrapOptions {
  accounts: AccountRepository;
  hasher: PasswordHasher;
  username: string | undefined;
  password: string | undefined;
  audit: RecordAudit;
  logger: Logger;
  now: Clock;
}

/**
 * Creates the admin only on an empty store: once any account exists, the env variables are ignored,
 * so changing ADMIN_PASSWORD later cannot reset (or hijack) the admin's password.
 * Answers whether an account was created.
 */
export async function bootstrapAdmin(options: BootstrapOptions): Promise<boolean> {
  const { accounts, username, password, logger } = options;
  if ((await accounts.count()) > 0) return false;
  if (!username || !password) {
    logger.warn('no staff account exists and ADMIN_USERNAME / ADMIN_PASSWORD are not both set: no staff can log in');
    return false;
  }
  const created = await accounts.create({
    username,
    passwordHash: await options.hasher.hash(password),
    roles: ['admin'],
    disabled: false,
    createdAt: options.now(),
  });
  // Another instance starting at the same moment may have won the insert; that is fine.
  if (created) {
    await options.audit('system', 'account.bootstrap', username, { roles: ['admin'] });
    logger.info({ username }, 'created the first admin account from ADMIN_USERNAME');
  }
  return created;
}
