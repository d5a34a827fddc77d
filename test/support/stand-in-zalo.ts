/**
 * Zalo's consultation-message API as a local HTTP server that counts what each recipient received: the witness of
 * exactly-once delivery across a kill -9 (test/announcements/crash-resume.test.ts, bench/announcements.bench.ts).
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const SEND_PATH = '/v3.0/oa/message/cs';

export interface StandInZalo {
  /** The base URL to give the assistant as ZALO_API_BASE. */
  url: string;
  /** Messages received per recipient. */
  received: Map<string, number>;
  /** Messages received per path prefix (each instance under test may be given its own ZALO_API_BASE). */
  byBase: Map<string, number>;
  /** Messages received in all. */
  total(): number;
  close(): Promise<void>;
}

export async function startStandInZalo(): Promise<StandInZalo> {
  const received = new Map<string, number>();
  const byBase = new Map<string, number>();
  let total = 0;
  const server: Server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      const base = req.url?.endsWith(SEND_PATH) ? req.url.slice(0, -SEND_PATH.length) : undefined;
      if (req.method !== 'POST' || base === undefined) {
        res.end(JSON.stringify({ error: -201, message: `stand-in does not know ${req.method} ${req.url}` }));
        return;
      }
      const { recipient } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { recipient: { user_id: string } };
      received.set(recipient.user_id, (received.get(recipient.user_id) ?? 0) + 1);
      byBase.set(base, (byBase.get(base) ?? 0) + 1);
      total += 1;
      res.end(JSON.stringify({ error: 0, message: 'Success', data: { message_id: `stand-in-${total}`, user_id: recipient.user_id } }));
    });
  });
  // Keep-alive sockets from a killed client must not hold close() up.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    byBase,
    total: () => total,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
