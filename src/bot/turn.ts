import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { TFunction } from 'i18next';
import type { Locale, ParseResult } from '../understanding/types';
import type { ConversationLine } from './conversation-lines';
import type { ConversationMemory } from './memory';
import { collectedReply, replyToActivity, type Reply } from './reply';

/** One citizen message being answered: what they said, what it means, what we remember, and how to answer. */
export class Turn {
  private dialogContext: DialogContext | undefined;

  constructor(
    readonly context: TurnContext,
    readonly parse: ParseResult,
    readonly memory: ConversationMemory,
    private readonly translate: (locale: Locale) => TFunction,
    private readonly createDialogs: () => DialogContext,
    private readonly readEarlierLines: () => Promise<ConversationLine[]> = async () => [],
  ) {}

  /**
   * The conversation's recent lines before this turn, oldest first (what an officer sees when a hand-off opens): read
   * from the store when asked, not with the memory (docs/performance.md, eighth round).
   */
  earlierLines(): Promise<ConversationLine[]> {
    return this.readEarlierLines();
  }

  /**
   * botbuilder's dialog context over this conversation's dialog stack, built when first asked for: most turns run no
   * dialog, and building one sets up botbuilder's dialog memory (a component registration, scopes, path parsing).
   */
  get dialogs(): DialogContext {
    return (this.dialogContext ??= this.createDialogs());
  }

  /** The id of the dialog at the bottom of the stack (the flow the citizen is in), read from memory without a dialog context. */
  get activeDialog(): string | undefined {
    return this.memory.dialogState?.dialogStack?.[0]?.id;
  }

  /** Ends every open dialog (a no-op, without a dialog context, when none is open). */
  async cancelDialogs(): Promise<void> {
    if (this.activeDialog !== undefined) await this.dialogs.cancelAllDialogs();
  }

  get channel(): string {
    return this.context.activity.channelId;
  }

  get userId(): string {
    return this.context.activity.from.id;
  }

  /**
   * The network address of the citizen's device, on channels that know it (the web chat sets it from the HTTP
   * request in `channelData.clientAddress`); platforms relay everyone's messages, so there it is undefined.
   */
  get clientAddress(): string | undefined {
    const address: unknown = this.context.activity.channelData?.clientAddress;
    return typeof address === 'string' && address !== '' ? address : undefined;
  }

  get text(): string {
    return this.parse.text;
  }

  get locale(): Locale {
    return this.memory.locale ?? 'vi';
  }

  /** Translate in the citizen's language (re-bound if they switch language mid-turn). */
  get t(): TFunction {
    return this.translate(this.locale);
  }

  get intent(): string {
    return this.parse.intent.name;
  }

  /** The first value of an entity, if the parser found one. */
  entity(name: string): string | undefined {
    return this.parse.entities.find((e) => e.entity === name)?.value;
  }

  /** The texts this turn has said so far, in order (what the conversation's recent lines and a hand-off keep). */
  readonly said: string[] = [];

  /**
   * Sends replies in order. On a channel that collects the turn's replies (every channel of the assistant:
   * `CollectingAdapter`), they go straight into its list, as botbuilder's `sendActivity` would have put them there
   * after turning each into an activity and back (docs/performance.md, eighth round); on any other adapter, through
   * botbuilder. What dialogs send (their prompts) still goes through botbuilder to the same list.
   */
  say(...replies: Reply[]): Promise<void> {
    const collected = collectedReplies(this.context);
    if (!collected) return this.sendThroughBotbuilder(replies);
    for (const r of replies) {
      collected.push(collectedReply(r));
      if (r.text) this.said.push(r.text);
    }
    // Nothing to wait for: one settled promise for every call, not one async call each (docs/performance.md, one-read round).
    return SAID;
  }

  private async sendThroughBotbuilder(replies: readonly Reply[]): Promise<void> {
    for (const r of replies) await this.context.sendActivity(replyToActivity(r));
  }
}

const SAID: Promise<void> = Promise.resolve();

const repliesKey = Symbol('replies');

/**
 * Makes `context` collect its turn's replies in `replies` (the channel adapter draws them once the turn is over): the
 * bot's own replies are put there by `Turn.say`, and the adapter puts there what reaches it through botbuilder.
 */
export function collectReplies(context: TurnContext, replies: Reply[]): void {
  context.turnState.set(repliesKey, replies);
}

/** The list a collecting adapter gathers this turn's replies in, if it does. */
export function collectedReplies(context: TurnContext): Reply[] | undefined {
  return context.turnState.get(repliesKey) as Reply[] | undefined;
}

const outboxKey = Symbol('outbox');

/**
 * Tells the channel adapter what the turn's read found of the citizen's outbox (`TurnContextRead.outboxWaiting`): when
 * nothing waited, the adapter does not ask again after the turn. A message queued during the turn then opens the
 * answer to the next message, as one queued just after the adapter's own probe always did.
 */
export function noteOutbox(context: TurnContext, waiting: boolean): void {
  context.turnState.set(outboxKey, waiting);
}

/** False only when the turn's read found nothing waiting for the citizen (`noteOutbox`). */
export function outboxMayWait(context: TurnContext): boolean {
  return context.turnState.get(outboxKey) !== false;
}

const turnKey = Symbol('turn');

/** Lets dialog steps, which only receive a TurnContext, reach the Turn. */
export function attachTurn(context: TurnContext, turn: Turn): void {
  context.turnState.set(turnKey, turn);
}

/** The Turn of a context (inside dialogs). */
export function turnOf(context: TurnContext): Turn {
  const turn = context.turnState.get(turnKey) as Turn | undefined;
  if (!turn) throw new Error('No Turn attached to this context');
  return turn;
}
