import type { TFunction } from 'i18next';
import { PROCEDURE_FACET_OF_INTENT } from '../../understanding/taxonomy-names';
import { payload, type Button } from '../reply';

/** The questions a citizen asks about a procedure; each answers with one part of the content file. */
export const facets = ['documents', 'fee', 'duration', 'online', 'where', 'info'] as const;
export type Facet = (typeof facets)[number];

/** Which facet each understanding intent asks for. "Where" is an office question about the procedure. */
export const facetOfIntent: Readonly<Record<string, Facet>> = PROCEDURE_FACET_OF_INTENT;

const intentOfFacet = Object.fromEntries(Object.entries(facetOfIntent).map(([intent, facet]) => [facet, intent])) as Record<Facet, string>;

/**
 * Buttons for the facets of the same procedure not answered yet (`except`), so the next tap stays on it. The other things the message also
 * asked (the parser's `facet` entities: "ở đâu, mang gì, hết bao nhiêu") come first, in the order they were asked.
 */
export function facetButtons(t: TFunction, procedure: string, except: readonly Facet[] = [], asked: readonly string[] = []): Button[] {
  const first = facets.filter((f) => asked.includes(f)).sort((a, b) => asked.indexOf(a) - asked.indexOf(b));
  return [...first, ...facets.filter((f) => !first.includes(f))]
    .filter((f) => !except.includes(f))
    .map((f) => ({ title: t(`procedure:facets.${f}`), payload: payload(intentOfFacet[f], { procedure }) }));
}

export function isFacet(value: string): value is Facet {
  return (facets as readonly string[]).includes(value);
}
