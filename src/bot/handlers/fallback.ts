import type { Handler } from '../handler';
import { mainMenu } from './menu';
import { findOtherAgency, type OtherAgencies } from './other-agencies';

/**
 * Out of scope or not understood: never guess a procedure. Point to the right agency when the topic is
 * recognisably someone else's, otherwise ask with the menu.
 */
export function createFallbackHandler(agencies: OtherAgencies): Handler {
  return async (turn) => {
    const { t } = turn;
    const text = turn.text.trim();
    const other = findOtherAgency(agencies, text, turn.locale);
    const lead = other
      ? t('fallback.otherAgency', other)
      : turn.intent === 'out_of_scope'
        ? t('fallback.outOfScope')
        : t('fallback.unclear');
    const menu = mainMenu(t);
    await turn.say({ text: lead, buttons: menu.buttons });
  };
}
