/** Staff accounts (admin only): list, create, change roles / disable / reset password. */
import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../../http/errors';
import type { Account, AccountRepository, Role } from '../../store/ports';
import type { Clock } from '../../store/store-options';
import { currentStaff, ROLES } from '../actor';
import type { RecordAudit } from '../audit-trail';
import { isKnownWeakPassword, USERNAME_PATTERN, USERNAME_RULE } from '../credential-rules';
import type { AdminAuth } from '../auth-middleware';
import { MIN_PASSWORD_LENGTH, type PasswordHasher } from '../passwords';
import { validate } from '../validate';
import { jsonBody } from './json-body';

const Username = z.string().regex(USERNAME_PATTERN, USERNAME_RULE);
/** A new password: the length and weak-list rules of credential-rules.ts and passwords.ts. */
export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, 'must have at most 1024 characters')
  .refine((p) => !isKnownWeakPassword(p), 'is on the list of known weak passwords; choose another');
const Roles = z
  .array(z.enum(ROLES as [Role, ...Role[]], { error: `must each be one of ${ROLES.join(', ')}` }), { error: 'must be a list of roles' })
  .min(1, 'must name at least one role')
  .transform((roles) => [...new Set(roles)]);

// Strict, so a misspelt field ("role") is refused instead of silently ignored.
const CreateBody = z.strictObject({ username: Username, password: Password, roles: Roles }, { error: 'must be a JSON object' });
const PatchBody = z
  .strictObject(
    { roles: Roles.optional(), disabled: z.boolean({ error: 'must be true or false' }).optional(), password: Password.optional() },
    { error: 'must be a JSON object' },
  )
  .refine((b) => b.roles !== undefined || b.disabled !== undefined || b.password !== undefined, {
    error: 'must contain roles, disabled or password',
  });

/** An account as the API shows it: never the password hash. */
function publicAccount(a: Account) {
  return { username: a.username, roles: a.roles, disabled: a.disabled, createdAt: a.createdAt.toISOString() };
}

/** What the account routes need. */
export interface AccountRoutesDeps {
  accounts: AccountRepository;
  hasher: PasswordHasher;
  auth: AdminAuth;
  audit: RecordAudit;
  now: Clock;
}

/** GET/POST /api/admin/accounts and PATCH /api/admin/accounts/:username. */
export function createAccountRoutes(deps: AccountRoutesDeps): Router {
  const { accounts, hasher, auth, audit, now } = deps;
  const router = Router();
  const adminOnly = auth.requireRole('admin');

  router.get('/api/admin/accounts', adminOnly, async (_req, res) => {
    res.json({ accounts: (await accounts.list()).map(publicAccount) });
  });

  router.post('/api/admin/accounts', adminOnly, jsonBody, async (req, res) => {
    const body = validate(CreateBody, req.body);
    const account: Account = {
      username: body.username,
      passwordHash: await hasher.hash(body.password),
      roles: body.roles,
      disabled: false,
      createdAt: now(),
    };
    if (!(await accounts.create(account))) throw new HttpError('conflict', `Account "${body.username}" already exists`);
    await audit(currentStaff(res), 'account.create', account.username, { roles: account.roles });
    res.status(201).json(publicAccount(account));
  });

  router.patch('/api/admin/accounts/:username', adminOnly, jsonBody, async (req, res) => {
    const username = String(req.params.username);
    const change = validate(PatchBody, req.body);
    const existing = await accounts.find(username);
    if (!existing) throw new HttpError('not_found', `No account "${username}"`);
    const next = { ...existing, roles: change.roles ?? existing.roles, disabled: change.disabled ?? existing.disabled };
    await refuseLosingLastAdmin(accounts, existing, next);
    await accounts.update(username, {
      ...(change.roles ? { roles: change.roles } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      ...(change.password ? { passwordHash: await hasher.hash(change.password) } : {}),
    });
    // A new password must lock out whoever knew the old one, including their open sessions.
    if (change.password) await accounts.removeSessionsOf(username);
    await audit(currentStaff(res), 'account.update', username, {
      ...(change.roles ? { roles: change.roles } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
      ...(change.password ? { passwordChanged: true } : {}),
    });
    res.json(publicAccount(next));
  });

  return router;
}

// Without an enabled admin nobody can manage accounts again, short of editing the database by hand.
async function refuseLosingLastAdmin(accounts: AccountRepository, before: Account, after: Account): Promise<void> {
  const wasAdmin = !before.disabled && before.roles.includes('admin');
  const staysAdmin = !after.disabled && after.roles.includes('admin');
  if (!wasAdmin || staysAdmin) return;
  const others = (await accounts.list()).filter((a) => a.username !== before.username && !a.disabled && a.roles.includes('admin'));
  if (others.length === 0) throw new HttpError('conflict', `"${before.username}" is the last enabled admin; make another admin first`);
}
