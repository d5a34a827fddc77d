/** Assembles the admin module: bootstrap, auth guards and the /api/admin router (dossiers excepted). */
import { Router } from 'express';
import type { Config } from '../config';
import type { Coordination } from '../coordination';
import type { Translator } from '../i18n/translator';
import type { KnowledgeHolder } from '../knowledge';
import type { Logger } from '../ops/logger';
import type { Store } from '../store/ports';
import { systemClock, type Clock } from '../store/store-options';
import { createAuditTrail } from './audit-trail';
import { createAdminAuth, type AdminAuth } from './auth-middleware';
import { bootstrapAdmin } from './bootstrap-admin';
import { createLoginThrottle } from './login-throttle';
import { createPasswordHasher } from './passwords';
import { createAccountRoutes } from './routes/account-routes';
import { createAuditRoutes } from './routes/audit-routes';
import { createContentRoutes } from './routes/content-routes';
import { createLabelsRoutes } from './routes/labels-routes';
import { createRecordRoutes } from './routes/record-routes';
import { createSessionRoutes } from './routes/session-routes';
import { createStatsRoutes } from './routes/stats-routes';
import { createSessions } from './sessions';
import { createCitizenDataService } from '../privacy/citizen-data';
import { createCitizenDataRoutes } from '../privacy/http/citizen-data-routes';

/** What the admin module is built from. */
export interface AdminModuleDeps {
  config: Pick<Config, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD' | 'integrationTokens' | 'STAFF_PASSWORD_COST'>;
  store: Store;
  coordination: Coordination;
  knowledge: KnowledgeHolder;
  /** The console's words (content/locales/<lang>/console.json). */
  translator: Translator;
  logger: Logger;
  /** Defaults to the wall clock; tests pass their own to age sessions. */
  now?: Clock;
}

/** The router to mount, and the guards other modules (dossiers, /model/parse) reuse. */
export interface AdminModule {
  router: Router;
  auth: AdminAuth;
}

/** Builds the admin module and creates the first admin account on an empty store. */
export async function createAdminModule(deps: AdminModuleDeps): Promise<AdminModule> {
  const { config, store, coordination, knowledge, logger } = deps;
  const now = deps.now ?? systemClock;
  const audit = createAuditTrail(store.audit, now);
  const sessions = createSessions(store.accounts, now);
  const auth = createAdminAuth(sessions, config.integrationTokens);

  const hasher = createPasswordHasher(config.STAFF_PASSWORD_COST);

  await bootstrapAdmin({ accounts: store.accounts, hasher, username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD, audit, logger, now });

  const router = Router();
  router.use(createSessionRoutes({ accounts: store.accounts, hasher, sessions, throttle: createLoginThrottle(coordination), auth, audit, logger }));
  router.use(createAccountRoutes({ accounts: store.accounts, hasher, auth, audit, now }));
  router.use(createContentRoutes({ knowledge, auth, audit }));
  router.use(createRecordRoutes({ store, auth }));
  router.use(createLabelsRoutes({ translator: deps.translator, knowledge }));
  router.use(createStatsRoutes({ activity: store.activity, auth, now }));
  router.use(createAuditRoutes({ audit: store.audit, auth }));
  router.use(createCitizenDataRoutes({ service: createCitizenDataService(store, now), auth }));
  return { router, auth };
}
