/**
 * Retention by configuration: each kind of citizens' records is dropped once older than its configured age, by one
 * sweep on a timer. Kinds and their rules are listed in docs/personal-data.md.
 */
import type { Config } from '../config';
import type { Logger } from '../ops/logger';
import type { Store } from '../store/ports';
import { systemClock, type Clock } from '../store/store-options';

/** One kind of records and how it ages: `purge` drops those older than the cutoff and answers how many went. */
export interface RetentionRule {
  kind: string;
  maxAgeSeconds: number;
  purge(before: Date): Promise<number>;
}

const DAY_SECONDS = 24 * 3600;

/** The configured ages of every kind that holds personal data (the conversation's in seconds, the rest in days). */
export type RetentionAges = Pick<
  Config,
  | 'STATE_RETENTION_SECONDS'
  | 'FEEDBACK_RETENTION_DAYS'
  | 'UNANSWERED_RETENTION_DAYS'
  | 'HANDOFF_RETENTION_DAYS'
  | 'LOOKUP_LOG_RETENTION_DAYS'
  | 'DOSSIER_WATCH_RETENTION_DAYS'
  | 'OUTBOX_RETENTION_DAYS'
  | 'CONTACT_RETENTION_DAYS'
  | 'ACTIVITY_RETENTION_DAYS'
>;

/** Every kind that ages, with its age from the configuration. A new kind adds one line here and one variable. */
export function retentionRules(store: Store, ages: RetentionAges): RetentionRule[] {
  const days = (n: number) => n * DAY_SECONDS;
  return [
    { kind: 'conversations', maxAgeSeconds: ages.STATE_RETENTION_SECONDS, purge: (b) => store.state.purgeOlderThan(b) },
    // A conversation's recent lines age with it: all of them once it has written none for that long.
    { kind: 'conversationLines', maxAgeSeconds: ages.STATE_RETENTION_SECONDS, purge: (b) => store.recentLines.purgeOlderThan(b) },
    { kind: 'feedback', maxAgeSeconds: days(ages.FEEDBACK_RETENTION_DAYS), purge: (b) => store.feedback.purgeOlderThan(b) },
    { kind: 'unanswered', maxAgeSeconds: days(ages.UNANSWERED_RETENTION_DAYS), purge: (b) => store.unanswered.purgeOlderThan(b) },
    { kind: 'handoffs', maxAgeSeconds: days(ages.HANDOFF_RETENTION_DAYS), purge: (b) => store.handoffs.purgeOlderThan(b) },
    { kind: 'dossierLookups', maxAgeSeconds: days(ages.LOOKUP_LOG_RETENTION_DAYS), purge: (b) => store.audit.purgeOlderThan(b) },
    { kind: 'dossierWatches', maxAgeSeconds: days(ages.DOSSIER_WATCH_RETENTION_DAYS), purge: (b) => store.dossiers.purgeWatchersOlderThan(b) },
    { kind: 'outbox', maxAgeSeconds: days(ages.OUTBOX_RETENTION_DAYS), purge: (b) => store.outbox.purgeOlderThan(b) },
    { kind: 'daysWritten', maxAgeSeconds: days(ages.ACTIVITY_RETENTION_DAYS), purge: (b) => store.activity.purgeOlderThan(b) },
    { kind: 'contacts', maxAgeSeconds: days(ages.CONTACT_RETENTION_DAYS), purge: (b) => store.contacts.purgeOlderThan(b) },
  ];
}

export interface RetentionOptions {
  rules: readonly RetentionRule[];
  intervalSeconds: number;
  logger: Logger;
  now?: Clock;
}

/** A running sweep; `stop` ends it (on shutdown). */
export interface Retention {
  /** Sweeps every kind once now; answers how many records of each kind went (a kind that failed is left out). */
  sweep(): Promise<Record<string, number>>;
  stop(): void;
}

/**
 * Sweeps every kind now and then. The timer is unref'd, so it never keeps the process alive; a sweep still running
 * when the next one is due is not doubled; a kind that fails is logged and retried at the next interval without
 * holding the others back. Every instance may sweep: each purge is one idempotent delete.
 */
export function scheduleRetention(options: RetentionOptions): Retention {
  const now = options.now ?? systemClock;
  let running: Promise<Record<string, number>> | undefined;
  const sweepAll = async () => {
    const purged: Record<string, number> = {};
    for (const rule of options.rules) {
      try {
        purged[rule.kind] = await rule.purge(new Date(now().getTime() - rule.maxAgeSeconds * 1000));
      } catch (err) {
        options.logger.error({ err, kind: rule.kind }, 'retention sweep failed for this kind; will retry at the next interval');
      }
    }
    const gone = Object.fromEntries(Object.entries(purged).filter(([, n]) => n > 0));
    if (Object.keys(gone).length) options.logger.info({ purged: gone }, 'purged records past their retention');
    return purged;
  };
  const sweep = () =>
    (running ??= sweepAll().finally(() => {
      running = undefined;
    }));
  const timer = setInterval(() => void sweep(), options.intervalSeconds * 1000);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
