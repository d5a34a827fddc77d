import type { TFunction } from 'i18next';
import type { Office, OpenState } from '../../knowledge';
import { drawnAnswers } from '../drawn-answers';

const MAX_FORMER_NAMES = 6;

/** One office as a short card: name, former areas, address, phone, hours (each stated as missing when unknown). */
export function describeOffice(t: TFunction, office: Office, extra: { distanceKm?: number; open?: OpenState } = {}): string {
  // A distance is from the citizen's own shared location: that card is drawn for them alone.
  if (extra.distanceKm !== undefined) return drawCard(t, office, extra);
  return drawnCards(t, office, String(extra.open), () => drawCard(t, office, extra));
}

/** Cards already drawn, per translate function and office: one for each open state (open, closed, unknown, not said). */
const drawnCards = drawnAnswers<Office>(4);

function drawCard(t: TFunction, office: Office, extra: { distanceKm?: number; open?: OpenState }): string {
  const lines = [`🏢 ${office.name}`];
  if (extra.distanceKm !== undefined) {
    const km = extra.distanceKm < 10 ? extra.distanceKm.toFixed(1) : Math.round(extra.distanceKm).toString();
    const approx = office.location.status === 'approximate' ? ` (${t('office:approximate')})` : '';
    lines.push(`${t('office:distance', { km })}${approx}`);
  }
  if (office.formerUnits.length) {
    const names = office.formerUnits.slice(0, MAX_FORMER_NAMES).join(', ') + (office.formerUnits.length > MAX_FORMER_NAMES ? '…' : '');
    lines.push(t('office:formerly', { names }));
  }
  for (const key of ['address', 'phone', 'hours'] as const) {
    const fact = office[key];
    if (fact.status === 'missing') lines.push(t(`office:missing.${key}`));
    else {
      const text = typeof fact.value === 'string' ? fact.value : fact.value.text;
      lines.push(`${t(`office:${key}`, { text })}${fact.status === 'current' ? '' : ` ${t('office:needsCheck')}`}`);
    }
  }
  if (extra.open === true) lines.push(t('office:openNow'));
  else if (extra.open === false) lines.push(t('office:closedNow'));
  else if (extra.open === 'unknown') lines.push(t('office:openUnknown'));
  lines.push(t('office:checkAt', { url: office.checkAt }));
  return lines.join('\n');
}
