import type { Handler } from '../handler';
import { payload } from '../reply';
import { menuButton } from './menu';

/** Non-urgent crime reports and scam questions: the official ways to report, and the warnings against fake "police" calls. */
export const reportCrime: Handler = async (turn) => {
  const { t } = turn;
  await turn.say({
    text: `${t('crime.report')}\n\n${t('crime.scam')}`,
    buttons: [
      { title: t('menu.items.office'), payload: payload('office_location') },
      { title: t('menu.items.human'), payload: payload('human_agent') },
      menuButton(t),
    ],
  });
};
