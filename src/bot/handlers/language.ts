import { locales } from '../../i18n/translator';
import type { Locale } from '../../understanding/types';
import type { Handler } from '../handler';
import { payload } from '../reply';
import { mainMenu } from './menu';

/** Switches the remembered language when the choice is known (button payload), otherwise asks with two buttons. */
export const changeLanguage: Handler = async (turn) => {
  const wanted = turn.entity('language');
  if (wanted && (locales as readonly string[]).includes(wanted)) {
    turn.memory.locale = wanted as Locale;
    await turn.say({ text: turn.t('language.changed') }, mainMenu(turn.t));
    return;
  }
  await turn.say({
    text: turn.t('language.ask'),
    buttons: locales.map((l) => ({ title: turn.t(`language.${l}`), payload: payload('change_language', { language: l }) })),
  });
};
