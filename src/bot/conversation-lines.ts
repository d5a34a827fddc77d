import type { ConversationMemory } from './memory';

/** One message of a conversation, as a hand-off's transcript keeps it. */
export interface ConversationLine {
  /** ISO-8601: lines live in conversation memory, which is JSON. */
  at: string;
  from: 'citizen' | 'bot';
  text: string;
}

/**
 * How many recent lines conversation memory keeps, so an officer sees what led to a request. A short rolling window,
 * not a log: older lines drop out as new ones come, and the whole memory expires with the conversation.
 */
export const RECENT_LINES = 8;
/** Longer lines are cut in memory (a procedure answer); the officer needs the gist, not the whole page. */
const RECENT_LINE_CHARS = 500;

/** Adds a turn's lines to the conversation's rolling window. */
export function rememberLines(memory: ConversationMemory, lines: readonly ConversationLine[]): void {
  if (lines.length === 0) return;
  const cut = lines.map((l) => (l.text.length > RECENT_LINE_CHARS ? { ...l, text: `${l.text.slice(0, RECENT_LINE_CHARS)}…` } : l));
  memory.recent = [...(memory.recent ?? []), ...cut].slice(-RECENT_LINES);
}
