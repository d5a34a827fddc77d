import { SHARE_LOCATION_PAYLOAD, type Button, type Reply } from '../../bot/reply';
import { fitText } from '../outbound/fit-text';
import { splitText } from '../split-text';
import type { MessengerMessage, PostbackButton, QuickReply } from './messenger-client';

/** Meta's limits: text under 2000 characters, 13 quick replies, 20-character titles, 1000-character payloads. */
const MAX_TEXT = 1999;
const MAX_QUICK_REPLIES = 13;
const MAX_TITLE = 20;
const MAX_PAYLOAD = 1000;
/** A button template holds 1 to 3 buttons under a text of at most 640 characters. */
const MAX_TEMPLATE_BUTTONS = 3;
const MAX_TEMPLATE_TEXT = 640;

/** Draws replies as Send API messages, in order. */
export function renderReplies(replies: readonly Reply[]): MessengerMessage[] {
  return replies.flatMap(renderReply);
}

/**
 * One reply as Messenger messages: a long text split at sentence or line ends, the buttons on the last part. Two or
 * three choices become a button template, whose buttons stay tappable in the history; one or many become quick
 * replies, which vanish once the citizen answers.
 */
export function renderReply(reply: Reply): MessengerMessage[] {
  if (!reply.text.trim()) return [];
  const buttons = messengerButtons(reply.buttons ?? []);
  const parts = splitText(reply.text, MAX_TEXT);
  const last = parts.pop()!;
  const messages: MessengerMessage[] = parts.map((text) => ({ text }));
  if (buttons.length >= 2 && buttons.length <= MAX_TEMPLATE_BUTTONS && last.length <= MAX_TEMPLATE_TEXT) {
    const postbacks: PostbackButton[] = buttons.map((b) => ({ type: 'postback', ...b }));
    messages.push({ attachment: { type: 'template', payload: { template_type: 'button', text: last, buttons: postbacks } } });
  } else if (buttons.length > 0) {
    const quickReplies: QuickReply[] = buttons.map((b) => ({ content_type: 'text', ...b }));
    messages.push({ text: last, quick_replies: quickReplies });
  } else {
    messages.push({ text: last });
  }
  return messages;
}

/**
 * The buttons Messenger can show: titles shortened to 20 characters, payloads Meta accepts, no "share location"
 * (Messenger cannot ask for a position). Past 13, the first twelve and the last (the way back to the menu) are kept.
 */
function messengerButtons(buttons: readonly Button[]): Button[] {
  const usable = buttons
    .filter((b) => b.payload !== SHARE_LOCATION_PAYLOAD && b.payload.length > 0 && b.payload.length <= MAX_PAYLOAD)
    .map((b) => ({ title: fitText(b.title, MAX_TITLE), payload: b.payload }))
    .filter((b) => b.title.length > 0);
  return usable.length <= MAX_QUICK_REPLIES ? usable : [...usable.slice(0, MAX_QUICK_REPLIES - 1), usable[usable.length - 1]];
}
