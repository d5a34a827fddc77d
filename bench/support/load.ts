/**
 * Load generation: flat out with autocannon (fixed connections, a fresh body per request), or at a fixed overall rate
 * with a paced open-loop client of our own.
 *
 * Why not autocannon for a fixed rate (docs/performance.md, "/model/parse over HTTP"): its rate limiter lets each
 * connection send its share of a second back to back as soon as the second starts, then waits for the next one, so
 * "200 req/s over 10 connections" is a burst of 200 requests 10 at a time every second; and its coordinated-omission
 * correction takes `1 / rate` (seconds) as the expected interval in milliseconds, ceil'ed to 1 ms, so every answer
 * slower than 1 ms adds a made-up sample for each further millisecond (6,990 latency samples for 1,008 requests to
 * the echo endpoint). Both made the figures describe the client, not the server.
 */
import autocannon from 'autocannon';
import http from 'node:http';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers together: any of them fails a target. */
  errors: number;
  /** The errors by kind (`timeout`, a socket error's code such as `ECONNRESET`, `status 503`); paced loads only. */
  errorKinds: Record<string, number>;
}

/** `errors 2 (timeout 1, ECONNRESET 1)`: what a bench prints beside a figure, so a rare failure says what it was. */
export function describeErrors(r: LoadResult): string {
  const kinds = Object.entries(r.errorKinds).map(([kind, n]) => `${kind} ${n}`);
  return `errors ${r.errors}${kinds.length ? ` (${kinds.join(', ')})` : ''}`;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  /** Requests per second over all connections, sent evenly spaced; unset: as fast as the server answers. */
  rate?: number;
  headers?: Record<string, string>;
  /** The i-th request: its body and any headers of its own (signatures). */
  request: (i: number) => { body: string; headers?: Record<string, string> };
  /** Paced loads only: told each answered request's send and end (`performance.now()`) and its number, to line them up with a server's trace. */
  record?: (sent: number, ended: number, i: number) => void;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  if (options.rate) return paced(options, options.rate);
  let i = 0;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [
      {
        setupRequest: (req) => {
          const r = options.request(i++);
          return { ...req, body: r.body, headers: { ...req.headers, ...r.headers } };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    errorKinds: {},
  };
}

// As autocannon's default: an answer slower than this counts as an error.
const TIMEOUT_MS = 10_000;

/**
 * Open loop at `rate`: request k is due at start + k / rate whatever happened to the earlier ones (a late timer sends
 * the ones due at once), goes out on a free keep-alive connection (at most `connections`, as a browser or a proxy
 * would hold), and its latency runs from that send, so time spent waiting for a connection because the server is slow
 * counts (no coordinated omission) and a late timer of this client does not.
 */
async function paced(options: LoadOptions, rate: number): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const count = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const r = options.request(i);
      const sent = performance.now();
      const body = Buffer.from(r.body);
      let settled = false;
      const fail = (err: Error & { code?: string }) => {
        // A timeout destroys the request, which then also fails with its own error: counted once, as the timeout.
        if (settled) return;
        settled = true;
        count(err.message === 'timeout' ? 'timeout' : (err.code ?? err.message));
        resolve();
      };
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          agent,
          timeout: TIMEOUT_MS,
          headers: { 'content-type': 'application/json', 'content-length': body.length, ...options.headers, ...r.headers },
        },
        (res) => {
          res.resume();
          res.once('error', fail);
          res.once('end', () => {
            if (settled) return;
            settled = true;
            const ended = performance.now();
            if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) {
              latencies.push(ended - sent);
              options.record?.(sent, ended, i);
            } else count(`status ${res.statusCode}`);
            resolve();
          });
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', fail);
      req.end(body);
    });
  const interval = 1000 / rate;
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; ; i++) {
    const due = started + i * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), max: round(latencies[latencies.length - 1] ?? NaN), requests: latencies.length + errors, errors, errorKinds };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
