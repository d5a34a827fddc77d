import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import type { Reply } from '../../bot/reply';
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
  /** The sender's open hand-off, if any: while there is one, the page keeps asking for an officer's messages. */
  handoff?: (sender: string) => Promise<RestHandoff | undefined>;
}

/** An open hand-off as the chat page shows it. */
export interface RestHandoff {
  reference: string;
  status: string;
}

/** What `GET /webhooks/rest/pending` answers: messages that arrived for the sender, and their open hand-off. */
export interface RestPending {
  messages: RestMessage[];
  handoff: RestHandoff | null;
}

/** The web chat channel (Rasa REST-compatible): the turn runs inside the HTTP request and its replies are the answer. */
export class RestAdapter extends CollectingAdapter {
  constructor(
    private readonly inbox: Inbox,
    options: RestAdapterOptions = {},
  ) {
    super(options.pending);
    this.handoff = options.handoff;
  }

  private readonly handoff: RestAdapterOptions['handoff'];

  /**
   * Handles one message from `sender`, serialised with that sender's other messages. `clientAddress` (the HTTP
   * client's address as Express derives it) travels on the activity as `channelData.clientAddress`.
   */
  receive(sender: string, text: string, logic: (context: TurnContext) => Promise<void>, clientAddress?: string): Promise<RestMessage[]> {
    const turn = () => this.runTurn(this.inbound(REST_CHANNEL, sender, { type: ActivityTypes.Message, text, channelData: { clientAddress } }), logic);
    // A `then`, not an async function awaiting: one promise less a turn through the request id's hooks (one-read round).
    return this.inbox.deliver(REST_CHANNEL, sender, undefined, turn).then((outgoing) => (outgoing ?? []).flatMap((reply) => render(sender, reply)));
  }

  /**
   * What arrived for `sender` without them writing (an officer's reply, a status change), taken and marked delivered,
   * and their open hand-off. The page asks while a hand-off is open, since the web cannot be pushed to.
   */
  async poll(sender: string): Promise<RestPending> {
    const waiting = await this.waiting({ channel: REST_CHANNEL, userId: sender });
    const handoff = (await this.handoff?.(sender)) ?? null;
    return { messages: waiting.flatMap((reply) => render(sender, reply)), handoff };
  }
}

/** Draws a reply as REST messages: long text split, buttons on the last part. */
function render(sender: string, reply: Reply): RestMessage[] {
  const parts = splitText(reply.text, MAX_TEXT);
  return parts.map((text, i) => {
    const message: RestMessage = { recipient_id: sender, text };
    if (i === parts.length - 1 && reply.buttons) message.buttons = reply.buttons;
    return message;
  });
}
