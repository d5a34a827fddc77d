import { DelayedError, Queue, Worker, type ConnectionOptions, type Job, type RedisClient } from 'bullmq';
import type { Logger } from '../ops/logger';
import type { AnnouncementRepository, ChannelUser } from '../store/ports';
import type { Clock } from '../store/store-options';
import type { DeliveryEngine } from './delivery-engine';
import type { DeliveryRunner } from './in-process-runner';

export interface BullmqRunnerOptions {
  redisUrl: string;
  /** Key prefix of this deployment (REDIS_KEY_PREFIX): queues live under `<prefix>bull`. */
  keyPrefix: string;
  /** Channels that push, each with its send rate per second across every instance (0 = unpaced). */
  perSecond: Readonly<Record<string, number>>;
  /** Send jobs this instance runs at once, per channel. */
  concurrency: number;
  pollMs: number;
  /**
   * How long a taken row may stay `attempting` before it is judged abandoned by a dead instance (in doubt): longer
   * than any send with its retries can take, since live instances are still sending theirs.
   */
  leaseMs: number;
  now: Clock;
  logger: Logger;
}

interface PlanJob {
  id: string;
}
interface SendJob extends ChannelUser {
  id: string;
}

const PLAN_QUEUE = 'announcement-plan';
export const sendQueueName = (channel: string) => `announcement-send-${channel}`;
/** BullMQ job ids may not contain ':'; ids are encoded so one recipient always maps to one job id. */
const sendJobId = (job: SendJob) => [job.id, job.channel, job.userId].map(encodeURIComponent).join('.');
/** How often the plan job looks at the report once the audience is planned. */
const SWEEP_MS = 1000;
/** Pending rows read per step when a cancelled announcement's send jobs are taken off the queues. */
const WITHDRAW_PAGE = 1000;
/** How long close() lets work in hand finish when its caller gives no deadline (tests; main passes the shutdown's). */
const CLOSE_GRACE_MS = 10_000;
/**
 * Jobs' locks and the stalled-job check. A job an instance holds when it dies (or when Redis goes away mid-command)
 * stays active until its lock lapses and two stalled checks have seen it (the first marks, the second moves it back):
 * with BullMQ's defaults (30 s, 30 s) up to 90 s, and a stalled check is skipped while another instance's is recent. The
 * lock is renewed every half of its duration while the job runs, and a job run twice finds its row taken or sent, so
 * shorter ones only bring the dead instance's recipients back sooner (within about 20 s).
 */
const JOB_LOCK = { lockDuration: 10_000, stalledInterval: 5_000 } as const;
/** While Redis is away every connection reports each reconnect attempt: one line per queue or worker this often. */
const ERROR_LOG_EVERY_MS = 30_000;

/** Whether `work` settles within `ms` (it goes on either way; a rejection counts as settled). */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Logs a queue's or worker's `error` events (Redis gone, a lock not renewed) as warnings with the message alone. Without
 * a listener BullMQ prints each one's stack to the console; they come with every reconnect attempt, so each source
 * logs once per ERROR_LOG_EVERY_MS, with how many it left out since.
 */
export function errorWarner(logger: Logger, now: () => number): (role: 'queue' | 'worker', queue: string) => (err: Error) => void {
  const sources = new Map<string, { loggedAt: number; left: number }>();
  return (role, queue) => (err) => {
    const key = `${role} ${queue}`;
    const source = sources.get(key);
    if (source && now() - source.loggedAt < ERROR_LOG_EVERY_MS) {
      source.left++;
      return;
    }
    logger.warn({ queue, role, error: err.message, ...(source?.left ? { leftOut: source.left } : {}) }, 'announcement queue error (Redis); BullMQ reconnects');
    sources.set(key, { loggedAt: now(), left: 0 });
  };
}

/**
 * Delivery shared by several instances through Redis. A plan job per announcement (its id is the announcement's, so
 * it exists once) streams the audience into delivery rows and one send job per recipient (its id is the idempotency
 * key); every instance's workers take send jobs under one limiter per platform, which BullMQ keeps in Redis, so the
 * rate holds across instances. A dead instance's plan job is picked up again by another (stalled-job recovery) and
 * resumes after the stored cursor; its send jobs are retried, and a row it had taken is judged in doubt after the lease.
 */
export class BullmqRunner implements DeliveryRunner {
  private readonly connection: ConnectionOptions;
  private readonly prefix: string;
  private readonly planQueue: Queue<PlanJob>;
  private readonly sendQueues = new Map<string, Queue<SendJob>>();
  private readonly workers: Worker[] = [];
  private readonly warnOnError: ReturnType<typeof errorWarner>;
  private timer: NodeJS.Timeout | undefined;
  /** Send jobs' work in hand (the platform call and the row's outcome in the store), which a close lets finish. */
  private readonly sending = new Set<Promise<void>>();
  /** Plan jobs in hand: a close lets them reach their next step and give their job back. */
  private readonly planning = new Set<Promise<void>>();
  private closing = false;
  /** Wakes plan jobs sleeping between sweeps (a close). */
  private wake: () => void = () => {};
  private readonly woken = new Promise<void>((resolve) => (this.wake = resolve));
  /** The command connections of the queues and workers, once started (the blocking reads' are left out). */
  private clients: RedisClient[] = [];

  constructor(
    private readonly engine: DeliveryEngine,
    private readonly announcements: AnnouncementRepository,
    private readonly options: BullmqRunnerOptions,
  ) {
    this.connection = { url: options.redisUrl, maxRetriesPerRequest: null };
    this.prefix = `${options.keyPrefix}bull`;
    this.warnOnError = errorWarner(options.logger, Date.now);
    this.planQueue = new Queue<PlanJob>(PLAN_QUEUE, { connection: this.connection, prefix: this.prefix });
    for (const channel of Object.keys(options.perSecond)) {
      this.sendQueues.set(channel, new Queue<SendJob>(sendQueueName(channel), { connection: this.connection, prefix: this.prefix }));
    }
    for (const queue of [this.planQueue, ...this.sendQueues.values()]) queue.on('error', this.warnOnError('queue', queue.name));
  }

  /** Starts this instance's workers, re-offers announcements left `sending`, and watches the schedule. */
  async start(): Promise<void> {
    const { concurrency, perSecond, logger } = this.options;
    const log = (what: string) => (job: Job | undefined, err: Error) => logger.error({ err, job: job?.id }, what);
    const plan = new Worker<PlanJob>(PLAN_QUEUE, (job, token) => this.track(this.planning, this.plan(job, token)), { connection: this.connection, prefix: this.prefix, concurrency: 4, ...JOB_LOCK });
    plan.on('failed', log('announcement plan job failed; BullMQ retries it'));
    plan.on('error', this.warnOnError('worker', PLAN_QUEUE));
    this.workers.push(plan);
    for (const [channel, rate] of Object.entries(perSecond)) {
      const worker = new Worker<SendJob>(sendQueueName(channel), (job) => this.track(this.sending, this.send(job.data)), {
        connection: this.connection,
        prefix: this.prefix,
        concurrency,
        ...JOB_LOCK,
        ...(rate > 0 ? { limiter: { max: Math.max(1, Math.round(rate)), duration: 1000 } } : {}),
      });
      worker.on('failed', log('announcement send job failed; BullMQ retries it'));
      worker.on('error', this.warnOnError('worker', sendQueueName(channel)));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.clients = await Promise.all([...this.workers, this.planQueue, ...this.sendQueues.values()].map((b) => b.getBackend().client));
    await this.offerSending();
    const poll = async () => {
      await this.startDue();
      await this.offerSending();
    };
    this.timer = setInterval(() => void poll().catch((err: unknown) => logger.error({ err }, 'scheduled announcements check failed')), this.options.pollMs);
    this.timer.unref();
  }

  async startDue(): Promise<void> {
    for (const due of await this.announcements.due(this.options.now(), 100)) {
      if (await this.announcements.transition(due.id, ['scheduled'], 'sending', this.options.now())) await this.kick(due.id);
    }
  }

  /**
   * Offers a plan job for every announcement still `sending`, at start and at every poll: one whose plan job is gone
   * (Redis restarted without its data, or every attempt failed) would otherwise wait for an instance to restart. A plan
   * job that exists (running, waiting or given back) keeps its id, so this adds nothing then.
   */
  private async offerSending(): Promise<void> {
    for (const a of await this.announcements.list(1000, ['sending'])) await this.kick(a.id);
  }

  async kick(id: string): Promise<void> {
    await this.planQueue.add('plan', { id }, { jobId: `plan-${id}`, removeOnComplete: true, removeOnFail: true, attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  }

  /**
   * Takes a cancelled announcement's send jobs off the queues: those of its rows still pending, page by page. Left
   * queued, each would still hold a worker and a slot of the platform's shared limiter (at 40 a second, 100,000 of them
   * would hold up every other announcement on that platform for 40 minutes) only to find the announcement cancelled.
   * A job already running is left to end by itself.
   */
  async withdraw(id: string): Promise<void> {
    let after: ChannelUser | undefined;
    for (;;) {
      const rows = await this.announcements.deliveries(id, WITHDRAW_PAGE, 'pending', after);
      await this.drop(id, rows);
      if (rows.length < WITHDRAW_PAGE) return;
      after = rows[rows.length - 1];
    }
  }

  /** Resolves once no plan job is waiting or running (tests). */
  async idle(): Promise<void> {
    for (;;) {
      const counts = await this.planQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Stops taking jobs, lets the sends in hand finish (they need the store and the platform, not Redis) until `by`
   * (epoch ms), then gives BullMQ the rest of that time to record them done and close, when Redis is there to hear it.
   * While Redis is away nothing more comes of waiting: ioredis holds BullMQ's commands in its offline queue until a
   * reconnect, and its disconnect() while reconnecting neither fails them nor ends the connection (ioredis 6.0; the
   * worker's close() and disconnect() then never resolve, and every further reconnect attempt waits up to 20 s). So the
   * workers are then closed by force and every connection cut. A job not recorded done stays active in Redis: when
   * Redis returns, its lock lapses and BullMQ retries it (stalled-job recovery), and the store's row, already `sent`,
   * keeps it from being sent twice; a plan job resumes after its stored cursor.
   */
  async close(by = Date.now() + CLOSE_GRACE_MS): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.closing = true;
    this.wake();
    const left = () => Math.max(0, by - Date.now());
    // No new jobs from here on; each job in hand runs to its end.
    await settlesWithin(Promise.all(this.workers.map((w) => w.pause(true))), left());
    const finished = await this.drained(this.sending, left);
    let clean = false;
    if (finished && this.redisReady()) {
      // Plan jobs give their job back (delayed, for whichever instance takes it next), then every job is recorded done.
      // Redis going away meanwhile ends the wait: what BullMQ sends it from then on waits for a reconnect.
      const lost = this.redisLost();
      clean = (await this.drained(this.planning, left)) && (await settlesWithin(Promise.race([this.closeAll(), lost.promise]), left())) && !lost.happened();
      lost.forget();
    }
    if (!clean) {
      this.options.logger.warn(
        { sending: this.sending.size, planning: this.planning.size, redis: this.redisReady() ? 'ready' : 'away' },
        'announcement workers closed by force; jobs not recorded done are retried when Redis has them again, and no recipient gets one twice',
      );
      await settlesWithin(Promise.all(this.workers.map((w) => w.close(true))), left());
      this.cutConnections();
    }
  }

  /** Runs `work` as a job's processing, kept in `set` until it settles. */
  private track(set: Set<Promise<void>>, work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => set.delete(tracked));
    set.add(tracked);
    return work;
  }

  /** Resolves true once `set` is empty (work added meanwhile included), false when `left()` runs out first. */
  private async drained(set: Set<Promise<void>>, left: () => number): Promise<boolean> {
    while (set.size > 0) {
      if (left() === 0 || !(await settlesWithin(Promise.allSettled([...set]), left()))) return false;
    }
    return true;
  }

  /** The graceful close: each worker waits for its jobs to be recorded done, then every connection quits. */
  private closeAll(): Promise<unknown> {
    return Promise.all([...this.workers.map((w) => w.close()), this.planQueue.close(), ...[...this.sendQueues.values()].map((q) => q.close())]);
  }

  /** Whether every connection BullMQ uses for commands (not the blocking reads) is up. */
  private redisReady(): boolean {
    return this.clients.length > 0 && this.clients.every((c) => c.status === 'ready');
  }

  /** Settles when a command connection is lost (ioredis starts reconnecting), which a quit does not do. */
  private redisLost(): { promise: Promise<void>; happened(): boolean; forget(): void } {
    let happened = false;
    let listener = () => {};
    const promise = new Promise<void>((resolve) => (listener = () => ((happened = true), resolve())));
    for (const c of this.clients) c.once('reconnecting', listener);
    return { promise, happened: () => happened, forget: () => this.clients.forEach((c) => c.off('reconnecting', listener)) };
  }

  /** Cuts every connection without waiting for Redis to hear of it. */
  private cutConnections(): void {
    for (const base of [...this.workers, this.planQueue, ...this.sendQueues.values()]) {
      const backend = base.getBackend();
      for (const client of [backend.client, backend.blockingClient]) {
        // Not awaited: a connection that never came up has no client to hand over.
        void client?.then((c) => c.disconnect(), () => undefined);
      }
    }
  }

  private async plan(job: Job<PlanJob>, token: string | undefined): Promise<void> {
    const { id } = job.data;
    for (;;) {
      if (this.closing) return this.giveBack(job, token);
      const a = await this.announcements.get(id);
      if (!a || a.status !== 'sending') {
        // Cancelled: rows planned meanwhile are marked too; their send jobs find the announcement cancelled and end.
        if (a?.status === 'cancelled') await this.announcements.cancelPending(id, this.options.now());
        return;
      }
      if (!a.planned) {
        const { toSend } = await this.engine.planPage(a);
        await this.enqueue(id, toSend);
        continue;
      }
      await this.announcements.resolveInDoubt(id, new Date(this.options.now().getTime() - this.options.leaseMs));
      if (await this.engine.finishIfComplete(id)) return;
      // Rows planned just before a crash may have no send job yet: offer the first pending ones again (a job id
      // that still exists is not added twice; a row already taken is not sent twice).
      await this.enqueue(id, await this.announcements.deliveries(id, this.engine.pageSize, 'pending'));
      await Promise.race([new Promise((resolve) => setTimeout(resolve, SWEEP_MS).unref()), this.woken]);
    }
  }

  /**
   * Closing: the plan job goes back to the queue, due after one sweep, for whichever instance takes it next (this one
   * takes no more jobs). Ending it instead would remove it (removeOnComplete), leaving the announcement to the next
   * start; failing it would spend one of its attempts.
   */
  private async giveBack(job: Job<PlanJob>, token: string | undefined): Promise<void> {
    await job.moveToDelayed(Date.now() + SWEEP_MS, token);
    throw new DelayedError();
  }

  private async enqueue(id: string, users: readonly ChannelUser[]): Promise<void> {
    const byChannel = new Map<string, SendJob[]>();
    for (const u of users) {
      if (!this.sendQueues.has(u.channel)) continue;
      const list = byChannel.get(u.channel) ?? [];
      list.push({ id, channel: u.channel, userId: u.userId });
      byChannel.set(u.channel, list);
    }
    for (const [channel, jobs] of byChannel) {
      await this.sendQueues.get(channel)!.addBulk(
        jobs.map((data) => ({ name: 'send', data, opts: { jobId: sendJobId(data), removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 1000 } } })),
      );
    }
    // Cancelled while these were being added (after the cancel's own withdraw read the rows): take them off again.
    if ((await this.announcements.get(id))?.status === 'cancelled') await this.drop(id, users);
  }

  /** Removes the send jobs of `users` for announcement `id` (a job running now is locked and stays). */
  private async drop(id: string, users: readonly ChannelUser[]): Promise<void> {
    await Promise.all(users.map((u) => this.sendQueues.get(u.channel)?.remove(sendJobId({ id, channel: u.channel, userId: u.userId }))));
  }

  private async send(job: SendJob): Promise<void> {
    const a = await this.announcements.get(job.id);
    // Cancelled: the job ends; its row was marked cancelled by the cancel or by the plan job.
    if (!a || a.status !== 'sending') return;
    await this.engine.deliverOne(a, job);
  }
}
