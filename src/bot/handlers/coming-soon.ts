import type { Handler } from '../handler';
import { mainMenu } from './menu';

/** An honest "being updated" for a capability not built yet, with the menu so nothing is a dead end. */
export function comingSoon(key: string): Handler {
  return async (turn) => {
    await turn.say({ text: turn.t(key), buttons: mainMenu(turn.t).buttons });
  };
}
