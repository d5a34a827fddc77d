import type { TFunction } from 'i18next';
import type { Fact, Procedure } from '../../knowledge';
import type { Locale } from '../../understanding/types';
import { factCaution } from './fact-text';
import type { Facet } from './facets';

/** What one facet of a procedure says: the body lines, and the fact whose certainty must be stated. */
interface FacetBody {
  fact: Fact<unknown>;
  lines: (value: never) => string[];
}

const numberFormats: Record<Locale, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
const money = (t: TFunction, locale: Locale, vnd: number) => t('procedure:fee.money', { amount: numberFormats[locale].format(vnd) });

/** The procedure's title in the citizen's language (Vietnamese when no translation was written). */
export function procedureTitle(procedure: Procedure, locale: Locale): string {
  return (locale === 'en' && procedure.title.en) || procedure.title.vi;
}

function bodies(t: TFunction, locale: Locale, p: Procedure): Record<Exclude<Facet, 'where'>, FacetBody> {
  return {
    info: {
      fact: p.steps,
      lines: (steps: string[]) => [
        ...(p.who.status !== 'missing' && p.who.value.must ? [t('procedure:who', { text: p.who.value.must })] : []),
        ...steps.map((s, i) => `${i + 1}. ${s}`),
        ...(p.result && p.result.status !== 'missing' ? [t('procedure:result', { text: p.result.value })] : []),
        ...p.pitfalls.slice(0, 2).map((pit) => `• ${t('procedure:pitfall', { text: pit.text })}`),
        ...p.outdated.slice(0, 1).map((o) => `• ${t('procedure:outdated', o)}`),
      ],
    },
    documents: {
      fact: p.documents,
      lines: (docs: { name: string; form?: string; when?: string }[]) =>
        docs.map((d) => {
          const extra = [d.form && t('procedure:form', { form: d.form }), d.when && t('procedure:when', { when: d.when })].filter(Boolean);
          return `• ${d.name}${extra.length ? ` (${extra.join('; ')})` : ''}`;
        }),
    },
    fee: {
      fact: p.fee,
      lines: (fee: { free: boolean; amounts: { case?: string; inPersonVnd?: number; onlineVnd?: number }[]; exemptions?: string; circular?: string }) => [
        ...(fee.free ? [t('procedure:fee.free')] : []),
        ...fee.amounts.map((a) => {
          const amounts = [
            a.inPersonVnd !== undefined && t('procedure:fee.inPerson', { amount: money(t, locale, a.inPersonVnd) }),
            a.onlineVnd !== undefined && t('procedure:fee.online', { amount: money(t, locale, a.onlineVnd) }),
          ]
            .filter(Boolean)
            .join(', ');
          return `• ${a.case ? t('procedure:fee.line', { case: a.case, amounts }) : amounts}`;
        }),
        ...(fee.exemptions ? [t('procedure:fee.exemptions', { text: fee.exemptions })] : []),
        ...(fee.circular ? [t('procedure:fee.circular', { text: fee.circular })] : []),
      ],
    },
    duration: { fact: p.processingTime, lines: (text: string) => [text] },
    online: {
      fact: p.online,
      lines: (o: { level: string; channels: string[]; url: string; steps: { text: string }[] }) => [
        t(`procedure:online.levels.${o.level}`),
        ...(o.level === 'khong'
          ? []
          : [
              t('procedure:online.via', { channels: o.channels.map((c) => t(`procedure:online.channels.${c}`)).join(', ') }),
              ...o.steps.map((s, i) => `${i + 1}. ${s.text}`),
              t('procedure:online.link', { url: o.url }),
            ]),
      ],
    },
  };
}

/**
 * The text answering one facet: header, how sure it is (before any figure, so a caution is read first),
 * the body (or "missing"), and when it was reviewed with the official page.
 */
export function describeFacet(t: TFunction, locale: Locale, procedure: Procedure, facet: Exclude<Facet, 'where'>): string {
  const body = bodies(t, locale, procedure)[facet];
  const lines = [t(`procedure:headers.${facet}`, { title: procedureTitle(procedure, locale) })];
  if (locale !== 'vi') lines.push(t('procedure:detailsInVietnamese'));
  lines.push(...factCaution(t, body.fact, procedure.sourceUrl, procedure.sourceUrl));
  if (body.fact.status !== 'missing') lines.push(...body.lines(body.fact.value as never));
  lines.push(reviewFooter(t, procedure));
  return lines.filter(Boolean).join('\n');
}

/** "Thông tin rà soát ngày dd/mm/yyyy. Nguồn: <official page>" — every procedure answer ends with it. */
export function reviewFooter(t: TFunction, procedure: Procedure): string {
  const [y, m, d] = procedure.reviewedAt.split('-');
  return t('procedure:footer', { date: `${d}/${m}/${y}`, url: procedure.sourceUrl });
}
