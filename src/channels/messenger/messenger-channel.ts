import type { TurnContext } from 'botbuilder';
import type { Router } from 'express';
import type { Config } from '../../config';
import type { ReadinessCheck } from '../../http/health-router';
import type { FailedVerificationCharge } from '../../http/rate-limit';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import type { Store } from '../../store/ports';
import type { PendingReplies } from '../collecting-adapter';
import type { Clock } from '../../store/store-options';
import { DeliveryJournal } from '../delivery-journal';
import type { Inbox } from '../inbox';
import type { HandoffControl, OfficerSignals } from '../officer-signals';
import { ChannelHealth } from '../outbound/channel-health';
import type { ChannelSender } from '../outbound/channel-sender';
import { MessengerAdapter } from './messenger-adapter';
import { MessengerClient } from './messenger-client';
import { readDelivery } from './messenger-events';
import { MessengerHandoffControl } from './messenger-handoff';
import { createMessengerRouter } from './messenger-router';
import { MESSENGER_CHANNEL, MessengerSender } from './messenger-sender';

/** What the channel needs from the environment; all three secrets or the channel stays off. */
export interface MessengerSettings {
  verifyToken: string;
  appSecret: string;
  pageAccessToken: string;
  apiBase: string;
  inboxAppId: string;
}

const REQUIRED = ['MESSENGER_VERIFY_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_PAGE_ACCESS_TOKEN'] as const;

/** The channel's settings, or the variables still missing (the start-up log names them). */
export function messengerSettings(config: Config): { settings: MessengerSettings } | { missing: string[] } {
  const missing = REQUIRED.filter((name) => !config[name]);
  if (missing.length > 0) return { missing };
  return {
    settings: {
      verifyToken: config.MESSENGER_VERIFY_TOKEN!,
      appSecret: config.MESSENGER_APP_SECRET!,
      pageAccessToken: config.MESSENGER_PAGE_ACCESS_TOKEN!,
      apiBase: config.MESSENGER_API_BASE,
      inboxAppId: config.MESSENGER_INBOX_APP_ID,
    },
  };
}

export interface MessengerChannelDeps {
  settings: MessengerSettings;
  inbox: Inbox;
  logic: (context: TurnContext) => Promise<void>;
  store: Pick<Store, 'contacts' | 'inboundJournal'>;
  officers: OfficerSignals;
  translator: Translator;
  logger: Logger;
  metrics: Pick<Metrics, 'observeSend' | 'setChannelReady' | 'observeWebhookRefusal' | 'observeDeliveryGivenUp' | 'observeTurnSlice'>;
  /** The per-address budget of forged deliveries (src/http/rate-limit.ts). */
  chargeFailure: FailedVerificationCharge;
  /** Messages waiting for a citizen (status notices a closed window kept back), shown at the top of their next answer. */
  pending?: PendingReplies;
  /** The assistant's clock: the messaging windows count from the citizen's last action, which it stamps. */
  now?: Clock;
  /** Wraps the sender of answers so one the platform could not take is kept, not lost (src/channels/outbound/keep-unsent.ts). */
  keepUnsent?: (sender: ChannelSender) => ChannelSender;
}

/** The Messenger channel, assembled: its routes, its outbound door, its part in hand-offs, and its readiness. */
export interface MessengerChannel {
  router: Router;
  sender: ChannelSender;
  handoff: HandoffControl;
  readiness: ReadinessCheck;
  /** Starts replaying deliveries a dead process left behind. */
  start(): void;
  /** Resolves once every acknowledged delivery so far is handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the channel: router → journal → adapter (inbox, bot turn) → sender → client. */
export function createMessengerChannel(deps: MessengerChannelDeps): MessengerChannel {
  const { settings, store, logger, metrics } = deps;
  const health = new ChannelHealth(MESSENGER_CHANNEL, (ready, problem) => {
    metrics.setChannelReady(MESSENGER_CHANNEL, ready);
    if (ready) logger.info({ channel: MESSENGER_CHANNEL }, 'Messenger accepts the Page access token again');
    else logger.error({ channel: MESSENGER_CHANNEL, problem }, 'Messenger refused the Page access token: replace MESSENGER_PAGE_ACCESS_TOKEN');
  });
  metrics.setChannelReady(MESSENGER_CHANNEL, true);
  const client = new MessengerClient({ apiBase: settings.apiBase, pageAccessToken: settings.pageAccessToken, appSecret: settings.appSecret, health });
  const sender = new MessengerSender({
    client,
    contacts: store.contacts,
    onResult: (purpose, result) => metrics.observeSend(MESSENGER_CHANNEL, purpose, result),
    now: deps.now,
  });
  const adapter = new MessengerAdapter({
    inbox: deps.inbox,
    sender: deps.keepUnsent?.(sender) ?? sender,
    client,
    officers: deps.officers,
    logger,
    pending: deps.pending,
  });
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, channel: MESSENGER_CHANNEL }, 'turn failed outside the bot');
    await context.sendActivity(deps.translator.forLocale('vi')('errors.turn'));
  };
  const journal = new DeliveryJournal({
    channel: MESSENGER_CHANNEL,
    journal: store.inboundJournal,
    logger,
    onGiveUp: (channel) => metrics.observeDeliveryGivenUp(channel),
    onTurnSlice: (channel, seconds) => metrics.observeTurnSlice(channel, seconds),
    process: async (delivery, receivedAt, attempt) => {
      const events = readDelivery(delivery, settings.inboxAppId);
      // Every event is waited for, so a failure (kept for a replay) never leaves another one running unseen.
      const outcomes = await Promise.allSettled(events.map((event) => adapter.handle(event, receivedAt.getTime(), deps.logic, attempt)));
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    },
  });
  return {
    router: createMessengerRouter({
      verifyToken: settings.verifyToken,
      appSecret: settings.appSecret,
      accept: (body, delivery) => {
        // Our own echoes and the delivery and read receipts of what we send change nothing: no journal row for them.
        const events = readDelivery(delivery, settings.inboxAppId);
        if (events.some((event) => event.kind !== 'ignored')) return journal.accept(body, delivery);
        for (const event of events) void adapter.handle(event, Date.now(), deps.logic);
        return Promise.resolve();
      },
      onRefused: (reason) => metrics.observeWebhookRefusal(MESSENGER_CHANNEL, reason),
      chargeFailure: deps.chargeFailure,
    }),
    sender,
    handoff: new MessengerHandoffControl(client, settings.inboxAppId),
    readiness: { name: MESSENGER_CHANNEL, check: () => health.check() },
    start: () => journal.start(),
    idle: () => journal.idle(),
    close: () => journal.close(),
  };
}
