import type { HandoffRecord } from '../store/ports';
import type { ConversationLine } from './conversation-lines';
import type { Turn } from './turn';

/**
 * What the bot asks of the human hand-off, the same way on every channel: whether an officer holds this conversation
 * (then the bot stays quiet, except for emergencies), and what was said while a hand-off is open.
 */
export interface OfficerPresence {
  /**
   * Called before the bot answers a message, with the open hand-off read at the start of the turn (`TurnReader`): true
   * while an officer holds the conversation.
   */
  holds(turn: Turn, open: HandoffRecord | undefined): boolean;
  /**
   * Called after every turn with the lines it added (the citizen's message, then the bot's replies); answers a promise
   * only when it has something to wait for (the lines written to an open hand-off).
   */
  heard(turn: Turn, lines: readonly ConversationLine[]): Promise<void> | undefined;
}

/**
 * What a channel puts in an inbound activity's `channelData` when the platform says a person holds the conversation in
 * the platform's own tool (Messenger: a `standby` event, the Page Inbox owns the thread): the bot answers only emergencies.
 */
export const HELD_ON_PLATFORM = { heldOnPlatform: true } as const;

/** Whether the channel marked this activity with HELD_ON_PLATFORM. */
export function heldOnPlatform(activity: { channelData?: unknown }): boolean {
  return (activity.channelData as Partial<typeof HELD_ON_PLATFORM> | undefined)?.heldOnPlatform === true;
}
