/** Load generation with autocannon: fixed connections, optionally a fixed overall rate, a fresh body per request. */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers together: any of them fails a target. */
  errors: number;
}

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  rate?: number;
  headers?: Record<string, string>;
  /** The i-th request: its body and any headers of its own (signatures). */
  request: (i: number) => { body: string; headers?: Record<string, string> };
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
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
  };
}
