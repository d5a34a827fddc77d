import type { Router } from 'express';
import type { AdminAuth } from '../admin';
import type { Handler } from '../bot/handler';
import type { Button, Reply } from '../bot/reply';
import type { ChannelSender } from '../channels/outbound/channel-sender';
import type { ZaloButtonStyle } from '../channels/zalo/zalo-renderer';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../ops/logger';
import type { AnnouncementRepository, ChannelUser, OutboxMessage, Store } from '../store/ports';
import type { Clock } from '../store/store-options';
import type { Locale, LocationEntry } from '../understanding/types';
import { createAnnouncementService, type AnnouncementService } from './announcement-service';
import { createSubscriptionHandlers } from './chat/subscription-handlers';
import { DeliveryEngine } from './delivery-engine';
import { createAnnouncementRoutes } from './http/announcement-routes';
import { createPublicPage, PUBLIC_PAGE_PATH } from './http/public-page';
import { InProcessRunner, type DeliveryRunner } from './in-process-runner';
import { createPacer, type Pacer } from './pacer';
import { previewAnnouncement } from './preview';
import { announcementButtons, createAnnouncementOutboxRender } from './render';
import { createZaloArticleBroadcast, type ZaloArticleDeps } from './zalo-article';

export { ANNOUNCEMENT_KIND } from './render';
export type { DeliveryRunner } from './in-process-runner';

/** What the announcement module is built from. */
export interface AnnouncementModuleDeps {
  store: Pick<Store, 'announcements' | 'contacts' | 'outbox' | 'audit'>;
  /** Platform senders by channel name, filled once the channels are built; the web chat's is not among them. */
  senders: ReadonlyMap<string, ChannelSender>;
  translator: Translator;
  auth: Pick<AdminAuth, 'requireRole'>;
  places: () => LocationEntry[];
  /** Sends per second per platform channel (0 = unpaced). */
  perSecond: Readonly<Record<string, number>>;
  concurrency: number;
  pollMs: number;
  zaloButtons: ZaloButtonStyle;
  /** ZALO_ARTICLE_BROADCAST, and the Zalo client once the channel is built (undefined while it is off). */
  zaloArticle: Pick<ZaloArticleDeps, 'enabled' | 'client' | 'coordination'>;
  publicBaseUrl?: string;
  /** With Redis, delivery runs on BullMQ, shared by every instance under one rate limit per platform. */
  redis?: { url: string; keyPrefix: string };
  logger: Logger;
  now: Clock;
}

/** Subscriptions in chat, announcements for staff, their delivery, the `news` answer and the public page. */
export interface AnnouncementModule {
  handlers: { subscribe: Handler; unsubscribe: Handler; news: Handler };
  /** Staff routes and the public page. */
  routers: Router[];
  /** Draws an announcement kept in the outbox (undefined for other kinds). */
  render: (message: OutboxMessage) => Reply | undefined;
  service: AnnouncementService;
  engine: DeliveryEngine;
  /** Where deliveries run: BullMQ with Redis, else an in-process worker. */
  runner: DeliveryRunner;
  /**
   * The buttons of the announcement last sent to `user` after `since` (a Zalo citizen may answer its numbered menu
   * with "1"): read from the delivery row, so the fan-out writes no menu per recipient.
   */
  menuSentSince(user: ChannelUser, since: Date): Promise<Button[] | undefined>;
  /** Resumes interrupted sends and watches the schedule. */
  start(): Promise<void>;
  /** `by` (epoch ms): when to stop waiting for deliveries in hand (DeliveryRunner.close). */
  close(by?: number): Promise<void>;
}

/** Longer than a send with all its retries (ANNOUNCEMENT_RETRY waits up to a minute between tries). */
const LEASE_MS = 10 * 60_000;

export function createAnnouncementModule(deps: AnnouncementModuleDeps): AnnouncementModule {
  const { store, now } = deps;
  const vi = deps.translator.forLocale('vi');
  const publicPage = createPublicPage(store.announcements, vi, now);
  // Every status change of this instance passes here (publishing, finishing, withdrawing; only drafts and scheduled
  // announcements are edited, and the page shows neither), so the public page is drawn anew on its next visit.
  const announcements: AnnouncementRepository = {
    ...store.announcements,
    async transition(...change) {
      const moved = await store.announcements.transition(...change);
      if (moved) publicPage.forget();
      return moved;
    },
  };
  const pacers = new Map<string, Pacer>();
  // On BullMQ the queues' limiter paces every instance together; pacing here as well would halve the rate.
  const pacer = (channel: string) => {
    let p = pacers.get(channel);
    if (!p) pacers.set(channel, (p = createPacer(deps.redis ? 0 : (deps.perSecond[channel] ?? 0))));
    return p;
  };
  const engine = new DeliveryEngine({
    announcements,
    contacts: store.contacts,
    outbox: store.outbox,
    senders: deps.senders,
    translator: deps.translator,
    pacer,
    logger: deps.logger,
    now,
  });
  // BullMQ (and ioredis under it) is loaded only when Redis is configured: ~15 MB and ~0.35 s of start-up otherwise (docs/performance.md).
  const runner = deps.redis
    ? new (require('./bullmq-runner') as typeof import('./bullmq-runner')).BullmqRunner(engine, announcements, {
        redisUrl: deps.redis.url,
        keyPrefix: deps.redis.keyPrefix,
        perSecond: deps.perSecond,
        concurrency: deps.concurrency,
        pollMs: deps.pollMs,
        leaseMs: LEASE_MS,
        now,
        logger: deps.logger,
      })
    : new InProcessRunner(engine, announcements, { concurrency: deps.concurrency, pollMs: deps.pollMs, now, logger: deps.logger });
  const service = createAnnouncementService({ announcements, contacts: store.contacts, runner, audit: store.audit, now });
  const publicPageUrl = deps.publicBaseUrl ? new URL(PUBLIC_PAGE_PATH, deps.publicBaseUrl).toString() : undefined;
  const placeName = (id: string) => deps.places().find((p) => p.id === id)?.names[0];
  return {
    handlers: createSubscriptionHandlers({ contacts: store.contacts, announcements: store.announcements, placeName, publicPageUrl, now }),
    routers: [
      createAnnouncementRoutes({
        service,
        announcements: store.announcements,
        preview: (draft) => previewAnnouncement(draft, vi, deps.zaloButtons),
        places: deps.places,
        channels: () => ['rest', ...deps.senders.keys()],
        words: vi,
        zaloArticle: createZaloArticleBroadcast({ ...deps.zaloArticle, announcements: store.announcements, audit: store.audit, now }),
        auth: deps.auth,
        now,
      }),
      publicPage.router,
    ],
    render: createAnnouncementOutboxRender(deps.translator),
    service,
    engine,
    runner,
    async menuSentSince(user, since) {
      const row = await store.announcements.lastSentTo(user, since);
      return row && announcementButtons(deps.translator.forLocale((row.locale === 'en' ? 'en' : 'vi') as Locale));
    },
    start: () => runner.start(),
    close: (by) => runner.close(by),
  };
}
