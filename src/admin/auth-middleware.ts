/** Express guards for /api/admin and /model/parse: who is calling, and may they. */
import type { Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http/errors';
import type { Role } from '../store/ports';
import type { Actor } from './actor';
import { isLoopbackAddress } from './loopback';
import type { Sessions } from './sessions';
import { bearerToken, integrationId, matchIntegrationToken } from './tokens';

/** The guards other modules mount (dossiers use requireDossierWriter). */
export interface AdminAuth {
  /** Sets `res.locals.actor` from the bearer token (staff session or integration token); 401 without a valid one. */
  authenticate: RequestHandler;
  /** Staff holding one of `roles` (admin holds them all); 401 without a valid token, 403 otherwise and for integration tokens. */
  requireRole(...roles: Role[]): RequestHandler;
  /** Any signed-in staff member, whatever the roles; integration tokens get 403. */
  requireStaff: RequestHandler;
  /** The one-stop system's integration token, or staff with desk (or admin). */
  requireDossierWriter: RequestHandler;
  /** POST /model/parse: open to callers on this machine, otherwise needs a staff token. */
  localOrStaff: RequestHandler;
}

const DOSSIER_ROLES: readonly Role[] = ['desk'];

/** True when a staff actor may act in one of `roles`; admin may act in every role. */
export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.kind === 'staff' && (actor.roles.includes('admin') || roles.some((r) => actor.roles.includes(r)));
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * True when the request comes from this machine: the socket and the client address Express derives must both be
 * loopback. Behind a reverse proxy on the same host every socket is loopback: when TRUST_PROXY trusts that proxy,
 * req.ip is the forwarded caller; when it does not, a forwarding header means a caller we cannot see, who must not
 * pass for local (whatever address the header claims).
 */
export function isLocalRequest(req: Request): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackAddress(req.ip)) return false;
  const trusted = (req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean)(req.socket.remoteAddress, 0);
  return trusted || !FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
}

/** Builds the guards over the session store and the configured integration tokens. */
export function createAdminAuth(sessions: Sessions, integrationTokens: readonly string[]): AdminAuth {
  async function identify(req: Request, res: Response): Promise<Actor> {
    const known = res.locals.actor as Actor | undefined;
    if (known) return known;
    const token = bearerToken(req.get('authorization'));
    if (!token) throw new HttpError('unauthorized', 'Sign in first: send "Authorization: Bearer <token>"');
    const integration = matchIntegrationToken(integrationTokens, token);
    let actor: Actor | undefined;
    if (integration !== undefined) actor = { kind: 'integration', id: integrationId(integration) };
    else {
      const account = await sessions.resolve(token);
      if (account) actor = { kind: 'staff', username: account.username, roles: account.roles };
    }
    if (!actor) throw new HttpError('unauthorized', 'The token is invalid or has expired; sign in again');
    res.locals.actor = actor;
    return actor;
  }

  const authenticate: RequestHandler = async (req, res, next) => {
    await identify(req, res);
    next();
  };

  function requireRole(...roles: Role[]): RequestHandler {
    if (roles.length === 0) throw new TypeError('requireRole needs at least one role');
    return async (req, res, next) => {
      const actor = await identify(req, res);
      if (!hasRole(actor, roles)) throw forbidden(actor, roles);
      next();
    };
  }

  const requireStaff: RequestHandler = async (req, res, next) => {
    const actor = await identify(req, res);
    if (actor.kind !== 'staff') throw forbidden(actor, []);
    next();
  };

  const requireDossierWriter: RequestHandler = async (req, res, next) => {
    const actor = await identify(req, res);
    if (actor.kind !== 'integration' && !hasRole(actor, DOSSIER_ROLES)) throw forbidden(actor, DOSSIER_ROLES);
    next();
  };

  const localOrStaff: RequestHandler = async (req, res, next) => {
    if (isLocalRequest(req)) return next();
    return requireStaff(req, res, next);
  };

  return { authenticate, requireRole, requireStaff, requireDossierWriter, localOrStaff };
}

function forbidden(actor: Actor, roles: readonly Role[]): HttpError {
  if (actor.kind === 'integration') return new HttpError('forbidden', 'Integration tokens may only write dossier records');
  return new HttpError('forbidden', roles.length ? `This needs one of the roles: ${roles.join(', ')}` : 'Staff only');
}
