import type { Account, AccountRepository, Role, Session } from '../ports';
import { systemClock, type Clock } from '../store-options';
import type { SqliteDb } from './database';

interface AccountRow {
  username: string;
  password_hash: string;
  roles: string;
  disabled: number;
  created_at: string;
}

interface SessionRow {
  token_hash: string;
  username: string;
  expires_at: string;
}

const columns = 'username, password_hash, roles, disabled, created_at';

/** AccountRepository (accounts and their sessions) on the embedded database. */
export function createSqliteAccountRepository(db: SqliteDb, now: Clock = systemClock): AccountRepository {
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts');
  const select = db.prepare<[string], AccountRow>(`SELECT ${columns} FROM accounts WHERE username = ?`);
  const selectAll = db.prepare<[], AccountRow>(`SELECT ${columns} FROM accounts ORDER BY username`);
  const insert = db.prepare(
    `INSERT INTO accounts (${columns}) VALUES (@username, @passwordHash, @roles, @disabled, @createdAt)
     ON CONFLICT(username) DO NOTHING`,
  );
  const updateFields = {
    passwordHash: db.prepare('UPDATE accounts SET password_hash = ? WHERE username = ?'),
    roles: db.prepare('UPDATE accounts SET roles = ? WHERE username = ?'),
    disabled: db.prepare('UPDATE accounts SET disabled = ? WHERE username = ?'),
  };
  const insertSession = db.prepare('INSERT INTO sessions (token_hash, username, expires_at) VALUES (?, ?, ?)');
  const pruneSessions = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const selectSession = db.prepare<[string, string], SessionRow>(
    'SELECT token_hash, username, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const removeSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const removeSessionsOf = db.prepare('DELETE FROM sessions WHERE username = ?');

  const updateInTransaction = db.transaction((username: string, change: Parameters<AccountRepository['update']>[1]) => {
    if (change.passwordHash !== undefined) updateFields.passwordHash.run(change.passwordHash, username);
    if (change.roles !== undefined) updateFields.roles.run(JSON.stringify(change.roles), username);
    if (change.disabled !== undefined) updateFields.disabled.run(change.disabled ? 1 : 0, username);
  });

  const addSessionInTransaction = db.transaction((session: Session) => {
    // Expired sessions are dead weight holding token hashes; logins are rare enough to sweep then.
    pruneSessions.run(now().toISOString());
    insertSession.run(session.tokenHash, session.username, session.expiresAt.toISOString());
  });

  return {
    async count() {
      return count.get()!.n;
    },
    async find(username) {
      const row = select.get(username);
      return row ? toAccount(row) : undefined;
    },
    async create(account) {
      const { username, passwordHash, roles, disabled, createdAt } = account;
      const result = insert.run({
        username,
        passwordHash,
        roles: JSON.stringify(roles),
        disabled: disabled ? 1 : 0,
        createdAt: createdAt.toISOString(),
      });
      return result.changes === 1;
    },
    async update(username, change) {
      updateInTransaction(username, change);
    },
    async list() {
      return selectAll.all().map(toAccount);
    },
    async addSession(session) {
      addSessionInTransaction(session);
    },
    async findSession(tokenHash, at) {
      const row = selectSession.get(tokenHash, at.toISOString());
      return row ? { tokenHash: row.token_hash, username: row.username, expiresAt: new Date(row.expires_at) } : undefined;
    },
    async removeSession(tokenHash) {
      removeSession.run(tokenHash);
    },
    async removeSessionsOf(username) {
      return removeSessionsOf.run(username).changes;
    },
  };
}

function toAccount(r: AccountRow): Account {
  return {
    username: r.username,
    passwordHash: r.password_hash,
    roles: JSON.parse(r.roles) as Role[],
    disabled: r.disabled === 1,
    createdAt: new Date(r.created_at),
  };
}
