import type { TFunction } from 'i18next';
import { menuButton } from '../bot/handlers/menu';
import { payload, type Button, type Reply } from '../bot/reply';
import { formatVietnamDate } from '../dossiers/format-date';
import type { Translator } from '../i18n/translator';
import type { Announcement, ChannelUser, OutboxInput, OutboxMessage } from '../store/ports';
import type { Locale } from '../understanding/types';

/** The outbox kind of an announcement kept for a citizen's next message. */
export const ANNOUNCEMENT_KIND = 'announcement';

/** What an announcement shows: the text, a way to stop receiving them, and the menu. */
export function announcementReply(a: Pick<Announcement, 'title' | 'body'>, t: TFunction, date?: Date): Reply {
  const text = date ? t('announcement:messageDated', { title: a.title, body: a.body, date: formatVietnamDate(date) }) : t('announcement:message', { title: a.title, body: a.body });
  return { text, buttons: announcementButtons(t) };
}

/** The buttons under every announcement, whatever its text. */
export function announcementButtons(t: TFunction): Button[] {
  return [{ title: t('announcement:buttons.unsubscribe'), payload: payload('unsubscribe') }, menuButton(t)];
}

/**
 * The outbox entry of an announcement a citizen could not be sent now; its key is the delivery's idempotency key,
 * so a resumed send queues it once. It carries the text, so it still shows if the announcement is edited later.
 */
export function announcementOutboxEntry(a: Pick<Announcement, 'id' | 'title' | 'body'>, user: ChannelUser & { locale: string }, at: Date): OutboxInput {
  return {
    key: `announcement:${a.id}:${user.channel}:${user.userId}`,
    channel: user.channel,
    userId: user.userId,
    kind: ANNOUNCEMENT_KIND,
    data: { id: a.id, title: a.title, body: a.body, at: at.toISOString(), locale: user.locale },
  };
}

/** Draws a kept announcement in the citizen's language, dated (it may be days old); undefined for other kinds. */
export function createAnnouncementOutboxRender(translator: Translator) {
  return (m: OutboxMessage): Reply | undefined => {
    if (m.kind !== ANNOUNCEMENT_KIND) return undefined;
    const { title, body, at, locale } = m.data as { title?: unknown; body?: unknown; at?: unknown; locale?: unknown };
    if (typeof title !== 'string' || typeof body !== 'string') return undefined;
    const date = typeof at === 'string' ? new Date(at) : m.createdAt;
    return announcementReply({ title, body }, translator.forLocale((locale === 'en' ? 'en' : 'vi') as Locale), date);
  };
}
