import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TurnReport } from '../bot/assistant-bot';
import type { SendPurpose, SendResult } from '../channels/outbound/channel-sender';
import type { LookupOutcome } from '../dossiers/lookup-guard';

/** Counts read when Prometheus scrapes: what waits, by channel, and turns being answered now. */
export interface QueueSources {
  /** Undelivered outbox messages (status notices, officers' replies) by channel. */
  outbox(): Promise<Record<string, number>>;
  /** Acknowledged webhook deliveries not processed yet, by channel. */
  journal(): Promise<Record<string, number>>;
  /** Turns running or waiting for their conversation's lock in this process. */
  turnsInProgress(): number;
}

/** The assistant's Prometheus metrics, in a registry of its own (several assistants in one test process never collide). */
export interface Metrics {
  readonly registry: Registry;
  /** Counts and times one HTTP request by method, route pattern (never the raw path) and status. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts one conversation turn by channel, intent and the path it took. */
  observeTurn(report: TurnReport): void;
  /** Counts a platform token refresh; a failure is what staff alert on (the channel stops once the token expires). */
  observeTokenRefresh(channel: string, outcome: 'ok' | 'failed'): void;
  /** Counts a refused webhook delivery by reason (bad_signature, replay, malformed…): a burst means an attack or a wrong secret. */
  observeWebhookRefusal(channel: string, reason: string): void;
  /** Counts a verified delivery given up after repeated processing failures: any at all is worth a look. */
  observeDeliveryGivenUp(channel: string): void;
  /** Times how long one webhook delivery's turn held the event loop before its first wait: what a 200 may queue behind. */
  observeTurnSlice(channel: string, seconds: number): void;
  /** Counts one outbound send by channel, purpose and outcome (`ok` or the failure's name). */
  observeSend(channel: string, purpose: SendPurpose, result: SendResult): void;
  /** Whether a platform accepts our credentials (0 alerts staff: a refused token). */
  setChannelReady(channel: string, ready: boolean): void;
  /** Counts how one answer to the dossier verification question ended (locks and refusals are what staff watch). */
  observeLookup(outcome: LookupOutcome): void;
  /** Where the queue gauges read from; until called they report nothing. */
  watchQueues(sources: QueueSources): void;
}

// A platform's error code becomes a label: only short codes, so a strange answer cannot explode the series.
const labelCode = (code: string | undefined) => (code === undefined ? 'none' : /^[\w.-]{1,24}$/.test(code) ? code : 'other');

/** Creates the registry with process metrics (CPU, memory, event-loop lag) and the assistant's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'assistant_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const turns = new Counter({
    name: 'assistant_turns_total',
    help: 'Conversation turns by channel, intent and how they were answered (route, dialog, context, fallback, emergency, error)',
    labelNames: ['channel', 'intent', 'path'] as const,
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: 'assistant_turn_duration_seconds',
    help: 'Time to answer one turn, state load and save included',
    labelNames: ['channel'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const tokenRefreshes = new Counter({
    name: 'assistant_channel_token_refreshes_total',
    help: 'Platform access-token refreshes by channel and outcome (ok, failed); alert on failed',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  const turnSlices = new Histogram({
    name: 'assistant_webhook_turn_slice_seconds',
    help: 'How long each webhook delivery turn held the event loop at once (acknowledgements wait behind it)',
    labelNames: ['channel'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1],
    registers: [registry],
  });
  const deliveriesGivenUp = new Counter({
    name: 'assistant_webhook_deliveries_given_up_total',
    help: 'Verified webhook deliveries given up after repeated processing failures, by channel',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const webhookRefusals = new Counter({
    name: 'assistant_webhook_refusals_total',
    help: 'Platform webhook deliveries refused, by channel and reason',
    labelNames: ['channel', 'reason'] as const,
    registers: [registry],
  });
  const sends = new Counter({
    name: 'assistant_channel_sends_total',
    help: 'Outbound platform sends by channel, purpose and result (ok, or why it failed: window_closed, unreachable, auth...)',
    labelNames: ['channel', 'purpose', 'result'] as const,
    registers: [registry],
  });
  const channelReady = new Gauge({
    name: 'assistant_channel_ready',
    help: 'Whether the platform accepts our credentials (1) or refused them (0, alert: replace the token)',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const parseSeconds = new Histogram({
    name: 'assistant_parse_duration_seconds',
    help: 'Time to understand one message (normalise, classify, entities), by channel',
    labelNames: ['channel'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
    registers: [registry],
  });
  const platformErrors = new Counter({
    name: 'assistant_platform_api_errors_total',
    help: 'Failed outbound platform sends by channel, failure kind and the platform\'s own error code (HTTP status or API code)',
    labelNames: ['channel', 'failure', 'code'] as const,
    registers: [registry],
  });
  const lookups = new Counter({
    name: 'assistant_dossier_lookups_total',
    help: 'Answers to the dossier verification question by outcome (verified, wrong, locked: the last free try failed, refused_<budget>)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  let queues: QueueSources | undefined;
  const byChannel = (gauge: Gauge<'channel'>, counts: Record<string, number>) => {
    gauge.reset();
    for (const [channel, n] of Object.entries(counts)) gauge.set({ channel }, n);
  };
  new Gauge({
    name: 'assistant_outbox_waiting',
    help: 'Outbox messages not delivered yet, by channel (notices and officer replies waiting for a platform window or a visit)',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      if (queues) byChannel(this, await queues.outbox());
    },
  });
  new Gauge({
    name: 'assistant_delivery_journal_waiting',
    help: 'Acknowledged webhook deliveries not processed yet, by channel (should drain within seconds)',
    labelNames: ['channel'] as const,
    registers: [registry],
    async collect() {
      if (queues) byChannel(this, await queues.journal());
    },
  });
  new Gauge({
    name: 'assistant_turns_in_progress',
    help: 'Turns being answered or waiting for their conversation in this process',
    registers: [registry],
    collect() {
      if (queues) this.set(queues.turnsInProgress());
    },
  });
  return {
    registry,
    observeRequest(method, route, status, seconds) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    observeTurn(report) {
      turns.inc({ channel: report.channel, intent: report.intent, path: report.path });
      turnSeconds.observe({ channel: report.channel }, report.seconds);
      parseSeconds.observe({ channel: report.channel }, report.parseSeconds);
    },
    observeTokenRefresh(channel, outcome) {
      tokenRefreshes.inc({ channel, outcome });
    },
    observeWebhookRefusal(channel, reason) {
      webhookRefusals.inc({ channel, reason });
    },
    observeDeliveryGivenUp(channel) {
      deliveriesGivenUp.inc({ channel });
    },
    observeTurnSlice(channel, seconds) {
      turnSlices.observe({ channel }, seconds);
    },
    observeSend(channel, purpose, result) {
      sends.inc({ channel, purpose, result: result.ok ? 'ok' : result.failure });
      if (!result.ok) platformErrors.inc({ channel, failure: result.failure, code: labelCode(result.code) });
    },
    setChannelReady(channel, ready) {
      channelReady.set({ channel }, ready ? 1 : 0);
    },
    observeLookup(outcome) {
      lookups.inc({ outcome });
    },
    watchQueues(sources) {
      queues = sources;
    },
  };
}
