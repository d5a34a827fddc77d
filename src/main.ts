import { once } from 'node:events';
import { createAssistant } from './assistant';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { createLogger } from './ops/logger';

/** Starts the assistant: reads config, builds every part, listens, and shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const assistant = await createAssistant(config, logger);
  assistant.knowledge.watch();
  const server = assistant.app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const address = server.address();
  logger.info(
    {
      port: typeof address === 'object' && address ? address.port : config.PORT,
      storage: assistant.store.kind,
      coordination: assistant.coordination.kind,
      channels: { web: true, messenger: assistant.messenger !== undefined, zalo: assistant.zalo !== undefined },
    },
    'assistant listening',
  );
  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await assistant.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`Start-up failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
