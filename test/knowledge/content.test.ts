import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ContentError, loadKnowledge, PROCEDURE_FIELDS, PROCEDURE_IDS, tryLoadKnowledge } from '../../src/knowledge';
import { CONTENT_DIR, read, tempContent } from './helpers';

// The public contract lives beside the checkout (../shared), as on every machine and in CI.
const TAXONOMY = join(__dirname, '..', '..', '..', 'shared', 'contract', 'taxonomy.yaml');

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

  it('carries the version 2 procedures with their facts, flags and where to check, inventing no figure', () => {
    const lltp = k.getProcedure('ly-lich-tu-phap')!;
    assert.equal(lltp.field, 'tu-phap');
    assert.ok(lltp.fee.status === 'conflict');
    assert.ok(lltp.fee.value.amounts.every((a) => a.vnd === undefined && a.inPersonVnd === undefined && a.onlineVnd === undefined), 'no fee amount: TT 16/2025 amounts were not found');
    assert.equal(k.getProcedure('gplx-quoc-te')!.fee.status, 'missing');
    assert.equal(k.getProcedure('trinh-bao-mat-ho-chieu')!.fee.status, 'current');
    for (const id of ['ly-lich-tu-phap', 'gplx-doi-cap-lai', 'gplx-sat-hach-cap-moi', 'gplx-quoc-te', 'gplx-phuc-hoi-diem', 'xac-nhan-so-cmnd', 'trinh-bao-mat-ho-chieu', 'dieu-chinh-thong-tin-dan-cu']) {
      const p = k.getProcedure(id)!;
      assert.ok(k.officesFor(id).length > 0, `${id}: an office receives it`);
      for (const [key, fact] of Object.entries({ who: p.who, where: p.where, steps: p.steps, documents: p.documents, fee: p.fee, processingTime: p.processingTime, online: p.online }))
        assert.ok(fact.status === 'missing' ? /^https:\/\//.test(fact.checkAt) : (fact.sources ?? []).length > 0, `${id}.${key} has sources or where to check`);
    }
  });

  it('gives the parser the old terms and abbreviations of the new procedures', () => {
    const aliases = k.procedureAliases();
    for (const [id, alias] of [['ly-lich-tu-phap', 'LLTP'], ['ly-lich-tu-phap', 'lý lịch tư pháp'], ['gplx-doi-cap-lai', 'đổi bằng lái'], ['gplx-doi-cap-lai', 'đổi GPLX'], ['gplx-quoc-te', 'IDP'], ['gplx-quoc-te', 'bằng lái quốc tế'], ['xac-nhan-so-cmnd', 'xác nhận CMND 9 số'], ['trinh-bao-mat-ho-chieu', 'mất hộ chiếu']])
      assert.ok(aliases[id as 'ly-lich-tu-phap'].includes(alias), `${id}: ${alias}`);
    assert.ok(!aliases['ho-chieu'].includes('mất hộ chiếu'), 'a lost passport is reported first');
  });

  it('structures a fee that differs by vehicle into variants', () => {
    const fee = k.getProcedure('dang-ky-xe')!.fee;
    assert.ok(fee.status !== 'missing');
    const byVehicle = (v: string) => fee.value.amounts.filter((a) => a.when?.vehicle_type === v);
    assert.deepEqual(byVehicle('car').map((a) => a.vnd), [140000]);
    assert.deepEqual(byVehicle('motorbike').map((a) => a.vnd), [undefined], 'no motorbike figure was found, so none is given');
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
