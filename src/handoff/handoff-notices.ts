import type { TFunction } from 'i18next';
import { menuButton } from '../bot/handlers/menu';
import type { Reply } from '../bot/reply';
import { defaultLocale, locales, type Translator } from '../i18n/translator';
import type { HandoffRecord } from '../store/ports';
import type { Locale } from '../understanding/types';

/** What the assistant tells a citizen on an officer's behalf, in the language they asked in. */
export interface HandoffNotices {
  /** An officer took the request. */
  claimed(record: HandoffRecord): Reply;
  /** An officer's own words, marked as theirs: the bot and the officer write from the same account. */
  officerSays(record: HandoffRecord, text: string): Reply;
  /** The officer is done: the assistant answers again. */
  closed(record: HandoffRecord): Reply;
}

/** Notices drawn from the `handoff` locale namespace. */
export function createHandoffNotices(translator: Translator): HandoffNotices {
  const t = (record: HandoffRecord): TFunction =>
    translator.forLocale(locales.includes(record.locale as Locale) ? (record.locale as Locale) : defaultLocale);
  return {
    claimed: (record) => ({ text: t(record)('handoff:claimed', { reference: record.id }) }),
    officerSays: (record, text) => ({ text: t(record)('handoff:officerSays', { text }) }),
    closed: (record) => ({ text: t(record)('handoff:closed', { reference: record.id }), buttons: [menuButton(t(record))] }),
  };
}
