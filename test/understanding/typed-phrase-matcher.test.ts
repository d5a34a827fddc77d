import assert from 'node:assert/strict';
import { tokenise } from '../../src/understanding/tokenise';
import { TypedPhraseMatcher, type Typing } from '../../src/understanding/typed-phrase-matcher';
import { lexiconNamer } from './support';

/** The words of a message as the parser reads them: folded, and as typed. */
function typed(text: string): [string[], string[]] {
  const tokens = tokenise(text, 2000);
  return [tokens.map((t) => t.text), tokens.map((t) => t.toned)];
}

function matcher<V>(phrases: [string, V][], typing: Partial<Typing> = {}): TypedPhraseMatcher<V> {
  const m = new TypedPhraseMatcher<V>(typing);
  for (const [p, v] of phrases) m.add(p, v);
  return m;
}

/** What `m` finds in `text`: each match as "from-to:value". */
function found<V>(m: TypedPhraseMatcher<V>, text: string, all = true): string[] {
  const [folded, toned] = typed(text);
  return (all ? m.matchAll(folded, toned) : m.match(folded, toned)).map((x) => `${x.from}-${x.to}:${String(x.value)}`);
}

describe('understanding/typed-phrase-matcher', () => {
  const cues = matcher<string>([['nhắn tin', 'message'], ['bạn', 'friend'], ['lửa', 'fire'], ['dùng', 'use']]);

  it('finds a phrase typed as written', () => {
    assert.deepEqual(found(cues, 'em muốn nhắn tin cho bạn'), ['2-4:message', '5-6:friend']);
    assert.deepEqual(found(cues, 'có lửa ở bếp'), ['1-2:fire']);
    assert.deepEqual(found(cues, 'Dùng app thế nào'), ['0-1:use']);
  });

  it('does not take a word typed with other diacritics for the phrase, though folded they are one', () => {
    assert.deepEqual(found(cues, 'em muốn nhận tin từ công an'), []);
    assert.deepEqual(found(cues, 'tôi bán xe'), []);
    assert.deepEqual(found(cues, 'bị lừa mất tiền'), []);
    assert.deepEqual(found(cues, 'xe dừng giữa đường'), []);
  });

  it('reads a message typed without any diacritics as every spelling', () => {
    assert.deepEqual(found(cues, 'em muon nhan tin cho ban, co lua, dung app'), ['2-4:message', '5-6:friend', '7-8:fire', '8-9:use']);
  });

  it('in a mixed message, holds each word typed with diacritics to its own and lets the bare ones fit', () => {
    // "nhan" bare fits "nhắn", "tín" does not fit "tin"; "ban" bare is the friend, "lừa" is no "lửa".
    assert.deepEqual(found(cues, 'nhan tin cho ban, bị lừa'), ['0-2:message', '3-4:friend']);
    assert.deepEqual(found(cues, 'nhan tín cho bạn'), ['3-4:friend']);
    assert.deepEqual(found(cues, 'nhắn tin cho ban'), ['0-2:message', '3-4:friend']);
  });

  it('reads only words [from, to) when asked, counting positions from `from`', () => {
    const [folded, toned] = typed('bạn ơi, nhắn tin cho bạn');
    assert.deepEqual(cues.match(folded, toned, 2, 5).map((m) => [m.from, m.to, m.value]), [[0, 2, 'message']]);
  });

  it('reads words given without their typed form as typed bare: every spelling fits', () => {
    const [folded] = typed('nhận tin bán lừa dừng');
    assert.deepEqual(cues.matchAll(folded).map((m) => m.value), ['message', 'friend', 'fire', 'use']);
  });

  it('bare: any lets a word the phrase writes bare be typed with any diacritics', () => {
    const strict = matcher([['ban', true]]);
    const open = matcher([['ban', true]], { bare: 'any' });
    assert.equal(found(strict, 'bán').length, 0);
    assert.equal(found(open, 'bán').length, 1);
    assert.equal(found(open, 'bận').length, 1);
  });

  it('marked: any holds only the words written bare to being typed bare (a procedure alias)', () => {
    const aliases = matcher([['thi bằng lái', 'test']], { marked: 'any' });
    assert.deepEqual(found(aliases, 'thi bằng lái ở đâu'), ['0-3:test']);
    assert.deepEqual(found(aliases, 'thi bang lai o dau'), ['0-3:test']);
    assert.deepEqual(found(aliases, 'thi bẳng lai'), ['0-3:test']);
    assert.deepEqual(found(aliases, 'thì bằng lái hết hạn'), []);
  });

  it('spellings: own counts each spelling for its own value', () => {
    const own = matcher<string>([['bán', 'sell'], ['bạn', 'friend'], ['bán', 'other']], { spellings: 'own' });
    assert.deepEqual(found(own, 'bán'), ['0-1:sell']);
    assert.deepEqual(found(own, 'bạn'), ['0-1:friend']);
    assert.deepEqual(found(own, 'ban'), ['0-1:sell', '0-1:friend']);
  });

  it('spellings: sameValue joins a spelling of the same value, and the first owner keeps the phrase from another', () => {
    const frames = matcher<string>([['cháy lưới', 'idiom'], ['cháy lưỡi', 'idiom'], ['gậy', 'violence'], ['gãy', 'injury']], { spellings: 'sameValue' });
    assert.deepEqual(found(frames, 'cháy lưỡi quá'), ['0-2:idiom']);
    assert.deepEqual(found(frames, 'cháy lưới'), ['0-2:idiom']);
    assert.deepEqual(found(frames, 'cầm gậy'), ['1-2:violence']);
    assert.deepEqual(found(frames, 'gãy chân'), []);
    assert.deepEqual(found(frames, 'gay chan'), ['0-1:violence']);
  });

  it('by default every listed spelling of one value counts, each typed as written', () => {
    const spellings = matcher([['lúc này', true], ['lúc nãy', true]]);
    assert.equal(found(spellings, 'lúc này').length, 1);
    assert.equal(found(spellings, 'lúc nãy').length, 1);
    assert.equal(found(spellings, 'luc nay').length, 1);
    assert.equal(found(spellings, 'lúc nấy').length, 0);
  });

  it('match keeps the longest phrase at a place, and one typed otherwise still hides the shorter ones inside it', () => {
    const m = matcher<string>([['cháy nhà', 'fire'], ['nhà', 'home']]);
    assert.deepEqual(found(m, 'cháy nhà', false), ['0-2:fire']);
    assert.deepEqual(found(m, 'chảy nhà', false), []);
    assert.deepEqual(found(m, 'chảy nhà'), ['1-2:home']);
  });

  it('lists the folded words of its phrases for the spelling corrector', () => {
    assert.deepEqual(cues.words().sort(), ['ban', 'dung', 'lua', 'nhan', 'tin']);
  });
});

describe('understanding/typed phrase matcher: a family qualifier listed in two spellings', () => {
  const lexicon = lexiconNamer();

  it('"đổi chủ" typed with its diacritics qualifies the vehicle family as "đời chủ" and "doi chu" do', () => {
    for (const text of ['đăng ký xe đổi chủ', 'đăng ký xe đời chủ', 'dang ky xe doi chu']) assert.equal(lexicon(text), 'sang-ten-xe', text);
  });
});
