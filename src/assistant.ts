import path from 'node:path';
import type { Express } from 'express';
import { createAdminModule } from './admin';
import { createConsoleRouter } from './admin/console/console-router';
import { AssistantBot } from './bot/assistant-bot';
import { FeedbackDialog } from './bot/dialogs/feedback-dialog';
import { createEmergencyHandler, loadEmergencyGuide } from './bot/handlers/emergency';
import { greet } from './bot/handlers/menu';
import { loadOtherAgencies } from './bot/handlers/other-agencies';
import { createRoutes, entityRoutes } from './bot/routes';
import { createOfficeHandlers } from './bot/offices/office-handlers';
import { procedureTitle } from './bot/procedures/procedure-answer';
import { createProcedureFollowUp, createProcedureHandler, createProcedureListHandler } from './bot/procedures/procedure-handlers';
import { createChatPageRouter } from './channels/rest/page-router';
import { createRestRouter } from './channels/rest/rest-router';
import { REST_CHANNEL, RestAdapter } from './channels/rest/rest-adapter';
import { createRestSender, renderQueuedReply } from './channels/rest/rest-sender';
import type { HandoffControl } from './channels/officer-signals';
import type { ChannelSender } from './channels/outbound/channel-sender';
import { Inbox } from './channels/inbox';
import type { Config } from './config';
import { createCoordination, type Coordination } from './coordination';
import { createDossierModule, createOutboxDrain } from './dossiers';
import { createHandoffModule, type HandoffModule } from './handoff';
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
import { systemClock, type Clock } from './store/store-options';
import { createParser, procedureGroups, type Parser } from './understanding';

/** A running assistant's parts, for main.ts and for tests that drive the real HTTP app. */
export interface Assistant {
  app: Express;
  store: Store;
  coordination: Coordination;
  knowledge: KnowledgeHolder;
  /** The human hand-off; its `signals` are what platform channels call when an officer writes from their own tool. */
  handoff: HandoffModule;
  close(): Promise<void>;
}

/** Parts plugged in from outside the configuration: a clock, and channels' outbound doors (tests' stand-in platforms). */
export interface AssistantOptions {
  now?: Clock;
  /** Extra senders, keyed by their channel name; the web chat's own is always there. */
  senders?: readonly ChannelSender[];
  /** Channels' thread control during a hand-off (Messenger's handover protocol), keyed by channel name. */
  controls?: ReadonlyMap<string, HandoffControl>;
}

/** Parse confidence below which the assistant asks instead of answering (Rasa's nlu_fallback threshold). */
const CONFIDENCE_THRESHOLD = 0.5;

/** The composition root: config → store → knowledge → understanding → bot → channels → http. Nothing starts listening here. */
export async function createAssistant(config: Config, logger: Logger, options: AssistantOptions = {}): Promise<Assistant> {
  const now = options.now ?? systemClock;
  const metrics = createMetrics();
  const store = await createStore({ dataDir: config.dataDir, mongodbUri: config.MONGODB_URI, now });
  const coordination = await createCoordination(config.REDIS_URL);

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
  });
  // Each channel's outbound door, by channel name: the hand-off speaks through them on an officer's behalf.
  const senders = new Map<string, ChannelSender>([[REST_CHANNEL, createRestSender(store.outbox)]]);
  for (const sender of options.senders ?? []) senders.set(sender.channel, sender);
  const handoff = createHandoffModule({
    store,
    senders,
    controls: options.controls ?? new Map(),
    translator,
    auth: admin.auth,
    schedule: { hours: config.HANDOFF_HOURS, holidays: config.HANDOFF_HOLIDAYS },
    pauseMs: config.HANDOFF_BOT_PAUSE_MINUTES * 60_000,
    logger,
    now,
  });
  const { routes, fallback } = createRoutes({
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
      ...handoff.handlers,
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
    afterEmergency: (turn) => (turn.entity('procedure') || turn.entity('procedure_group') ? answerProcedure : undefined),
    dialogs: [{ dialog: new FeedbackDialog(store.feedback), interrupt: 'free-text' }, ...dossiers.dialogs],
    officer: handoff.presence,
    confidenceThreshold: CONFIDENCE_THRESHOLD,
    logger,
    onTurnEnd: metrics.observeTurn,
    now,
  });

  const inbox = new Inbox(coordination);
  // One drain for every kind the web chat shows, so no kind is claimed by a drain that cannot draw it.
  const drainOutbox = createOutboxDrain(store.outbox, (m) => dossiers.outbox.render(m) ?? renderQueuedReply(m));
  const restAdapter = new RestAdapter(inbox, {
    pending: (sender) => drainOutbox({ channel: REST_CHANNEL, userId: sender }),
    handoff: async (sender) => {
      const open = await handoff.service.findOpen({ channel: REST_CHANNEL, userId: sender });
      return open && { reference: open.id, status: open.status };
    },
  });
  restAdapter.onTurnError = async (context, error) => {
    logger.error({ err: error, channel: context.activity.channelId }, 'turn failed outside the bot');
    await context.sendActivity(translator.forLocale('vi')('errors.turn'));
  };

  const app = createHttpApp({
    logger,
    before: [measureRequests(metrics)],
    routers: [
      createMetricsRouter(metrics, admin.auth.localOrStaff),
      createHealthRouter([
        { name: 'storage', check: () => store.ping() },
        { name: 'coordination', check: () => coordination.ping() },
        { name: 'content', check: async () => void knowledge.current() },
      ]),
      createRestRouter({
        adapter: restAdapter,
        logic: bot.onTurn,
        maxBodyBytes: config.MAX_BODY_BYTES,
        maxMessageChars: config.MAX_MESSAGE_CHARS,
        tooLongReply: (max) => translator.forLocale('vi')('errors.tooLong', { max }),
      }),
      createChatPageRouter(),
      createConsoleRouter(),
      createParseRouter({ parser: currentParser, guard: admin.auth.localOrStaff, maxBodyBytes: config.MAX_BODY_BYTES }),
      dossiers.router,
      handoff.router,
      admin.router,
    ],
  });

  return {
    app,
    store,
    coordination,
    knowledge,
    handoff,
    async close() {
      knowledge.close();
      await coordination.close();
      await store.close();
    },
  };
}
