import type { TFunction } from 'i18next';
import type { Reply } from '../bot/reply';
import type { MessengerMessage } from '../channels/messenger/messenger-client';
import { renderReply } from '../channels/messenger/messenger-renderer';
import type { ZaloCsMessage } from '../channels/zalo/zalo-client';
import { renderZaloReplies, type ZaloButtonStyle } from '../channels/zalo/zalo-renderer';
import type { Announcement } from '../store/ports';
import { announcementReply } from './render';

/** An announcement exactly as each channel draws it: the same renderers the senders use. */
export interface AnnouncementPreview {
  zalo: ZaloCsMessage[];
  messenger: MessengerMessage[];
  web: Reply;
}

export function previewAnnouncement(a: Pick<Announcement, 'title' | 'body'>, t: TFunction, zaloButtons: ZaloButtonStyle): AnnouncementPreview {
  const reply = announcementReply(a, t);
  return {
    zalo: renderZaloReplies([reply], { style: zaloButtons, menuHint: t('zalo:menuHint') }).messages,
    messenger: renderReply(reply),
    web: reply,
  };
}
