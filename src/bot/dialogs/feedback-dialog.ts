import type { PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, TextPrompt, WaterfallDialog } from './dialog-library';
import type { FeedbackRepository } from '../../store/ports';
import { payload, replyToActivity } from '../reply';
import { turnOf } from '../turn';

export const FEEDBACK_DIALOG = 'feedback';
const TEXT_PROMPT = 'feedback-text';
const STEPS = 'feedback-steps';
/** Fewer words than this cannot describe a problem; a first message this long already is the feedback. */
const MIN_WORDS = 4;
const SELF_CONTAINED_WORDS = 15;
const MAX_CHARS = 2000;

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** Phản ánh, kiến nghị: collects the text (unless the first message already holds it), records it, gives a reference number. */
export class FeedbackDialog extends ComponentDialog {
  constructor(private readonly feedback: FeedbackRepository) {
    super(FEEDBACK_DIALOG);
    this.addDialog(new TextPrompt(TEXT_PROMPT, (p) => this.validate(p)));
    this.addDialog(new WaterfallDialog(STEPS, [(s) => this.askText(s), (s) => this.record(s)]));
    this.initialDialogId = STEPS;
  }

  private async askText(step: WaterfallStepContext) {
    const first = (step.options as { text?: string } | undefined)?.text ?? '';
    if (wordCount(first) >= SELF_CONTAINED_WORDS) return step.next(first);
    const { t } = turnOf(step.context);
    const cancel = [{ title: t('feedback.cancel'), payload: payload('help') }];
    return step.prompt(TEXT_PROMPT, {
      prompt: replyToActivity({ text: t('feedback.ask'), buttons: cancel }),
      retryPrompt: replyToActivity({ text: t('feedback.tooShort'), buttons: cancel }),
    });
  }

  private async validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return prompt.recognized.succeeded && wordCount(prompt.recognized.value ?? '') >= MIN_WORDS;
  }

  private async record(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const saved = await this.feedback.add({
      channel: turn.channel,
      userId: turn.userId,
      text: String(step.result).slice(0, MAX_CHARS),
    });
    await turn.say({ text: turn.t('feedback.recorded', { reference: saved.reference }) });
    return step.endDialog(saved.reference);
  }
}
