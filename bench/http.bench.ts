/**
 * The service as deployed: the built assistant (`node dist/main.js`) in its own process, driven over HTTP by autocannon
 * from this one, beside a bare Express echo endpoint (the ceiling) measured in the same run. Full web-chat turns, their
 * p99 at 0.4 of the ceiling, /model/parse, memory idle and under load, and the start to a 200 on /healthz.
 */
import { loadHeldOut } from '../src/understanding/evaluation/heldout';
import path from 'node:path';
import { describeErrors, load, type LoadResult } from './support/load';
import { ROOT, startAssistant, startScript } from './support/processes';
import { mb, type BenchOptions, type Figure } from './support/report';
import { medianStart, startText, type StartTime } from './support/stats';
import { CONNECTIONS, CONVERSATIONS, webChatTurn as turn } from './support/web-chat-turns';

const TURN_SHARE = 0.4;

const line = (label: string, r: LoadResult) =>
  `  ${label.padEnd(34)} ${Math.round(r.rps).toString().padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ${describeErrors(r)} of ${r.requests}`;

export async function run(options: BenchOptions): Promise<Figure[]> {
  const seconds = options.quick ? 4 : 15;
  const figures: Figure[] = [];

  const echo = async (args: string[]): Promise<LoadResult> => {
    const server = await startScript('bench/support/echo-server.ts', args);
    try {
      await load({ url: `${server.url}/webhooks/rest/webhook`, seconds: 1, connections: CONNECTIONS, request: turn });
      return await load({ url: `${server.url}/webhooks/rest/webhook`, seconds, connections: CONNECTIONS, request: turn });
    } finally {
      await server.stop();
    }
  };
  const ceiling = await echo([]);
  const echoAsServed = await echo(['--as-the-assistant']);

  const starts: StartTime[] = [];
  for (let k = 0; k < (options.quick ? 1 : 3); k++) {
    const s = await startAssistant();
    starts.push({ readyMs: s.readyMs, readyCpuMs: s.readyCpuMs });
    await s.stop();
  }
  const assistant = await startAssistant();
  try {
    await new Promise((r) => setTimeout(r, 2000));
    const idleRss = assistant.rssBytes();
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, assistant.rssBytes())), 100);
    const url = `${assistant.url}/webhooks/rest/webhook`;
    // Warm-up: every conversation exists and the JIT has seen every path before anything is measured.
    await load({ url, seconds: options.quick ? 2 : 5, connections: CONNECTIONS, request: turn });
    const turns = await load({ url, seconds, connections: CONNECTIONS, request: turn });
    const atShare = await load({ url, seconds, connections: CONNECTIONS, rate: Math.round(TURN_SHARE * ceiling.rps), request: turn });
    const heldOut = loadHeldOut(path.join(ROOT, 'intents', 'test', 'heldout.yaml')).map((c) => c.text);
    const parse = await load({
      url: `${assistant.url}/model/parse`,
      seconds,
      connections: 10,
      rate: 200,
      request: (i) => ({ body: JSON.stringify({ text: heldOut[i % heldOut.length] }) }),
    });
    clearInterval(sampler);
    global.gc?.();
    await new Promise((r) => setTimeout(r, 2000));
    const afterRss = assistant.rssBytes();

    const share = turns.rps / ceiling.rps;
    const start = medianStart(starts);
    console.log(`HTTP, ${CONNECTIONS} connections, ${CONVERSATIONS} conversations, ${seconds} s each (built server in its own process)`);
    console.log(line('echo endpoint (ceiling)', ceiling));
    console.log(line('echo served as the assistant is', echoAsServed));
    console.log(line('full web-chat turns, flat out', turns));
    console.log(`  turns / ceiling                    ${share.toFixed(2)} (${(turns.rps / echoAsServed.rps).toFixed(2)} of the echo served as the assistant is)`);
    console.log(line(`turns at ${TURN_SHARE} of the ceiling`, atShare));
    console.log(line('/model/parse at 200 req/s', parse));
    console.log(`  RSS idle ${mb(idleRss)}, peak under load ${mb(peakRss)}, 2 s after ${mb(afterRss)}`);
    console.log(`  start to /healthz ${starts.map(startText).join(', ')}; fresh data folder each time`);
    figures.push(
      { name: 'Full turns vs echo ceiling', value: `${share.toFixed(2)} (${Math.round(turns.rps)} / ${Math.round(ceiling.rps)} req/s), errors ${turns.errors}`, target: '≥ 0.4, no errors', met: share >= TURN_SHARE && turns.errors === 0 },
      { name: `Turn p99 at ${TURN_SHARE} of ceiling (${Math.round(atShare.rps)} req/s)`, value: `${atShare.p99} ms, errors ${atShare.errors}`, target: '≤ 20 ms, no errors', met: atShare.p99 <= 20 && atShare.errors === 0 },
      { name: '/model/parse p99 over HTTP', value: `${parse.p99} ms, errors ${parse.errors}`, target: '≤ 5 ms', met: parse.p99 <= 5 && parse.errors === 0 },
      { name: 'RSS idle', value: mb(idleRss), target: '≤ 150 MB', met: idleRss <= 150 * 1048576 },
      { name: 'RSS under load (peak)', value: mb(peakRss), target: '≤ 250 MB', met: peakRss <= 250 * 1048576 },
      { name: 'Start to /healthz (median, built tree)', value: startText(start), target: '≤ 1500 ms', met: start.readyMs <= 1500 },
    );
  } finally {
    await assistant.stop();
  }
  return figures;
}
