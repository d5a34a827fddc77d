import type { TFunction } from 'i18next';
import { enText, viText, type Fact, type KnownStatus, type LocalText } from '../../knowledge';
import type { Locale } from '../../understanding/types';

/**
 * Reads content text in the citizen's language. English answers use the editors' reference translation and fall
 * back to the Vietnamese where there is none; `fellBack` tells the answer to say so.
 */
export class ContentReader {
  fellBack = false;

  constructor(readonly locale: Locale) {}

  read(text: LocalText): string {
    if (this.locale === 'vi') return viText(text);
    const en = enText(text);
    if (en !== undefined) return en;
    this.fellBack = true;
    return viText(text);
  }
}

/**
 * How sure we are of a fact, in words, before its figures: a current fact's qualifying note ("một phần với người dưới
 * 14 tuổi"), a caution for [CHECK]/[CONFLICT]/[UNVERIFIED] ones with the fact's note, and for a missing fact an honest
 * "not known" with where to check. The official page is named unless `linkedElsewhere` already shows it.
 */
export function factCaution(t: TFunction, reader: ContentReader, fact: Fact<unknown>, officialUrl: string, linkedElsewhere?: string): string[] {
  if (fact.status === 'current') return fact.note ? [t('procedure:note', { text: reader.read(fact.note) })] : [];
  const url = fact.status === 'missing' ? fact.checkAt : officialUrl;
  const lines = [t(`procedure:status.${fact.status}`)];
  if (fact.note) lines.push(reader.read(fact.note));
  if (url !== linkedElsewhere) lines.push(t('procedure:checkAt', { url }));
  return lines;
}

/**
 * A fact shown inside another answer (who must do it, the result, a pitfall, the legal basis): the line itself with
 * a short caution mark when its status needs one, and its note in brackets, so no fact loses its caution anywhere.
 */
export function inlineFact(t: TFunction, reader: ContentReader, line: string, status: KnownStatus, note?: LocalText): string {
  const mark = status === 'current' ? '' : ` ${t(`procedure:inline.${status}`)}`;
  const said = note ? ` (${reader.read(note)})` : '';
  return `${line}${mark}${said}`;
}
