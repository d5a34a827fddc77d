import type { ConversationLine } from './conversation-lines';
import type { Turn } from './turn';

/**
 * What the bot asks of the human hand-off, the same way on every channel: whether an officer holds this conversation
 * (then the bot stays quiet, except for emergencies), and what was said while a hand-off is open.
 */
export interface OfficerPresence {
  /** Called before the bot answers a message: true while an officer holds the conversation. */
  holds(turn: Turn): Promise<boolean>;
  /** Called after every turn with the lines it added (the citizen's message, then the bot's replies). */
  heard(turn: Turn, lines: readonly ConversationLine[]): Promise<void>;
}
