/** POST /api/admin/login, POST /api/admin/logout, GET /api/admin/me. */
import { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../ops/logger';
import { HttpError } from '../../http/errors';
import type { AccountRepository } from '../../store/ports';
import { currentStaff } from '../actor';
import type { RecordAudit } from '../audit-trail';
import type { AdminAuth } from '../auth-middleware';
import type { LoginThrottle } from '../login-throttle';
import { verifyPassword, type PasswordHasher } from '../passwords';
import type { Sessions } from '../sessions';
import { bearerToken } from '../tokens';
import { validate } from '../validate';
import { jsonBody } from './json-body';

const LoginBody = z.object({
  username: z.string().trim().min(1, 'is required').max(128, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});

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

  router.get('/api/admin/me', auth.requireStaff, (_req, res) => {
    const { username, roles } = currentStaff(res);
    res.json({ username, roles });
  });

  return router;
}
