import path from 'node:path';
import type { Express } from 'express';
import { AssistantBot } from './bot/assistant-bot';
import { FeedbackDialog } from './bot/dialogs/feedback-dialog';
import { createEmergencyHandler, loadEmergencyGuide } from './bot/handlers/emergency';
import { greet } from './bot/handlers/menu';
import { loadOtherAgencies } from './bot/handlers/other-agencies';
import { createRoutes } from './bot/routes';
import { createRestRouter } from './channels/rest/rest-router';
import { RestAdapter } from './channels/rest/rest-adapter';
import { Inbox } from './channels/inbox';
import type { Config } from './config';
import { createCoordination, type Coordination } from './coordination';
import { createHttpApp } from './http/app';
import { createHealthRouter } from './http/health-router';
import { createParseRouter } from './http/parse-router';
import { loadTranslator } from './i18n/translator';
import { KnowledgeHolder, type Knowledge } from './knowledge';
import type { Logger } from './ops/logger';
import { createStore } from './store';
import type { Store } from './store/ports';
import { createParser, type Parser } from './understanding';

/** A running assistant's parts, for main.ts and for tests that drive the real HTTP app. */
export interface Assistant {
  app: Express;
  store: Store;
  coordination: Coordination;
  knowledge: KnowledgeHolder;
  close(): Promise<void>;
}

/** Parse confidence below which the assistant asks instead of answering (Rasa's nlu_fallback threshold). */
const CONFIDENCE_THRESHOLD = 0.5;

/** The composition root: config → store → knowledge → understanding → bot → channels → http. Nothing starts listening here. */
export async function createAssistant(config: Config, logger: Logger): Promise<Assistant> {
  const store = await createStore({ dataDir: config.dataDir, mongodbUri: config.MONGODB_URI });
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
  const { routes, fallback } = createRoutes({
    handoffs: store.handoffs,
    unanswered: store.unanswered,
    otherAgencies: loadOtherAgencies(path.join(config.contentDir, 'other-agencies.yaml')),
    capabilities: {},
  });
  const bot = new AssistantBot({
    state: store.state,
    parser: currentParser,
    translator,
    routes,
    fallback,
    emergency: createEmergencyHandler(loadEmergencyGuide(path.join(config.contentDir, 'emergency.yaml'))),
    welcome: greet,
    dialogs: [{ dialog: new FeedbackDialog(store.feedback), interrupt: 'free-text' }],
    confidenceThreshold: CONFIDENCE_THRESHOLD,
    logger,
  });

  const inbox = new Inbox(coordination);
  const restAdapter = new RestAdapter(inbox);
  restAdapter.onTurnError = async (context, error) => {
    logger.error({ err: error, channel: context.activity.channelId }, 'turn failed outside the bot');
    await context.sendActivity(translator.forLocale('vi')('errors.turn'));
  };

  const loopbackOnly: import('express').RequestHandler = (req, _res, next) => next();
  const app = createHttpApp({
    logger,
    routers: [
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
      createParseRouter({ parser: currentParser, guard: loopbackOnly, maxBodyBytes: config.MAX_BODY_BYTES }),
    ],
  });

  return {
    app,
    store,
    coordination,
    knowledge,
    async close() {
      knowledge.close();
      await coordination.close();
      await store.close();
    },
  };
}
