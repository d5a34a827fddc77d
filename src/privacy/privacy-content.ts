/** The web chat's privacy notice and policy, from content/privacy.yaml (vi and en), kept current as editors change it. */
import fs from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../ops/logger';
import { loadYamlFile } from '../util/yaml-file';

const text = z.string().trim().min(1, 'must not be empty');
const Locale = z.strictObject({
  notice: text,
  link: text,
  title: text,
  sections: z.array(z.strictObject({ heading: text, body: text })).min(1, 'must list at least one section'),
});
const Privacy = z.strictObject({
  reviewed: z.union([z.date(), z.string()]).transform((d, ctx) => {
    const day = d instanceof Date ? d.toISOString().slice(0, 10) : d;
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
    ctx.addIssue({ code: 'custom', message: 'must be a date such as 2026-12-05' });
    return z.NEVER;
  }),
  legal_basis: z.array(text).min(1, 'must name the legal basis'),
  vi: Locale,
  en: Locale,
});

export type PrivacyContent = z.output<typeof Privacy>;
export type PrivacyLocale = 'vi' | 'en';

/** The current privacy content; a changed file is read again, a broken edit keeps the last good text (and is logged). */
export interface PrivacySource {
  current(): PrivacyContent;
}

/** Reads `file` now (a bad file stops start-up) and again whenever its modification time changes. */
export function createPrivacySource(file: string, logger: Logger): PrivacySource {
  let content = loadYamlFile(file, Privacy);
  let stamp = fs.statSync(file).mtimeMs;
  return {
    current() {
      let now: number;
      try {
        now = fs.statSync(file).mtimeMs;
      } catch {
        return content; // a file being replaced by an editor's save: the last good text stands
      }
      if (now !== stamp) {
        stamp = now;
        try {
          content = loadYamlFile(file, Privacy);
        } catch (err) {
          logger.warn({ err }, 'privacy content refused; previous text kept');
        }
      }
      return content;
    },
  };
}
