import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadKnowledge } from '../../src/knowledge';
import { createUnderstanding, type Locale } from '../../src/understanding';
import { ParseThread, type Understood } from '../../src/understanding/parse-thread';
import type { ParserOptions } from '../../src/understanding/types';
import { INTENTS_DIR, PRODUCTION_MODELS } from './support';

/** Every eighth text of each development set in intents/test, each with a locale and whether its language is read. */
function sampleTexts(): Array<{ text: string; locale: Locale; detect: boolean }> {
  const dir = path.join(INTENTS_DIR, 'test');
  const texts: Array<{ text: string; locale: Locale; detect: boolean }> = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const items = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as Array<{ text: string }>;
    items.forEach((item, i) => {
      if (i % 8 === 0) texts.push({ text: item.text, locale: texts.length % 2 ? 'en' : 'vi', detect: texts.length % 3 !== 0 });
    });
  }
  return texts;
}

const productionOptions = (): ParserOptions => {
  const knowledge = loadKnowledge(path.join(__dirname, '..', '..', 'content'));
  return { intentsDir: INTENTS_DIR, procedureAliases: knowledge.procedureAliases(), locations: knowledge.locationEntries(), cacheDirs: PRODUCTION_MODELS };
};

/** Resolves once `thread` runs a worker other than `than` (restarts are started by the thread itself). */
async function nextWorker(thread: ParseThread, than: unknown): Promise<NonNullable<ParseThread['worker']>> {
  while (!thread.worker || thread.worker === than) await new Promise((r) => setTimeout(r, 1));
  return thread.worker;
}

describe('the understanding in a worker thread (ParseThread)', function () {
  this.timeout(120_000);
  const options = productionOptions();
  const texts = sampleTexts();
  let expected: Understood[];
  let thread: ParseThread | undefined;

  before(() => {
    const inProcess = createUnderstanding(options);
    expected = texts.map(({ text, locale, detect }) => {
      const written = detect ? inProcess.detectLanguage(text) : undefined;
      return { locale: written, parse: inProcess.parser.parse(text, written ?? locale) };
    });
  });
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
  });

  const askAll = (t: ParseThread) => texts.map(({ text, locale, detect }) => t.understand(text, locale, detect));

  it('answers as the in-process parser and language detector do, texts sent at once', async () => {
    assert.ok(texts.length > 300, `${texts.length} texts`);
    thread = new ParseThread(options);
    const facts = await thread.ready();
    assert.deepEqual(facts.samples, createUnderstanding(options).samples);
    assert.deepEqual(await Promise.all(askAll(thread)), expected);
    assert.equal(thread.started, 1);
  });

  it('started without options, loads its code and waits; given them, builds and answers the texts asked for meanwhile', async () => {
    // How a start begins it (src/main.ts): before the content it builds from is read.
    thread = new ParseThread();
    const worker = thread.worker;
    assert.ok(worker, 'the worker runs before it has anything to build from');
    const early = askAll(thread).slice(0, 30);
    await new Promise((r) => setTimeout(r, 300));
    assert.throws(() => thread!.current(), /not built/);
    const facts = await thread.build(options);
    assert.deepEqual(facts.samples, createUnderstanding(options).samples);
    assert.deepEqual(await Promise.all(early), expected.slice(0, 30));
    assert.deepEqual(await Promise.all(askAll(thread)), expected);
    assert.equal(thread.worker, worker);
    assert.equal(thread.started, 1);
    assert.throws(() => thread!.build(options), /already/);
  });

  it('sends the texts a dead worker held to one new worker, which answers them the same', async () => {
    thread = new ParseThread(options);
    await thread.ready();
    const first = thread.worker;
    const asked = askAll(thread).slice(0, 100);
    // The texts are posted at the end of this synchronous stretch; the worker dies with them in its queue.
    await Promise.resolve();
    void first!.terminate();
    assert.deepEqual(await Promise.all(asked), expected.slice(0, 100));
    assert.equal(thread.started, 2);
  });

  it('rejects the texts whose second worker dies too, and starts a third for the next text', async () => {
    thread = new ParseThread(options);
    await thread.ready();
    const first = thread.worker;
    const asked = askAll(thread).slice(0, 20);
    const settled = Promise.allSettled(asked);
    await Promise.resolve();
    void first!.terminate();
    // The successor stops before it has built.
    void (await nextWorker(thread, first)).terminate();
    const outcomes = await settled;
    assert.deepEqual(
      outcomes.map((o) => o.status),
      asked.map(() => 'rejected'),
    );
    assert.equal(thread.started, 2);
    assert.deepEqual(await thread.understand(texts[0].text, texts[0].locale, texts[0].detect), expected[0]);
    assert.equal(thread.started, 3);
  });

  it('answers the texts in flight on close(), then stops its worker and refuses later texts', async () => {
    thread = new ParseThread(options);
    await thread.ready();
    const worker = thread.worker!;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const asked = askAll(thread).slice(0, 50);
    const closing = thread.close();
    assert.deepEqual(await Promise.all(asked), expected.slice(0, 50));
    await closing;
    await exited;
    await assert.rejects(thread.understand('xin chào', 'vi', true), /closed/);
    thread = undefined;
  });

  it('gives the texts asked for after a rebuild the new content (an alias added)', async () => {
    thread = new ParseThread(options);
    await thread.ready();
    const alias = 'phiếu xanh lam số chín';
    const before = await thread.parse(`${alias} cần mang gì`, 'vi');
    assert.notEqual(before.entities.find((e) => e.entity === 'procedure')?.value, 'tam-tru');
    const aliases = { ...options.procedureAliases, 'tam-tru': [...(options.procedureAliases?.['tam-tru'] ?? []), alias] };
    const rebuilt = thread.rebuild({ ...options, procedureAliases: aliases });
    const after = await thread.parse(`${alias} cần mang gì`, 'vi');
    await rebuilt;
    assert.equal(after.entities.find((e) => e.entity === 'procedure')?.value, 'tam-tru');
  });

  it('fails ready() naming a bad training file, without starting again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-thread-'));
    try {
      fs.cpSync(INTENTS_DIR, dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'vi', 'greeting.yaml'), '- {text: "xin chào", intent: [unclosed\n');
      thread = new ParseThread({ intentsDir: dir });
      await assert.rejects(thread.ready(), /greeting\.yaml/);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(thread.started, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
