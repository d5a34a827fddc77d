import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder-core';
import { HELD_ON_PLATFORM } from '../../bot/officer-presence';
import type { Reply } from '../../bot/reply';
import type { Logger } from '../../ops/logger';
import { CollectingAdapter, type PendingReplies } from '../collecting-adapter';
import type { DeliveryAttempt, Inbox } from '../inbox';
import type { OfficerSignals } from '../officer-signals';
import { nextTurnSlot, withTurnSlot } from '../turn-gate';
import type { MessengerClient } from './messenger-client';
import type { MessengerEvent } from './messenger-events';
import type { ChannelSender } from '../outbound/channel-sender';
import { MESSENGER_CHANNEL } from './messenger-sender';

type Logic = (context: TurnContext) => Promise<void>;

export interface MessengerAdapterOptions {
  inbox: Inbox;
  sender: ChannelSender;
  client: Pick<MessengerClient, 'senderAction'>;
  officers: OfficerSignals;
  logger: Logger;
  /** Messages waiting for a citizen (status notices a closed window kept back), shown at the top of their next answer. */
  pending?: PendingReplies;
  /** A citizen who has waited this long for an answer sees "typing…" until it comes. */
  typingAfterMs?: number;
}

/**
 * Turns Messenger events into bot turns and platform signals, each citizen's one at a time through the inbox,
 * and sends each turn's replies before the citizen's next event is handled.
 */
export class MessengerAdapter extends CollectingAdapter {
  constructor(private readonly options: MessengerAdapterOptions) {
    super(options.pending);
  }

  /**
   * Handles one event received at `receivedAt` (ms); resolves once it is answered or recorded. `attempt`: its journaled
   * delivery's (Inbox.deliver).
   */
  handle(event: MessengerEvent, receivedAt: number, logic: Logic, attempt?: DeliveryAttempt): Promise<unknown> {
    const { inbox, officers, logger } = this.options;
    // No await before inbox.deliver: events of one delivery must join their citizen's queue in delivery order. Each
    // body waits for a turn slot when it resumes from the network (src/channels/turn-gate.ts).
    switch (event.kind) {
      case 'turn':
        return inbox.deliver(MESSENGER_CHANNEL, event.psid, event.key, () => withTurnSlot(() => this.answer(event, receivedAt, logic)), attempt);
      case 'officer_spoke':
        return inbox.deliver(MESSENGER_CHANNEL, event.psid, event.key, () => withTurnSlot(() => officers.officerSpoke(user(event.psid), event.at, event.text)), attempt);
      case 'handed_back':
        return inbox.deliver(MESSENGER_CHANNEL, event.psid, event.key, () => withTurnSlot(() => officers.handedBack(user(event.psid))), attempt);
      case 'ignored':
        if (!event.known) logger.info({ channel: MESSENGER_CHANNEL, event: event.what }, 'unknown Messenger event acknowledged and ignored');
        return Promise.resolve();
    }
  }

  private async answer(event: Extract<MessengerEvent, { kind: 'turn' }>, receivedAt: number, logic: Logic): Promise<void> {
    const { sender, client, logger } = this.options;
    const typingAfterMs = this.options.typingAfterMs ?? 1000;
    let typing: Promise<unknown> | undefined;
    const showTyping = () => {
      typing ??= client.senderAction(event.psid, 'typing_on');
    };
    // Waited behind a slow Send API or a slow turn: show "typing…" now, or as soon as the wait grows long. Not on
    // standby, where the bot keeps quiet unless the citizen is in danger.
    const waited = Date.now() - receivedAt;
    if (waited >= typingAfterMs && !event.standby) showTyping();
    const timer = event.standby ? undefined : setTimeout(showTyping, Math.max(0, typingAfterMs - waited));
    let replies: Reply[];
    try {
      replies = await this.runTurn(toActivity(event), logic);
    } finally {
      clearTimeout(timer);
    }
    // "typing…" must reach Meta before the answer, or it would linger after it.
    await typing;
    if (replies.length === 0) return;
    // Drawing and sending the answer takes a slot of its own: webhooks that arrived during the turn are answered first.
    await nextTurnSlot();
    const result = await sender.send(event.psid, replies, 'reply');
    if (!result.ok) logger.warn({ channel: MESSENGER_CHANNEL, failure: result.failure, code: result.code, detail: result.detail }, 'Messenger reply not delivered');
  }
}

const user = (psid: string) => ({ channel: MESSENGER_CHANNEL, userId: psid });

/** The Activity botbuilder carries: the citizen's PSID is both user and conversation; the Page is the recipient. */
function toActivity(event: Extract<MessengerEvent, { kind: 'turn' }>): Partial<Activity> {
  const base: Partial<Activity> = {
    id: event.key,
    channelId: MESSENGER_CHANNEL,
    serviceUrl: '',
    from: { id: event.psid, name: '' },
    recipient: { id: event.pageId, name: '' },
    conversation: { id: event.psid, isGroup: false, conversationType: 'personal', name: '' },
    timestamp: event.at,
  };
  if (event.input.type === 'start') return { ...base, type: ActivityTypes.Event, name: 'start', value: { referral: event.input.referral } };
  return { ...base, type: ActivityTypes.Message, text: event.input.text, attachments: event.input.attachments, ...(event.standby ? { channelData: HELD_ON_PLATFORM } : {}) };
}
