import { randomUUID } from 'node:crypto';
import type { Coordination } from '../coordination';
import type { AuditEntry, AuditLog } from '../store/ports';
import type { Clock } from '../store/store-options';
import type { ImportProgress, ImportReport } from './csv-import';

/** How an import stands: still running (here or on another instance), done, failed, or cut off by a crash or restart. */
export type ImportOutcome = 'running' | 'completed' | 'failed' | 'interrupted';

/** One import as staff see it in the list. */
export interface ImportSummary {
  id: string;
  startedAt: string;
  startedBy: string;
  outcome: ImportOutcome;
  endedAt: string | null;
  /** The counts of a finished import. */
  counts: ImportProgress | null;
  /** Why a failed import failed. */
  error: string | null;
}

/** Records CSV imports in the audit trail from start to end, and lists them. */
export interface ImportJournal {
  /** Audits the start, marks the import alive while `work` runs, and audits the end with the counts or the error. */
  run(actor: string, work: () => Promise<ImportReport>): Promise<ImportReport>;
  /** The latest imports, newest first. */
  recent(limit: number): Promise<ImportSummary[]>;
}

const STARTED = 'dossier.import_started';
const ENDED = 'dossier.import';
/** A running import renews its mark this often; a mark left this long without renewal means its process is gone. */
const BEAT_SECONDS = 20;
const ALIVE_SECONDS = 3 * BEAT_SECONDS;

/**
 * A journal over the audit log and Coordination. An import that started and never ended, and whose alive-mark has
 * lapsed (the process crashed or restarted mid-file), is shown as interrupted: staff then know to import the file
 * again (rows are idempotent, so a second run applies only what the first one missed).
 */
export function createImportJournal(deps: { audit: AuditLog; coordination: Coordination; now: Clock }): ImportJournal {
  const { audit, coordination, now } = deps;
  const alive = (id: string) => `dossier-import:${id}`;
  const target = (id: string) => `dossier-import:${id}`;

  return {
    async run(actor, work) {
      const id = randomUUID();
      await audit.add({ at: now(), actor, action: STARTED, target: target(id) });
      await coordination.setFlag(alive(id), ALIVE_SECONDS);
      const beat = setInterval(() => void coordination.setFlag(alive(id), ALIVE_SECONDS).catch(() => undefined), BEAT_SECONDS * 1000);
      beat.unref();
      try {
        const report = await work();
        const { rowsRead, created, applied, ignored, failed } = report;
        await audit.add({ at: now(), actor, action: ENDED, target: target(id), detail: { outcome: 'completed', rowsRead, created, applied, ignored, failed } });
        return report;
      } catch (err) {
        await audit.add({ at: now(), actor, action: ENDED, target: target(id), detail: { outcome: 'failed', error: (err as Error).message } });
        throw err;
      } finally {
        clearInterval(beat);
        await coordination.clearFlag(alive(id));
      }
    },
    async recent(limit) {
      const started = await audit.list({ action: STARTED, limit });
      return Promise.all(
        started.map(async (start): Promise<ImportSummary> => {
          const id = start.target.slice('dossier-import:'.length);
          const [end] = await audit.list({ action: ENDED, target: start.target, limit: 1 });
          const base = { id, startedAt: start.at.toISOString(), startedBy: start.actor };
          if (end) return { ...base, ...ended(end) };
          const running = (await coordination.flagSeconds(alive(id))) > 0;
          return { ...base, outcome: running ? 'running' : 'interrupted', endedAt: null, counts: null, error: null };
        }),
      );
    },
  };
}

function ended(end: AuditEntry): Pick<ImportSummary, 'outcome' | 'endedAt' | 'counts' | 'error'> {
  const d = end.detail ?? {};
  const failed = d.outcome === 'failed';
  const counts = failed ? null : { rowsRead: Number(d.rowsRead), created: Number(d.created), applied: Number(d.applied), ignored: Number(d.ignored), failed: Number(d.failed) };
  return { outcome: failed ? 'failed' : 'completed', endedAt: end.at.toISOString(), counts, error: failed ? String(d.error) : null };
}
