import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import type { Express } from 'express';
import { createAdminModule } from './admin';
import { createAnnouncementModule, type AnnouncementModule } from './announcements';
import { createConsoleRouter } from './admin/console/console-router';
import { AssistantBot, type AssistantBotOptions } from './bot/assistant-bot';
import { FeedbackDialog } from './bot/dialogs/feedback-dialog';
import { answerAttachment } from './bot/handlers/attachment';
import { createEmergencyHandlers, loadEmergencyGuide } from './bot/handlers/emergency';
import { greet, promptMenu } from './bot/handlers/menu';
import { loadOtherAgencies } from './bot/handlers/other-agencies';
import { createRoutes, entityRoutes, subjectChangers } from './bot/routes';
import { formerProvinceNotice, withFormerProvinceNotice } from './bot/offices/former-province-notice';
import { createOfficeHandlers } from './bot/offices/office-handlers';
import { createTopicAnswerer } from './bot/procedures/topic-answer';
import { procedureTitle } from './bot/procedures/procedure-answer';
import { createPendingReply, createProcedureFollowUp, createProcedureHandler, createProcedureListHandler, createWhereHandler } from './bot/procedures/procedure-handlers';
import { loadQuestionWords } from './bot/procedures/question-words';
import { createChatPageRouter } from './channels/rest/page-router';
import { createRestRouter } from './channels/rest/rest-router';
import { REST_CHANNEL, RestAdapter } from './channels/rest/rest-adapter';
import { createRestSender, QUEUED_REPLY_KIND, renderQueuedReply } from './channels/rest/rest-sender';
import { Inbox } from './channels/inbox';
import { createMessengerChannel, messengerSettings, type MessengerChannel } from './channels/messenger/messenger-channel';
import type { HandoffControl, OfficerSignals } from './channels/officer-signals';
import type { ChannelSender } from './channels/outbound/channel-sender';
import { keepUnsentReplies } from './channels/outbound/keep-unsent';
import { OutboxPush } from './channels/outbound/outbox-push';
import { createZaloChannel, type ZaloChannel } from './channels/zalo/zalo-channel';
import { createZaloVerifierRouter } from './channels/zalo/zalo-router';
import type { Config } from './config';
import { createCoordination, type Coordination } from './coordination';
import { createDossierModule, createOutboxDrain, DEFAULT_LOOKUP_LIMITS } from './dossiers';
import { createHandoffModule, type HandoffModule } from './handoff';
import { createHttpApp } from './http/app';
import { failedVerificationBudget, limitRequests } from './http/rate-limit';
import { createHealthRouter } from './http/health-router';
import { createMetricsRouter, measureRequests } from './http/metrics-router';
import { createMetrics } from './ops/metrics';
import { createParseRouter } from './http/parse-router';
import { loadTranslator } from './i18n/translator';
import { questionActivity } from './ops/activity-recorder';
import type { KnowledgeHolder } from './knowledge';
import type { Logger } from './ops/logger';
import { warmUp } from './ops/warm-up';
import { createStore } from './store';
import type { Store } from './store/ports';
import { systemClock, type Clock } from './store/store-options';
import type { ParseThread } from './understanding/parse-thread';
import { saveYamlCache, useYamlCache } from './util/yaml-cache';
import { startUnderstanding, type StartedUnderstanding } from './start-understanding';
import { createCheckPhaseBatch } from './util/check-phase-batch';
import { holdSlotFor, inTurnSlot } from './channels/turn-gate';
import { retentionRules, scheduleRetention } from './privacy/retention';
import { createPrivacySource } from './privacy/privacy-content';
import { createPrivacyPageRouter, privacyNoticeHtml } from './privacy/http/privacy-page';

/** A running assistant's parts, for main.ts and for tests that drive the real HTTP app. */
export interface Assistant {
  app: Express;
  store: Store;
  coordination: Coordination;
  knowledge: KnowledgeHolder;
  /** The outbound door of each channel, by channel name (announcements, hand-off, notices); the web chat's included. */
  senders: ReadonlyMap<string, ChannelSender>;
  /** How each platform channel passes a conversation to officers and back, by channel name. */
  handoffControls: ReadonlyMap<string, HandoffControl>;
  /** The Messenger channel when its credentials are set. */
  messenger: MessengerChannel | undefined;
  /** The human hand-off; its `signals` are what platform channels call when an officer writes from their own tool. */
  handoff: HandoffModule;
  /** The Zalo OA channel when its credentials are set. */
  zalo: ZaloChannel | undefined;
  /** Sends waiting outbox messages (dossier status notices) to platform citizens as soon as their window allows. */
  outboxPush: OutboxPush;
  /** Subscriptions, announcements and their delivery. */
  announcements: AnnouncementModule;
  /** The understanding's thread: parser and language detector in a worker (src/understanding/parse-thread.ts). */
  understanding: ParseThread;
  /** Runs a few messages through the parser and the bot, leaving no trace, so the first citizens' turns find it warm (src/ops/warm-up.ts). */
  warmUp(): Promise<void>;
  /**
   * Finishes what is in hand, then closes coordination and storage. `by` (epoch ms), the shutdown's deadline less a
   * margin: when the announcement workers stop waiting for a Redis that is away.
   */
  close(by?: number): Promise<void>;
}

/** Parts plugged in from outside the configuration: a clock, stand-in channels, recording officer signals (tests). */
export interface AssistantOptions {
  now?: Clock;
  /** Where platform channels report what officers do in the platforms' own tools; the hand-off by default. */
  officerSignals?: OfficerSignals;
  /** Extra senders, keyed by their channel name; the web chat's own is always there. */
  senders?: readonly ChannelSender[];
  /** Extra thread controls during a hand-off, keyed by channel name (Messenger's comes with its channel). */
  controls?: ReadonlyMap<string, HandoffControl>;
  /** The content and the understanding, begun before this module loaded (src/main.ts, `startUnderstanding`). */
  started?: StartedUnderstanding;
  /**
   * The store's background work (SQLite's WAL checkpoint thread) waits for `assistant.store.startBackground()`, which
   * src/main.ts calls after listening, instead of starting with the store in the middle of the start (docs/performance.md).
   */
  deferStoreBackground?: boolean;
}

/** Parse confidence below which the assistant asks instead of answering (Rasa's nlu_fallback threshold). */
const CONFIDENCE_THRESHOLD = 0.5;

/**
 * Web-chat turns understood back to back in one check phase. Past the first few the understanding runs warm; each turn
 * understood here also runs its dispatch and answer in the same phase (~0.3–0.5 ms), so 8 holds the loop for ~3–4 ms.
 */
const UNDERSTOOD_TOGETHER_AT_MOST = 8;
/**
 * While web-chat turns keep coming in small batches (the last, of fewer than 4, ran within the last 5 ms), a batch that
 * is not full waits up to 2 ms for more: at moderate rates turns then share a batch, its warm caches and its group
 * commit instead of each running on its own (docs/performance.md, turn-tail round). A turn after a quiet spell is not
 * held, nor a batch after a large one (flat out they fill by themselves).
 */
const UNDERSTANDING_GATHER = { ms: 2, whileBusyMs: 5, afterBatchBelow: 4 };

/** The composition root: config → store → knowledge → understanding → bot → channels → http. Nothing starts listening here. */
export async function createAssistant(config: Config, logger: Logger, options: AssistantOptions = {}): Promise<Assistant> {
  const now = options.now ?? systemClock;
  const metrics = createMetrics();
  // The content, and the understanding building from it in its own thread while the rest is composed (begun by
  // src/main.ts before this module was loaded, or here); nothing listens before it has built (below).
  const { knowledge, understanding } = options.started ?? startUnderstanding(config, logger);
  const store = await createStore({ dataDir: config.dataDir, mongodbUri: config.MONGODB_URI, now, deferBackground: options.deferStoreBackground });
  const coordination = await createCoordination(config.REDIS_URL, config.REDIS_KEY_PREFIX);

  const translator = loadTranslator(path.join(config.contentDir, 'locales'));
  const currentKnowledge = () => knowledge.current();
  // The procedure families, filled from the understanding's build before this returns (no turn runs before).
  const groups: Record<string, string[]> = {};
  // Police questions that are not whole procedures (weapons, a locked VNeID…) are answered from content.
  const answerTopic = createTopicAnswerer(currentKnowledge);
  const offices = createOfficeHandlers({ knowledge: currentKnowledge, answerTopic, nearestWithinKm: config.NEAREST_WITHIN_KM });
  // "ở đâu", "báo qua đâu", "mang gì": what a short question asks about the procedure being discussed.
  const questionWords = loadQuestionWords(path.join(config.contentDir, 'question-words.yaml'));
  const procedureDeps = { knowledge: currentKnowledge, groups, answerWhere: offices.answerWhere, answerTopic, questionWords };
  const answerProcedure = createProcedureHandler(procedureDeps);
  // Staff accounts and guards; creates the first admin on an empty store. Before the dossier module, which mounts its guards.
  const admin = await createAdminModule({ config, store, coordination, knowledge, translator, logger });
  // Built once the channels' senders are (below); notices queued before then wait for the citizen's next message.
  let outboxPush: OutboxPush | undefined;
  const dossiers = createDossierModule({
    store,
    coordination,
    translator,
    auth: admin.auth,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    limits: {
      questionSeconds: config.DOSSIER_QUESTION_TTL_SECONDS,
      addressFailures: config.DOSSIER_ADDRESS_FAILURES_PER_HOUR,
      globalFailures: config.DOSSIER_GLOBAL_FAILURES_PER_HOUR,
      code: {
        ...DEFAULT_LOOKUP_LIMITS.code,
        free: config.DOSSIER_CODE_FREE_FAILURES,
        firstWaitSeconds: config.DOSSIER_CODE_BACKOFF_SECONDS,
        maxWaitSeconds: config.DOSSIER_CODE_BACKOFF_MAX_SECONDS,
      },
    },
    procedureName: (id, locale) => {
      const procedure = currentKnowledge().getProcedure(id);
      return procedure && procedureTitle(procedure, locale);
    },
    noticeQueued: (watcher) => outboxPush?.schedule(watcher),
    onLookup: metrics.observeLookup,
  });
  // Each channel's outbound door, by channel name: the hand-off speaks through them on an officer's behalf.
  // Platform channels, built after the bot, add theirs (and Messenger its thread control) below.
  const senders = new Map<string, ChannelSender>([[REST_CHANNEL, createRestSender(store.outbox)]]);
  for (const sender of options.senders ?? []) senders.set(sender.channel, sender);
  const handoffControls = new Map<string, HandoffControl>(options.controls ?? []);
  // Announcements push through platform senders only (filled below, once the channels exist); web visitors get theirs on their next visit.
  const announcementSenders = new Map<string, ChannelSender>();
  let zaloClient: ZaloChannel['client'] | undefined;
  const announcements = createAnnouncementModule({
    store,
    senders: announcementSenders,
    translator,
    auth: admin.auth,
    places: () => currentKnowledge().locationEntries(),
    perSecond: { zalo: config.ANNOUNCEMENT_ZALO_PER_SECOND, messenger: config.ANNOUNCEMENT_MESSENGER_PER_SECOND },
    concurrency: config.ANNOUNCEMENT_CONCURRENCY,
    pollMs: config.ANNOUNCEMENT_POLL_SECONDS * 1000,
    zaloButtons: config.ZALO_BUTTON_STYLE,
    zaloArticle: { enabled: config.ZALO_ARTICLE_BROADCAST, client: () => zaloClient, coordination },
    publicBaseUrl: config.PUBLIC_BASE_URL,
    ...(config.REDIS_URL ? { redis: { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX } } : {}),
    logger,
    now,
  });
  const handoff = createHandoffModule({
    store,
    senders,
    controls: handoffControls,
    translator,
    auth: admin.auth,
    schedule: { hours: config.HANDOFF_HOURS, holidays: config.HANDOFF_HOLIDAYS },
    pauseMs: config.HANDOFF_BOT_PAUSE_MINUTES * 60_000,
    logger,
    now,
  });
  const { routes, fallback } = createRoutes({
    otherAgencies: loadOtherAgencies(path.join(config.contentDir, 'other-agencies.yaml')),
    fallbackAnswers: { answerTopic, notice: (turn) => formerProvinceNotice(turn, currentKnowledge()) },
    capabilities: {
      procedure_list: createProcedureListHandler({ knowledge: currentKnowledge, groups }),
      procedure_info: answerProcedure,
      procedure_documents: answerProcedure,
      procedure_fee: answerProcedure,
      procedure_duration: answerProcedure,
      procedure_online: answerProcedure,
      office_location: createWhereHandler(procedureDeps, offices.officeLocation),
      office_hours: offices.officeHours,
      ...dossiers.handlers,
      // A dossier filed with the former Bắc Kạn police: the merger is explained before the lookup.
      dossier_status: withFormerProvinceNotice(currentKnowledge, dossiers.handlers.dossier_status),
      ...handoff.handlers,
      ...announcements.handlers,
    },
  });
  // Emergencies in grades (sure, possible, a question for the numbers), every channel alike.
  const emergencies = createEmergencyHandlers(loadEmergencyGuide(path.join(config.contentDir, 'emergency.yaml')));
  const understandingBatch = createCheckPhaseBatch(UNDERSTOOD_TOGETHER_AT_MOST, UNDERSTANDING_GATHER);
  const botOptions: AssistantBotOptions = {
    recentLines: store.recentLines,
    unanswered: store.unanswered,
    translator,
    // Turns that arrive together (the web chat's, many connections at once) go to the understanding's thread in one
    // message, from the check phase of the iteration they arrived in, and go on together when it answers: one
    // structured clone each way a batch, and their continuations (dispatch, answer, queued save) back to back with warm
    // caches (docs/performance.md, tenth round and worker round 3). At most UNDERSTOOD_TOGETHER_AT_MOST a batch (eleventh
    // round); while turns keep coming, a batch that is not full waits up to UNDERSTANDING_GATHER.ms for more (turn-tail
    // round). A webhook turn released by the turn gate is sent at once and keeps its slot while it waits: no other
    // webhook turn starts meanwhile, and it goes on in a check phase of its own, not between acknowledgements.
    understand: async (text, locale, detect) =>
      inTurnSlot() ? holdSlotFor(understanding.understand(text, locale, detect)) : await understandingBatch(() => understanding.understand(text, locale, detect)),
    routes,
    fallback,
    entityRoutes,
    subjectChangers,
    followUp: createProcedureFollowUp(procedureDeps),
    pendingReply: createPendingReply(procedureDeps),
    emergency: emergencies.card,
    possibleEmergency: emergencies.notice,
    sign: emergencies.sign,
    emergencyNumbers: emergencies.numbers,
    welcome: greet,
    empty: promptMenu,
    attachment: answerAttachment,
    turns: store.turns,
    contacts: store.contacts,
    // Questions per day, channel and intent, for the staff console's charts.
    countedAs: questionActivity,
    // Only a procedure named exactly: a family ("giao thông" of a road accident) would put a picker under the emergency card.
    afterEmergency: (turn) => (turn.entity('procedure') ? answerProcedure : undefined),
    dialogs: [{ dialog: new FeedbackDialog(store.feedback), interrupt: 'free-text' }, ...dossiers.dialogs],
    officer: handoff.presence,
    confidenceThreshold: CONFIDENCE_THRESHOLD,
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    logger,
    onTurnEnd: (report) => {
      metrics.observeTurn(report);
      // One line per turn, with the request's id: never the text (see src/ops/logger.ts).
      logger.info({ channel: report.channel, intent: report.intent, path: report.path, ms: Math.round(report.seconds * 1000) }, 'turn answered');
    },
    now,
  };
  const bot = new AssistantBot(botOptions);

  // Platform ids seen (inbound, for de-duplication) or sent (Zalo echoes): in Redis with several instances, otherwise in
  // the store so they survive a restart.
  const seenEvents = coordination.kind === 'redis' ? coordination : store.seenEvents;
  const inbox = new Inbox(coordination, seenEvents);
  metrics.watchQueues({ outbox: () => store.outbox.waiting(), journal: () => store.inboundJournal.waiting(), turnsInProgress: () => inbox.inProgress });
  // One drain for every kind a channel shows (dossier notices, officers' queued replies), so no kind is claimed by a
  // drain that cannot draw it; what waits opens the citizen's next answer, on every channel.
  const drainOutbox = createOutboxDrain(store.outbox, (m) => dossiers.outbox.render(m) ?? renderQueuedReply(m) ?? announcements.render(m));
  const restAdapter = new RestAdapter(inbox, {
    pending: drainOutbox,
    handoff: async (sender) => {
      const open = await handoff.service.findOpen({ channel: REST_CHANNEL, userId: sender });
      return open && { reference: open.id, status: open.status };
    },
  });
  const onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, channel: context.activity.channelId }, 'turn failed outside the bot');
    await context.sendActivity(translator.forLocale('vi')('errors.turn'));
  };
  restAdapter.onTurnError = onTurnError;
  const officerSignals = options.officerSignals ?? handoff.signals;
  // An answer a platform could not take (API down, 429, token refused) waits in the outbox: pushed again after a pause,
  // or shown at the top of the citizen's next answer, whichever comes first.
  const keepUnsent = (sender: ChannelSender) =>
    keepUnsentReplies(sender, {
      outbox: store.outbox,
      logger,
      retry: (user) => setTimeout(() => outboxPush?.schedule(user), config.KEPT_ANSWER_RETRY_SECONDS * 1000).unref(),
    });
  // Forged or replayed platform deliveries, per address: signed ones are never limited (docs/public-doors.md).
  const signatureBudget = (channel: string) =>
    failedVerificationBudget({ coordination, name: `${channel}-signature`, limit: config.WEBHOOK_FAILED_VERIFICATIONS_PER_HOUR, windowSeconds: 3600 });
  const zalo = await createZaloChannel({
    config,
    store,
    coordination,
    inbox,
    seenEvents,
    translator,
    logic: bot.onTurn,
    metrics,
    logger,
    officerSignals,
    chargeFailure: signatureBudget('zalo'),
    pending: drainOutbox,
    keepUnsent,
    menuSentSince: (userId, since) => announcements.menuSentSince({ channel: 'zalo', userId }, since),
    now,
  });
  if (zalo) {
    zalo.adapter.onTurnError = onTurnError;
    senders.set(zalo.sender.channel, zalo.sender);
    zaloClient = zalo.client;
    zalo.start();
  }
  const messengerConfig = messengerSettings(config);
  let messenger: MessengerChannel | undefined;
  if ('settings' in messengerConfig) {
    messenger = createMessengerChannel({
      settings: messengerConfig.settings,
      chargeFailure: signatureBudget('messenger'),
      inbox,
      logic: bot.onTurn,
      store,
      officers: officerSignals,
      translator,
      logger,
      metrics,
      pending: drainOutbox,
      keepUnsent,
      now,
    });
    senders.set(messenger.sender.channel, messenger.sender);
    handoffControls.set(messenger.sender.channel, messenger.handoff);
    messenger.start();
  } else {
    logger.info({ missing: messengerConfig.missing }, 'Messenger channel off: set these variables to turn it on');
  }
  // Platform senders only: the web chat's own sender queues into this very outbox, where its notices already wait.
  const platformSenders = new Map([...senders].filter(([channel]) => channel !== REST_CHANNEL));
  outboxPush = new OutboxPush({
    outbox: store.outbox,
    senders: platformSenders,
    render: (m) => dossiers.outbox.render(m) ?? renderQueuedReply(m),
    kinds: [dossiers.outbox.kind, QUEUED_REPLY_KIND],
    inbox,
    coordination,
    logger,
  });
  for (const [channel, sender] of platformSenders) announcementSenders.set(channel, sender);

  // The web chat's privacy notice and policy, from content editors keep (a bad file stops start-up).
  const privacy = createPrivacySource(path.join(config.contentDir, 'privacy.yaml'), logger);
  const app = createHttpApp({
    logger,
    trustProxy: config.TRUST_PROXY,
    corsOrigins: config.CORS_ORIGINS,
    before: [measureRequests(metrics)],
    routers: [
      // First: Express walks every router mounted ahead of a route, allocating as it goes (~1.3 KB a router), and
      // /model/parse has a p99 target at 200 req/s that scavenges set (docs/performance.md); other requests walk past
      // this one-route router. Paths do not overlap, so the order changes nothing else.
      createParseRouter({ parse: (text, locale) => understanding.parse(text, locale), guard: admin.auth.localOrStaff, maxBodyBytes: config.MAX_BODY_BYTES }),
      // Next the web chat's turns, the bulk of the traffic, so they do not walk the metrics and health routers.
      createRestRouter({
        adapter: restAdapter,
        logic: bot.onTurn,
        maxBodyBytes: config.MAX_BODY_BYTES,
        guard: limitRequests({ coordination, name: 'chat', limit: config.CHAT_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 }),
      }),
      createMetricsRouter(metrics, admin.auth.localOrStaff),
      createHealthRouter([
        { name: 'storage', check: () => store.ping() },
        { name: 'coordination', check: () => coordination.ping() },
        { name: 'content', check: async () => void knowledge.current() },
        ...(zalo ? [zalo.readiness] : []),
        ...(messenger ? [messenger.readiness] : []),
      ]),
      ...(zalo ? [zalo.router] : []),
      // Domain verification comes before the OA grants tokens, so the file is served while the channel is still off.
      ...(config.ZALO_SITE_VERIFICATION ? [createZaloVerifierRouter(config.ZALO_SITE_VERIFICATION)] : []),
      ...(messenger ? [messenger.router] : []),
      createChatPageRouter(() => privacyNoticeHtml(privacy.current())),
      createPrivacyPageRouter(privacy),
      createConsoleRouter(),
      dossiers.router,
      handoff.router,
      ...announcements.routers,
      admin.router,
    ],
  });

  const retention = scheduleRetention({ rules: retentionRules(store, config), intervalSeconds: config.STATE_PURGE_INTERVAL_SECONDS, logger, now });

  // A bad training file fails the start here, naming the file, before any announcement is sent; and the
  // understanding's build (a second of CPU, more when it trains) is over before the engine's first send.
  Object.assign(groups, (await understanding.ready()).groups);
  await announcements.start();
  saveYamlCache();
  // What waited in the outbox when the last process stopped goes out now, not at the citizen's next message.
  void outboxPush.sweep().catch((err: unknown) => logger.error({ err }, 'start-up outbox sweep failed; the messages wait for the citizens\' next message'));

  return {
    app,
    store,
    coordination,
    knowledge,
    senders,
    handoffControls,
    messenger,
    handoff,
    zalo,
    outboxPush,
    announcements,
    understanding,
    warmUp: () => warmUp(botOptions, understanding.current().samples),
    async close(by) {
      retention.stop();
      knowledge.close();
      // Deliveries already acknowledged, notices and announcements being sent, finish before storage closes; all at
      // once, so the announcement workers take no new job while the channels finish theirs.
      await Promise.all([zalo?.close(), messenger?.close(), outboxPush?.close(), announcements.close(by)]);
      // Turns still running may wait for their understanding: answered, then its thread stops.
      await understanding.close();
      await coordination.close();
      await store.close();
      useYamlCache([]);
    },
  };
}
