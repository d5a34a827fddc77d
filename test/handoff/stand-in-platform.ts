/**
 * A platform's send API as a small local HTTP server, with a ChannelSender and a HandoffControl that talk to it the way
 * a channel's client would, so the hand-off's dealings with platform channels run over real HTTP before those channels
 * land. The platform-specific parts (HUMAN_AGENT tags, Zalo's windows) are the channels' own tests.
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandoffControl } from '../../src/channels/officer-signals';
import type { ChannelSender, SendFailure, SendResult } from '../../src/channels/outbound/channel-sender';

/** One request the stand-in platform received. */
export interface PlatformRequest {
  path: string;
  body: { userId: string; purpose?: string; replies?: { text: string }[]; step?: string };
}

export interface StandInPlatform {
  received: PlatformRequest[];
  /** The platform refuses sends with this failure until it is cleared. */
  refuseWith(failure: SendFailure | undefined): void;
  sender(channel: string): ChannelSender;
  control(): HandoffControl;
  close(): Promise<void>;
}

/** Starts the stand-in on a random loopback port. */
export async function startStandInPlatform(): Promise<StandInPlatform> {
  const received: PlatformRequest[] = [];
  let failure: SendFailure | undefined;
  const server: Server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(raw) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.url === '/send' && failure ? { ok: false, failure } : { ok: true, id: `m-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; id?: string; failure?: SendFailure };
  };
  return {
    received,
    refuseWith: (next) => (failure = next),
    sender: (channel) => ({
      channel,
      async send(userId, replies, purpose): Promise<SendResult> {
        const answer = await post('/send', { userId, replies, purpose });
        return answer.ok ? { ok: true, messageIds: [answer.id!] } : { ok: false, failure: answer.failure! };
      },
    }),
    control: () => ({
      officerTakesOver: async (userId) => void (await post('/control', { step: 'officerTakesOver', userId })),
      botTakesBack: async (userId) => void (await post('/control', { step: 'botTakesBack', userId })),
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
