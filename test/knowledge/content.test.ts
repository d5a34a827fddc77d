import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ContentError, loadKnowledge, PROCEDURE_FIELDS, PROCEDURE_IDS, tryLoadKnowledge } from '../../src/knowledge';
import { CONTENT_DIR, read, tempContent } from './helpers';

const TAXONOMY = '/work/shared/contract/taxonomy.yaml';

describe('shipped content', () => {
  const k = loadKnowledge(CONTENT_DIR);

  it('has all 30 taxonomy procedures in their taxonomy fields', () => {
    assert.equal(k.listProcedures().length, 30);
    for (const id of PROCEDURE_IDS) assert.equal(k.getProcedure(id)?.field, PROCEDURE_FIELDS[id], id);
  });

  it('matches the public taxonomy contract (ids, fields, vi names)', function () {
    if (!existsSync(TAXONOMY)) this.skip();
    const taxonomy = parse(read(TAXONOMY)) as { procedures: Record<string, { field: string; name: string }> };
    assert.deepEqual(Object.keys(taxonomy.procedures).sort(), [...PROCEDURE_IDS].sort());
    for (const [id, t] of Object.entries(taxonomy.procedures)) {
      assert.equal(k.getProcedure(id)?.field, t.field, id);
      assert.equal(k.getProcedure(id)?.title.vi, t.name, id);
    }
  });

  it('lists fields in menu order with vi and en names and their procedures', () => {
    const fields = k.listFields();
    assert.deepEqual(fields.map((f) => f.id), ['cu-tru', 'can-cuoc', 'xuat-nhap-canh', 'giao-thong', 'pccc', 'antt', 'tu-phap']);
    for (const f of fields) assert.ok(f.name.vi && f.name.en);
    assert.deepEqual(k.proceduresByField('cu-tru').map((p) => p.id), ['thuong-tru', 'tam-tru', 'luu-tru', 'tam-vang', 'xac-nhan-cu-tru']);
  });

  it('gives aliases per procedure for the parser', () => {
    const aliases = k.procedureAliases();
    assert.equal(Object.keys(aliases).length, 30);
    assert.ok(aliases['thuong-tru'].includes('nhập hộ khẩu'));
    assert.ok(aliases['ho-chieu'].includes('passport'));
  });

  it('keeps flags: the passport fee is a conflict, missing facts say where to check', () => {
    assert.equal(k.getProcedure('ho-chieu')?.fee.status, 'conflict');
    const fee = k.getProcedure('pccc-nghiem-thu')?.fee;
    assert.equal(fee?.status, 'missing');
    if (fee?.status === 'missing') assert.match(fee.checkAt, /^https:\/\//);
  });

  it('has the 92 communes and wards (77 xã + 15 phường) plus provincial units', () => {
    const communes = k.listOffices().filter((o) => o.kind === 'commune');
    assert.equal(communes.length, 92);
    assert.equal(communes.filter((o) => o.area?.startsWith('phường')).length, 15);
    for (const id of ['pc-qlxnc', 'pc-csgt', 'pc-pccc', 'pc-qlhc', 'pc-mot-cua']) assert.ok(k.getOffice(id), id);
  });
});

describe('invalid content is rejected with file, row and field', () => {
  it('names the file and line of a YAML syntax error', () => {
    const dir = tempContent();
    writeFileSync(join(dir, 'procedures/tam-tru.yaml'), 'id: tam-tru\nfield: [cu-tru\n');
    const { knowledge, problems } = tryLoadKnowledge(dir);
    assert.equal(knowledge, undefined);
    assert.ok(problems.some((p) => p.file === 'procedures/tam-tru.yaml' && /YAML syntax error at line/.test(p.message)));
  });

  it('names the field of a schema error and throws a ContentError listing it', () => {
    const dir = tempContent();
    const file = join(dir, 'procedures/luu-tru.yaml');
    writeFileSync(file, read(file).replace('reviewedAt: "2026-11-27"', 'reviewedAt: "hôm qua"'));
    assert.throws(
      () => loadKnowledge(dir),
      (err: unknown) =>
        err instanceof ContentError &&
        err.problems.some((p) => p.file === 'procedures/luu-tru.yaml' && p.field === 'reviewedAt') &&
        /procedures\/luu-tru\.yaml \[reviewedAt\]/.test(err.message),
    );
  });

  it('refuses a procedure filed under another field than the taxonomy says', () => {
    const dir = tempContent();
    const file = join(dir, 'procedures/luu-tru.yaml');
    writeFileSync(file, read(file).replace('field: cu-tru', 'field: can-cuoc'));
    const { problems } = tryLoadKnowledge(dir);
    assert.deepEqual(problems.map((p) => [p.file, p.field]), [['procedures/luu-tru.yaml', 'field']]);
  });

  it('names row and column of a bad directory row', () => {
    const dir = tempContent();
    const file = join(dir, 'offices.csv');
    const lines = read(file).split('\n');
    lines[3] = lines[3].replace(',missing,https://congan', ',nowhere,https://congan');
    writeFileSync(file, lines.join('\n'));
    const { problems } = tryLoadKnowledge(dir);
    assert.deepEqual(
      problems.map((p) => [p.file, p.row, p.field]),
      [['offices.csv', 4, 'coord_status']],
    );
  });

  it('reports a missing procedure file', () => {
    const dir = tempContent();
    writeFileSync(join(dir, 'procedures/con-dau.yaml'), '');
    const { problems } = tryLoadKnowledge(dir);
    assert.ok(problems.some((p) => p.file === 'procedures/con-dau.yaml'));
  });
});
