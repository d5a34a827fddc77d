import type { Reply } from '../bot/reply';
import type { ChannelSender, SendResult } from '../channels/outbound/channel-sender';
import { retrying, type RetryPolicy, type Sleep } from '../channels/outbound/retry';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../ops/logger';
import type {
  Announcement,
  AnnouncementRepository,
  ChannelUser,
  ContactRepository,
  DeliveryResult,
  DeliveryRow,
  OutboxRepository,
  PlannedRecipient,
} from '../store/ports';
import type { Clock } from '../store/store-options';
import type { Locale } from '../understanding/types';
import type { Pacer } from './pacer';
import { announcementOutboxEntry, announcementReply } from './render';

/**
 * Longer than a reply's retries: an announcement waits out a platform's 429 or 5xx (honouring Retry-After up to a
 * minute) instead of failing the recipient, since nobody is waiting on the answer.
 */
export const ANNOUNCEMENT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

/** Why a recipient is skipped without a call: the web chat has no push, its visitors see it on their next visit. */
export const NEXT_VISIT = 'next_visit';

/** Refusals that mean "not now": the citizen gets the announcement at the top of their next answer. */
const KEEP_FOR_NEXT_MESSAGE = new Set(['window_closed', 'not_following', 'handed_over']);

export interface DeliveryEngineDeps {
  announcements: AnnouncementRepository;
  contacts: Pick<ContactRepository, 'audiencePage'>;
  outbox: Pick<OutboxRepository, 'enqueue'>;
  /** Platform senders by channel; an audience member of another channel (the web chat) waits for their visit. */
  senders: ReadonlyMap<string, ChannelSender>;
  translator: Translator;
  /** The pacing of each platform's sends (its rate limit). */
  pacer: (channel: string) => Pacer;
  logger: Logger;
  now: Clock;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** Audience members read (and planned) per step: never everyone at once. */
  pageSize?: number;
}

const slotKey = (u: ChannelUser) => `${u.channel}\n${u.userId}`;

/** The steps of delivering one announcement; runners (in-process, BullMQ) decide where and when they run. */
export class DeliveryEngine {
  readonly pageSize: number;
  private replies: { of: string; byLocale: Map<string, Reply> } = { of: '', byLocale: new Map() };

  constructor(private readonly deps: DeliveryEngineDeps) {
    this.pageSize = deps.pageSize ?? 500;
  }

  /**
   * Plans the next page of the audience after the cursor: a delivery row per member (skipped at once where no push
   * exists, kept in the outbox first so a crash between the two steps loses nothing). Answers the members to send to.
   */
  async planPage(a: Announcement): Promise<{ toSend: PlannedRecipient[]; last: boolean }> {
    const { announcements, contacts, outbox, senders, now } = this.deps;
    const page = await contacts.audiencePage({ channels: a.channels, topics: a.topics, communes: a.communes }, this.pageSize, a.cursor);
    const recipients: PlannedRecipient[] = page.map((c) => ({
      channel: c.channel,
      userId: c.userId,
      locale: c.locale,
      ...(senders.has(c.channel) ? {} : { skip: NEXT_VISIT }),
    }));
    for (const r of recipients) if (r.skip) await outbox.enqueue(announcementOutboxEntry(a, r, now()));
    const last = page.length < this.pageSize;
    const cursor = recipients.length ? recipients[recipients.length - 1] : a.cursor;
    await announcements.plan(a.id, recipients, cursor, last, now());
    return { toSend: recipients.filter((r) => !r.skip), last };
  }

  /** Sends to one planned recipient if this call takes its row (so never twice), and records the outcome. */
  async deliverOne(a: Announcement, user: ChannelUser): Promise<DeliveryResult | undefined> {
    // The slot is awaited before the row is taken: a crash then leaves in doubt only sends really under way.
    await this.deps.pacer(user.channel)();
    const [row] = await this.deps.announcements.take(a.id, 1, this.deps.now(), [user]);
    if (!row) return undefined;
    const result = await this.send(a, row);
    await this.deps.announcements.settle(a.id, [{ channel: row.channel, userId: row.userId, ...result }], this.deps.now());
    return result;
  }

  /**
   * Sends to the recipients `concurrency` at a time, in chunks: a chunk's rows are taken in one transaction (each
   * committed before its send, as in deliverOne) and their outcomes recorded in one, so the store sees two writes per
   * chunk instead of two per recipient. A crash leaves at most one chunk in doubt. Stops before a chunk once
   * `stillSending` says no (the announcement was cancelled), so a cancel takes effect within one chunk.
   */
  async deliverAll(a: Announcement, users: readonly ChannelUser[], concurrency: number, stillSending: () => Promise<boolean> = async () => true): Promise<void> {
    const { announcements, pacer, now } = this.deps;
    for (let i = 0; i < users.length; i += concurrency) {
      if (!(await stillSending())) return;
      const chunk = users.slice(i, i + concurrency);
      // Each member's slot is booked now; the rows are taken once the first slot is due, so a chunk waiting on the
      // rate limit holds no row.
      const slots = new Map(chunk.map((u) => [slotKey(u), pacer(u.channel)()]));
      await slots.get(slotKey(chunk[0]!));
      const rows = await announcements.take(a.id, chunk.length, now(), chunk);
      const results = await Promise.all(
        rows.map(async (row) => {
          await slots.get(slotKey(row));
          return { channel: row.channel, userId: row.userId, ...(await this.send(a, row)) };
        }),
      );
      if (results.length) await announcements.settle(a.id, results, now());
    }
  }

  /** Marks the announcement done once every recipient has an outcome; answers whether it is done. */
  async finishIfComplete(id: string): Promise<boolean> {
    const a = await this.deps.announcements.get(id);
    if (!a || a.status !== 'sending' || !a.planned) return a?.status === 'done';
    const report = await this.deps.announcements.report(id);
    if (report.pending > 0 || report.attempting > 0) return false;
    return (await this.deps.announcements.transition(id, ['sending'], 'done', this.deps.now())) !== undefined;
  }

  /** The announcement drawn once per language, not once per recipient (it is the same text for all of them). */
  private replyFor(a: Announcement, locale: string): Reply {
    const of = `${a.id}@${a.updatedAt.getTime()}`;
    if (this.replies.of !== of) this.replies = { of, byLocale: new Map() };
    let reply = this.replies.byLocale.get(locale);
    if (!reply) this.replies.byLocale.set(locale, (reply = announcementReply(a, this.deps.translator.forLocale(locale as Locale))));
    return reply;
  }

  private async send(a: Announcement, row: DeliveryRow): Promise<DeliveryResult> {
    const { senders, pacer, outbox, now, logger } = this.deps;
    const sender = senders.get(row.channel);
    if (!sender) {
      // The channel was switched off since planning: the citizen sees it when they come back.
      await outbox.enqueue(announcementOutboxEntry(a, row, now()));
      return { outcome: 'skipped', reason: NEXT_VISIT };
    }
    const reply = this.replyFor(a, row.locale);
    const result = await retrying<SendResult>(
      async (attempt) => {
        if (attempt > 1) await pacer(row.channel)();
        const sent = await sender.send(row.userId, [reply], 'announcement');
        if (sent.ok || (sent.failure !== 'rate_limited' && sent.failure !== 'temporary')) return { done: sent };
        return { retry: sent, afterMs: (sent.retryAfterSeconds ?? 0) * 1000 };
      },
      this.deps.retry ?? ANNOUNCEMENT_RETRY,
      this.deps.sleep,
    );
    if (result.ok) return { outcome: 'sent' };
    if (KEEP_FOR_NEXT_MESSAGE.has(result.failure)) {
      await outbox.enqueue(announcementOutboxEntry(a, row, now()));
      return { outcome: 'skipped', reason: result.failure };
    }
    if (result.failure === 'unreachable') return { outcome: 'skipped', reason: 'unreachable' };
    // Sent but unanswered: counted like a send a crash left in doubt, and never sent again.
    if (result.failure === 'in_doubt') return { outcome: 'failed', reason: 'in_doubt' };
    logger.warn({ announcement: a.id, channel: row.channel, failure: result.failure, code: result.code }, 'announcement not delivered to one recipient');
    return { outcome: 'failed', reason: result.code ? `${result.failure}:${result.code}` : result.failure };
  }
}
