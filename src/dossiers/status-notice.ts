import type { TFunction } from 'i18next';
import { payload, type Reply } from '../bot/reply';
import type { Locale } from '../understanding/types';
import type { ChannelUser, DossierRecord, DossierRepository, OutboxMessage, OutboxRepository } from '../store/ports';
import { formatVietnamDate } from './format-date';
import { isDossierStatus } from './statuses';

/** The outbox kind of a dossier status change. */
export const STATUS_NOTICE_KIND = 'dossier_status';

/** What a status notice carries; rendered at delivery time in the watcher's language. */
export interface StatusNoticeData {
  code: string;
  status: string;
  at: string;
  locale: string;
}

/**
 * Queues one notice per watcher for the record's current status. The key names the change (code, status, time) and
 * the watcher, so reporting the same change again — a retried push, a re-imported file — queues nothing new.
 * Answers the watchers a notice was queued for.
 */
export async function enqueueStatusNotices(record: DossierRecord, dossiers: DossierRepository, outbox: OutboxRepository): Promise<ChannelUser[]> {
  const at = record.statusChangedAt.toISOString();
  const queued: ChannelUser[] = [];
  for (const w of await dossiers.watchers(record.code)) {
    const data: StatusNoticeData = { code: record.code, status: record.status, at, locale: w.locale };
    const key = `${STATUS_NOTICE_KIND}:${record.code}:${record.status}:${at}:${w.channel}:${w.userId}`;
    if (await outbox.enqueue({ key, channel: w.channel, userId: w.userId, kind: STATUS_NOTICE_KIND, data: { ...data } })) {
      queued.push({ channel: w.channel, userId: w.userId });
    }
  }
  return queued;
}

/** Renders a status notice: code, new status and what to do next; never the applicant's name or phone. */
export function renderStatusNotice(message: OutboxMessage, t: (locale: Locale) => TFunction): Reply | undefined {
  const data = message.data as Partial<StatusNoticeData>;
  if (typeof data.code !== 'string' || typeof data.status !== 'string' || !isDossierStatus(data.status)) return undefined;
  const tr = t(data.locale === 'en' ? 'en' : 'vi');
  const at = typeof data.at === 'string' ? new Date(data.at) : message.createdAt;
  const lines = [
    tr('dossier:notice.changed', { code: data.code, status: tr(`dossier:status.${data.status}.label`), date: formatVietnamDate(at) }),
    tr(`dossier:status.${data.status}.next`),
  ];
  // "See details" asks for the 4 digits again: whoever holds the conversation later must prove it too.
  return { text: lines.join('\n'), buttons: [{ title: tr('dossier:buttons.details'), payload: payload('dossier_status', { dossier_code: data.code }) }] };
}
