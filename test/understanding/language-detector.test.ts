import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { createLanguageDetector } from '../../src/understanding/language-detector';
import { loadTrainingData } from '../../src/understanding/training-data';

// Issue 10: a citizen who writes English is answered in English; Vietnamese, with or without diacritics, stays Vietnamese.
describe('language of a message', () => {
  const detect = createLanguageDetector(loadTrainingData(path.join(projectRoot, 'intents')));

  const english = ['How do I apply for a passport?', 'where', 'how long', 'how much', 'what documents do I need', 'can I do it online', 'is it free', 'my id card is lost', 'Where is the police station in Phổ Yên?', 'renew id card'];
  const vietnamese = ['lam ho chieu mat bao lau', 'o dau', 'nop o dau', 'bao nhieu tien', 'ở đâu', 'làm passport mất bao lâu', 'passport het han lam lai the nao', 'dang ky xe may can gi', 'vneid bi khoa', 'báo qua đâu', 'cccd', 'cawn nhaf been canh ddang chasy', 'cawn cuwowcs', 'ca8n cu7o71c'];
  const undecided = ['ok', 'thanks', 'hello', 'menu', '0912345678', '000.00.14.H55-260115-0009', '?', ''];

  for (const m of english) it(`"${m}" is English`, () => assert.equal(detect(m), 'en'));
  for (const m of vietnamese) it(`"${m}" is Vietnamese`, () => assert.equal(detect(m), 'vi'));
  for (const m of undecided) it(`"${m}" does not tell (the conversation keeps its language)`, () => assert.equal(detect(m), undefined));

  it('learns from the examples it is given, not from a fixed list', () => {
    const own = createLanguageDetector([
      ...['xin chao ban', 'ban khoe khong', 'cam on ban', 'ban oi'].map((text) => ({ text, locale: 'vi' as const })),
      ...['hello friend', 'thank you friend', 'my friend', 'friend please'].map((text) => ({ text, locale: 'en' as const })),
    ]);
    assert.equal(own('friend'), 'en');
    assert.equal(own('ban'), 'vi');
    // A word no example has is judged by its shape: a Vietnamese syllable or not.
    assert.equal(own('nhanh'), 'vi');
    assert.equal(own('quickly'), 'en');
  });
});
