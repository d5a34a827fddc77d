import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { importDossierCsv, ImportHeaderError, type ImportProgress } from '../../src/dossiers/csv-import';
import type { RunningAssistant } from '../support/server';
import { ADMIN, INTEGRATION_TOKEN, login, staffToken, startDossierAssistant, uniqueCode } from './dossier-support';
import { createCsvVocabulary } from '../../src/dossiers/csv-vocabulary';
import { vi } from '../support/locale';

const HEADER = 'code,procedure,status,receivedAt,dueAt,updatedAt,applicantName,phone,note,unit,submission,returnMethod,completedAt';
const row = (code: string, o: Partial<Record<'status' | 'updatedAt' | 'phone' | 'note' | 'procedure' | 'dueAt', string>> = {}) =>
  [code, o.procedure ?? 'ho-chieu', o.status ?? 'received', '2026-03-02', o.dueAt ?? '2026-03-10', o.updatedAt ?? '2026-03-02T09:00:00+07:00',
    'Trần Thị Mai', o.phone ?? '0987654321', o.note ?? '', 'Phòng Quản lý xuất nhập cảnh', 'online', 'post', ''].join(',');

// The files of these direct calls name procedures by id; names are proven through the server below.
const words = createCsvVocabulary(vi, () => undefined);

describe('Dossier CSV import', () => {
  let server: RunningAssistant;
  let desk: string;
  before(async () => {
    server = await startDossierAssistant();
    desk = await staffToken(server.url, 'nhapfile', ['desk']);
  });
  after(async () => {
    await server.close();
  });

  const post = (token: string | undefined, csv: string, type = 'text/csv') =>
    fetch(`${server.url}/api/admin/dossiers/import`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: csv,
    });

  it('imports a good file and answers the counts', async () => {
    const codes = [uniqueCode(), uniqueCode(), uniqueCode()];
    const res = await post(desk, `\uFEFF${HEADER}\r\n${codes.map((c) => row(c)).join('\r\n')}\r\n`);
    assert.equal(res.status, 200);
    const report = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(report, { rowsRead: 3, created: 3, applied: 0, ignored: 0, failed: 0, errors: [], errorsTruncated: false });
    const stored = await server.assistant.store.dossiers.get(codes[1]!);
    assert.equal(stored?.procedure, 'ho-chieu');
    assert.equal(stored?.submission, 'online');
    assert.equal(stored?.applicantMasked, 'Trần T. M.');
    assert.deepEqual(stored?.dueAt, new Date('2026-03-09T17:00:00Z'), 'a date without a zone is Vietnam time');
  });

  it('reports each bad row with its number and fields and still imports every good row', async () => {
    const good = [uniqueCode(), uniqueCode(), uniqueCode()];
    const csv = [
      HEADER,
      row(good[0]!),
      row(uniqueCode(), { status: 'lost', phone: '12' }),
      row(good[1]!, { note: '"Thiếu ảnh 4x6, ghi chú có dấu phẩy, và ""ngoặc"""' }),
      'only,three,columns',
      row('HS_01/2026'),
      row(good[2]!),
    ].join('\n');
    const res = await post(desk, csv);
    assert.equal(res.status, 200);
    const report = (await res.json()) as { rowsRead: number; created: number; failed: number; errors: { row: number; line: number; fields: string[]; message: string }[] };
    assert.equal(report.rowsRead, 6, JSON.stringify(report));
    assert.equal(report.created, 3, JSON.stringify(report.errors));
    assert.equal(report.failed, 3);
    assert.deepEqual(report.errors.map((e) => [e.row, e.line]), [[2, 3], [4, 5], [5, 6]]);
    assert.deepEqual(report.errors[0]!.fields.sort(), ['phone', 'status']);
    assert.match(report.errors[1]!.message, /số ô khác với dòng tiêu đề/);
    assert.equal(report.errors[0]!.message.split('Cột').length - 1, 2, report.errors[0]!.message);
    for (const e of report.errors) assert.doesNotMatch(e.message, /must|Invalid|column/i, 'every row error is in Vietnamese');
    assert.deepEqual(report.errors[2]!.fields, ['code']);
    for (const c of good) assert.ok(await server.assistant.store.dossiers.get(c), `${c} was imported`);
    assert.equal((await server.assistant.store.dossiers.get(good[1]!))?.note, 'Thiếu ảnh 4x6, ghi chú có dấu phẩy, và "ngoặc"');
  });

  it('applies rows of one file in order of updatedAt: a later row that is older is ignored', async () => {
    const code = uniqueCode();
    const csv = [
      HEADER,
      row(code, { status: 'received', updatedAt: '2026-03-02T09:00:00+07:00' }),
      row(code, { status: 'ready', updatedAt: '2026-03-05T09:00:00+07:00' }),
      row(code, { status: 'processing', updatedAt: '2026-03-03T09:00:00+07:00' }),
    ].join('\n');
    const report = (await (await post(desk, csv)).json()) as Record<string, number>;
    assert.deepEqual([report.created, report.applied, report.ignored], [1, 1, 1]);
    assert.equal((await server.assistant.store.dossiers.get(code))?.status, 'ready');
    const again = (await (await post(desk, csv)).json()) as Record<string, number>;
    assert.deepEqual([again.created, again.applied, again.ignored], [0, 1, 2], 're-importing the same file changes nothing');
    assert.deepEqual((await server.assistant.store.dossiers.history(code)).map((h) => h.status), ['received', 'ready']);
  });

  it('refuses a file without the needed columns (400 naming them), an empty file, and a non-CSV body', async () => {
    const missing = await post(desk, 'code,procedure\nA1,ho-chieu\n');
    assert.equal(missing.status, 400);
    const body = (await missing.json()) as { error: { message: string } };
    assert.match(body.error.message, /status/);
    assert.match(body.error.message, /phone/);
    assert.equal((await post(desk, '')).status, 400);
    assert.equal((await post(desk, '{}', 'application/json')).status, 415);
  });

  it('is for desk staff only: no token 401, the integration token 403, an editor 403', async () => {
    const csv = `${HEADER}\n${row(uniqueCode())}\n`;
    assert.equal((await post(undefined, csv)).status, 401);
    assert.equal((await post(INTEGRATION_TOKEN, csv)).status, 403);
    const editor = await staffToken(server.url, 'bientap2', ['editor']);
    assert.equal((await post(editor, csv)).status, 403);
    assert.equal((await post(await login(server.url, ADMIN.username, ADMIN.password), csv)).status, 200, 'admin holds every role');
  });

  it('reports progress batch by batch and keeps every good row of a batch that the store refuses whole', async () => {
    const codes = Array.from({ length: 7 }, () => uniqueCode());
    const progress: ImportProgress[] = [];
    let failBatchOnce = true;
    const service = {
      async applyBatch(inputs: readonly unknown[]) {
        if (failBatchOnce) {
          failBatchOnce = false;
          throw new Error('disk full');
        }
        return inputs.map(() => ({ outcome: 'created' as const }));
      },
      async apply(input: { code: string }) {
        if (input.code === codes[1]) throw new Error('constraint failed');
        return { outcome: 'created' as const };
      },
    };
    const csv = `${HEADER}\n${codes.map((c) => row(c)).join('\n')}\n`;
    const report = await importDossierCsv(Readable.from([csv]), service as never, words, { batchSize: 3, onProgress: (p) => progress.push(p) });
    assert.deepEqual(progress.map((p) => p.rowsRead), [3, 6, 7]);
    assert.equal(report.created, 6);
    assert.equal(report.failed, 1);
    assert.deepEqual([report.errors[0]!.row, report.errors[0]!.line], [2, 3]);
  });

  it('throws ImportHeaderError for unknown columns before writing anything', async () => {
    let writes = 0;
    const service = { applyBatch: async () => ((writes++, [])), apply: async () => ((writes++, { outcome: 'created' })) };
    await assert.rejects(importDossierCsv(Readable.from([`${HEADER},mat_khau\n`]), service as never, words), ImportHeaderError);
    assert.equal(writes, 0);
  });
});
