import assert from 'node:assert/strict';
import path from 'node:path';
import { Database } from '../../src/store/sqlite/driver';
import nock from 'nock';
import { WARM_UP_CHANNEL } from '../../src/ops/warm-up';
import { createLogger } from '../../src/ops/logger';
import { zaloEnv } from '../channels/zalo/zalo-support';
import { captureLogs } from '../support/log-lines';
import { messengerEnv } from '../support/messenger';
import { chat, startAssistant, type RunningAssistant } from '../support/server';

/** Every row of every table of the assistant's SQLite file, read through a connection of the test's own. */
function everyRow(dataDir: string): Record<string, unknown[]> {
  const db = new Database(path.join(dataDir, 'assistant.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
  } finally {
    db.close();
  }
}

/** The assistant's own metrics, less the HTTP requests' (reading /metrics is one). */
async function assistantMetrics(url: string): Promise<string[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith('assistant_') && !line.startsWith('assistant_http_'));
}

describe('the warm-up before listening (Zalo and Messenger on, nock with no interceptors)', function () {
  this.timeout(60_000);
  let running: RunningAssistant;
  const { lines, stream } = captureLogs();
  const outbound: string[] = [];
  const noMatch = (req: { method?: string; path?: string; hostname?: string }) => void outbound.push(`${req.method} ${req.hostname}${req.path}`);

  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', noMatch);
    running = await startAssistant({ ...zaloEnv(), ...messengerEnv }, {}, createLogger('debug', stream));
  });
  after(async () => {
    await running?.close();
    nock.emitter.removeListener('no match', noMatch);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('runs messages of many intents through the parser and the bot, and leaves no row, metric, log of a turn or outbound call', async () => {
    const rows = everyRow(running.dataDir);
    const metrics = await assistantMetrics(running.url);
    const [linesBefore, callsBefore] = [lines.length, outbound.length];

    await running.assistant.warmUp();

    const warmUpLines = lines.slice(linesBefore);
    // At debug level the bot logs each message it understood: the warm-up's are on its own channel.
    const understood = warmUpLines.filter((l) => l.msg === 'message understood' && l.channel === WARM_UP_CHANNEL);
    assert.ok(new Set(understood.map((l) => l.intent)).size >= 15, `intents understood: ${JSON.stringify(understood.map((l) => l.intent))}`);
    assert.deepEqual(warmUpLines.filter((l) => l.msg !== 'message understood'), [], 'no turn answered, failed or counted');
    assert.deepEqual(outbound.slice(callsBefore), [], 'nothing sent to Zalo or Facebook');
    assert.deepEqual(everyRow(running.dataDir), rows, 'no row written or changed');
    assert.deepEqual(await assistantMetrics(running.url), metrics, 'no turn, intent or parse counted');
  });

  it('sends its messages to the understanding\'s thread together, not one round trip a turn', async () => {
    const worker = running.assistant.understanding.worker!;
    const post = worker.postMessage.bind(worker);
    const sent: number[] = [];
    worker.postMessage = (message: { type: string; items?: unknown[] }) => {
      if (message.type === 'understand') sent.push(message.items!.length);
      post(message);
    };
    try {
      await running.assistant.warmUp();
    } finally {
      worker.postMessage = post;
    }
    // The "Get started" event's turn is understood too, as the empty text.
    const messages = running.assistant.understanding.current().samples.length + 1;
    assert.ok(messages >= 15, `${messages} messages`);
    assert.equal(sent.reduce((a, b) => a + b, 0), messages, `each of the ${messages} texts understood once: ${JSON.stringify(sent)}`);
    // The web chat's batches hold at most 8 (src/assistant.ts): three messages to the worker for ~24, not ~24.
    assert.ok(sent.length <= Math.ceil(messages / 8), `messages to the worker: ${JSON.stringify(sent)}`);
  });

  it('still answers: /healthz, and a citizen\'s message, which is kept and counted as every turn is', async () => {
    assert.equal((await fetch(`${running.url}/healthz`)).status, 200);
    const rows = everyRow(running.dataDir);
    const metrics = await assistantMetrics(running.url);
    const answer = await chat(running.url, 'citizen-after-warm-up', 'làm căn cước cần giấy tờ gì');
    assert.ok(answer.length > 0 && answer[0]!.text.length > 0);
    // What the first test saw nothing of is there for a real turn: its memory and counts.
    assert.notDeepEqual(everyRow(running.dataDir), rows);
    const after = await assistantMetrics(running.url);
    assert.ok(after.some((l) => l.startsWith('assistant_turns_total{') && l.includes('channel="rest"')), 'the turn is counted');
    assert.notDeepEqual(after, metrics);
  });
});
