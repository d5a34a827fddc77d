import { ActivityTypes, type TurnContext } from 'botbuilder';
import { activityToReply } from '../../bot/reply';
import { CollectingAdapter, type PendingReplies } from '../collecting-adapter';
import type { Inbox } from '../inbox';
import { splitText } from '../split-text';

export const REST_CHANNEL = 'rest';
/** Same cap as Zalo and Messenger, so the web chat shows what the platforms would. */
const MAX_TEXT = 2000;

/** One message of the Rasa REST channel's answer. */
export interface RestMessage {
  recipient_id: string;
  text: string;
  buttons?: { title: string; payload: string }[];
}

/** Optional behaviour of the web chat channel. */
export interface RestAdapterOptions {
  /**
   * Messages waiting for this sender (outbox: dossier status changes…), taken and marked delivered. The web chat can
   * only speak when the citizen writes, so they are shown at the top of the answer to their next message.
   */
  pending?: PendingReplies;
}

/** The web chat channel (Rasa REST-compatible): the turn runs inside the HTTP request and its replies are the answer. */
export class RestAdapter extends CollectingAdapter {
  constructor(
    private readonly inbox: Inbox,
    options: RestAdapterOptions = {},
  ) {
    super(options.pending);
  }

  /** Handles one message from `sender`, serialised with that sender's other messages. */
  async receive(sender: string, text: string, logic: (context: TurnContext) => Promise<void>): Promise<RestMessage[]> {
    const outgoing = await this.inbox.deliver(REST_CHANNEL, sender, undefined, () =>
      this.runTurn(this.inbound(REST_CHANNEL, sender, { type: ActivityTypes.Message, text }), logic),
    );
    return (outgoing ?? []).flatMap((activity) => render(sender, activity));
  }
}

/** Draws a reply as REST messages: long text split, buttons on the last part. */
function render(sender: string, activity: Parameters<typeof activityToReply>[0]): RestMessage[] {
  const reply = activityToReply(activity);
  const parts = splitText(reply.text, MAX_TEXT);
  return parts.map((text, i) => {
    const message: RestMessage = { recipient_id: sender, text };
    if (i === parts.length - 1 && reply.buttons) message.buttons = reply.buttons;
    return message;
  });
}
