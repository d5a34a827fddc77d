import type { TFunction } from 'i18next';
import { FIELD_IDS } from '../../knowledge/taxonomy';
import type { Handler } from '../handler';
import { payload, type Button, type Reply } from '../reply';

/** One button per field (lĩnh vực), in taxonomy order, each listing that field's procedures. */
export function fieldButtons(t: TFunction): Button[] {
  return FIELD_IDS.map((field) => ({ title: t(`menu.items.${field}`), payload: payload('procedure_list', { field }) }));
}

/** The main menu as buttons: the six fields, then dossier lookup, offices, and a human officer. */
export function mainMenu(t: TFunction): Reply {
  const buttons: Button[] = [
    ...fieldButtons(t),
    { title: t('menu.items.dossier'), payload: payload('dossier_status') },
    { title: t('menu.items.office'), payload: payload('office_location') },
    { title: t('menu.items.human'), payload: payload('human_agent') },
  ];
  return { text: t('menu.prompt'), buttons };
}

/** A single "Menu" button, appended to answers so the citizen can always go back. */
export function menuButton(t: TFunction): Button {
  return { title: t('menu.button'), payload: payload('help') };
}

/** Greeting: who we are, then the menu. */
export const greet: Handler = async (turn) => {
  await turn.say({ text: turn.t('greeting') }, mainMenu(turn.t));
};

/** A message with no words ("", "?", "...", an emoji): a short prompt and the menu, never "out of scope". */
export const promptMenu: Handler = async (turn) => {
  await turn.say({ ...mainMenu(turn.t), text: turn.t('menu.empty') });
};

/** "menu", "bắt đầu lại", help: the menu again (any dialog was already cancelled by the bot). */
export const showMenu: Handler = async (turn) => {
  await turn.say(mainMenu(turn.t));
};
