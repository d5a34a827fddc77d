import { randomUUID } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder-core';
import { activityToReply, type Reply } from '../bot/reply';
import type { ChannelUser } from '../store/ports';

type Logic = (context: TurnContext) => Promise<void>;
const collectorKey = Symbol('outgoing');

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
   */
  protected async runTurn(activity: Partial<Activity>, logic: Logic): Promise<Reply[]> {
    const outgoing: Partial<Activity>[] = [];
    const context = new TurnContext(this, activity);
    context.turnState.set(collectorKey, outgoing);
    await this.runMiddleware(context, logic);
    const waiting = activity.channelId && activity.from ? await this.waiting({ channel: activity.channelId, userId: activity.from.id }) : [];
    return [...waiting, ...outgoing.map(activityToReply)];
  }

  /**
   * Takes what waits for the citizen. Channels call it inside the citizen's inbox queue, after the turn: a turn that
   * throws leaves the messages for the next one, and two answers never show the same message.
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
    const outgoing = context.turnState.get(collectorKey) as Partial<Activity>[];
    const sent = activities.filter((a) => a.type === 'message');
    outgoing.push(...sent);
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
