import type { DossierInput, DossierRecord, DossierUpsertOutcome } from './ports';

/** What an upsert must write, decided the same way by every adapter. */
export interface DossierMerge {
  outcome: DossierUpsertOutcome;
  record: DossierRecord;
  /** Set when the write starts a new status, which goes into the history. */
  statusChange?: { status: string; at: Date };
}

/**
 * Upsert-if-newer: an older `updatedAt` than the stored one is ignored; the same `updatedAt` is applied again
 * (a retried push is idempotent). The status history grows only when the status actually changes.
 */
export function mergeDossier(existing: DossierRecord | undefined, input: DossierInput): DossierMerge {
  if (!existing) {
    const record = { ...input, statusChangedAt: input.updatedAt };
    return { outcome: 'created', record, statusChange: { status: input.status, at: input.updatedAt } };
  }
  if (existing.updatedAt.getTime() > input.updatedAt.getTime()) return { outcome: 'ignored', record: existing };
  const changed = existing.status !== input.status;
  const record = { ...input, statusChangedAt: changed ? input.updatedAt : existing.statusChangedAt };
  return changed
    ? { outcome: 'applied', record, statusChange: { status: input.status, at: input.updatedAt } }
    : { outcome: 'applied', record };
}
