import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findShorthand, loadKnowledge, missingEnglish, tryLoadKnowledge } from '../../src/knowledge';
import { CONTENT_DIR, read, tempContent } from './helpers';

/** Rewrites one shipped procedure file in a temp copy of the content and loads it. */
function loadWith(id: string, edit: (yaml: string) => string) {
  const dir = tempContent();
  const file = join(dir, `procedures/${id}.yaml`);
  const before = read(file);
  const after = edit(before);
  assert.notEqual(after, before, 'the edit changed the file');
  writeFileSync(file, after);
  return tryLoadKnowledge(dir);
}

describe('citizen-facing text', () => {
  it('refuses research shorthand in any citizen-facing field, naming the file and field', () => {
    const cases: [id: string, from: string, to: string, field: string][] = [
      ['ho-chieu', 'note: { vi: "Mẫu theo TT 31/2023/TT-BCA."', 'note: { vi: "Mẫu theo TT 31/2023/TT-BCA (S3)."', 'documents.note'],
      ['tam-tru', '"Thời hạn tạm trú tối đa 02 năm;', '"S14 cho rằng thời hạn tạm trú tối đa 02 năm;', 'pitfalls.0.text'],
      ['dang-ky-xe', 'case: { vi: "Mô tô, xe máy"', 'case: { vi: "Mô tô, xe máy (trang Phú Thọ 7/2026)"', 'fee.value.amounts.0.case'],
      ['luu-tru', 'en: "Accepted at once."', 'en: "Accepted at once (secondary source)."', 'processingTime.value'],
      ['con-dau', '"03 ngày làm việc."', '"03 ngày làm việc [CHECK]."', 'processingTime.value'],
    ];
    for (const [id, from, to, field] of cases) {
      const { knowledge, problems } = loadWith(id, (y) => y.replace(from, to));
      assert.equal(knowledge, undefined, id);
      assert.deepEqual(problems.map((p) => [p.file, p.field]), [[`procedures/${id}.yaml`, field]]);
    }
  });

  it('keeps research remarks for editors in editorNote, never checked as citizen text', () => {
    const { knowledge, problems } = loadWith('con-dau', (y) => y.replace('editorNote: "Không thu theo trang Phú Thọ 2026 (S1)."', 'editorNote: "S1, S3, GitHub bandocapt, trang Phú Thọ 7/2026."'));
    assert.deepEqual(problems, []);
    assert.ok(knowledge);
  });

  it('finds no shorthand in the shipped content, and recognises each kind', () => {
    assert.deepEqual(tryLoadKnowledge(CONTENT_DIR).problems, []);
    for (const text of ['theo S3', '(S14)', '[UNVERIFIED]', 'repo GitHub', 'trang Phú Thọ 7/2026', 'nguồn thứ cấp'])
      assert.ok(findShorthand(text), text);
    for (const text of ['Mẫu CT01 (TT 55/2021/TT-BCA)', 'Luật 36/2024/QH15', 'Giấy phép hạng A1, B, C1', 'Sổ đỏ', 'mã 3.000333'])
      assert.equal(findShorthand(text), undefined, text);
  });

  it('reports which fields an English answer would show in Vietnamese', () => {
    const k = loadKnowledge(CONTENT_DIR);
    for (const p of k.listProcedures()) assert.deepEqual(missingEnglish(p), [], p.id);
    const { knowledge } = loadWith('tam-tru', (y) => y.replace(', en: "3 working days (new registration and extension alike)."', ''));
    assert.deepEqual(missingEnglish(knowledge!.getProcedure('tam-tru')!), ['processingTime.value']);
  });
});
