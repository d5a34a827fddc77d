/** Things a conversation leaves for staff: feedback, hand-off requests, questions the bot could not answer. */

export interface ChannelUser {
  channel: string;
  userId: string;
}

export interface FeedbackRecord extends ChannelUser {
  reference: string;
  text: string;
  createdAt: Date;
}

export interface HandoffRecord extends ChannelUser {
  id: string;
  reason: string;
  lastMessage: string;
  status: 'open' | 'closed';
  createdAt: Date;
}

export interface UnansweredRecord extends ChannelUser {
  text: string;
  intent: string;
  confidence: number;
  createdAt: Date;
}

export interface FeedbackRepository {
  /** Saves the feedback and answers its reference number (unique, human-readable). */
  add(input: Omit<FeedbackRecord, 'reference' | 'createdAt'>): Promise<FeedbackRecord>;
  list(limit: number): Promise<FeedbackRecord[]>;
}

export interface HandoffRepository {
  /** Opens a hand-off for the user, or answers the one already open. */
  open(input: Omit<HandoffRecord, 'id' | 'status' | 'createdAt'>): Promise<HandoffRecord>;
  findOpen(user: ChannelUser): Promise<HandoffRecord | undefined>;
  close(id: string): Promise<void>;
  listOpen(limit: number): Promise<HandoffRecord[]>;
}

export interface UnansweredLog {
  add(input: Omit<UnansweredRecord, 'createdAt'>): Promise<void>;
  list(limit: number): Promise<UnansweredRecord[]>;
}
