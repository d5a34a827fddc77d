import type { TurnContext } from 'botbuilder';
import type { Router } from 'express';
import type { Config } from '../../config';
import type { Coordination } from '../../coordination';
import type { ReadinessCheck } from '../../http/health-router';
import type { FailedVerificationCharge } from '../../http/rate-limit';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import type { SeenEventLog, Store } from '../../store/ports';
import type { PendingReplies } from '../collecting-adapter';
import { DeliveryJournal } from '../delivery-journal';
import type { Clock } from '../../store/store-options';
import type { Inbox } from '../inbox';
import type { OfficerSignals } from '../officer-signals';
import { MenuMemory, type MenuSentSince } from './menu-memory';
import { ZaloAdapter } from './zalo-adapter';
import { ZaloClient } from './zalo-client';
import { readZaloDelivery } from './zalo-events';
import { createZaloTokenRefresher } from './zalo-oauth';
import { createZaloRouter } from './zalo-router';
import { ZALO_CHANNEL, ZaloSender } from './zalo-sender';
import type { ChannelSender } from '../outbound/channel-sender';
import { ZaloTokens } from './zalo-tokens';

export interface ZaloChannelDeps {
  config: Config;
  store: Store;
  coordination: Coordination;
  inbox: Inbox;
  /** Platform ids kept for a while (ours, to tell our echoes from an officer's): Redis when configured, else the store. */
  seenEvents: SeenEventLog;
  translator: Translator;
  logic: (context: TurnContext) => Promise<void>;
  metrics: Metrics;
  logger: Logger;
  officerSignals?: OfficerSignals;
  /** The per-address budget of forged or replayed deliveries (src/http/rate-limit.ts). */
  chargeFailure: FailedVerificationCharge;
  /** Messages waiting for a citizen (status notices a closed window kept back), shown at the top of their next answer. */
  pending?: PendingReplies;
  /** The assistant's clock: the 7-day window counts from the citizen's last action, which it stamps. */
  now?: Clock;
  /** Wraps the sender of answers so one the platform could not take is kept, not lost (src/channels/outbound/keep-unsent.ts). */
  keepUnsent?: (sender: ChannelSender) => ChannelSender;
  /** The menu of an announcement sent to a citizen since a time (announcements are sent without a menu write each). */
  menuSentSince?: MenuSentSince;
}

/** The running Zalo OA channel: its webhook, its sender for other modules, its readiness and its token renewal. */
export interface ZaloChannel {
  router: Router;
  adapter: ZaloAdapter;
  sender: ZaloSender;
  client: ZaloClient;
  readiness: ReadinessCheck;
  /** Starts replaying deliveries a dead process left behind. */
  start(): void;
  /** Resolves once every acknowledged delivery so far is handled. */
  idle(): Promise<void>;
  /** Stops the token renewal and waits for the deliveries in hand. */
  close(): Promise<void>;
}

const REQUIRED = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_REFRESH_TOKEN'] as const;

/**
 * Builds the channel when its credentials are configured; otherwise answers undefined (the webhook stays a 404) and
 * the log names what is missing. Seeds the token record from configuration and starts the renewal timer.
 */
export async function createZaloChannel(deps: ZaloChannelDeps): Promise<ZaloChannel | undefined> {
  const { config, store, coordination, metrics, logger } = deps;
  const missing = REQUIRED.filter((name) => !config[name]);
  if (missing.length > 0) {
    const partly = missing.length < REQUIRED.length || config.ZALO_ACCESS_TOKEN;
    logger[partly ? 'warn' : 'info']({ channel: ZALO_CHANNEL, missing }, 'Zalo channel is off: set its credentials to turn it on');
    return undefined;
  }
  const appId = config.ZALO_APP_ID!;
  const tokens = new ZaloTokens({
    repository: store.channelTokens,
    coordination,
    refresh: createZaloTokenRefresher({ oauthBase: config.ZALO_OAUTH_BASE, appId, appSecret: config.ZALO_APP_SECRET! }),
    logger,
    metrics,
  });
  await tokens.seed(config.ZALO_ACCESS_TOKEN, config.ZALO_REFRESH_TOKEN!);
  tokens.startRenewal();

  const client = new ZaloClient({ apiBase: config.ZALO_API_BASE, tokens });
  const menus = new MenuMemory(store.state, ZALO_CHANNEL, deps.now, deps.menuSentSince);
  const sender = new ZaloSender({ client, contacts: store.contacts, menus, sentIds: deps.seenEvents, translator: deps.translator, buttonStyle: config.ZALO_BUTTON_STYLE, metrics, logger, now: deps.now });
  const answers = deps.keepUnsent?.(sender) ?? sender;
  const adapter = new ZaloAdapter({
    inbox: deps.inbox,
    sender: { send: (userId, replies, purpose) => answers.send(userId, replies, purpose), sentByUs: (id) => sender.sentByUs(id) },
    contacts: store.contacts,
    menus,
    translator: deps.translator,
    logic: deps.logic,
    officerSignals: deps.officerSignals,
    pending: deps.pending,
    logger,
  });
  const journal = new DeliveryJournal({
    channel: ZALO_CHANNEL,
    journal: store.inboundJournal,
    logger,
    onGiveUp: (channel) => metrics.observeDeliveryGivenUp(channel),
    onTurnSlice: (channel, seconds) => metrics.observeTurnSlice(channel, seconds),
    // One event per delivery; events of other OAs linked to the app are read as ignored.
    process: (delivery, _receivedAt, attempt) => adapter.handle(readZaloDelivery(delivery, config.ZALO_OA_ID), attempt),
  });
  const router = createZaloRouter({
    appId,
    oaSecretKey: config.ZALO_OA_SECRET_KEY!,
    maxEventAgeSeconds: config.ZALO_MAX_EVENT_AGE_SECONDS,
    accept: (body, delivery) => {
      const event = readZaloDelivery(delivery, config.ZALO_OA_ID);
      return ZaloAdapter.acts(event) ? journal.accept(body, delivery) : adapter.handle(event);
    },
    onRefused: (_req, reason) => metrics.observeWebhookRefusal(ZALO_CHANNEL, reason),
    chargeFailure: deps.chargeFailure,
    logger,
  });
  logger.info({ channel: ZALO_CHANNEL, oaId: config.ZALO_OA_ID, buttons: config.ZALO_BUTTON_STYLE }, 'Zalo channel is on: POST /webhooks/zalo');
  return {
    router,
    adapter,
    sender,
    client,
    readiness: { name: ZALO_CHANNEL, check: () => tokens.check() },
    start: () => journal.start(),
    idle: () => journal.idle(),
    async close() {
      await journal.close();
      tokens.stop();
    },
  };
}
