import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { startAssistant, type RunningAssistant } from '../support/server';
import { ADMIN, INTEGRATION_TOKEN, login, staffToken, startDossierAssistant, uniqueCode } from './dossier-support';

const HEADER = 'code,procedure,status,receivedAt,dueAt,updatedAt,applicantName,phone';
const row = (code: string) => `${code},ho-chieu,received,2026-03-02,2026-03-10,2026-03-02T09:00:00+07:00,Trần Thị Mai,0987654321`;

interface ImportsAnswer {
  imports: { id: string; outcome: string; startedBy: string; endedAt: string | null; counts: Record<string, number> | null; error: string | null }[];
}

async function imports(url: string, token: string): Promise<ImportsAnswer['imports']> {
  const res = await fetch(`${url}/api/admin/dossiers/imports`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as ImportsAnswer).imports;
}

describe('Dossier CSV imports in the audit trail', () => {
  let server: RunningAssistant;
  let desk: string;
  before(async () => {
    server = await startDossierAssistant();
    desk = await staffToken(server.url, 'nhaptep', ['desk']);
  });
  after(() => server.close());

  const post = (csv: string) => fetch(`${server.url}/api/admin/dossiers/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${desk}` }, body: csv });

  it('writes an entry when an import starts and when it ends, and lists completed and failed imports', async () => {
    assert.equal((await post(`${HEADER}\n${row(uniqueCode())}\n${row(uniqueCode())}\n`)).status, 200);
    assert.equal((await post('code,what\n1,2\n')).status, 400);
    const [failed, completed] = await imports(server.url, desk);
    assert.deepEqual([completed!.outcome, completed!.startedBy, completed!.counts?.created, completed!.counts?.rowsRead], ['completed', 'staff:nhaptep', 2, 2]);
    assert.equal(failed!.outcome, 'failed');
    assert.match(failed!.error ?? '', /^Thiếu cột bắt buộc: Thủ tục \(procedure\), Trạng thái \(status\)/);
    const { audit } = server.assistant.store;
    for (const { id } of [failed!, completed!]) {
      assert.equal((await audit.list({ action: 'dossier.import_started', target: `dossier-import:${id}`, limit: 5 })).length, 1);
      assert.equal((await audit.list({ action: 'dossier.import', target: `dossier-import:${id}`, limit: 5 })).length, 1);
    }
  });

  it('is for desk staff only', async () => {
    const res = await fetch(`${server.url}/api/admin/dossiers/imports`, { headers: { authorization: `Bearer ${INTEGRATION_TOKEN}` } });
    assert.equal(res.status, 403);
  });
});

/** `npm start` in a child process on a free port, so the test can kill it mid-import like a crash would. */
async function startChild(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, REDIS_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`the assistant exited with ${code} before listening`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n')) {
        if (line.includes('"assistant listening"')) resolve((JSON.parse(line) as { port: number }).port);
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

describe('An import cut off by a crash', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-crash-'));
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is shown to staff as interrupted after the restart', async () => {
    const first = await startChild(dataDir);
    const token = await login(first.url, ADMIN.username, ADMIN.password);
    // The file arrives slowly: the header and a few rows, then nothing, as over a bad connection.
    let push!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const upload = fetch(`${first.url}/api/admin/dossiers/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body,
      duplex: 'half',
    } as RequestInit).catch((err: unknown) => err);
    push(`${HEADER}\n${row(uniqueCode())}\n`);
    // Polled by time, not by a count of tries: each try is a request, slow on a busy machine.
    const deadline = Date.now() + 30_000;
    while (!(await imports(first.url, token)).some((i) => i.outcome === 'running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal((await imports(first.url, token))[0]?.outcome, 'running');

    first.child.kill('SIGKILL');
    await upload;
    const restarted = await startAssistant({ DATA_DIR: dataDir, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    try {
      const [cut] = await imports(restarted.url, await login(restarted.url, ADMIN.username, ADMIN.password));
      assert.equal(cut?.outcome, 'interrupted');
      assert.equal(cut?.endedAt, null);
      assert.equal(cut?.startedBy, `staff:${ADMIN.username}`);
    } finally {
      await restarted.close();
    }
  });
});
