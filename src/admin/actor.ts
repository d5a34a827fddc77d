/** Who is calling an admin route: a staff member with roles, or the one-stop system's integration token. */
import type { Response } from 'express';
import type { Role } from '../store/ports';

/** Every staff role, in the order the docs list them. */
export const ROLES: readonly Role[] = ['admin', 'editor', 'desk', 'propaganda', 'viewer'];

/** The authenticated caller, set on `res.locals.actor` by the auth middleware. */
export type Actor = { kind: 'staff'; username: string; roles: Role[] } | { kind: 'integration'; id: string };

/** The actor as written in audit entries: `staff:<username>` or `integration:<id>`. */
export function actorName(actor: Actor): string {
  return actor.kind === 'staff' ? `staff:${actor.username}` : `integration:${actor.id}`;
}

/** The actor set by the auth middleware; throws when a route forgot its guard (a programming error, not a 401). */
export function currentActor(res: Response): Actor {
  const actor = res.locals.actor as Actor | undefined;
  if (!actor) throw new Error('route has no auth middleware: res.locals.actor is not set');
  return actor;
}

/** The staff actor of a staff-only route (guards already refused integration tokens). */
export function currentStaff(res: Response): Extract<Actor, { kind: 'staff' }> {
  const actor = currentActor(res);
  if (actor.kind !== 'staff') throw new Error('staff-only route reached by an integration token');
  return actor;
}
