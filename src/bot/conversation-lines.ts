import { RECENT_LINE_WINDOW, type RecentLine } from '../store/ports';

/** One message of a conversation, as a hand-off's transcript keeps it. */
export interface ConversationLine {
  /** ISO-8601. */
  at: string;
  from: 'citizen' | 'bot';
  text: string;
}

// The conversation's recent lines (RECENT_LINE_WINDOW of them), so an officer sees what led to a request, live in the
// store's RecentLineStore, apart from the conversation's memory (docs/performance.md, eighth round): a turn appends its
// own (with its memory, `FinishedTurn.lines`), and they are read only when a hand-off opens.
/** Longer lines are cut in the window (a procedure answer); the officer needs the gist, not the whole page. */
const RECENT_LINE_CHARS = 500;

/** A turn's lines as the window keeps them: long ones cut. */
export function windowLines(lines: readonly ConversationLine[]): ConversationLine[] {
  return lines.map((l) => (l.text.length > RECENT_LINE_CHARS ? { ...l, text: `${l.text.slice(0, RECENT_LINE_CHARS)}…` } : l));
}

/**
 * The window as the officer sees it: `stored` (the store's, oldest first) with `legacy` (what an older version kept in
 * the conversation's memory and this turn moves to the store), in time order, the newest RECENT_LINE_WINDOW.
 */
export function mergeWindow(legacy: readonly ConversationLine[] | undefined, stored: readonly RecentLine[]): ConversationLine[] {
  const lines = stored.map(fromRecentLine);
  if (!legacy?.length) return lines.slice(-RECENT_LINE_WINDOW);
  // A stable sort: lines of one turn share their time and keep their order.
  return [...legacy, ...lines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-RECENT_LINE_WINDOW);
}

export function toRecentLine(line: ConversationLine): RecentLine {
  return { at: new Date(line.at), from: line.from, text: line.text };
}

function fromRecentLine(line: RecentLine): ConversationLine {
  return { at: line.at.toISOString(), from: line.from, text: line.text };
}

/** A line as older versions kept it in memory (JSON): anything else there is ignored, not carried into the store. */
function isLine(line: unknown): line is ConversationLine {
  const l = line as Partial<ConversationLine> | null;
  return (
    typeof l === 'object' && l !== null && typeof l.text === 'string' && (l.from === 'citizen' || l.from === 'bot') && typeof l.at === 'string' && !Number.isNaN(Date.parse(l.at))
  );
}

/** The lines an older version kept in the conversation's memory, taken out of it (undefined when there were none). */
export function takeLegacyLines(memory: { recent?: unknown }): ConversationLine[] | undefined {
  if (!('recent' in memory)) return undefined;
  const legacy = Array.isArray(memory.recent) ? memory.recent.filter(isLine).slice(-RECENT_LINE_WINDOW) : [];
  delete memory.recent;
  return legacy;
}
