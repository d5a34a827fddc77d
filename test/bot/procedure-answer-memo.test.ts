import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadTranslator } from '../../src/i18n/translator';
import { loadKnowledge, PROCEDURE_IDS, type Procedure } from '../../src/knowledge';
import { describeFacets, type TextFacet } from '../../src/bot/procedures/procedure-answer';
import { translator } from '../support/locale';

const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
const procedure = (id: string): Procedure => knowledge.getProcedure(id)!;
/** Another load of the same locale files: its translate functions have nothing remembered yet. */
const fresh = () => loadTranslator(path.join(projectRoot, 'content', 'locales'));

/** Facet answers are remembered per translate function and procedure (src/bot/procedures/procedure-answer.ts). */
describe('procedure answers drawn once', () => {
  it('answers every procedure, facet and language exactly as a first drawing does, again and again', () => {
    const first = fresh();
    const sets: TextFacet[][] = [['info'], ['documents'], ['fee'], ['duration'], ['online'], ['documents', 'fee', 'duration']];
    for (const id of PROCEDURE_IDS) {
      for (const locale of ['vi', 'en'] as const) {
        for (const facets of sets) {
          const drawn = describeFacets(translator.forLocale(locale), locale, procedure(id), facets, { message: 'cho hỏi' });
          assert.equal(describeFacets(translator.forLocale(locale), locale, procedure(id), facets, { message: 'cho hỏi' }), drawn);
          assert.equal(describeFacets(first.forLocale(locale), locale, procedure(id), facets, { message: 'cho hỏi' }), drawn, `${id} ${locale} ${facets.join(',')}`);
        }
      }
    }
  });

  it('draws a reloaded procedure afresh', () => {
    const t = translator.forLocale('vi');
    const before = describeFacets(t, 'vi', procedure('dang-ky-xe'), ['duration']);
    const reloaded: Procedure = { ...procedure('dang-ky-xe'), reviewedAt: '2027-01-02' };
    const after = describeFacets(t, 'vi', reloaded, ['duration']);
    assert.ok(after.includes('02/01/2027'), after);
    assert.notEqual(after, before);
    assert.equal(describeFacets(t, 'vi', procedure('dang-ky-xe'), ['duration']), before);
  });

  it('quotes the fee of the variant the citizen named, each variant its own', () => {
    const t = translator.forLocale('vi');
    const other = fresh().forLocale('vi');
    const motorbike = describeFacets(t, 'vi', procedure('dang-ky-xe'), ['fee'], { slots: { vehicle_type: 'motorbike' } });
    const car = describeFacets(t, 'vi', procedure('dang-ky-xe'), ['fee'], { slots: { vehicle_type: 'car' } });
    assert.notEqual(car, motorbike);
    assert.equal(car, describeFacets(other, 'vi', procedure('dang-ky-xe'), ['fee'], { slots: { vehicle_type: 'car' } }));
    assert.equal(motorbike, describeFacets(other, 'vi', procedure('dang-ky-xe'), ['fee'], { slots: { vehicle_type: 'motorbike' } }));
  });

  it('corrects an outdated belief only in the answer to the message that repeats it', () => {
    const t = translator.forLocale('vi');
    const p = procedure('can-cuoc-cap-doi');
    const correction = 'Làm tại Công an cấp xã bất kỳ trên cả nước';
    const repeats = { message: 'có phải về quê mới làm được không' };
    assert.ok(describeFacets(t, 'vi', p, ['documents'], repeats).includes(correction));
    assert.ok(!describeFacets(t, 'vi', p, ['documents'], { message: 'cần giấy tờ gì' }).includes(correction));
    assert.ok(describeFacets(t, 'vi', p, ['documents'], repeats).includes(correction));
    assert.ok(!describeFacets(t, 'vi', p, ['documents'], { message: 'cần giấy tờ gì' }).includes(correction));
  });
});
