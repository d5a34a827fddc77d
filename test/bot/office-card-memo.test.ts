import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { loadTranslator } from '../../src/i18n/translator';
import { loadKnowledge, type Office, type OpenState } from '../../src/knowledge';
import { describeOffice } from '../../src/bot/offices/office-text';
import { translator } from '../support/locale';

const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
/** Another load of the same locale files: its translate functions have nothing remembered yet. */
const fresh = () => loadTranslator(path.join(projectRoot, 'content', 'locales'));
const OPEN_STATES: (OpenState | undefined)[] = [undefined, true, false, 'unknown'];

/** Office cards are remembered per translate function and office (src/bot/offices/office-text.ts, drawn-answers.ts). */
describe('office cards drawn once', () => {
  it('answers every office, open state and language exactly as a first drawing does, again and again', () => {
    for (const locale of ['vi', 'en'] as const) {
      const first = fresh().forLocale(locale);
      for (const office of knowledge.listOffices()) {
        for (const open of OPEN_STATES) {
          const drawn = describeOffice(first, office, { open });
          assert.equal(describeOffice(translator.forLocale(locale), office, { open }), drawn, `${office.id} ${locale} ${String(open)}`);
          assert.equal(describeOffice(translator.forLocale(locale), office, { open }), drawn);
        }
      }
    }
  });

  it('says each open state of its own', () => {
    const office = knowledge.listOffices()[0];
    const t = fresh().forLocale('vi');
    const cards = OPEN_STATES.map((open) => describeOffice(t, office, { open }));
    assert.equal(new Set(cards).size, OPEN_STATES.length, cards.join('\n---\n'));
    assert.equal(describeOffice(t, office, { open: false }), cards[2]);
    assert.equal(describeOffice(t, office, { open: true }), cards[1]);
  });

  it('draws a reloaded office afresh, and the old one as it was', () => {
    const t = translator.forLocale('vi');
    const office = knowledge.listOffices()[0];
    const before = describeOffice(t, office);
    const reloaded: Office = { ...office, phone: { status: 'current', value: '0208 3 999 999' } };
    const after = describeOffice(t, reloaded);
    assert.ok(after.includes('0208 3 999 999'), after);
    assert.equal(describeOffice(t, office), before);
  });

  it('states the distance of each shared location', () => {
    const t = translator.forLocale('vi');
    const office = knowledge.listOffices()[0];
    assert.ok(describeOffice(t, office, { distanceKm: 1.2 }).includes(t('office:distance', { km: '1.2' })));
    assert.ok(describeOffice(t, office, { distanceKm: 3.4 }).includes(t('office:distance', { km: '3.4' })));
  });
});
