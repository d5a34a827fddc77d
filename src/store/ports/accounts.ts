/** Staff accounts, their sessions, and the audit trail of what staff and citizens' lookups did. */
import type { AgedRecords, PersonalDataHolder } from './personal-data';

/** `viewer` reads reports and charts and changes nothing. */
export type Role = 'admin' | 'editor' | 'desk' | 'propaganda' | 'viewer';

export interface Account {
  username: string;
  /** scrypt hash in the form `scrypt$<salt>$<hash>` (never the password). */
  passwordHash: string;
  roles: Role[];
  disabled: boolean;
  createdAt: Date;
}

export interface Session {
  /** SHA-256 of the bearer token: a stolen database does not yield usable tokens. */
  tokenHash: string;
  username: string;
  expiresAt: Date;
}

export interface AccountRepository {
  count(): Promise<number>;
  find(username: string): Promise<Account | undefined>;
  /** Creates the account; answers false when the username is taken. */
  create(account: Account): Promise<boolean>;
  update(username: string, change: Partial<Pick<Account, 'passwordHash' | 'roles' | 'disabled'>>): Promise<void>;
  list(): Promise<Account[]>;
  addSession(session: Session): Promise<void>;
  findSession(tokenHash: string, now: Date): Promise<Session | undefined>;
  removeSession(tokenHash: string): Promise<void>;
  /** Ends every session of one account (after a password change); answers how many ended. */
  removeSessionsOf(username: string): Promise<number>;
}

export interface AuditEntry {
  at: Date;
  /** `staff:<username>`, `integration:<token id>` or `<channel>:<user id>`. */
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

/** Actors that are not citizens: staff, integrations, the process itself, an operator at the command line. */
export const SERVICE_ACTOR_PREFIXES = ['staff:', 'integration:', 'operator:', 'system'] as const;

/**
 * A citizen's entries are those whose actor is `<channel>:<userId>` (their dossier lookups): those are exported,
 * erased and aged (by `at`); entries of service actors (SERVICE_ACTOR_PREFIXES) are never purged by age.
 */
export interface AuditLog extends PersonalDataHolder, AgedRecords {
  add(entry: AuditEntry): Promise<void>;
  list(filter: { action?: string; target?: string; since?: Date; limit: number }): Promise<AuditEntry[]>;
}
