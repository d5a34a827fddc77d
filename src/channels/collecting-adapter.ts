import { randomUUID } from 'node:crypto';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';

type Logic = (context: TurnContext) => Promise<void>;
const collectorKey = Symbol('outgoing');

/**
 * A BotAdapter that gathers a turn's outgoing activities instead of sending them one by one.
 * Channels render the gathered list afterwards: in the HTTP answer (web chat) or through their platform client.
 */
export abstract class CollectingAdapter extends BotAdapter {
  /** Runs the bot on one inbound activity and answers what it said, in order. */
  protected async runTurn(activity: Partial<Activity>, logic: Logic): Promise<Partial<Activity>[]> {
    const outgoing: Partial<Activity>[] = [];
    const context = new TurnContext(this, activity);
    context.turnState.set(collectorKey, outgoing);
    await this.runMiddleware(context, logic);
    return outgoing;
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
