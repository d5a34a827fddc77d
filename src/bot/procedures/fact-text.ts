import type { TFunction } from 'i18next';
import type { Fact } from '../../knowledge';

/**
 * How sure we are of a fact, in words: nothing for current facts, a caution for [CHECK]/[CONFLICT]/[UNVERIFIED]
 * ones (with the fact's note), and for a missing fact an honest "not known" with where to check.
 * The official page is named only when `linkedElsewhere` does not already show it (the answer's footer does).
 */
export function factCaution(t: TFunction, fact: Fact<unknown>, officialUrl: string, linkedElsewhere?: string): string[] {
  if (fact.status === 'current') return [];
  const url = fact.status === 'missing' ? fact.checkAt : officialUrl;
  const lines = [t(`procedure:status.${fact.status}`)];
  if (fact.note) lines.push(fact.note);
  if (url !== linkedElsewhere) lines.push(t('procedure:checkAt', { url }));
  return lines;
}
