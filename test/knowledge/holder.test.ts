import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeHolder, type ReloadResult } from '../../src/knowledge';
import { officesCsv, read, tempContent } from './helpers';

// A reload parses all the content again: most of a second of CPU here, several on a slow or busy machine.
const waitFor = async (check: () => boolean, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('KnowledgeHolder', () => {
  it('reload() picks up an edit, and keeps the old content on a bad edit with the reasons', () => {
    const dir = tempContent();
    const holder = new KnowledgeHolder(dir);
    const file = join(dir, 'procedures/tam-tru.yaml');
    const good = read(file);
    writeFileSync(file, good.replace('aliases: [tạm trú,', 'aliases: [ở trọ, tạm trú,'));
    assert.deepEqual(holder.reload(), { ok: true, errors: [] });
    assert.ok(holder.current().procedureAliases()['tam-tru'].includes('ở trọ'));

    writeFileSync(file, good.replace('sourceUrl: https://', 'sourceUrl: not-a-url '));
    const result = holder.reload();
    assert.equal(result.ok, false);
    assert.deepEqual(result.errors.map((e) => [e.file, e.field]), [['procedures/tam-tru.yaml', 'sourceUrl']]);
    assert.ok(holder.current().procedureAliases()['tam-tru'].includes('ở trọ'));
  });

  it('watch() reloads after a file change, and a bad change is refused', async () => {
    const dir = tempContent();
    const results: ReloadResult[] = [];
    const holder = new KnowledgeHolder(dir, { debounceMs: 50, onReload: (r) => results.push(r) }).watch();
    try {
      const file = join(dir, 'procedures/luu-tru.yaml');
      const good = read(file);
      writeFileSync(file, good.replace('aliases: [lưu trú,', 'aliases: [khách ngủ lại, lưu trú,'));
      await waitFor(() => holder.current().procedureAliases()['luu-tru'].includes('khách ngủ lại'));
      const before = holder.current();
      writeFileSync(file, 'id: [');
      await waitFor(() => results.some((r) => !r.ok));
      assert.equal(holder.current(), before);
    } finally {
      holder.close();
    }
  });

  it('throws at construction on invalid content (refuse to boot)', () => {
    const dir = tempContent();
    writeFileSync(join(dir, 'fields.yaml'), 'fields: []\n');
    assert.throws(() => new KnowledgeHolder(dir), /fields\.yaml/);
  });
});

describe('importOfficesCsv', () => {
  it('replaces the directory with a good CSV (atomically, no temp file left) and reloads', () => {
    const dir = tempContent();
    const holder = new KnowledgeHolder(dir);
    const csv = officesCsv([{ id: 'only', name: 'Công an Thử' }]);
    const result = holder.importOfficesCsv(csv);
    assert.equal(result.ok, true);
    assert.equal(read(join(dir, 'offices.csv')), csv);
    assert.deepEqual(holder.current().listOffices().map((o) => o.id), ['only']);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });

  it('rejects a bad CSV with every row/column problem and changes nothing', () => {
    const dir = tempContent();
    const holder = new KnowledgeHolder(dir);
    const before = read(join(dir, 'offices.csv'));
    const csv = officesCsv([
      { id: 'ok', name: 'Công an Thử' },
      { id: 'Bad Id', name: '', procedures: 'tam-tru|khong-co', hours: 'mon-fri 8h-17h', hours_status: 'current' },
      { id: 'ok', name: 'Trùng', coord_status: 'exact' },
    ]);
    const result = holder.importOfficesCsv(csv);
    assert.equal(result.ok, false);
    if (result.ok) return;
    const where = result.errors.map((e) => `${e.row}:${e.field}`);
    for (const w of ['3:id', '3:name', '3:procedures', '3:hours', '4:lat', '4:lon']) assert.ok(where.includes(w), `${w} in ${where}`);
    assert.equal(read(join(dir, 'offices.csv')), before);
    assert.equal(holder.current().listOffices().length, 99);
  });

  it('reports a missing column in the header', () => {
    const dir = tempContent();
    const csv = officesCsv([{ id: 'x', name: 'X' }]).replace(',note,', ',nota,');
    const result = new KnowledgeHolder(dir).importOfficesCsv(csv);
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual(result.errors.map((e) => [e.row, e.field]).sort(), [[1, 'nota'], [1, 'note']]);
  });
});
