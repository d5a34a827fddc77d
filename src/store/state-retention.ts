import type { Logger } from '../ops/logger';
import type { StateStore } from './ports';
import { systemClock, type Clock } from './store-options';

/** How long conversation state is kept after its last write, and how often old state is swept. */
export interface StateRetentionOptions {
  state: Pick<StateStore, 'purgeOlderThan'>;
  maxAgeSeconds: number;
  intervalSeconds: number;
  logger: Logger;
  now?: Clock;
}

/** A running sweep; `stop` ends it (on shutdown). */
export interface StateRetention {
  /** Sweeps once now and answers how many conversations were forgotten. */
  sweep(): Promise<number>;
  stop(): void;
}

/**
 * Forgets conversations idle for longer than `maxAgeSeconds` (what a citizen said, a waiting question, their
 * language): citizens' data is kept no longer than it serves them. The timer is unref'd, so it never keeps the
 * process alive, and a sweep still running when the next one is due is not doubled. Every instance may sweep.
 */
export function scheduleStatePurge(options: StateRetentionOptions): StateRetention {
  const now = options.now ?? systemClock;
  let running: Promise<number> | undefined;
  const sweep = () =>
    (running ??= options.state
      .purgeOlderThan(new Date(now().getTime() - options.maxAgeSeconds * 1000))
      .then((purged) => {
        if (purged > 0) options.logger.info({ purged }, 'purged idle conversation state');
        return purged;
      })
      .finally(() => {
        running = undefined;
      }));
  const timer = setInterval(() => {
    sweep().catch((err: unknown) => options.logger.error({ err }, 'state purge failed; will retry at the next interval'));
  }, options.intervalSeconds * 1000);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
