import type { Button, Reply } from '../../bot/reply';
import { splitText } from '../split-text';
import type { ZaloCsMessage } from './zalo-client';

/**
 * How buttons are drawn. `numbered`: a numbered list under the text, the number (or the title) then typed back; it
 * always works. `template`: Zalo's text-with-buttons template (`oa.query.hide`), which Zalo's own SDK marks as not
 * supported on the v3 consultation API: switch it on only after a real OA accepted it.
 */
export type ZaloButtonStyle = 'numbered' | 'template';

/** What a batch of replies becomes: the messages in order, and the buttons a typed number or title stands for. */
export interface RenderedReplies {
  messages: ZaloCsMessage[];
  menu: Button[];
}

export interface ZaloRenderOptions {
  style: ZaloButtonStyle;
  /** The line above a numbered list telling the citizen to answer with a number, in their language. */
  menuHint: string;
}

/** Zalo's cap on a consultation text. */
export const ZALO_MAX_TEXT = 2000;
/** Zalo's SDK builds at most this many buttons per template; longer lists are numbered instead. */
const MAX_TEMPLATE_BUTTONS = 5;

/** Draws replies as Zalo consultation messages: long text split under 2000 characters, buttons drawn per `style`. */
export function renderZaloReplies(replies: readonly Reply[], options: ZaloRenderOptions): RenderedReplies {
  const messages: ZaloCsMessage[] = [];
  const menu: Button[] = [];
  for (const reply of replies) {
    const buttons = reply.buttons ?? [];
    if (options.style === 'template' && buttons.length > 0 && buttons.length <= MAX_TEMPLATE_BUTTONS) {
      const parts = splitText(reply.text, ZALO_MAX_TEXT);
      const last: ZaloCsMessage = {
        text: parts.pop() ?? '',
        attachment: { type: 'template', payload: { buttons: buttons.map((b) => ({ title: b.title, type: 'oa.query.hide', payload: b.payload })) } },
      };
      messages.push(...parts.map((text) => ({ text })), last);
    } else {
      const list = buttons.map((b, i) => `${menu.length + i + 1}. ${b.title}`).join('\n');
      // The hint heads the list, so the choices stand apart from numbered steps in the text above.
      const text = buttons.length ? [reply.text, `${options.menuHint}\n${list}`].filter(Boolean).join('\n\n') : reply.text;
      messages.push(...splitText(text, ZALO_MAX_TEXT).map((part) => ({ text: part })));
    }
    menu.push(...buttons);
  }
  return { messages, menu };
}
