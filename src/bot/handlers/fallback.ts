import type { Handler } from '../handler';
import type { Turn } from '../turn';
import { mainMenu } from './menu';
import { findOtherAgency, type OtherAgencies } from './other-agencies';

/** What the fallback can still answer from content before it admits it cannot. */
export interface FallbackDeps {
  agencies: OtherAgencies;
  /** A police question that is not a whole procedure (weapons, fireworks…); false when the message names none. */
  answerTopic?: (turn: Turn) => Promise<boolean>;
  /** A notice the message calls for (the merger of a former province it names). */
  notice?: (turn: Turn) => string | undefined;
}

/**
 * Out of scope or not understood: never guess a procedure. Answer a police topic the message names; otherwise
 * point to the right agency when the topic is recognisably someone else's, or ask with the menu.
 */
export function createFallbackHandler(deps: FallbackDeps): Handler {
  return async (turn) => {
    if (await deps.answerTopic?.(turn)) return;
    const { t } = turn;
    const text = turn.text.trim();
    const notice = deps.notice?.(turn);
    const other = findOtherAgency(deps.agencies, text, turn.locale);
    const lead = notice
      ? `${notice}\n${t('fallback.unclear')}`
      : other
        ? t('fallback.otherAgency', other)
        : turn.intent === 'out_of_scope'
          ? t('fallback.outOfScope')
          : t('fallback.unclear');
    const menu = mainMenu(t);
    await turn.say({ text: lead, buttons: menu.buttons });
  };
}
