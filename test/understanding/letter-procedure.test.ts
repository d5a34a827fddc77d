import assert from 'node:assert/strict';
import { createParser, type Parser } from '../../src/understanding';
import { predictedProcedure } from '../../src/understanding/evaluation/cross-validate';
import { trainLetterProcedures } from '../../src/understanding/letter-procedure';
import { loadTrainingData } from '../../src/understanding/training-data';
import { INTENTS_DIR, PLAIN_MODELS } from './support';

// Issue 10, round 11: a letter's procedure is also judged by the character n-gram SVM over procedure labels, where the
// lexicon named only a family or nothing. The letters below were written for this file; they are in no training or
// evaluation file.
describe('understanding/letters: the second opinion on a letter\'s procedure', function () {
  // A parser trains three models and two SVMs: on a busy machine that is more than mocha's default 20 s.
  this.timeout(180_000);
  let parser: Parser;
  before(() => {
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });

  // "giấy tờ xe" names the vehicle family only; the story (a scrapped motorbike, its papers and plate handed back) is
  // the deregistration, which the procedure model alone did not see (none 0.88), so the bot would have asked which one.
  const scrapped = 'Em chào anh chị. Chiếc xe máy cũ của nhà em đã hỏng nát không đi được nữa, em đã bán cho bên thu mua phế liệu để họ '
    + 'tháo ra làm sắt vụn rồi. Người ta bảo em phải lên công an nộp lại giấy tờ xe và biển số. Em muốn hỏi việc này làm ở đâu, mất bao lâu ạ?';

  it('names the member of the family the lexicon found, when the whole letter says which', () => {
    assert.ok(scrapped.length >= 200);
    const r = parser.parse(scrapped);
    assert.equal(predictedProcedure(r), 'thu-hoi-dang-ky-xe');
    const entity = r.entities.find((e) => e.entity === 'procedure');
    assert.equal(entity?.extractor, 'procedure_model');
    const confidence = entity?.confidence ?? 0;
    assert.ok(confidence > 0 && confidence <= 1);
  });

  it('never overrides a procedure the letter names, even where the SVM reads another one', () => {
    // Much talk of the identity card around "đổi bằng lái": the SVM alone reads a new identity card.
    // (Styles 16: with the fines written then, the SVM read the first version right; the card's exchange told once more keeps it wrong.)
    const letter = 'Chào anh chị, tôi năm nay 62 tuổi, căn cước gắn chíp làm năm 2021 vẫn còn hạn, thẻ căn cước cũ tôi đã nộp lại khi đổi '
      + 'thẻ, mọi giấy tờ khác đều đầy đủ. Bằng lái '
      + 'xe máy hạng A1 của tôi cấp từ năm 1998 bằng giấy bìa, nay người ta bảo phải đổi sang thẻ nhựa. Tôi muốn hỏi đổi bằng lái thì '
      + 'cần mang căn cước và giấy tờ gì, làm ở đâu ạ?';
    const svm = trainLetterProcedures(loadTrainingData(INTENTS_DIR), { minDocs: 10, epochs: 10, restEpochs: 3 });
    assert.equal(svm.predict(letter), 'can-cuoc-cap-doi');
    assert.equal(predictedProcedure(parser.parse(letter)), 'gplx-doi-cap-lai');
  });

  it('is not asked about an emergency told in a letter', () => {
    const letter = `${scrapped} Mà khoan, cứu với, nhà hàng xóm đang cháy to lắm, lửa lan sang nhà em rồi!`;
    const r = parser.parse(letter);
    assert.equal(r.emergency?.grade, 'sure');
    assert.equal(predictedProcedure(r), 'group:xe');
  });
});
