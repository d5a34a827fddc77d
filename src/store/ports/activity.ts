/** What citizens asked, counted per Vietnamese day for the staff charts: never their words, only channel and intent. */
import type { AgedRecords, PersonalDataHolder } from './personal-data';

/** One finished turn of a citizen's question. */
export interface TurnActivity {
  channel: string;
  userId: string;
  intent: string;
  /** False when the assistant fell back to "I did not understand". */
  answered: boolean;
  at: Date;
}

/** One day and channel: distinct citizens who wrote (conversations), their questions, and those not understood. */
export interface DailyActivity {
  /** YYYY-MM-DD, Vietnam time. */
  day: string;
  channel: string;
  conversations: number;
  questions: number;
  unanswered: number;
}

/** How many understood questions had this intent. */
export interface IntentCount {
  intent: string;
  questions: number;
}

/**
 * The per-intent counters are anonymous; the days a citizen wrote (to count conversations) are theirs: exported, erased
 * and aged with the rest of their data, the counters staying.
 */
export interface ActivityLog extends PersonalDataHolder, AgedRecords {
  record(turn: TurnActivity): Promise<void>;
  /** Days `fromDay` to `toDay` included (YYYY-MM-DD, Vietnam), ordered by day then channel; days without turns are absent. */
  daily(fromDay: string, toDay: string): Promise<DailyActivity[]>;
  /** The intents of understood questions in those days, most asked first (intent breaks ties), at most `limit`. */
  topIntents(fromDay: string, toDay: string, limit: number): Promise<IntentCount[]>;
}
