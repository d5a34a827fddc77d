import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource, type ResourceLanguage, type TFunction } from 'i18next';
import type { Locale } from '../understanding/types';

export const locales: readonly Locale[] = ['vi', 'en'];
export const defaultLocale: Locale = 'vi';

/** Translations of the assistant's own words, loaded from content/locales/<lang>/<namespace>.json. */
export interface Translator {
  /** A translate function bound to one language (falls back to Vietnamese for a missing key). */
  forLocale(locale: Locale): TFunction;
  /** Every namespace found, for validation. */
  readonly namespaces: string[];
}

/** Reads the locale files synchronously; throws naming the file when one is not valid JSON. */
export function loadTranslator(localesDir: string): Translator {
  const resources: Resource = {};
  const namespaces = new Set<string>();
  for (const lang of locales) {
    const language: ResourceLanguage = {};
    resources[lang] = language;
    const dir = path.join(localesDir, lang);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const ns = path.basename(file, '.json');
      const full = path.join(dir, file);
      try {
        language[ns] = JSON.parse(fs.readFileSync(full, 'utf8'));
      } catch (err) {
        throw new Error(`Locale file ${full} is not valid JSON: ${(err as Error).message}`);
      }
      namespaces.add(ns);
    }
  }
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources,
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const bound = new Map(locales.map((l) => [l, boundTo(instance, l)] as const));
  return {
    forLocale: (locale) => bound.get(locale) ?? bound.get(defaultLocale)!,
    namespaces: [...namespaces],
  };
}

// Enough for every key the code asks for without options (menus, buttons, prompts) in both languages, many times over.
const REMEMBERED_KEYS = 2000;

/**
 * `t` bound to one language, as i18next's `getFixedT(locale)`, with two shortcuts:
 * - the answers to plain keys (no options) are remembered: the locale files never change while running, and i18next's
 *   lookup was a tenth of a turn, mostly the same menu titles again (docs/performance.md). The memo stops growing at
 *   REMEMBERED_KEYS so no input can inflate it;
 * - a key with an options object goes to the instance's `t` with the language added, which is what the fixed `t` ends
 *   with, without the copy of every i18next setting it makes first on each call (half the bytes i18next allocated in a
 *   turn). Anything else (a key prefix, a default value, several keys) goes to the fixed `t` itself.
 */
function boundTo(instance: i18n, locale: Locale): TFunction {
  const fixed = instance.getFixedT(locale) as unknown as (...args: unknown[]) => unknown;
  const translate = instance.t.bind(instance) as unknown as (key: string, options: object) => unknown;
  const known = new Map<string, unknown>();
  const t = (key: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== 'string') return fixed(key, ...rest);
    if (rest.length === 0) {
      if (known.has(key)) return known.get(key);
      const value = fixed(key);
      if (known.size < REMEMBERED_KEYS) known.set(key, value);
      return value;
    }
    const [options] = rest;
    if (rest.length === 1 && typeof options === 'object' && options !== null && !('keyPrefix' in options)) {
      return translate(key, { ...options, lng: (options as { lng?: string }).lng || locale });
    }
    return fixed(key, ...rest);
  };
  return t as unknown as TFunction;
}
