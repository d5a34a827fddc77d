import { once } from 'node:events';
import { installLazyModules } from './ops/lazy-modules';
import { ParseThread } from './understanding/parse-thread';

// First, the understanding's worker: it loads its code on the other core while this thread loads its own, and builds
// as soon as the content is read below (src/start-understanding.ts; docs/performance.md, "Start-to-ready round").
const understanding = new ParseThread();

// Before anything loads botbuilder, zod or prom-client: their entry points would load code we never use
// (src/ops/lazy-modules.ts). The rest is required below, once the stand-ins are in place.
installLazyModules();
const { loadConfigOrReport } = require('./config') as typeof import('./config');
const { createLogger } = require('./ops/logger') as typeof import('./ops/logger');

/** Starts the assistant: reads config, builds every part, listens, and shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  const logger = createLogger(config.LOG_LEVEL);
  // The content, read before the rest of the assistant loads, gives the worker what to build from.
  const { startUnderstanding } = require('./start-understanding') as typeof import('./start-understanding');
  const started = startUnderstanding(config, logger, understanding);
  // The rest (Express, botbuilder, the store, the channels…) loads while the worker builds.
  const { createHttpServer } = require('./http/app') as typeof import('./http/app');
  const { shutDown } = require('./ops/shutdown') as typeof import('./ops/shutdown');
  const { collectStartUpGarbage } = require('./ops/start-up-garbage') as typeof import('./ops/start-up-garbage');
  const { createAssistant } = require('./assistant') as typeof import('./assistant');
  // The store's checkpoint thread is started after listening (below): its own start would share the cores with the
  // understanding's build and this thread's composing.
  const assistant = await createAssistant(config, logger, { started, deferStoreBackground: true });
  assistant.knowledge.watch();
  // The first turns' one-time costs are paid here, not by the first deliveries after a start or deploy (src/ops/warm-up.ts).
  const warmUpStarted = performance.now();
  // A warm-up that fails only leaves those costs to the first deliveries: the assistant still starts.
  await assistant.warmUp().catch((err: unknown) => logger.warn({ err }, 'warm-up failed; the first turns pay their first uses'));
  const warmUpMs = Math.round(performance.now() - warmUpStarted);
  const server = createHttpServer(assistant.app).listen(config.PORT, config.HOST);
  await once(server, 'listening');
  // A second after listening, so neither delays the first answers: the store's background work starts (until then
  // SQLite checkpoints its WAL in the committing connection, its default), and start-up's garbage is collected and the
  // young generation it grew shrunk (src/ops/start-up-garbage.ts).
  setTimeout(() => {
    assistant.store.startBackground?.();
    collectStartUpGarbage();
  }, 1000).unref();
  const address = server.address();
  logger.info(
    {
      port: typeof address === 'object' && address ? address.port : config.PORT,
      warmUpMs,
      storage: assistant.store.kind,
      coordination: assistant.coordination.kind,
      channels: { web: true, messenger: assistant.messenger !== undefined, zalo: assistant.zalo !== undefined },
    },
    'assistant listening',
  );
  const stop = async (signal: string) => {
    logger.info({ signal, timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS }, 'shutting down: no new connections; finishing turns and deliveries');
    const outcome = await shutDown({ server, closeAssistant: (by) => assistant.close(by), timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000, logger }).catch((err: unknown) => {
      logger.error({ err }, 'shutdown failed');
      return 'failed' as const;
    });
    if (outcome === 'clean') logger.info('stopped cleanly');
    else if (outcome === 'timeout') logger.error({ timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS }, 'shutdown deadline passed; unfinished deliveries are replayed on the next start');
    process.exit(outcome === 'clean' ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Start-up failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
