import type { TFunction } from 'i18next';
import type { DossierRecord } from '../../store/ports';
import { formatVietnamDate } from '../format-date';
import { vietnamDay, vietnamMidnight } from '../instant';
import { FINAL_STATUSES, RETURNED_STATUSES, type DossierStatus } from '../statuses';

/** What the status answer needs besides the record. */
export interface StatusView {
  record: DossierRecord;
  procedureName: string;
  now: Date;
}

const isOneOf = (list: readonly DossierStatus[], s: string) => (list as readonly string[]).includes(s);
const daysBetween = (fromDay: string, toDay: string) => Math.round((vietnamMidnight(toDay).getTime() - vietnamMidnight(fromDay).getTime()) / 86_400_000);

/**
 * The verified citizen's answer, one short line per fact so it reads on a phone: which dossier (name masked),
 * the status and what it means, what to do next, the officer's note, the due date, and where to collect.
 */
export function renderStatus(t: TFunction, view: StatusView): string {
  const { record: r, procedureName, now } = view;
  const s = r.status;
  const lines = [
    t('dossier:found', { code: r.code, procedure: procedureName, name: r.applicantMasked }),
    t('dossier:statusLine', { label: t(`dossier:status.${s}.label`), meaning: t(`dossier:status.${s}.meaning`) }),
    t(`dossier:status.${s}.next`),
  ];
  if (r.note) lines.push(t('dossier:note', { note: r.note }));
  const timing = timingLine(t, r, now);
  if (timing) lines.push(timing);
  if (s === 'ready') lines.push(whereLine(t, r));
  else if (r.unit && !isOneOf(FINAL_STATUSES, s)) lines.push(t('dossier:unit', { unit: r.unit }));
  return lines.join('\n');
}

// Early / on time / late are counted in Vietnamese calendar days, the way the appointment slip states the date.
function timingLine(t: TFunction, r: DossierRecord, now: Date): string | undefined {
  const dueDay = vietnamDay(r.dueAt);
  const due = formatVietnamDate(r.dueAt);
  if (isOneOf(RETURNED_STATUSES, r.status) && r.completedAt) {
    const doneDay = vietnamDay(r.completedAt);
    const date = formatVietnamDate(r.completedAt);
    if (doneDay < dueDay) return t('dossier:done.early', { date, due });
    if (doneDay === dueDay) return t('dossier:done.onTime', { date, due });
    return t('dossier:done.late', { date, due });
  }
  if (isOneOf(FINAL_STATUSES, r.status)) return undefined;
  const today = vietnamDay(now);
  if (isOverdue(r, now)) return t('dossier:due.overdue', { date: due, days: daysBetween(dueDay, today) });
  // A result waiting to be collected is not late, whatever the date.
  if (today === dueDay && r.status !== 'ready') return t('dossier:due.today', { date: due });
  return t('dossier:due.upcoming', { date: due });
}

/** True when the result is still owed and its due day has passed (Vietnam calendar). */
export function isOverdue(r: DossierRecord, now: Date): boolean {
  if (isOneOf(FINAL_STATUSES, r.status) || r.status === 'ready') return false;
  return vietnamDay(now) > vietnamDay(r.dueAt);
}

function whereLine(t: TFunction, r: DossierRecord): string {
  if (r.returnMethod === 'post') return t('dossier:where.post');
  if (r.returnMethod === 'online') return t('dossier:where.online');
  return r.unit ? t('dossier:where.collect', { unit: r.unit }) : t('dossier:where.collectUnknownUnit');
}
