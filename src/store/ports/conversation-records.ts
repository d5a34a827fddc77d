/** Things a conversation leaves for staff: feedback, hand-off requests, questions the bot could not answer. */
import type { AgedRecords, PersonalDataHolder } from './personal-data';

export interface ChannelUser {
  channel: string;
  userId: string;
}

export interface FeedbackRecord extends ChannelUser {
  reference: string;
  text: string;
  createdAt: Date;
}

/** Where a hand-off stands: asked for, an officer is on it, or done (the bot answers again). */
export type HandoffStatus = 'waiting' | 'engaged' | 'closed';

/** Who wrote a line of a hand-off's transcript. */
export type HandoffSpeaker = 'citizen' | 'bot' | 'officer';

/** One line of a hand-off's transcript. */
export interface HandoffMessage {
  at: Date;
  from: HandoffSpeaker;
  text: string;
  /** Officer lines written in the staff console: the officer's username (absent when written in the platform's own tool). */
  officer?: string;
  /** Officer lines that did not reach the citizen: why (a send failure such as `window_closed`). */
  failure?: string;
}

/** A citizen's request to talk to an officer, from the request until an officer (or the platform's inbox) closes it. */
export interface HandoffRecord extends ChannelUser {
  /** The short reference the citizen is told and staff type, e.g. `HT-20260412-0007`; also the record's key. */
  id: string;
  /** The citizen's language when they asked, for the notices the assistant sends them on the officer's behalf. */
  locale: string;
  reason: string;
  status: HandoffStatus;
  createdAt: Date;
  /** The newest transcript line's text, for lists. */
  lastMessage: string;
  citizenWroteAt?: Date;
  officerWroteAt?: Date;
  /** The staff username who took the conversation in the console. */
  claimedBy?: string;
  claimedAt?: Date;
  closedAt?: Date;
}

/** What a new hand-off starts from. */
export interface HandoffOpenInput extends ChannelUser {
  locale: string;
  reason: string;
  /** The conversation's last lines before the request, oldest first. */
  transcript: readonly HandoffMessage[];
}

export interface UnansweredRecord extends ChannelUser {
  text: string;
  intent: string;
  confidence: number;
  createdAt: Date;
}

/** Feedback ages by `createdAt`. */
export interface FeedbackRepository extends PersonalDataHolder, AgedRecords {
  /** Saves the feedback and answers its reference number (unique, human-readable). */
  add(input: Omit<FeedbackRecord, 'reference' | 'createdAt'>): Promise<FeedbackRecord>;
  list(limit: number): Promise<FeedbackRecord[]>;
}

/** Exports and erases hand-offs with their transcripts; only closed ones age (by `closedAt`), with their lines. */
export interface HandoffRepository extends PersonalDataHolder, AgedRecords {
  /**
   * Opens a waiting hand-off with the next reference of the Vietnamese day, or answers the user's hand-off that is
   * already open (waiting or engaged; its transcript is left as it is). At most one is open per user.
   */
  open(input: HandoffOpenInput): Promise<{ record: HandoffRecord; created: boolean }>;
  findOpen(user: ChannelUser): Promise<HandoffRecord | undefined>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** The newest `limit` lines of the transcript, oldest first. */
  transcript(id: string, limit: number): Promise<HandoffMessage[]>;
  /**
   * Adds lines to the transcript, in order, and keeps the record's summary current (last message, when the citizen
   * and an officer last wrote); an officer line makes a waiting hand-off engaged. Answers false for an unknown id.
   */
  append(id: string, messages: readonly HandoffMessage[]): Promise<boolean>;
  /**
   * `officer` takes an open hand-off (it becomes engaged): answers the updated record, or undefined when it is unknown,
   * closed, or held by another officer and `takeOver` is false.
   */
  claim(id: string, officer: string, at: Date, takeOver: boolean): Promise<HandoffRecord | undefined>;
  /** Closes an open hand-off: answers it as closed by this call, or undefined when it was unknown or already closed. */
  close(id: string, at: Date): Promise<HandoffRecord | undefined>;
  /** Open hand-offs (waiting and engaged), oldest first: the desk's queue. */
  listOpen(limit: number): Promise<HandoffRecord[]>;
}

/** Unanswered questions age by `createdAt`. */
export interface UnansweredLog extends PersonalDataHolder, AgedRecords {
  add(input: Omit<UnansweredRecord, 'createdAt'>): Promise<void>;
  list(limit: number): Promise<UnansweredRecord[]>;
}
