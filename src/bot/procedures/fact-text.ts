import type { TFunction } from 'i18next';
import type { Fact } from '../../knowledge';

/**
 * How sure we are of a fact, in words: nothing for current facts, a caution for [CHECK]/[CONFLICT]/[UNVERIFIED]
 * ones (with the fact's note), and for a missing fact an honest "not known" with where to check.
 */
export function factCaution(t: TFunction, fact: Fact<unknown>, officialUrl: string): string[] {
  if (fact.status === 'current') return [];
  if (fact.status === 'missing') return [t('procedure:status.missing'), t('procedure:checkAt', { url: fact.checkAt })];
  const lines = [t(`procedure:status.${fact.status}`)];
  if (fact.note) lines.push(fact.note);
  lines.push(t('procedure:checkAt', { url: officialUrl }));
  return lines;
}
