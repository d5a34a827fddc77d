import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadKnowledge, PROCEDURE_IDS, VARIANT_ENTITIES } from '../../src/knowledge';
import { vi, en } from '../support/locale';

const localesDir = path.join(projectRoot, 'content', 'locales');

/** Every dotted key of a nested translation object. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locale files', () => {
  for (const file of fs.readdirSync(path.join(localesDir, 'vi'))) {
    it(`${file}: English has exactly the Vietnamese keys`, () => {
      const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(localesDir, lang, file), 'utf8'));
      assert.deepEqual(keys(read('en')).sort(), keys(read('vi')).sort());
    });
  }

  it('gives every procedure a button label of at most 20 characters in both languages', () => {
    for (const id of PROCEDURE_IDS) {
      for (const t of [vi, en]) {
        const label = t(`procedure:short.${id}`);
        assert.notEqual(label, `short.${id}`, `no label for ${id}`);
        assert.ok(label.length <= 20, `${id}: "${label}"`);
      }
    }
  });

  it('keeps menu and facet button titles within 20 characters', () => {
    for (const t of [vi, en]) {
      for (const key of ['cu-tru', 'can-cuoc', 'xuat-nhap-canh', 'giao-thong', 'pccc', 'antt', 'tu-phap', 'dossier', 'office', 'human']) {
        assert.ok(t(`menu.items.${key}`).length <= 20, t(`menu.items.${key}`));
      }
      for (const facet of ['info', 'documents', 'fee', 'duration', 'online', 'where']) assert.ok(t(`procedure:facets.${facet}`).length <= 20);
      for (const key of ['office:shareLocation', 'office:hoursButton', 'office:more', 'menu.button', 'feedback.cancel']) assert.ok(t(key).length <= 20, t(key));
    }
  });

  it('labels every variant the content uses (vehicle types) with a button title of at most 20 characters', () => {
    const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
    const values = knowledge.listProcedures().flatMap((p) =>
      p.fee.status === 'missing' ? [] : p.fee.value.amounts.flatMap((a) => VARIANT_ENTITIES.flatMap((e) => (a.when?.[e] ? [[e, a.when[e]] as const] : []))),
    );
    assert.ok(values.length > 0);
    for (const [entity, value] of values)
      for (const t of [vi, en]) {
        const label = t(`procedure:variants.${entity}.${value}`);
        assert.ok(label !== `variants.${entity}.${value}` && label.length <= 20, `${entity}=${value}: "${label}"`);
      }
  });
});
