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
  const bound = new Map(locales.map((l) => [l, instance.getFixedT(l)] as const));
  return {
    forLocale: (locale) => bound.get(locale) ?? bound.get(defaultLocale)!,
    namespaces: [...namespaces],
  };
}
