import type { DialogState } from 'botbuilder-dialogs';
import type { Locale } from '../understanding/types';

/** What the assistant remembers of one citizen's conversation between turns (kept in the StateStore). */
export interface ConversationMemory {
  /** The language the citizen chose; Vietnamese until they ask otherwise. */
  locale?: Locale;
  /** The procedure being discussed, so "còn lệ phí thì sao?" keeps it. */
  procedure?: string;
  /** What the citizen told us that picks a variant of a fact (vehicle_type: motorbike), kept for later questions. */
  slots?: Partial<Record<string, string>>;
  /** The office area the citizen last named or shared. */
  location?: string;
  /** botbuilder's dialog stack for multi-turn flows (feedback, dossier lookup). */
  dialogState?: DialogState;
  /** Set while an officer is asked to take over. */
  handoffId?: string;
  lastTurnAt?: string;
}
