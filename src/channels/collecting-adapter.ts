import { randomUUID } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type Middleware, type MiddlewareHandler, type ResourceResponse } from 'botbuilder-core';
import { activityToReply, type Reply } from '../bot/reply';
import { collectedReplies, collectReplies, outboxMayWait } from '../bot/turn';
import type { ChannelUser } from '../store/ports';

type Logic = (context: TurnContext) => Promise<void>;

/**
 * Messages waiting for a citizen (the outbox: a dossier status change the channel could not send earlier), taken and
 * marked delivered. A channel may always answer a citizen who just wrote, so they open the answer to the next message.
 */
export type PendingReplies = (user: ChannelUser) => Promise<Reply[]>;

/**
 * A BotAdapter that gathers a turn's outgoing activities instead of sending them one by one.
 * Channels render the gathered list afterwards: in the HTTP answer (web chat) or through their platform client.
 */
export abstract class CollectingAdapter extends BotAdapter {
  constructor(private readonly pending?: PendingReplies) {
    super();
  }

  /**
   * Runs the bot on one inbound activity and answers, in order, what was waiting for the citizen and what the bot said,
   * as replies: the turn's context and activities are released here, before the channel waits on its platform's API
   * (seconds, with a thousand sends in flight), so a pending send keeps only the answer (docs/performance.md).
   * What waits is asked for only if the turn's own read did not find the outbox empty (`noteOutbox`: the bot reads it
   * with the memory, in the same statement on SQLite).
   */
  protected async runTurn(activity: Partial<Activity>, logic: Logic): Promise<Reply[]> {
    const replies: Reply[] = [];
    const context = new TurnContext(this, activity);
    collectReplies(context, replies);
    // The turn's logic, with `onTurnError` for what it throws. botbuilder's `runMiddleware` does the same through the
    // middleware set and hands the logic a revocable proxy of the context; the assistant registers no middleware, and
    // the proxy slowed every read of the context in the turn (docs/performance.md, eighth round), so the pipeline runs
    // only when middleware was added. Inline, not a method of its own: one async call less a turn (one-read round).
    if (this.withMiddleware) await this.runMiddleware(context, logic);
    else {
      if (context.activity.locale) context.locale = context.activity.locale;
      try {
        await logic(context);
      } catch (err) {
        if (!this.onTurnError) throw err;
        await this.onTurnError(context, err as Error);
      }
    }
    if (!activity.channelId || !activity.from || !outboxMayWait(context)) return replies;
    const waiting = await this.waiting({ channel: activity.channelId, userId: activity.from.id });
    return waiting.length ? [...waiting, ...replies] : replies;
  }

  private withMiddleware = false;

  override use(...middlewares: (MiddlewareHandler | Middleware)[]): this {
    this.withMiddleware = true;
    return super.use(...middlewares);
  }

  /**
   * Takes what waits for the citizen. Channels call it inside the citizen's inbox queue, after the turn: a turn that
   * throws leaves the messages for the next one, and two answers never show the same message. After a turn whose read
   * found nothing waiting it is not called: what was queued since is drawn by the next message (or pushed).
   */
  protected async waiting(user: ChannelUser): Promise<Reply[]> {
    return (await this.pending?.(user)) ?? [];
  }

  /** An activity from one citizen, in the one-to-one conversation keyed by their id on `channelId`. */
  protected inbound(channelId: string, userId: string, fields: Partial<Activity>): Partial<Activity> {
    return {
      id: randomUUID(),
      channelId,
      serviceUrl: '',
      from: { id: userId, name: '' },
      recipient: { id: 'assistant', name: '' },
      conversation: { id: userId, isGroup: false, conversationType: 'personal', name: '' },
      timestamp: new Date(),
      ...fields,
    };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = collectedReplies(context);
    for (const a of activities) if (a.type === 'message') replies?.push(activityToReply(a));
    return activities.map(() => ({ id: randomUUID() }));
  }

  async updateActivity(): Promise<void> {
    throw new Error(`${this.constructor.name} cannot edit a sent message`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`${this.constructor.name} cannot delete a sent message`);
  }

  async continueConversation(_reference: Partial<ConversationReference>, _logic: Logic): Promise<void> {
    // Proactive messages (status changes, announcements) go through the durable outbox, never a live turn.
    throw new Error(`${this.constructor.name} sends later messages through the outbox`);
  }
}
