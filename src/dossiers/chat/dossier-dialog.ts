import type { PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { ComponentDialog, TextPrompt, WaterfallDialog } from '../../bot/dialogs/dialog-library';
import { menuButton } from '../../bot/handlers/menu';
import { payload, replyToActivity, type Button } from '../../bot/reply';
import { turnOf, type Turn } from '../../bot/turn';
import type { ChannelUser, DossierRecord } from '../../store/ports';
import { looksLikePhoneOrIdNumber, normaliseDossierCode } from '../dossier-code';
import { citizenActor } from '../lookup-audit';
import type { Answerer, Refusal } from '../lookup-guard';
import { last4Matches, typedLast4 } from '../phone';
import { FINAL_STATUSES } from '../statuses';
import type { DossierChatDeps } from './dossier-chat-deps';
import { isOverdue, renderStatus } from './render-status';
import { subscribedButtons } from './subscribed-buttons';

export const DOSSIER_DIALOG = 'dossier-status';
const CODE_PROMPT = 'dossier-code';
const DIGITS_PROMPT = 'dossier-digits';
const STEPS = 'dossier-steps';
/** After this many unusable replies a prompt gives up politely instead of asking forever. */
const MAX_PROMPT_ATTEMPTS = 3;

/** How the dialog starts: with the code already known (from the message or a button), and what to do once verified. */
export interface DossierDialogOptions {
  code?: string;
  subscribe?: boolean;
  /** Set when the dialog asks again after a wrong answer: how many tries are left. */
  triesLeft?: number;
}

/** What the waterfall keeps between its steps. */
interface StepValues {
  code: string;
  /** When the digits were asked (ms): an answer after `questionSeconds` is not compared. */
  askedAt: number;
}

const userOf = (turn: Turn): ChannelUser => ({ channel: turn.channel, userId: turn.userId });
const answererOf = (turn: Turn): Answerer => ({ user: userOf(turn), ...(turn.clientAddress ? { address: turn.clientAddress } : {}) });
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Tra cứu hồ sơ: code (asked unless given) → the last 4 phone digits → the status.
 * Until the digits match, a known code and an unknown one get exactly the same questions and the same refusal,
 * so the dialog never tells whether a code exists.
 */
export class DossierDialog extends ComponentDialog {
  constructor(private readonly deps: DossierChatDeps) {
    super(DOSSIER_DIALOG);
    this.addDialog(new TextPrompt(CODE_PROMPT, (p) => this.validateCode(p)));
    this.addDialog(new TextPrompt(DIGITS_PROMPT, (p) => this.validateDigits(p)));
    this.addDialog(new WaterfallDialog(STEPS, [(s) => this.askCode(s), (s) => this.askDigits(s), (s) => this.answer(s)]));
    this.initialDialogId = STEPS;
  }

  private async askCode(step: WaterfallStepContext) {
    const given = (step.options as DossierDialogOptions | undefined)?.code;
    if (given) return step.next(given);
    const { t } = turnOf(step.context);
    return step.prompt(CODE_PROMPT, {
      prompt: replyToActivity({ text: t('dossier:askCode'), buttons: [menuButton(t)] }),
      retryPrompt: replyToActivity({ text: t('dossier:codeRetry'), buttons: [menuButton(t)] }),
    });
  }

  private async validateCode(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const turn = turnOf(prompt.context);
    // The parser knows the portals' code shapes inside a sentence; a bare reply is taken as the code itself.
    const found = turn.entity('dossier_code') ?? prompt.recognized.value ?? '';
    const code = normaliseDossierCode(found);
    if (code) {
      prompt.recognized.value = code;
      return true;
    }
    if (prompt.attemptCount >= MAX_PROMPT_ATTEMPTS) {
      prompt.recognized.value = '';
      return true;
    }
    // A phone number typed for the code gets its own hint (the prompt then skips its generic retry text).
    if (looksLikePhoneOrIdNumber(prompt.recognized.value ?? '')) await turn.say({ text: turn.t('dossier:phoneNotCode'), buttons: [menuButton(turn.t)] });
    return false;
  }

  private async askDigits(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const code = String(step.result ?? '');
    if (!code) {
      await turn.say({ text: turn.t('dossier:codeGiveUp'), buttons: [menuButton(turn.t)] });
      return step.endDialog();
    }
    const values = step.values as StepValues;
    values.code = code;
    values.askedAt = this.deps.now().getTime();
    const user = userOf(turn);
    const triesLeft = (step.options as DossierDialogOptions | undefined)?.triesLeft;
    if (triesLeft !== undefined) {
      // Asked again right after a wrong answer, which already told whether the budgets allow another try.
      const text = [turn.t('dossier:notFoundOrMismatch', { code }), turn.t('dossier:triesLeft', { tries: triesLeft })].join('\n');
      return step.prompt(DIGITS_PROMPT, {
        prompt: replyToActivity({ text, buttons: [this.otherCodeButton(turn), menuButton(turn.t)] }),
        retryPrompt: replyToActivity({ text: turn.t('dossier:digitsRetry'), buttons: [menuButton(turn.t)] }),
      });
    }
    const refusal = await this.deps.guard.standing(answererOf(turn), code);
    if (refusal) return this.refuse(step, turn, code, refusal);
    await this.deps.audit(citizenActor(user), 'dossier.lookup', code);
    return step.prompt(DIGITS_PROMPT, {
      prompt: replyToActivity({ text: turn.t('dossier:askDigits', { code }) }),
      retryPrompt: replyToActivity({ text: turn.t('dossier:digitsRetry'), buttons: [menuButton(turn.t)] }),
    });
  }

  private async validateDigits(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const digits = typedLast4(prompt.recognized.value ?? '');
    if (digits) {
      prompt.recognized.value = digits;
      return true;
    }
    if (prompt.attemptCount >= MAX_PROMPT_ATTEMPTS) {
      prompt.recognized.value = '';
      return true;
    }
    return false;
  }

  private async answer(step: WaterfallStepContext) {
    const turn = turnOf(step.context);
    const { code, askedAt } = step.values as StepValues;
    const digits = String(step.result ?? '');
    if (!digits) {
      await turn.say({ text: turn.t('dossier:digitsGiveUp'), buttons: [menuButton(turn.t)] });
      return step.endDialog();
    }
    const options = step.options as DossierDialogOptions | undefined;
    // Written as "not within", so a question saved without its time (before this check existed) counts as expired.
    if (!(this.deps.now().getTime() - askedAt <= this.deps.questionSeconds * 1000)) {
      await turn.say({ text: turn.t('dossier:questionExpired', { code }), buttons: this.retryButtons(turn, code) });
      return step.endDialog();
    }
    const user = userOf(turn);
    const actor = citizenActor(user);
    let record: DossierRecord | undefined;
    const verdict = await this.deps.guard.verify(answererOf(turn), code, async () => {
      record = await this.deps.dossiers.get(code);
      return last4Matches(digits, record?.phoneLast4);
    });
    if (verdict.kind === 'refused') return this.refuse(step, turn, code, verdict);
    if (verdict.kind === 'wrong') {
      await this.deps.audit(actor, 'dossier.verify_failed', code, { triesLeft: verdict.triesLeft, known: record !== undefined });
      if (verdict.triesLeft > 0) return step.replaceDialog(STEPS, { ...options, code, triesLeft: verdict.triesLeft });
      await this.deps.audit(actor, 'dossier.locked', code, { seconds: Math.ceil(verdict.waitSeconds) });
      const text = [turn.t('dossier:notFoundOrMismatch', { code }), turn.t('dossier:waitAfterWrong', { minutes: minutes(verdict.waitSeconds) })].join('\n');
      await turn.say({ text, buttons: this.waitButtons(turn) });
      return step.endDialog();
    }
    await this.deps.audit(actor, 'dossier.verified', code);
    if (options?.subscribe) {
      await this.deps.dossiers.watch(code, { ...user, locale: turn.locale });
      await this.deps.audit(actor, 'dossier.subscribe', code);
      await turn.say({ text: turn.t('dossier:subscribed', { code }), buttons: subscribedButtons(turn.t, code) });
      return step.endDialog();
    }
    const now = this.deps.now();
    const text = renderStatus(turn.t, { record: record!, procedureName: this.deps.procedureName(record!.procedure, turn.locale), now });
    const buttons: Button[] = [];
    if (!(FINAL_STATUSES as readonly string[]).includes(record!.status)) {
      buttons.push({ title: turn.t('dossier:buttons.subscribe'), payload: payload('dossier_status', { dossier_code: code, dossier_action: 'subscribe' }) });
    }
    if (isOverdue(record!, now)) buttons.push({ title: turn.t('dossier:buttons.human'), payload: payload('human_agent') });
    buttons.push(menuButton(turn.t));
    await turn.say({ text, buttons });
    return step.endDialog();
  }

  /** Says why the lookup cannot go on now (the same for a known and an unknown code), and ends it. */
  private async refuse(step: WaterfallStepContext, turn: Turn, code: string, refusal: Refusal) {
    await this.deps.audit(citizenActor(userOf(turn)), 'dossier.lookup_refused', code, { reason: refusal.reason, seconds: Math.ceil(refusal.retryAfterSeconds) });
    const key = refusal.reason === 'sender' ? 'dossier:locked' : 'dossier:tryLater';
    await turn.say({ text: turn.t(key, { minutes: minutes(refusal.retryAfterSeconds) }), buttons: this.waitButtons(turn) });
    return step.endDialog();
  }

  private retryButtons(turn: Turn, code: string): Button[] {
    return [{ title: turn.t('dossier:buttons.retry'), payload: payload('dossier_status', { dossier_code: code }) }, this.otherCodeButton(turn), menuButton(turn.t)];
  }

  private otherCodeButton(turn: Turn): Button {
    return { title: turn.t('dossier:buttons.otherCode'), payload: payload('dossier_status') };
  }

  /** While lookups wait: an officer, or the menu. */
  private waitButtons(turn: Turn): Button[] {
    return [{ title: turn.t('dossier:buttons.human'), payload: payload('human_agent') }, menuButton(turn.t)];
  }
}
