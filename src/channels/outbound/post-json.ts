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
const agents: Record<string, http.Agent> = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** POSTs `body` as JSON; rejects on a network error or when no full answer came within `timeoutMs`. */
export function postJson(url: string, body: unknown, headers: Readonly<Record<string, string>>, timeoutMs: number): Promise<JsonAnswer> {
  const target = new URL(url);
  const payload = Buffer.from(JSON.stringify(body));
  const request = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    // One timer per call, cleared with its answer: AbortSignal.timeout would keep a signal and its timer alive for the
    // whole `timeoutMs` after every call (thousands at once in a fan-out), all of them promoted to the old generation.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    const req = request(
      target,
      {
        method: 'POST',
        agent: agents[target.protocol],
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
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
    req.end(payload);
  });
}
