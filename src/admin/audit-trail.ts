/** Writes staff actions to the AuditLog with the actor's name and the module's clock. */
import type { AuditLog } from '../store/ports';
import type { Clock } from '../store/store-options';
import { actorName, type Actor } from './actor';

/** The actions this module records (dossier routes add their own). */
export const AUDIT_ACTIONS = [
  'account.bootstrap',
  'account.create',
  'account.update',
  'account.password_change',
  'session.login',
  'session.logout',
  'content.reload',
  'offices.import',
  'handoff.claim',
  'handoff.reply',
  'handoff.close',
] as const;

/** One of the actions above. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Records what an actor did; `actor` may be a literal name such as `system` for start-up work. */
export type RecordAudit = (actor: Actor | string, action: AuditAction, target: string, detail?: Record<string, unknown>) => Promise<void>;

/** Binds the audit log to a clock. */
export function createAuditTrail(audit: AuditLog, now: Clock): RecordAudit {
  return (actor, action, target, detail) =>
    audit.add({ at: now(), actor: typeof actor === 'string' ? actor : actorName(actor), action, target, ...(detail ? { detail } : {}) });
}
