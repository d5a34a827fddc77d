/**
 * The last few lines of each conversation, both ways: what an officer sees of it when a hand-off opens. Kept apart
 * from the conversation's memory (read and written every turn) so a turn only appends to them (docs/performance.md,
 * eighth round); read only when a hand-off opens, a citizen's data is exported or erased, and by the age sweep.
 */
import type { ChannelUser } from './conversation-records';
import type { AgedRecords, PersonalDataHolder } from './personal-data';

/** One line of a conversation, as the transcript of a hand-off opened later starts from it. */
export interface RecentLine {
  at: Date;
  from: 'citizen' | 'bot';
  text: string;
}

/**
 * How many lines each conversation keeps: the newest, older ones drop out as new ones come (so an officer sees what led
 * to a request, not a log). A property of the storage (SQLite keeps them in this many slots per conversation).
 */
export const RECENT_LINE_WINDOW = 8;

/** A turn's lines for its conversation, appended in order (only the newest RECENT_LINE_WINDOW of it are kept). */
export interface RecentLinesAppend {
  user: ChannelUser;
  lines: readonly RecentLine[];
}

/**
 * A conversation is known by `(channel, userId)`. Its lines age together, by the newest one: they all go once the
 * conversation has added none since the cutoff (as they went with the conversation's memory before).
 */
export interface RecentLineStore extends PersonalDataHolder, AgedRecords {
  /** The newest `limit` lines of the conversation, oldest first. */
  recent(user: ChannelUser, limit: number): Promise<RecentLine[]>;
  /** Appends the lines, in order; the conversation keeps its newest RECENT_LINE_WINDOW. */
  append(input: RecentLinesAppend): Promise<void>;
}
