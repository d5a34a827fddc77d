import { FEEDBACK_DIALOG } from '../dialogs/feedback-dialog';
import type { Handler } from '../handler';

/** Starts the feedback dialog, passing the first message in case it already holds the whole complaint. */
export const startFeedback: Handler = async (turn) => {
  await turn.dialogs.beginDialog(FEEDBACK_DIALOG, { text: turn.text.startsWith('/') ? '' : turn.text });
};
