import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { spawnAssistant, type AssistantProcess } from '../support/assistant-process';
import { eventually } from '../channels/zalo/zalo-support';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
