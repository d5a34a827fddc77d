import type { Handler } from '../handler';
import { menuButton } from './menu';

/** "cảm ơn" */
export const thank: Handler = async (turn) => {
  await turn.say({ text: turn.t('thanks'), buttons: [menuButton(turn.t)] });
};

/** "tạm biệt" */
export const sayGoodbye: Handler = async (turn) => {
  await turn.say({ text: turn.t('goodbye') });
};
