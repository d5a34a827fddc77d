import { randomUUID } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { activityToReply } from '../../bot/reply';
import { CollectingAdapter } from '../collecting-adapter';
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

/** The web chat channel (Rasa REST-compatible): the turn runs inside the HTTP request and its replies are the answer. */
export class RestAdapter extends CollectingAdapter {
  constructor(private readonly inbox: Inbox) {
    super();
  }

  /** Handles one message from `sender`, serialised with that sender's other messages. */
  async receive(sender: string, text: string, logic: (context: TurnContext) => Promise<void>): Promise<RestMessage[]> {
    const outgoing = await this.inbox.deliver(REST_CHANNEL, sender, undefined, () =>
      this.runTurn(
        {
          type: ActivityTypes.Message,
          id: randomUUID(),
          channelId: REST_CHANNEL,
          serviceUrl: '',
          from: { id: sender, name: '' },
          recipient: { id: 'assistant', name: '' },
          conversation: { id: sender, isGroup: false, conversationType: 'personal', name: '' },
          text,
          timestamp: new Date(),
        },
        logic,
      ),
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
