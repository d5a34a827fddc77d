import type { Logger } from '../ops/logger';
import type { AnnouncementRepository } from '../store/ports';
import type { Clock } from '../store/store-options';
import type { DeliveryEngine } from './delivery-engine';

/** Where deliveries run: in this process (one instance, embedded store) or on BullMQ (several instances). */
export interface DeliveryRunner {
  /** Resumes what a previous run left `sending` and starts watching the schedule. */
  start(): Promise<void>;
  /** Starts, or resumes, an announcement already moved to `sending`; returns at once. */
  kick(id: string): Promise<void>;
  /**
   * Drops the work queued for an announcement just moved to `cancelled`, before its pending rows are marked
   * `cancelled`, so no worker spends a turn (or a rate-limit slot) on a send that would do nothing.
   */
  withdraw(id: string): Promise<void>;
  /** Resolves once the work asked of this process so far is done (tests, shutdown). */
  idle(): Promise<void>;
  /** Takes no more work and lets the work in hand finish; `by` (epoch ms): when to stop waiting for it, if the runner can. */
  close(by?: number): Promise<void>;
}

export interface InProcessRunnerOptions {
  /** Sends in flight at once. */
  concurrency: number;
  /** How often scheduled announcements are looked for. */
  pollMs: number;
  now: Clock;
  logger: Logger;
}

/**
 * One instance's worker: streams the audience page by page, sending each page before reading the next. On start it
 * resumes every announcement left `sending`: rows a dead process left `attempting` are never sent again (in doubt),
 * pending ones are sent, planning continues after the stored cursor. Only for a single instance: two processes would
 * each believe the other's in-flight rows were abandoned.
 */
export class InProcessRunner implements DeliveryRunner {
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly engine: DeliveryEngine,
    private readonly announcements: AnnouncementRepository,
    private readonly options: InProcessRunnerOptions,
  ) {}

  /** Resumes interrupted sends and starts watching the schedule. */
  async start(): Promise<void> {
    for (const a of await this.announcements.list(1000, ['sending'])) {
      const inDoubt = await this.announcements.resolveInDoubt(a.id, this.options.now());
      if (inDoubt > 0) this.options.logger.warn({ announcement: a.id, inDoubt }, 'recipients whose send was cut by a restart are not sent again');
      await this.kick(a.id);
    }
    this.timer = setInterval(() => void this.startDue().catch((err: unknown) => this.options.logger.error({ err }, 'scheduled announcements check failed')), this.options.pollMs);
    this.timer.unref();
  }

  /** Starts the scheduled announcements whose time has come (the compare-and-set lets one caller win each). */
  async startDue(): Promise<void> {
    for (const due of await this.announcements.due(this.options.now(), 100)) {
      if (await this.announcements.transition(due.id, ['scheduled'], 'sending', this.options.now())) await this.kick(due.id);
    }
  }

  async kick(id: string): Promise<void> {
    if (this.closed || this.running.has(id)) return;
    const work = this.run(id)
      .catch((err: unknown) => this.options.logger.error({ err, announcement: id }, 'announcement delivery stopped; it resumes on the next start'))
      .finally(() => this.running.delete(id));
    this.running.set(id, work);
  }

  /** Nothing is queued here beyond the chunk under way: the worker asks for the status before each chunk. */
  async withdraw(): Promise<void> {}

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  private async run(id: string): Promise<void> {
    const { concurrency } = this.options;
    // Asked between chunks, so a cancel stops the fan-out within one chunk, not one page.
    const stillSending = async () => !this.closed && (await this.announcements.get(id))?.status === 'sending';
    for (;;) {
      const a = await this.announcements.get(id);
      // Cancelled (or closing): stop; what is already sent stays sent, what this run planned is marked cancelled.
      if (!a || a.status !== 'sending' || this.closed) {
        if (a?.status === 'cancelled') await this.announcements.cancelPending(id, this.options.now());
        return;
      }
      if (!a.planned) {
        const { toSend } = await this.engine.planPage(a);
        await this.engine.deliverAll(a, toSend, concurrency, stillSending);
        continue;
      }
      // Planned: rows left pending by an interrupted run.
      const leftovers = await this.announcements.deliveries(id, this.engine.pageSize, 'pending');
      if (leftovers.length === 0) break;
      await this.engine.deliverAll(a, leftovers, concurrency, stillSending);
    }
    await this.engine.finishIfComplete(id);
  }
}
