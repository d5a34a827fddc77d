import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { locales } from '../../src/i18n/translator';

const localesDir = path.join(projectRoot, 'content', 'locales');

/** Every translation as `key → text`, keyed the way code asks for it (`common` keys bare, others as `ns:key`). */
function flatten(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') out.set(key, value);
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, key.endsWith(':') ? `${key}${k}` : `${key}.${k}`);
  };
  for (const file of fs.readdirSync(path.join(localesDir, lang))) {
    const ns = path.basename(file, '.json');
    const data = JSON.parse(fs.readFileSync(path.join(localesDir, lang, file), 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) walk(v, ns === 'common' ? k : `${ns}:${k}`);
  }
  return out;
}

/**
 * The translation keys code uses as button titles (`title: t('…')`), templates such as `menu.items.${field}` as
 * patterns; and every key code uses literally elsewhere, as text (`language.ask` is a sentence, not a label).
 */
function keysInCode(): { titles: { pattern: RegExp; source: string }[]; texts: Set<string> } {
  const titles: { pattern: RegExp; source: string }[] = [];
  const texts = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts')) {
        const code = fs.readFileSync(full, 'utf8');
        for (const m of code.matchAll(/(title:\s*)?(?:turn\.)?\b(?:t|tr)\(\s*(['`])([^'`]+)\2/g)) {
          if (!m[1]) {
            texts.add(m[3]);
            continue;
          }
          const pattern = new RegExp(`^${m[3].split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^()|[\]\\]/g, '\\$&')).join('[^.]+')}$`);
          titles.push({ pattern, source: `${path.relative(projectRoot, full)}: ${m[3]}` });
        }
      }
    }
  };
  visit(path.join(projectRoot, 'src'));
  return { titles, texts };
}

describe('button labels in the locale files', () => {
  const { titles, texts } = keysInCode();

  it('finds the button titles the code uses', () => {
    assert.ok(titles.length >= 10, `only ${titles.length} found`);
  });

  for (const lang of locales) {
    it(`fit the platforms' 20 characters in ${lang}, so no label is ever shortened`, () => {
      const translations = flatten(lang);
      for (const { pattern, source } of titles) {
        const labels = [...translations].filter(([key]) => pattern.test(key) && (pattern.source.includes('[^.]+') ? !texts.has(key) : true));
        assert.ok(labels.length > 0, `no translation for ${source}`);
        for (const [key, label] of labels) assert.ok(label.normalize('NFC').length <= 20, `${lang} ${key}: "${label}" (${source})`);
      }
    });
  }
});
