import type { Server } from 'node:http';
import type { Logger } from './logger';

export interface ShutdownOptions {
  server: Server;
  /**
   * Finishes deliveries already acknowledged and waiting sends, then closes coordination and storage; `by` (epoch ms),
   * the deadline less a margin for closing the stores: when to stop waiting on work that cannot finish (a Redis away).
   */
  closeAssistant(by: number): Promise<void>;
  /** After this long the process gives up waiting (SHUTDOWN_TIMEOUT_SECONDS). */
  timeoutMs: number;
  logger: Logger;
}

/** What the deadline keeps for closing coordination and storage after the work in hand (a fifth of it at most). */
const CLOSE_MARGIN_MS = 3000;

/**
 * The order of a clean stop (SIGTERM from an orchestrator, Ctrl-C): stop accepting connections, let requests in
 * flight (web-chat turns) finish and answer, then finish platform deliveries and outbox sends, then close stores.
 * Answers 'clean', or 'timeout' when the deadline passed first (the caller exits non-zero: work may be cut short,
 * and the delivery journal replays it on the next start).
 */
export async function shutDown(options: ShutdownOptions): Promise<'clean' | 'timeout'> {
  const { server, logger } = options;
  const by = Date.now() + options.timeoutMs - Math.min(CLOSE_MARGIN_MS, options.timeoutMs / 5);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const drain = (async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive sockets with no request in flight would hold close() open until they time out.
    server.closeIdleConnections();
    await closed;
    logger.info('no request in flight; finishing deliveries and closing stores');
    await options.closeAssistant(by);
    return 'clean' as const;
  })();
  try {
    return await Promise.race([drain, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
