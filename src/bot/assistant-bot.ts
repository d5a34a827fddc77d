import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import type { Dialog, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { DialogContext, DialogSet } from './dialogs/dialog-library';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../ops/logger';
import { RECENT_LINE_WINDOW, type ContactRepository, type HandoffRecord, type RecentLineStore, type TurnActivity, type TurnStore, type UnansweredLog } from '../store/ports';
import { saysNothing } from '../understanding/normalise';
import { COMMAND_ENTITY, type Locale } from '../understanding/types';
import type { Understood } from '../understanding/parse-thread';
import type { Handler, InterruptPolicy } from './handler';
import { loggableText } from './loggable-text';
import { mergeWindow, takeLegacyLines, toRecentLine, windowLines, type ConversationLine } from './conversation-lines';
import type { ConversationMemory } from './memory';
import { heldOnPlatform, type OfficerPresence } from './officer-presence';
import { attachTurn, noteOutbox, Turn } from './turn';
import { isoTime } from '../util/iso-time';

/** A multi-turn dialog and how readily a new question interrupts it. */
export interface DialogEntry {
  dialog: Dialog;
  interrupt: InterruptPolicy;
  /** What the citizen types inside this dialog (verification digits) is never kept as a line for officers to read. */
  confidential?: boolean;
  /** True when the message is the reply the dialog waits for ("đuôi 5678"): it goes to the dialog, whatever else it reads as. */
  answers?: (turn: Turn) => boolean;
}

/** How a turn was answered, for metrics: which path the message took. */
export type TurnPath = 'emergency' | 'dialog' | 'route' | 'context' | 'fallback' | 'welcome' | 'attachment' | 'officer' | 'too_long' | 'ignored' | 'error';

/** What one finished turn reports to observers (metrics); never the citizen's text. */
export interface TurnReport {
  channel: string;
  /** The channel's id of the citizen (the staff charts count each citizen once a day). */
  userId: string;
  intent: string;
  path: TurnPath;
  seconds: number;
  /** Time spent understanding the message (normalise, classify, entities). */
  parseSeconds: number;
  at: Date;
}

export interface AssistantBotOptions {
  /** Where the conversation's recent lines are read (when a hand-off opens); a turn appends its own with `turns`. */
  recentLines: Pick<RecentLineStore, 'recent'>;
  /** Where unclear or unanswerable messages are logged for content editors. */
  unanswered: Pick<UnansweredLog, 'add'>;
  /**
   * A message understood with the current parser (content reloads may replace it between turns): the language it is
   * written in when `detect` and its words tell (the answer follows it), and its parse in that language or `locale`.
   */
  understand: (text: string, locale: Locale, detect: boolean) => Promise<Understood>;
  translator: Translator;
  /** One handler per intent name; intents without one go to `fallback`. */
  routes: Readonly<Record<string, Handler>>;
  /** Low confidence, out of scope, or no route: a polite clarification. */
  fallback: Handler;
  /**
   * When the intent is unclear but the message names a thing (a place, a procedure, a dossier code), the intent
   * that thing implies: a bare "Phan Đình Phùng" after "which ward?" is an office question. Checked in order.
   */
  entityRoutes: ReadonlyArray<readonly [entity: string, intent: string]>;
  /** Intents that change the subject: the procedure being discussed is forgotten, so follow-ups no longer refer to it. */
  subjectChangers?: ReadonlySet<string>;
  /** For an unclear message, a handler that the conversation's context makes clear (e.g. a follow-up facet question). */
  followUp: (turn: Turn) => Handler | undefined;
  /** The handler for a message that replies to the assistant's own last question ("xe máy" to "xe máy hay ô tô?"), if it does. */
  pendingReply?: (turn: Turn) => Handler | undefined;
  /** The emergency answer (grade `sure`), which runs before anything else. */
  emergency: Handler;
  /** A possible emergency: one line with the numbers, then the normal answer. */
  possibleEmergency?: Handler;
  /** A sign told and nothing else asked (intent emergency, grade possible): calm guidance instead of the card. */
  sign: Handler;
  /** A question for the emergency numbers themselves ("gọi cảnh sát số mấy"): answered with them. */
  emergencyNumbers?: Handler;
  /**
   * Runs right after the emergency answer, when the message also asked something we can answer (e.g. it names a
   * procedure): emergency detection favours recall, so a paperwork question that mentions a fire still gets its answer.
   */
  afterEmergency?: (turn: Turn) => Handler | undefined;
  /** What a new follower or a "Get started" tap sees. */
  welcome: Handler;
  /** A message with no words at all (empty, "?", emoji only): a short prompt and the menu. */
  empty: Handler;
  /** A message with only attachments (photo, sticker, file, voice): a polite request to type the question. */
  attachment: Handler;
  /**
   * What a turn reads first, in one call: the conversation's memory, the open hand-off (the officer presence's) and
   * whether outbox messages wait (the collecting adapter draws them after the turn only then: `noteOutbox`). And where
   * a finished turn is written at once: the memory, every citizen action (a message, a tap, "Get started") with the
   * language in use (the platforms' messaging windows count from it) and the question counted for the staff charts.
   */
  turns: TurnStore;
  /** The count a finished turn adds to the staff charts, if it was a question. */
  countedAs?: (report: TurnReport) => TurnActivity | undefined;
  /** Where the citizen's action is recorded when no turn is written (an over-long message, left unremembered). */
  contacts: Pick<ContactRepository, 'recordInteraction'>;
  dialogs: DialogEntry[];
  /** The human hand-off: keeps what is said while one is open, and silences the bot while an officer holds the conversation. */
  officer?: OfficerPresence;
  /** Below this parse confidence the assistant asks instead of guessing (Rasa's nlu_fallback threshold). */
  confidenceThreshold: number;
  /** A longer message is not read: the citizen is asked, in their language, to shorten it (the same on every channel). */
  maxMessageChars: number;
  logger: Logger;
  /** Called once per finished turn (metrics). */
  /** Awaited, so what it records is in place when the turn's answer leaves; it must not throw. */
  onTurnEnd?: (report: TurnReport) => void | Promise<void>;
  now?: () => Date;
}

// These intents always win over an active dialog: the citizen must be able to leave any flow.
const alwaysInterrupt = new Set(['help', 'human_agent', 'change_language']);
const confidentQuestion = 0.85;
/** Messages understood with less confidence than this are logged for content editors, even when answered. */
const logBelow = 0.65;
const LOGGED_TEXT_CHARS = 1000;

// The turn-state key under which botbuilder-dialogs' DialogStateManager looks for its configuration (memory/dialogStateManager.js).
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The turn handler every channel adapter runs: memory in, understanding, emergency first, dialog or route, memory out. */
export class AssistantBot {
  private readonly dialogSet: DialogSet;
  private readonly policies = new Map<string, InterruptPolicy>();
  private readonly confidential = new Set<string>();
  private readonly replies = new Map<string, (turn: Turn) => boolean>();
  private dialogStateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(private readonly options: AssistantBotOptions) {
    this.dialogSet = new DialogSet();
    for (const { dialog, interrupt, confidential, answers } of options.dialogs) {
      this.dialogSet.add(dialog);
      this.policies.set(dialog.id, interrupt);
      if (confidential) this.confidential.add(dialog.id);
      if (answers) this.replies.set(dialog.id, answers);
    }
  }

  /** The logic passed to `adapter.run…`; state is loaded once and saved once, with its eTag. */
  readonly onTurn = async (context: TurnContext): Promise<void> => {
    const { translator, logger } = this.options;
    const activity = context.activity;
    const key = `${activity.channelId}/${activity.from.id}`;
    const conversation = { channel: activity.channelId, userId: activity.from.id };
    const { state: loaded, openHandoff, outboxWaiting } = await this.options.turns.read<ConversationMemory>(key, conversation);
    noteOutbox(context, outboxWaiting);
    const memory: ConversationMemory = loaded?.data ?? {};
    // Memory written by an older version may still hold the recent lines: they move to the store with this turn.
    const legacyLines = takeLegacyLines(memory);

    const text = activity.type === ActivityTypes.Message ? (activity.text ?? '') : '';
    if (text.length > this.options.maxMessageChars) return this.askToShorten(context, memory);
    // A citizen is answered in the language of what they write, switching back and forth with them; a tap says nothing of it.
    const parseStarted = performance.now();
    const understood = await this.options.understand(text, memory.locale ?? 'vi', !text.startsWith('/'));
    // With the wait for the understanding's thread (and the batch it goes in).
    const parseSeconds = (performance.now() - parseStarted) / 1000;
    if (understood.locale) memory.locale = understood.locale;
    const parse = understood.parse;
    // Field `text` is redacted from logs unless LOG_LEVEL=debug (src/ops/logger.ts).
    if (text) logger.debug({ channel: activity.channelId, intent: parse.intent.name, confidence: parse.intent.confidence, text }, 'message understood');
    const earlierLines = async () => mergeWindow(legacyLines, await this.options.recentLines.recent(conversation, RECENT_LINE_WINDOW));
    const turn = new Turn(context, parse, memory, translator.forLocale, () => this.dialogContext(context, memory), earlierLines);
    attachTurn(context, turn);

    const started = performance.now();
    const now = () => isoTime(this.options.now?.() ?? new Date());
    const heardAt = now();
    // What goes through botbuilder (dialog prompts) is heard here; `turn.say` keeps its own replies in `turn.said`.
    context.onSendActivities(async (_context, activities, next) => {
      for (const a of activities) if (a.type === ActivityTypes.Message && a.text) turn.said.push(a.text);
      return next();
    });
    const activeDialog = turn.activeDialog;
    let path: TurnPath = 'ignored';
    let kept: ConversationLine[] = legacyLines ?? [];
    try {
      if (activity.type === ActivityTypes.Message) path = await this.dispatch(turn, openHandoff);
      else if (activity.type === ActivityTypes.Event && activity.name === 'start') path = await this.welcome(turn, openHandoff);
      // Digits typed into a confidential dialog (dossier verification) never become a line an officer could read.
      const withheld = path === 'dialog' && activeDialog !== undefined && this.confidential.has(activeDialog);
      const answeredAt = now();
      const lines: ConversationLine[] = [
        ...(text.trim() && !withheld ? [{ at: heardAt, from: 'citizen' as const, text: text.trim() }] : []),
        ...turn.said.map((t) => ({ at: answeredAt, from: 'bot' as const, text: t })),
      ];
      const recording = this.options.officer?.heard(turn, lines);
      if (recording) await recording;
      kept = [...kept, ...windowLines(lines)];
    } catch (err) {
      // One error path: log, apologise in the citizen's language, and drop the dialog that failed.
      logger.error({ err, channel: turn.channel, intent: turn.intent }, 'turn failed');
      delete memory.dialogState;
      await turn.say({ text: turn.t('errors.turn') });
      path = 'error';
    }
    const endedAt = this.options.now?.() ?? new Date();
    memory.lastTurnAt = isoTime(endedAt);
    const report: TurnReport = { channel: turn.channel, userId: turn.userId, intent: turn.intent, path, seconds: 0, parseSeconds, at: endedAt };
    const user = { channel: turn.channel, userId: turn.userId };
    const { activityError } = await this.options.turns.save({
      state: { key, data: memory, expectedETag: loaded?.eTag ?? null },
      lines: kept.length > 0 ? { user: conversation, lines: kept.map(toRecentLine) } : undefined,
      interaction: isCitizenAction(activity) ? { user, at: actedAt(activity, endedAt), locale: turn.locale } : undefined,
      activity: this.options.countedAs?.(report),
    });
    // The charts lose one question; the citizen's answer must not.
    if (activityError) logger.warn({ err: activityError, channel: turn.channel }, 'could not count the turn for the staff charts');
    report.seconds = (performance.now() - started) / 1000;
    // Awaited only when it answers a promise: each await is one more promise through the request id's hooks.
    const ending = this.options.onTurnEnd?.(report);
    if (ending) await ending;
  };

  /**
   * A dialog context over the stack kept in the conversation's memory (loaded and saved once per turn with its eTag,
   * instead of botbuilder's BotState, which always writes with eTag '*'). The dialog memory scopes and path resolvers
   * are the same every turn: built on the first, then handed to each later context (botbuilder-dialogs otherwise
   * rebuilds them; DialogManager caches them the same way).
   */
  private dialogContext(context: TurnContext, memory: ConversationMemory): DialogContext {
    if (this.dialogStateConfiguration) context.turnState.set(DIALOG_STATE_CONFIGURATION, this.dialogStateConfiguration);
    memory.dialogState ??= { dialogStack: [] };
    const dialogs = new DialogContext(this.dialogSet, context, memory.dialogState);
    this.dialogStateConfiguration ??= dialogs.state.configuration;
    return dialogs;
  }

  /**
   * An over-long message is neither understood nor remembered (the conversation stays as it was), but it is the
   * citizen's action: it is recorded, since the platforms' messaging windows count from it.
   */
  private async askToShorten(context: TurnContext, memory: ConversationMemory): Promise<void> {
    const started = performance.now();
    const { activity } = context;
    const locale = memory.locale ?? 'vi';
    await context.sendActivity(this.options.translator.forLocale(locale)('errors.tooLong', { max: this.options.maxMessageChars }));
    const endedAt = this.options.now?.() ?? new Date();
    const user = { channel: activity.channelId, userId: activity.from.id };
    await this.options.contacts.recordInteraction(user, actedAt(activity, endedAt), { locale });
    await this.options.onTurnEnd?.({ ...user, intent: 'none', path: 'too_long', seconds: (performance.now() - started) / 1000, parseSeconds: 0, at: endedAt });
  }

  private async dispatch(turn: Turn, openHandoff: HandoffRecord | undefined): Promise<TurnPath> {
    const { routes, fallback, emergency, confidenceThreshold } = this.options;
    // The presence is asked first in any case: it also keeps the open hand-off this turn's lines go to.
    const officerHolds = (this.options.officer?.holds(turn, openHandoff) ?? false) || heldOnPlatform(turn.context.activity);
    // A message that says nothing parses as `help` (the menu it gets below), but asks nothing: the subject stays, a flow takes it.
    const nothingSaid = !isPayload(turn) && saysNothing(turn.text);
    if (!nothingSaid && this.options.subjectChangers?.has(turn.intent) && turn.parse.intent.confidence >= confidenceThreshold) delete turn.memory.procedure;
    // A command typed alone ("menu", "hủy", "bắt đầu lại": intents/lexicon/commands.yaml) leaves any flow and the question
    // just asked, however the intent model would read it; an officer holding the conversation still answers it.
    if (!officerHolds && turn.entity(COMMAND_ENTITY) !== undefined) {
      await turn.cancelDialogs();
      delete turn.memory.awaiting;
      await (routes[turn.intent] ?? fallback)(turn);
      return 'route';
    }
    // A reply to the question just asked ("đuôi 5678", "xe máy") is that reply and the conversation goes on; a sure
    // danger read into it still gets the emergency card first (a reply may wrap its digits in a few words of a danger).
    const reply = officerHolds ? undefined : this.pendingReply(turn);
    if (reply) {
      if (turn.parse.emergency?.grade === 'sure') await this.options.emergency(turn);
      if (reply === 'dialog') await turn.dialogs.continueDialog();
      else await reply(turn);
      return reply === 'dialog' ? 'dialog' : 'context';
    }
    if (turn.intent === 'emergency') {
      await turn.cancelDialogs();
      const sign = !isPayload(turn) && turn.parse.emergency?.grade === 'possible';
      await (sign ? this.options.sign : emergency)(turn);
      await this.options.afterEmergency?.(turn)?.(turn);
      return 'emergency';
    }
    if (officerHolds) {
      // The officer answers now; a half-finished flow must not swallow the citizen's next message once they are done.
      await turn.cancelDialogs();
      return 'officer';
    }
    if (!turn.text.trim() && turn.context.activity.attachments?.length) {
      await this.options.attachment(turn);
      return 'attachment';
    }
    // Graded danger (docs/understanding.md, Emergencies): a possible one gets the numbers in one line, then the answer.
    const danger = isPayload(turn) ? undefined : turn.parse.emergency;
    if (danger?.grade === 'possible') await this.options.possibleEmergency?.(turn);
    else if (danger?.asksNumbers && this.options.emergencyNumbers) {
      // An open flow stays where it was: the citizen only asked for the numbers.
      await this.options.emergencyNumbers(turn);
      return 'route';
    }
    const active = turn.activeDialog;
    if (active !== undefined) {
      if (nothingSaid || !this.interrupts(turn, this.policies.get(active) ?? 'short-answer')) {
        await turn.dialogs.continueDialog();
        return 'dialog';
      }
      await turn.cancelDialogs();
    }
    if (nothingSaid) {
      await this.options.empty(turn);
      return 'welcome';
    }
    const unclear = !isPayload(turn) && (turn.parse.intent.confidence < confidenceThreshold || turn.intent === 'out_of_scope');
    if (!isPayload(turn) && (turn.parse.intent.confidence < logBelow || turn.intent === 'out_of_scope')) await this.logUnanswered(turn);
    if (unclear) {
      const implied = this.options.entityRoutes.find(([entity]) => turn.entity(entity) !== undefined);
      const inContext = (implied && routes[implied[1]]) || this.options.followUp(turn);
      await (inContext || fallback)(turn);
      return inContext ? 'context' : 'fallback';
    }
    const route = routes[turn.intent];
    await (route ?? fallback)(turn);
    return route && route !== fallback ? 'route' : 'fallback';
  }

  /** "Get started", a follow, "chat now": the welcome, unless an officer holds the conversation (they answer, not the menu). */
  private async welcome(turn: Turn, openHandoff: HandoffRecord | undefined): Promise<TurnPath> {
    if (this.options.officer?.holds(turn, openHandoff) || heldOnPlatform(turn.context.activity)) return 'officer';
    await this.options.welcome(turn);
    return 'welcome';
  }

  private async logUnanswered(turn: Turn): Promise<void> {
    const text = loggableText(turn.text, LOGGED_TEXT_CHARS);
    if (!text) return;
    await this.options.unanswered.add({
      channel: turn.channel,
      userId: turn.userId,
      text,
      intent: turn.intent,
      confidence: turn.parse.intent.confidence,
    });
  }

  /** The active dialog, when it takes this message as its reply, or the handler of a reply to the last question asked. */
  private pendingReply(turn: Turn): 'dialog' | Handler | undefined {
    if (isPayload(turn)) return undefined;
    const active = turn.activeDialog;
    if (active !== undefined) return this.replies.get(active)?.(turn) ? 'dialog' : undefined;
    return this.options.pendingReply?.(turn);
  }

  private interrupts(turn: Turn, policy: InterruptPolicy): boolean {
    if (isPayload(turn)) return true;
    const { name, confidence } = turn.parse.intent;
    if (confidence < this.options.confidenceThreshold) return false;
    if (alwaysInterrupt.has(name)) return true;
    if (policy === 'free-text') return false;
    const asksSomethingElse = /^(procedure|office)_/.test(name) && turn.parse.entities.some((e) => e.entity === 'procedure' || e.entity === 'location');
    return asksSomethingElse && confidence >= confidentQuestion;
  }
}

/** Messages and "Get started" (or a follow) are the citizen's own actions; other events are the platform's. */
function isCitizenAction(activity: TurnContext['activity']): boolean {
  return activity.type === ActivityTypes.Message || (activity.type === ActivityTypes.Event && activity.name === 'start');
}

/** When the citizen acted: the platform's timestamp (a replayed delivery keeps its own), never later than now. */
function actedAt(activity: TurnContext['activity'], now: Date): Date {
  const at = activity.timestamp ? new Date(activity.timestamp) : now;
  return Number.isNaN(at.getTime()) || at > now ? now : at;
}

/** Button taps arrive as `/intent{...}` payloads: they are the citizen's explicit choice. */
function isPayload(turn: Turn): boolean {
  return turn.text.startsWith('/');
}
