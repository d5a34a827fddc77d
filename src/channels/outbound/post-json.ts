import http from 'node:http';
import https from 'node:https';

/** A platform's answer to one POST: its status, its headers, and its body read as JSON (undefined when it is not JSON). */
export interface JsonAnswer {
  status: number;
  json: unknown;
  header(name: string): string | undefined;
}

/**
 * Keep-alive pools shared by the platform clients: a fan-out reuses a few sockets per platform instead of paying a TCP
 * (and TLS) handshake per message. Plain `http.request` rather than `fetch`: its WHATWG request, stream and body
 * copies cost more CPU per message than the send itself.
 */
const POOL: http.AgentOptions = {
  keepAlive: true,
  // A platform answering in 2 s at 500 messages a second holds ~1,000 sockets at once. Node keeps only 256 of them
  // free by default and closes the rest as they answer, so every later send paid a new connection (and, to the real
  // platforms, a TLS handshake): ~5% of a delivery's CPU in the webhook-ack profile. Free sockets idle for 15 s close.
  maxFreeSockets: 2048,
  timeout: 15_000,
};
const agents: Record<string, http.Agent> = {
  'http:': new http.Agent(POOL),
  'https:': new https.Agent(POOL),
};

/** Errors of a connection that never opened: nothing was sent, whatever the request object thinks it wrote. */
const NEVER_CONNECTED: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A platform answer larger than this is not one of theirs (a proxy's page, an attack): it is cut off, not buffered. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Why a POST got no usable answer. `mayHaveArrived`: the whole request went out and the platform may have acted on
 * it (no answer in time, a connection cut after sending, an answer cut off), so sending it again could deliver it
 * twice. A connection refused, or a reused keep-alive socket the server had already closed (Node's documented case
 * for a safe retry), never reached the platform.
 */
export class PostError extends Error {
  constructor(message: string, readonly mayHaveArrived: boolean) {
    super(message);
    this.name = 'PostError';
  }
}

/** POSTs `body` as JSON; rejects with a PostError on a network error or when no full answer came within `timeoutMs`. */
export function postJson(url: string, body: unknown, headers: Readonly<Record<string, string>>, timeoutMs: number): Promise<JsonAnswer> {
  const target = new URL(url);
  const payload = Buffer.from(JSON.stringify(body));
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    // One timer per call, cleared with its answer: AbortSignal.timeout would keep a signal and its timer alive for the
    // whole `timeoutMs` after every call (thousands at once in a fan-out), all of them promoted to the old generation.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    let written = false;
    let answered = false;
    const fail = (err: Error & { code?: string }) => {
      clearTimeout(timer);
      const staleSocket = req.reusedSocket && !answered && (err.code === 'ECONNRESET' || err.code === 'EPIPE');
      const neverConnected = err.code !== undefined && NEVER_CONNECTED.has(err.code);
      reject(new PostError(err.message, (written || answered) && !staleSocket && !neverConnected));
    };
    const req = request(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol],
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          let json: unknown;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            json,
            header: (name) => {
              const value = res.headers[name.toLowerCase()];
              return Array.isArray(value) ? value[0] : value;
            },
          });
        });
      },
    );
    req.on('error', fail);
    req.on('finish', () => (written = true));
    req.end(payload);
  });
}
