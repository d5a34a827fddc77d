import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { spawnAssistant, type AssistantProcess } from '../support/assistant-process';
import { productionEnvironment, productionNodeOptions } from '../support/start-command';
import { eventually } from '../channels/zalo/zalo-support';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('how production starts the server (npm start, the image)', function () {
  // A fresh Node compiles the assistant through tsx and trains its models before it answers: tens of seconds under load.
  this.timeout(150_000);

  it('the image runs the same Node options as npm start', () => {
    const cmd = fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8').match(/^CMD (\[.*\])$/m);
    assert.ok(cmd, 'the Dockerfile has an exec-form CMD');
    assert.deepEqual(JSON.parse(cmd[1]), ['node', ...productionNodeOptions(), 'dist/main.js']);
  });

  it('scavenges without V8\'s helper threads', () => {
    // A parallel scavenge (~13 a second under load) posts its helpers to Node's worker pool, and the event loop then
    // slept on the pool's lock behind helpers with no core (docs/performance.md, "Turn-tail round 2").
    assert.ok(productionNodeOptions().includes('--no-parallel-scavenge'));
  });

  it('the image sets the same environment as npm start', () => {
    const env = Object.fromEntries([...fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8').matchAll(/^ENV (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    const started = productionEnvironment();
    assert.deepEqual(started, { MALLOC_ARENA_MAX: '2' });
    for (const [name, value] of Object.entries(started)) assert.equal(env[name], value, name);
  });

  describe('a server started with them', () => {
    let dir: string;
    let running: AssistantProcess | undefined;
    after(async () => {
      await running?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('keeps its young generation within the configured semi-spaces after start-up and turns', async () => {
      const semiMb = Number(productionNodeOptions().find((o) => o.startsWith('--max-semi-space-size='))?.split('=')[1]);
      assert.ok(semiMb > 0, 'npm start caps the semi-spaces');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-command-'));
      const port = await freePort();
      running = spawnAssistant({ DATA_DIR: dir, PORT: String(port), CHAT_RATE_LIMIT_PER_MINUTE: '0' });
      const url = `http://127.0.0.1:${port}`;
      await eventually(() => fetch(`${url}/healthz`).then((r) => r.ok, () => false), 'the server to answer /healthz', 120_000);
      for (let i = 0; i < 50; i++) {
        const res = await fetch(`${url}/webhooks/rest/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sender: `start-${i % 5}`, message: 'làm tạm trú cần giấy tờ gì' }) });
        assert.equal(res.status, 200);
      }
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const young = metrics.match(/^nodejs_heap_space_size_total_bytes\{space="new"\} (\d+)/m);
      assert.ok(young, 'the young generation is reported');
      // Two semi-spaces; Node's default lets them grow to 16 MB each (32 MB) during start-up.
      assert.ok(Number(young[1]) <= 2 * semiMb * 1048576, `young generation ${Number(young[1]) / 1048576} MB`);
    });
  });
});

/**
 * src/main.ts starts the understanding's worker before anything else and has it build from the content read right
 * after the configuration (src/start-understanding.ts): a start with content edited after the build (here an alias no
 * model was ever built with) must answer with that content from its first ready /healthz on, never a model or content
 * left from the build.
 */
describe('a start whose content changed after the build (src/main.ts)', function () {
  // A fresh Node compiles the assistant through tsx and trains for the new alias before it answers: a minute under load.
  this.timeout(240_000);
  const alias = 'phiếu xanh lam số chín';
  let dir: string;
  let running: AssistantProcess | undefined;
  after(async () => {
    await running?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is ready only once its understanding has built from the content it read, the new alias understood', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-understanding-'));
    const content = path.join(dir, 'content');
    fs.cpSync(path.join(projectRoot, 'content'), content, { recursive: true });
    const file = path.join(content, 'procedures', 'tam-tru.yaml');
    const yaml = fs.readFileSync(file, 'utf8');
    assert.match(yaml, /^aliases: \[tạm trú, /m);
    fs.writeFileSync(file, yaml.replace(/^aliases: \[tạm trú, /m, `aliases: [tạm trú, ${alias}, `));
    const port = await freePort();
    running = spawnAssistant({ DATA_DIR: path.join(dir, 'data'), CONTENT_DIR: content, PORT: String(port), CHAT_RATE_LIMIT_PER_MINUTE: '0' });
    const url = `http://127.0.0.1:${port}`;
    await eventually(() => fetch(`${url}/healthz`).then((r) => r.ok, () => false), 'the server to answer /healthz', 220_000);
    const res = await fetch(`${url}/model/parse`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `${alias} cần mang gì` }) });
    assert.equal(res.status, 200);
    const parse = (await res.json()) as { entities: Array<{ entity: string; value: string }> };
    assert.equal(parse.entities.find((e) => e.entity === 'procedure')?.value, 'tam-tru', JSON.stringify(parse.entities));
  });
});
