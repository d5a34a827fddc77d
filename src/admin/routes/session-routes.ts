/** POST /api/admin/login, POST /api/admin/logout, GET /api/admin/me. */
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../ops/logger';
import { badRequest, HttpError } from '../../http/errors';
import type { AccountRepository } from '../../store/ports';
import { currentStaff } from '../actor';
import type { RecordAudit } from '../audit-trail';
import type { AdminAuth } from '../auth-middleware';
import type { LoginThrottle } from '../login-throttle';
import { verifyPassword, type PasswordHasher } from '../passwords';
import type { Sessions } from '../sessions';
import { bearerToken } from '../tokens';
import { validate } from '../validate';
import { Password } from './account-routes';
import { jsonBody } from './json-body';

const LoginBody = z.object({
  username: z.string().trim().min(1, 'is required').max(128, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});

const OwnPasswordBody = z.strictObject(
  { currentPassword: z.string().min(1, 'is required').max(1024, 'is too long'), newPassword: Password },
  { error: 'must be a JSON object' },
);

// One message for unknown user, wrong password and disabled account: which one it was is an attacker's clue.
const WRONG_CREDENTIALS = 'Wrong username or password';

/** What the session routes need. */
export interface SessionRoutesDeps {
  accounts: AccountRepository;
  hasher: PasswordHasher;
  sessions: Sessions;
  throttle: LoginThrottle;
  auth: AdminAuth;
  audit: RecordAudit;
  logger: Logger;
}

/** Login, logout and "who am I". */
export function createSessionRoutes(deps: SessionRoutesDeps): Router {
  const { accounts, hasher, sessions, throttle, auth, audit, logger } = deps;
  const router = Router();

  router.post('/api/admin/login', jsonBody, async (req, res) => {
    const { username, password } = validate(LoginBody, req.body);
    // Express derives req.ip from the socket, or from X-Forwarded-For only when TRUST_PROXY says the proxy is ours.
    const ip = req.ip;
    const admission = await throttle.admit(username, ip);
    if (!admission.admitted) {
      const minutes = Math.max(1, Math.ceil(admission.retryAfterSeconds / 60));
      logger.warn({ username, ip }, 'staff sign-in refused: too many failed attempts');
      res.setHeader('Retry-After', String(Math.ceil(admission.retryAfterSeconds)));
      throw new HttpError('too_many_requests', `Too many failed sign-in attempts; wait ${minutes} minute(s) and try again`);
    }
    const account = await accounts.find(username);
    const ok = account ? await verifyPassword(password, account.passwordHash) : await hasher.verifyUnknown(password);
    if (!account || !ok || account.disabled) {
      logger.warn({ username, ip, reason: !account ? 'unknown' : !ok ? 'password' : 'disabled' }, 'staff sign-in refused');
      throw new HttpError('unauthorized', WRONG_CREDENTIALS);
    }
    await throttle.succeeded(username, ip);
    if (hasher.needsRehash(account.passwordHash)) {
      // The password is known right now, and only now: re-hash it at today's cost.
      await accounts.update(account.username, { passwordHash: await hasher.hash(password) });
      logger.info({ username: account.username }, 'upgraded the password hash to the current scrypt cost');
    }
    const token = await sessions.issue(account.username);
    await audit(`staff:${account.username}`, 'session.login', account.username, { ip });
    res.json({ token });
  });

  router.post('/api/admin/logout', auth.requireStaff, async (req, res) => {
    const staff = currentStaff(res);
    await sessions.end(bearerToken(req.get('authorization'))!);
    await audit(staff, 'session.logout', staff.username);
    res.status(204).end();
  });

  // The signed-in user changes their own password: the current one is required (a session left open on a shared desk
  // must not let a passer-by take the account) and charged to the sign-in throttle like a sign-in. Every session of
  // the account ends, this one included; the answer carries a fresh token.
  router.put('/api/admin/me/password', auth.requireStaff, jsonBody, async (req, res) => {
    const staff = currentStaff(res);
    const body = validate(OwnPasswordBody, req.body);
    const admission = await throttle.admit(staff.username, req.ip);
    if (!admission.admitted) {
      const minutes = Math.max(1, Math.ceil(admission.retryAfterSeconds / 60));
      res.setHeader('Retry-After', String(Math.ceil(admission.retryAfterSeconds)));
      throw new HttpError('too_many_requests', `Too many wrong current passwords; wait ${minutes} minute(s) and try again`);
    }
    const account = await accounts.find(staff.username);
    if (!account || !(await verifyPassword(body.currentPassword, account.passwordHash))) {
      throw badRequest('Invalid body: "currentPassword" is not the current password', [{ field: 'currentPassword', message: 'is not the current password' }]);
    }
    if (body.newPassword === body.currentPassword) {
      throw badRequest('Invalid body: "newPassword" must differ from the current password', [{ field: 'newPassword', message: 'must differ from the current password' }]);
    }
    await throttle.succeeded(staff.username, req.ip);
    await accounts.update(staff.username, { passwordHash: await hasher.hash(body.newPassword) });
    await accounts.removeSessionsOf(staff.username);
    await audit(staff, 'account.password_change', staff.username);
    res.json({ token: await sessions.issue(staff.username) });
  });

  router.get('/api/admin/me', auth.requireStaff, (_req, res) => {
    const { username, roles } = currentStaff(res);
    res.json({ username, roles });
  });

  return router;
}
