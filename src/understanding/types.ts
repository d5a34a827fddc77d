/** The only door into language understanding: Rasa-compatible parse results. */

/** Languages the assistant speaks; Vietnamese is the default. */
export type Locale = 'vi' | 'en';

export interface IntentScore {
  name: string;
  confidence: number;
}

export interface ParsedEntity {
  /** A taxonomy entity name (procedure, dossier_code, location) or an internal one carried by a button payload (field, facet...). */
  entity: string;
  value: string;
  /** Offsets into the ORIGINAL text (UTF-16 code units, as JavaScript indexes strings). */
  start: number;
  end: number;
  confidence?: number;
  /** Set when the value was guessed by a learned model (`procedure_model`) rather than read from a lexicon or pattern. */
  extractor?: string;
}

/**
 * Marks a procedure entity that came from the learned model rather than the lexicon (Rasa's `extractor` field). Here,
 * not in parser.ts, so the bot reads it without loading the parser (which runs in its own thread, parse-thread.ts).
 */
export const PROCEDURE_MODEL = 'procedure_model';

/** The entity a command typed alone is surfaced by (intents/lexicon/commands.yaml); the bot leaves any flow on it. */
export const COMMAND_ENTITY = 'command';

export interface ParseResult {
  text: string;
  intent: IntentScore;
  entities: ParsedEntity[];
  intent_ranking: IntentScore[];
  /** Danger graded from the situation (absent for button payloads); intent `emergency` when the grade is `sure`, or
   * `possible` in a short message that asks nothing else the service answers (a sign told: parser.ts signOnly). */
  emergency?: EmergencyJudgement;
}

/** sure: someone is in danger now (emergency card first); possible: one line with the numbers, then the answer; none. */
export type EmergencyGrade = 'sure' | 'possible' | 'none';
/** Who must come first: police 113 (crime, violence), fire 114 (fire, rescue), medical 115 (injury, illness). */
export type EmergencyService = 'police' | 'fire' | 'medical';

/** What a parse says about danger: the grade, who to call first, and whether the message asks for the numbers. */
export interface EmergencyJudgement {
  grade: EmergencyGrade;
  service: EmergencyService;
  /** The message asks for the emergency numbers themselves ("gọi cảnh sát số mấy"): an answer, not an alarm. */
  asksNumbers: boolean;
}

export interface Parser {
  parse(text: string, locale?: Locale): ParseResult;
}

/** A place the parser can recognise as a `location` entity: an office-directory key and every name it goes by (old names too). */
export interface LocationEntry {
  id: string;
  names: string[];
}

export interface ParserOptions {
  /** Folder with training data, lexicons and abbreviation files (the repo's `intents/`). */
  intentsDir: string;
  /** Extra aliases per procedure id from the content files (content editors add these without a programmer). */
  procedureAliases?: Record<string, string[]>;
  /** Places from the office directory. */
  locations?: LocationEntry[];
  /**
   * Where trained models are kept between starts, keyed by everything they are trained from (model-cache.ts): read
   * from each folder in turn, saved in the first. Without it the parser trains every time.
   */
  cacheDirs?: readonly string[];
}
