import type { TFunction } from 'i18next';
import { longestMention, PITFALLS_ON_CARD, type Fact, type LocalText, type Procedure } from '../../knowledge';
import type { Locale } from '../../understanding/types';
import { ContentReader, factCaution, inlineFact } from './fact-text';
import { drawnAnswers } from '../drawn-answers';
import type { Facet } from './facets';
import { amountsFor, type Slots } from './fee-variants';

/** What the answer knows about the question beyond the procedure: the variant slots and the citizen's words. */
export interface AnswerContext {
  slots?: Slots;
  /** The citizen's message; an outdated claim is corrected only when the message repeats it. */
  message?: string;
}

/** What one facet of a procedure says: the fact whose certainty must be stated, and the body lines. */
interface FacetBody {
  fact: Fact<unknown>;
  lines: (value: never) => string[];
  /** Lines before the main fact (who must do it; the fine before the fee). */
  lead?: string[];
  /** Lines after it, shown even when it is missing (result, pitfalls, legal basis). */
  tail?: string[];
}

/** An outdated belief is corrected when the citizen's message repeats it ("nộp ở Sở Tư pháp"), not on every card. */
export function corrections(t: TFunction, r: ContentReader, p: Procedure, message: string): string[] {
  return p.outdated
    .filter((o) => o.mentions && longestMention(message, o.mentions))
    .map((o) => `• ${t('procedure:outdated', { claim: r.read(o.claim), correction: r.read(o.correction) })}`);
}

/** Facets answered from the procedure file itself; "where" is answered with the offices. */
export type TextFacet = Exclude<Facet, 'where'>;

const numberFormats: Record<Locale, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
const money = (t: TFunction, locale: Locale, vnd: number) => t('procedure:fee.money', { amount: numberFormats[locale].format(vnd) });
/** Legal documents named on the steps card (the law and its main decree); the fee answer names the fee circular. */
const LEGAL_BASIS_SHOWN = 2;

/** The procedure's title in the citizen's language (Vietnamese when no translation was written). */
export function procedureTitle(procedure: Procedure, locale: Locale): string {
  return (locale === 'en' && procedure.title.en) || procedure.title.vi;
}

/** The steps card: who, the steps, then the result, the first pitfalls and the legal basis — each with its caution. */
function infoBody(t: TFunction, r: ContentReader, p: Procedure): FacetBody {
  const lead: string[] = [];
  // Who must do it; when nobody must (a certificate on request), who may.
  if (p.who.status !== 'missing') {
    const { must, may } = p.who.value;
    const who = must ? t('procedure:who', { text: r.read(must) }) : may && t('procedure:whoMay', { text: r.read(may) });
    if (who) lead.push(inlineFact(t, r, who, p.who.status, p.who.note));
  }
  // Shown even when the steps are missing: a pitfall may be what the citizen most needs to know.
  const tail: string[] = [];
  if (p.result && p.result.status !== 'missing')
    tail.push(inlineFact(t, r, t('procedure:result', { text: r.read(p.result.value) }), p.result.status, p.result.note));
  for (const pit of p.pitfalls.slice(0, PITFALLS_ON_CARD))
    tail.push(`• ${inlineFact(t, r, t('procedure:pitfall', { text: r.read(pit.text) }), pit.status, pit.note)}`);
  if (p.legalBasis.status !== 'missing')
    tail.push(inlineFact(t, r, t('procedure:legalBasis', { text: p.legalBasis.value.slice(0, LEGAL_BASIS_SHOWN).join('; ') }), p.legalBasis.status, p.legalBasis.note));
  return { fact: p.steps, lead, lines: (steps: LocalText[]) => steps.map((s, i) => `${i + 1}. ${r.read(s)}`), tail };
}

function feeBody(t: TFunction, r: ContentReader, p: Procedure, slots: Slots): FacetBody {
  const fine = p.fine;
  const lead: string[] = [];
  if (fine) {
    lead.push(...factCaution(t, r, fine, p.sourceUrl, p.sourceUrl));
    if (fine.status !== 'missing')
      lead.push(r.read(fine.value.dependsOn), t('procedure:fine.howToPay'), ...fine.value.howToPay.map((h, i) => `${i + 1}. ${r.read(h)}`));
  }
  type Fee = Extract<Procedure['fee'], { value: unknown }>['value'];
  return {
    fact: p.fee,
    lead,
    lines: (fee: Fee) => [
      ...(fee.free ? [t(fine ? 'procedure:fine.noFee' : 'procedure:fee.free')] : []),
      ...amountsFor(fee, slots).map((a) => {
        const amounts = [
          a.vnd !== undefined && money(t, r.locale, a.vnd),
          a.inPersonVnd !== undefined && t('procedure:fee.inPerson', { amount: money(t, r.locale, a.inPersonVnd) }),
          a.onlineVnd !== undefined && t('procedure:fee.online', { amount: money(t, r.locale, a.onlineVnd) }),
        ]
          .filter(Boolean)
          .join(', ');
        const said = amounts || t('procedure:fee.unknown');
        return `• ${a.case ? t('procedure:fee.line', { case: r.read(a.case), amounts: said }) : said}`;
      }),
      ...(fee.exemptions ? [t('procedure:fee.exemptions', { text: r.read(fee.exemptions) })] : []),
      ...(fee.circular ? [t('procedure:fee.circular', { text: r.read(fee.circular) })] : []),
    ],
  };
}

// Built on demand: building a facet reads its text, and an English answer must only flag the fields it shows.
function bodies(t: TFunction, r: ContentReader, p: Procedure, context: AnswerContext): Record<TextFacet, () => FacetBody> {
  type Doc = { name: LocalText; form?: string; when?: LocalText };
  type Online = { level: string; channels: string[]; url: string; steps: { text: LocalText }[] };
  return {
    info: () => infoBody(t, r, p),
    documents: () => ({
      fact: p.documents,
      lines: (docs: Doc[]) =>
        docs.map((d) => {
          const extra = [d.form && t('procedure:form', { form: d.form }), d.when && t('procedure:when', { when: r.read(d.when) })].filter(Boolean);
          return `• ${r.read(d.name)}${extra.length ? ` (${extra.join('; ')})` : ''}`;
        }),
    }),
    fee: () => feeBody(t, r, p, context.slots ?? {}),
    duration: () => ({ fact: p.processingTime, lines: (text: LocalText) => [r.read(text)] }),
    online: () => ({
      fact: p.online,
      lines: (o: Online) => [
        t(`procedure:online.levels.${o.level}`),
        ...(o.level === 'khong'
          ? []
          : [
              t('procedure:online.via', { channels: o.channels.map((c) => t(`procedure:online.channels.${c}`)).join(', ') }),
              ...o.steps.map((s, i) => `${i + 1}. ${r.read(s.text)}`),
              t('procedure:online.link', { url: o.url }),
            ]),
      ],
    }),
  };
}

/**
 * The text answering one facet: header, how sure it is and what qualifies it (before any figure, so a caution is read
 * first), the body (or "missing"), and when it was reviewed with the official page. In English the
 * answer says it is a reference translation, and where a field has no English yet, that it is shown in Vietnamese.
 */
export function describeFacet(t: TFunction, locale: Locale, procedure: Procedure, facet: TextFacet, context: AnswerContext = {}): string {
  return describeFacets(t, locale, procedure, [facet], context);
}

/**
 * Several facets in one answer ("ở đâu, mang gì, mất bao lâu"): the first under the usual header, each other under a
 * short heading of its own, then the translation notes, corrections and review footer once.
 */
export function describeFacets(t: TFunction, locale: Locale, procedure: Procedure, facets: readonly TextFacet[], context: AnswerContext = {}): string {
  // A correction depends on the citizen's words: an answer that carries one is drawn for that message alone.
  if (procedure.outdated.some((o) => o.mentions && longestMention(context.message ?? '', o.mentions))) return drawFacets(t, locale, procedure, facets, context);
  // Only the fee reads the slots (the fee's variants); the other facets are the same whatever the citizen told.
  const key = `${locale}|${facets.join(',')}|${facets.includes('fee') ? JSON.stringify(context.slots ?? {}) : ''}`;
  return drawnFacets(t, procedure, key, () => drawFacets(t, locale, procedure, facets, context));
}

/** Facet answers already drawn, per translate function and procedure; the bound keeps slot values a citizen can steer from growing it. */
const drawnFacets = drawnAnswers<Procedure>(64);

function drawFacets(t: TFunction, locale: Locale, procedure: Procedure, facets: readonly TextFacet[], context: AnswerContext): string {
  const reader = new ContentReader(locale);
  const title = reader.read(procedure.title);
  const sections = facets.map((facet, i) => {
    const body = bodies(t, reader, procedure, context)[facet]();
    const kind = facet === 'fee' && procedure.fine ? 'fine' : facet;
    const lines = [i === 0 ? t(`procedure:headers.${kind}`, { title }) : `\n${t(`procedure:sections.${kind}`)}`];
    lines.push(...(body.lead ?? []), ...factCaution(t, reader, body.fact, procedure.sourceUrl, procedure.sourceUrl));
    if (body.fact.status !== 'missing') lines.push(...body.lines(body.fact.value as never));
    return [...lines, ...(body.tail ?? [])];
  });
  const [header, ...first] = sections[0];
  const rest = [...first, ...sections.slice(1).flat(), ...corrections(t, reader, procedure, context.message ?? '')];
  // Read last: the notes only know whether some text fell back to Vietnamese once every section has been read.
  return [header, ...translationNotes(t, reader), ...rest, reviewFooter(t, procedure)].filter(Boolean).join('\n');
}

/** In English: the reference-translation line, and the Vietnamese-fallback line when some text had no English. */
export function translationNotes(t: TFunction, reader: ContentReader): string[] {
  if (reader.locale === 'vi') return [];
  return [t('procedure:referenceTranslation'), ...(reader.fellBack ? [t('procedure:detailsInVietnamese')] : [])];
}

/** "Thông tin rà soát ngày dd/mm/yyyy. Nguồn: <official page>" — every procedure answer ends with it. */
export function reviewFooter(t: TFunction, procedure: Procedure): string {
  const [y, m, d] = procedure.reviewedAt.split('-');
  return t('procedure:footer', { date: `${d}/${m}/${y}`, url: procedure.sourceUrl });
}
