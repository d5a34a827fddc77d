import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createAssistant, type Assistant } from '../../src/assistant';
import { loadConfig, projectRoot } from '../../src/config';
import { createLogger, type Logger } from '../../src/ops/logger';
import { captureLogs } from '../support/log-lines';

describe('structured logs', () => {
  it('redacts phones, ID numbers, names, tokens and message text, by field and by shape, and stays valid JSON', () => {
    const { lines, raw, stream } = captureLogs();
    const logger = createLogger('info', stream);
    logger.info(
      {
        text: 'cho em hỏi làm cccd',
        phone: '0912345678',
        account: { fullName: 'Nguyễn Văn An', token: 'sess-abc' },
        detail: 'lookup of 001099012345 by 0912 345 678 and CMND 123456789 failed; Authorization: Bearer abc.def-ghi',
        zaloUser: '2468135790123456789',
        bytes: 123456789,
      },
      'lookup of +84 912.345.678 refused',
    );
    logger.error({ err: new Error('row 7: phone 0987654321 is taken') }, 'import failed');
    const [first, second] = lines;
    assert.equal(first!.text, '[redacted]');
    assert.equal(first!.phone, '[redacted]');
    assert.deepEqual(first!.account, { fullName: '[redacted]', token: '[redacted]' });
    assert.equal(first!.detail, 'lookup of [redacted] by [redacted] and CMND [redacted] failed; Authorization: [redacted]');
    assert.equal(first!.msg, 'lookup of [redacted] refused');
    assert.equal(first!.zaloUser, '2468135790123456789', 'platform ids (19 digits) are not personal data by shape');
    assert.equal(first!.bytes, 123456789, 'numbers outside strings are left alone, so the line stays JSON');
    assert.equal(first!.level, 'info');
    assert.match(String(first!.time), /^\d{4}-\d\d-\d\dT/);
    assert.match(String((second!.err as { message: string }).message), /^row 7: phone \[redacted\] is taken$/, 'an error keeps its message, masked');
    assert.ok(raw.every((l) => !/0912|001099012345|Nguyễn|sess-abc|0987654321/.test(l)), raw.join('\n'));
  });

  it('redacts request headers and the fields an error carries, and leaves the logged objects as they were', () => {
    const { lines, stream } = captureLogs();
    const headers = { authorization: 'Basic c2VjcmV0', cookie: 'sid=1', 'x-hub-signature-256': 'sha256=ab', host: 'example.org' };
    const err = Object.assign(new Error('refused'), { accessToken: 'tok-1', code: 'E_AUTH' });
    createLogger('info', stream).warn({ headers, req: { method: 'POST', headers: { ...headers } }, err }, 'refused');
    const [line] = lines;
    assert.deepEqual(line!.headers, { authorization: '[redacted]', cookie: '[redacted]', 'x-hub-signature-256': '[redacted]', host: 'example.org' });
    assert.deepEqual((line!.req as { headers: unknown }).headers, { ...headers, authorization: '[redacted]', cookie: '[redacted]' });
    assert.equal((line!.err as { accessToken: string }).accessToken, '[redacted]');
    assert.equal((line!.err as { type: string; code: string }).type, 'Error');
    assert.equal((line!.err as { code: string }).code, 'E_AUTH');
    assert.equal(headers.authorization, 'Basic c2VjcmV0', 'the caller\'s object is not changed');
    assert.equal(err.accessToken, 'tok-1');
  });

  it('shows the text at LOG_LEVEL=debug, still without phone or ID numbers, and never tokens', () => {
    const { lines, stream } = captureLogs();
    createLogger('debug', stream).debug({ text: 'số tôi là 0912345678, hỏi tạm trú', token: 't-1' }, 'message understood');
    assert.equal(lines[0]!.text, 'số tôi là [redacted], hỏi tạm trú');
    assert.equal(lines[0]!.token, '[redacted]');
  });

  it('keeps to the configured level', () => {
    const { lines, stream } = captureLogs();
    const logger = createLogger('warn', stream);
    logger.info('not written');
    logger.warn('written');
    assert.deepEqual(lines.map((l) => l.msg), ['written']);
  });
});

/**
 * A process that logs `count` short lines to its real standard output (the logger's default, buffered destination),
 * then ends as `end` says; answers its exit code and the lines it wrote.
 */
function logThenEnd(end: string, count = 3): Promise<{ code: number | null; lines: Record<string, unknown>[] }> {
  const script = [
    "const { createLogger } = require('./src/ops/logger');",
    "const logger = createLogger('info');",
    `for (let i = 0; i < ${count}; i++) logger.info({ i }, 'line');`,
    end,
  ].join('\n');
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (let at = out.indexOf('\n'); at >= 0; at = out.indexOf('\n')) {
      lines.push(JSON.parse(out.slice(0, at)) as Record<string, unknown>);
      out = out.slice(at + 1);
    }
    // A process left running is stopped once its lines are out (the periodic flush wrote them).
    if (end.includes('setInterval') && lines.length === count) child.kill('SIGKILL');
  });
  child.stderr.resume();
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, lines })));
}

describe('the standard output destination (buffered: one write per few KiB of lines)', function () {
  // Each case starts a Node that compiles the logger through tsx.
  this.timeout(60_000);

  it('writes every line still buffered when the process exits (process.exit after a graceful stop)', async () => {
    const { code, lines } = await logThenEnd('process.exit(0);');
    assert.equal(code, 0);
    assert.deepEqual(lines.map((l) => l.i), [0, 1, 2]);
  });

  it('writes them when the process dies of an uncaught error', async () => {
    const { code, lines } = await logThenEnd("throw new Error('fatal');");
    assert.equal(code, 1);
    assert.deepEqual(lines.map((l) => l.i), [0, 1, 2]);
  });

  it('writes them while the process runs on quietly, without waiting for a full buffer', async () => {
    const { lines } = await logThenEnd('setInterval(() => {}, 1000);');
    assert.deepEqual(lines.map((l) => l.i), [0, 1, 2]);
  });

  it('writes many lines whole and in order', async () => {
    const { code, lines } = await logThenEnd('process.exit(0);', 2000);
    assert.equal(code, 0);
    assert.deepEqual(lines.map((l) => l.i), Array.from({ length: 2000 }, (_, i) => i));
  });
});

describe('request ids across a turn, through the real server', () => {
  let assistant: Assistant;
  let url: string;
  let close: () => Promise<void>;
  const logs = captureLogs();

  async function start(logger: Logger) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assistant-logs-'));
    const config = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'debug', CHAT_RATE_LIMIT_PER_MINUTE: '0', STAFF_PASSWORD_COST: '12' });
    assistant = await createAssistant(config, logger);
    const server = assistant.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise((resolve) => server.close(resolve));
      await assistant.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  before(() => start(createLogger('debug', logs.stream)));
  after(() => close());

  const send = (message: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/webhooks/rest/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ sender: 'log-1', message }) });

  it('takes the caller\'s X-Request-Id, answers it, and stamps every line of the turn with it', async () => {
    const res = await send('cho em hỏi đăng ký tạm trú, sđt 0912345678', { 'x-request-id': 'lb-7f3a.42' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-request-id'), 'lb-7f3a.42');
    const mine = logs.lines.filter((l) => l.reqId === 'lb-7f3a.42');
    assert.deepEqual(mine.map((l) => l.msg), ['message understood', 'turn answered']);
    assert.equal(mine[0]!.text, 'cho em hỏi đăng ký tạm trú, sđt [redacted]');
    assert.equal(mine[1]!.channel, 'rest');
    assert.deepEqual(Object.keys(mine[1]!).filter((k) => k === 'text' || k === 'confidence'), [], 'a line carries its own fields, not an earlier line\'s of the same request');
  });

  it('keeps an id whole even when its digits are shaped like a phone or ID number (random UUIDs can be)', async () => {
    for (const id of ['0912345678', '123456789012', '7c1e0912-3456-7890-1234-56789012abcd']) {
      const res = await send('xin chào', { 'x-request-id': id });
      assert.equal(res.headers.get('x-request-id'), id);
      assert.ok(logs.lines.some((l) => l.reqId === id && l.msg === 'turn answered'), id);
    }
  });

  it('makes an id when none (or a hostile one) is given', async () => {
    for (const headers of [{}, { 'x-request-id': 'a b <script>' }] as Record<string, string>[]) {
      const res = await send('xin chào', headers);
      const id = res.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.ok(logs.lines.some((l) => l.reqId === id && l.msg === 'turn answered'));
    }
  });
});
