import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createParser, type Parser } from '../../src/understanding';
import { buildParser } from '../../src/understanding/parser';
import { loadResources } from '../../src/understanding/resources';
import { loadTrainingData } from '../../src/understanding/training-data';
import { ModelCache } from '../../src/understanding/model-cache';
import { testModelCache } from '../support/model-cache';
import { INTENTS_DIR, PLAIN_MODELS, findEntity } from './support';

// Issue 10, review: commands typed alone are read before the intent model (intents/lexicon/commands.yaml).
const listed: string[] = (parseYaml(readFileSync(join(INTENTS_DIR, 'lexicon', 'commands.yaml'), 'utf8')) as { menu: string[] }).menu;
// Forms written for this test: without diacritics, in capitals, with punctuation, raw telex.
const typed = ['bat dau lai', 'BẮT ĐẦU LẠI!', 'bawts ddaauf laij', 'Menu.', 'quay lai menu', 'huy', 'Hủy.', 'thoat', 'thoats', 'Thoát!!', 'lam lai tu dau', 'Restart', 'CANCEL'];
// Longer messages that hold a command's words: questions or other requests, read by the model as always.
const notCommands = ['hủy đăng ký nhận tin', 'làm sao để thoát khỏi nhóm lừa đảo trên mạng', 'menu có những mục gì', 'bắt đầu làm căn cước thế nào', 'quay lại xã cũ làm tạm trú được không', 'cancel my subscription please'];

/** Asserts that `text` parses as the menu command, sure and with no danger. */
function assertCommand(parser: Parser, text: string): void {
  const r = parser.parse(text);
  assert.deepEqual([r.intent.name, r.intent.confidence, findEntity(r, 'command')?.value, r.emergency?.grade], ['help', 1, 'menu', 'none'], JSON.stringify(text));
  assert.deepEqual(r.intent_ranking, [r.intent]);
}

describe('commands typed alone, read before the intent model', () => {
  let parser: Parser;
  before(function () {
    this.timeout(300_000);
    parser = createParser({ intentsDir: INTENTS_DIR, cacheDirs: PLAIN_MODELS });
  });

  it('reads every listed command, and its plain, capital, punctuated and telex forms, as the menu with confidence 1', () => {
    for (const text of [...listed, ...typed]) assertCommand(parser, text);
  });

  it('spans the command over the message as typed', () => {
    const text = '  Bắt đầu lại !';
    const entity = findEntity(parser.parse(text), 'command')!;
    assert.equal(text.slice(entity.start, entity.end), 'Bắt đầu lại');
  });

  it('leaves a longer message holding a command\'s words to the model', () => {
    for (const text of notCommands) assert.equal(findEntity(parser.parse(text), 'command'), undefined, text);
    assert.equal(parser.parse('hủy đăng ký nhận tin').intent.name, 'unsubscribe');
  });

  it('reads the commands the same with a model that never learnt a help line', function () {
    this.timeout(300_000);
    const examples = loadTrainingData(INTENTS_DIR).filter((e) => e.intent !== 'help');
    const cache = new ModelCache([join(testModelCache('plain parser'), 'without-help')]);
    const unaware = buildParser(loadResources(INTENTS_DIR), examples, {}, {}, cache);
    // The model alone no longer reads the menu in a longer request for it...
    assert.notEqual(unaware.parse('cho em xem cái menu với').intent.name, 'help');
    // ...while the commands are read before it.
    for (const text of [...listed, ...typed]) assertCommand(unaware, text);
  });
});
