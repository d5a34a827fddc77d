import type { AuditLog, ChannelUser } from '../store/ports';
import type { Clock } from '../store/store-options';

/** What the dossier module records in the audit log. */
export const DOSSIER_AUDIT_ACTIONS = [
  'dossier.lookup',
  'dossier.lookup_refused',
  'dossier.verify_failed',
  'dossier.verified',
  'dossier.locked',
  'dossier.subscribe',
  'dossier.staff_view',
  'dossier.staff_list',
  'dossier.write',
  'dossier.import',
  'dossier.import_started',
] as const;

export type DossierAuditAction = (typeof DOSSIER_AUDIT_ACTIONS)[number];

/** Records one dossier action; `actor` is `<channel>:<user id>` for citizens, `staff:<name>` / `integration:<id>` for the API. */
export type RecordDossierAudit = (actor: string, action: DossierAuditAction, code: string, detail?: Record<string, unknown>) => Promise<void>;

/** Binds the audit log to a clock. */
export function createDossierAudit(audit: AuditLog, now: Clock): RecordDossierAudit {
  return (actor, action, code, detail) => audit.add({ at: now(), actor, action, target: `dossier:${code}`, ...(detail ? { detail } : {}) });
}

/** A citizen as the audit log names them. */
export function citizenActor(user: ChannelUser): string {
  return `${user.channel}:${user.userId}`;
}
