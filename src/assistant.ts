import path from 'node:path';
import type { TurnContext } from 'botbuilder';
import type { Express } from 'express';
import { createAdminModule } from './admin';
import { createConsoleRouter } from './admin/console/console-router';
import { AssistantBot } from './bot/assistant-bot';
import { FeedbackDialog } from './bot/dialogs/feedback-dialog';
import { answerAttachment } from './bot/handlers/attachment';
import { createEmergencyHandler, loadEmergencyGuide } from './bot/handlers/emergency';
import { greet } from './bot/handlers/menu';
import { loadOtherAgencies } from './bot/handlers/other-agencies';
import { createRoutes, entityRoutes } from './bot/routes';
import { createOfficeHandlers } from './bot/offices/office-handlers';
import { procedureTitle } from './bot/procedures/procedure-answer';
import { createProcedureFollowUp, createProcedureHandler, createProcedureListHandler } from './bot/procedures/procedure-handlers';
import { createChatPageRouter } from './channels/rest/page-router';
import { createRestRouter } from './channels/rest/rest-router';
import { RestAdapter } from './channels/rest/rest-adapter';
import { Inbox } from './channels/inbox';
import { createMessengerChannel, messengerSettings, type MessengerChannel } from './channels/messenger/messenger-channel';
import { loggedOfficerSignals, type HandoffControl, type OfficerSignals } from './channels/officer-signals';
import type { ChannelSender } from './channels/outbound/channel-sender';
import { OutboxPush } from './channels/outbound/outbox-push';
import { createZaloChannel, type ZaloChannel } from './channels/zalo/zalo-channel';
import { createZaloVerifierRouter } from './channels/zalo/zalo-router';
import type { Config } from './config';
import { createCoordination, type Coordination } from './coordination';
import { createDossierModule } from './dossiers';
import { createHttpApp } from './http/app';
import { createHealthRouter } from './http/health-router';
import { createMetricsRouter, measureRequests } from './http/metrics-router';
import { createMetrics } from './ops/metrics';
import { createParseRouter } from './http/parse-router';
import { loadTranslator } from './i18n/translator';
import { KnowledgeHolder, type Knowledge } from './knowledge';
import type { Logger } from './ops/logger';
import { createStore } from './store';
import type { Store } from './store/ports';
import { createParser, procedureGroups, type Parser } from './understanding';

/** A running assistant's parts, for main.ts and for tests that drive the real HTTP app. */
export interface Assistant {
  app: Express;
  store: Store;
  coordination: Coordination;
  knowledge: KnowledgeHolder;
  /** The outbound door of each platform channel that is on, by channel name (announcements, hand-off, notices). */
  senders: ReadonlyMap<string, ChannelSender>;
  /** How each platform channel passes a conversation to officers and back, by channel name. */
  handoffControls: ReadonlyMap<string, HandoffControl>;
  /** The Messenger channel when its credentials are set. */
  messenger: MessengerChannel | undefined;
  /** The Zalo OA channel when its credentials are set. */
  zalo: ZaloChannel | undefined;
  /** Sends waiting outbox messages (dossier status notices) to platform citizens as soon as their window allows. */
  outboxPush: OutboxPush;
  close(): Promise<void>;
}

/** Parts a caller may supply instead of the defaults. */
export interface AssistantOptions {
  /** Where platform channels report what officers do in the platforms' own tools (the hand-off); logged by default. */
  officerSignals?: OfficerSignals;
}

/** Parse confidence below which the assistant asks instead of answering (Rasa's nlu_fallback threshold). */
const CONFIDENCE_THRESHOLD = 0.5;

/** The composition root: config → store → knowledge → understanding → bot → channels → http. Nothing starts listening here. */
export async function createAssistant(config: Config, logger: Logger, options: AssistantOptions = {}): Promise<Assistant> {
  const metrics = createMetrics();
  const store = await createStore({ dataDir: config.dataDir, mongodbUri: config.MONGODB_URI });
  const coordination = await createCoordination(config.REDIS_URL, config.REDIS_KEY_PREFIX);

  let parser: Parser;
  const buildParser = (k: Knowledge) =>
    createParser({ intentsDir: config.intentsDir, procedureAliases: k.procedureAliases(), locations: k.locationEntries() });
  const knowledge = new KnowledgeHolder(config.contentDir, {
    onReload: (result) => {
      if (result.ok) parser = buildParser(knowledge.current());
      else logger.warn({ errors: result.errors }, 'content reload refused; previous content kept');
    },
  });
  parser = buildParser(knowledge.current());
  const currentParser = () => parser;

  const translator = loadTranslator(path.join(config.contentDir, 'locales'));
  const currentKnowledge = () => knowledge.current();
  const groups = procedureGroups(config.intentsDir);
  const offices = createOfficeHandlers({ knowledge: currentKnowledge });
  const procedureDeps = { knowledge: currentKnowledge, groups, answerWhere: offices.answerWhere };
  const answerProcedure = createProcedureHandler(procedureDeps);
  // Staff accounts and guards; creates the first admin on an empty store. Before the dossier module, which mounts its guards.
  const admin = await createAdminModule({ config, store, coordination, knowledge, logger });
  // Built once the channels' senders are (below); notices queued before then wait for the citizen's next message.
  let outboxPush: OutboxPush | undefined;
  const dossiers = createDossierModule({
    store,
    coordination,
    translator,
    auth: admin.auth,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    procedureName: (id, locale) => {
      const procedure = currentKnowledge().getProcedure(id);
      return procedure && procedureTitle(procedure, locale);
    },
    noticeQueued: (watcher) => outboxPush?.schedule(watcher),
  });
  const { routes, fallback } = createRoutes({
    handoffs: store.handoffs,
    otherAgencies: loadOtherAgencies(path.join(config.contentDir, 'other-agencies.yaml')),
    capabilities: {
      procedure_list: createProcedureListHandler({ knowledge: currentKnowledge, groups }),
      procedure_info: answerProcedure,
      procedure_documents: answerProcedure,
      procedure_fee: answerProcedure,
      procedure_duration: answerProcedure,
      procedure_online: answerProcedure,
      office_location: offices.officeLocation,
      office_hours: offices.officeHours,
      ...dossiers.handlers,
    },
  });
  const bot = new AssistantBot({
    state: store.state,
    unanswered: store.unanswered,
    parser: currentParser,
    translator,
    routes,
    fallback,
    entityRoutes,
    followUp: createProcedureFollowUp(procedureDeps),
    emergency: createEmergencyHandler(loadEmergencyGuide(path.join(config.contentDir, 'emergency.yaml'))),
    welcome: greet,
    attachment: answerAttachment,
    contacts: store.contacts,
    afterEmergency: (turn) => (turn.entity('procedure') || turn.entity('procedure_group') ? answerProcedure : undefined),
    dialogs: [{ dialog: new FeedbackDialog(store.feedback), interrupt: 'free-text' }, ...dossiers.dialogs],
    confidenceThreshold: CONFIDENCE_THRESHOLD,
    logger,
    onTurnEnd: metrics.observeTurn,
  });

  // Seen platform ids: in Redis with several instances, otherwise in the store so they survive a restart.
  const inbox = new Inbox(coordination, coordination.kind === 'redis' ? coordination : store.seenEvents);
  // What waits in the outbox opens the citizen's next answer, on every channel.
  const pending = dossiers.outbox.drain;
  const restAdapter = new RestAdapter(inbox, { pending });
  const onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, channel: context.activity.channelId }, 'turn failed outside the bot');
    await context.sendActivity(translator.forLocale('vi')('errors.turn'));
  };
  restAdapter.onTurnError = onTurnError;
  const senders = new Map<string, ChannelSender>();
  const handoffControls = new Map<string, HandoffControl>();
  const officerSignals = options.officerSignals ?? loggedOfficerSignals(logger);
  const zalo = await createZaloChannel({ config, store, coordination, inbox, translator, logic: bot.onTurn, metrics, logger, officerSignals, pending });
  if (zalo) {
    zalo.adapter.onTurnError = onTurnError;
    senders.set(zalo.sender.channel, zalo.sender);
    zalo.start();
  }
  const messengerConfig = messengerSettings(config);
  let messenger: MessengerChannel | undefined;
  if ('settings' in messengerConfig) {
    messenger = createMessengerChannel({
      settings: messengerConfig.settings,
      inbox,
      logic: bot.onTurn,
      store,
      officers: officerSignals,
      translator,
      logger,
      metrics,
      pending,
    });
    senders.set(messenger.sender.channel, messenger.sender);
    handoffControls.set(messenger.sender.channel, messenger.handoff);
    messenger.start();
  } else {
    logger.info({ missing: messengerConfig.missing }, 'Messenger channel off: set these variables to turn it on');
  }
  outboxPush = new OutboxPush({ outbox: store.outbox, senders, render: dossiers.outbox.render, inbox, logger });

  const app = createHttpApp({
    logger,
    before: [measureRequests(metrics)],
    routers: [
      createMetricsRouter(metrics, admin.auth.localOrStaff),
      createHealthRouter([
        { name: 'storage', check: () => store.ping() },
        { name: 'coordination', check: () => coordination.ping() },
        { name: 'content', check: async () => void knowledge.current() },
        ...(zalo ? [zalo.readiness] : []),
        ...(messenger ? [messenger.readiness] : []),
      ]),
      createRestRouter({
        adapter: restAdapter,
        logic: bot.onTurn,
        maxBodyBytes: config.MAX_BODY_BYTES,
        maxMessageChars: config.MAX_MESSAGE_CHARS,
        tooLongReply: (max) => translator.forLocale('vi')('errors.tooLong', { max }),
      }),
      ...(zalo ? [zalo.router] : []),
      // Domain verification comes before the OA grants tokens, so the file is served while the channel is still off.
      ...(config.ZALO_SITE_VERIFICATION ? [createZaloVerifierRouter(config.ZALO_SITE_VERIFICATION)] : []),
      ...(messenger ? [messenger.router] : []),
      createChatPageRouter(),
      createConsoleRouter(),
      createParseRouter({ parser: currentParser, guard: admin.auth.localOrStaff, maxBodyBytes: config.MAX_BODY_BYTES }),
      dossiers.router,
      admin.router,
    ],
  });

  return {
    app,
    store,
    coordination,
    knowledge,
    senders,
    handoffControls,
    messenger,
    zalo,
    outboxPush,
    async close() {
      knowledge.close();
      // Deliveries already acknowledged, and notices being sent, finish before storage closes.
      await zalo?.close();
      await messenger?.close();
      await outboxPush?.idle();
      await coordination.close();
      await store.close();
    },
  };
}
