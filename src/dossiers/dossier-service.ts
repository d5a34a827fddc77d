import type { ChannelUser, DossierInput, DossierRepository, DossierUpsertResult, OutboxRepository } from '../store/ports';
import { enqueueStatusNotices } from './status-notice';

/** Writes dossier records and tells watchers of status changes. */
export interface DossierService {
  apply(input: DossierInput): Promise<DossierUpsertResult>;
  /** Applies a batch in order in one store transaction, then queues the notices of the changes it made. */
  applyBatch(inputs: readonly DossierInput[]): Promise<DossierUpsertResult[]>;
}

export interface DossierServiceDeps {
  dossiers: DossierRepository;
  outbox: OutboxRepository;
  /** Told of each watcher a notice was queued for (platform channels send it at once when their window allows). */
  noticeQueued?: (watcher: ChannelUser) => void;
}

/** Builds the write side over the repositories. */
export function createDossierService(deps: DossierServiceDeps): DossierService {
  const { dossiers, outbox } = deps;

  // A write whose updatedAt started the current status reports that change. Re-applying it (a retried push after a
  // crash between the two writes) queues again, and the outbox key makes that a no-op: at least once in, once out.
  async function notify(input: DossierInput, result: DossierUpsertResult): Promise<void> {
    if (result.outcome === 'ignored') return;
    if (result.record.statusChangedAt.getTime() !== input.updatedAt.getTime()) return;
    for (const watcher of await enqueueStatusNotices(result.record, dossiers, outbox)) deps.noticeQueued?.(watcher);
  }

  return {
    async apply(input) {
      const result = await dossiers.upsert(input);
      await notify(input, result);
      return result;
    },
    async applyBatch(inputs) {
      const results = await dossiers.upsertMany(inputs);
      for (let i = 0; i < inputs.length; i++) await notify(inputs[i]!, results[i]!);
      return results;
    },
  };
}
