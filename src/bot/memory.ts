import type { DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../understanding/types';
import type { ConversationLine } from './conversation-lines';

/** What the assistant remembers of one citizen's conversation between turns (kept in the StateStore). */
export interface ConversationMemory {
  /** The language the citizen chose; Vietnamese until they ask otherwise. */
  locale?: Locale;
  /** The procedure being discussed, so "còn lệ phí thì sao?" keeps it. */
  procedure?: string;
  /** What the citizen told us that picks a variant of a fact (vehicle_type: motorbike), kept for later questions. */
  slots?: Partial<Record<string, string>>;
  /** The question the assistant just asked, for one turn: a typed reply ("xe máy", "ở đâu") answers it. */
  awaiting?: Awaiting;
  /** The office area the citizen last named or shared. */
  location?: string;
  /** botbuilder's dialog stack for multi-turn flows (feedback, dossier lookup). */
  dialogState?: DialogState;
  /**
   * Only in memory written before the recent lines got their own storage (RecentLineStore): the conversation's next
   * turn moves them there and drops them from memory (`takeLegacyLines`). Never written now.
   */
  recent?: ConversationLine[];
  lastTurnAt?: string;
}

/** A question the assistant asked about a procedure: which variant of its fee, or which procedure of a family. */
export interface Awaiting {
  /** The part of the procedure the citizen asked for (a procedure facet). */
  facet: string;
  /** The variant entity asked ("vehicle_type"), for the procedure being discussed. */
  entity?: string;
  /** The family asked about ("xe": which registration?). */
  group?: string;
}
