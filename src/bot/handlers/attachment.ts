import type { Handler } from '../handler';
import { menuButton } from './menu';

/**
 * A message with attachments and no text. Channels name each attachment's kind in `contentType` (`image`, `sticker`,
 * `audio`, `video`, `file`); the assistant reads none of them, so it asks for the question in words. A sticker alone
 * (Messenger's like button among them) is a nod, answered as one.
 */
export const answerAttachment: Handler = async (turn) => {
  const kinds = (turn.context.activity.attachments ?? []).map((a) => a.contentType);
  const key = kinds.every((kind) => kind === 'sticker') ? 'attachment.sticker' : 'attachment.unsupported';
  await turn.say({ text: turn.t(key), buttons: [menuButton(turn.t)] });
};
