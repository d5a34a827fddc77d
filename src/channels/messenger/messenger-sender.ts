import type { Reply } from '../../bot/reply';
import type { ContactRepository } from '../../store/ports';
import type { ChannelSender, SendPurpose, SendResult } from '../outbound/channel-sender';
import type { Messaging, MessengerClient } from './messenger-client';
import { renderReplies } from './messenger-renderer';

export const MESSENGER_CHANNEL = 'messenger';

const HOUR_MS = 3600_000;
/** Meta's standard window: any message within 24 hours of the citizen's last action. */
const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** The HUMAN_AGENT tag: a person may answer up to 7 days after the citizen's last action. */
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

/**
 * Who may take the thread back from the app holding it (the Page Inbox) to speak, with the metadata Meta shows it:
 * an officer answering from our console, and the bot answering what the citizen just wrote (while another app holds
 * the thread the bot answers nothing but emergencies). Notices and announcements wait instead.
 */
const TAKES_THE_THREAD: Partial<Record<SendPurpose, string>> = {
  officer: 'handoff: an officer answers from the console',
  reply: 'the assistant answers the citizen',
};

export interface MessengerSenderOptions {
  client: MessengerClient;
  contacts: Pick<ContactRepository, 'get' | 'markUnreachable'>;
  /** Hears every outcome (metrics, logs). */
  onResult?: (purpose: SendPurpose, result: SendResult) => void;
  now?: () => Date;
}

/**
 * Messenger's outbound door: checks the window against the citizen's last recorded action before calling Meta (a
 * closed window costs no call), picks the messaging type the purpose allows, sends the parts in order and stops at the
 * first failure. A citizen Meta calls unavailable is marked unreachable, so nobody messages them again. A message Meta
 * refuses because the Page Inbox holds the thread is sent again after taking the thread, when its purpose allows.
 */
export class MessengerSender implements ChannelSender {
  readonly channel = MESSENGER_CHANNEL;

  constructor(private readonly options: MessengerSenderOptions) {}

  async send(userId: string, replies: readonly Reply[], purpose: SendPurpose): Promise<SendResult> {
    const result = await this.deliver(userId, replies, purpose);
    this.options.onResult?.(purpose, result);
    return result;
  }

  private async deliver(userId: string, replies: readonly Reply[], purpose: SendPurpose): Promise<SendResult> {
    const { client, contacts } = this.options;
    const messaging = await this.messaging(userId, purpose);
    if ('failure' in messaging) return messaging;
    const messageIds: string[] = [];
    for (const message of renderReplies(replies)) {
      let sent = await client.sendMessage(userId, messaging, message);
      const takeBack = TAKES_THE_THREAD[purpose];
      if (!sent.ok && sent.failure === 'handed_over' && takeBack && (await client.takeThreadControl(userId, takeBack)).ok) {
        sent = await client.sendMessage(userId, messaging, message);
      }
      if (!sent.ok) {
        if (sent.failure === 'unreachable') await contacts.markUnreachable({ channel: MESSENGER_CHANNEL, userId }, this.options.now?.() ?? new Date());
        return { ...sent, nothingSent: messageIds.length === 0 };
      }
      messageIds.push(sent.data.message_id ?? '');
    }
    return { ok: true, messageIds };
  }

  /** How `purpose` may go out now, from the contact record; apart, so the sends that follow (seconds on Meta) do not keep the record. */
  private async messaging(userId: string, purpose: SendPurpose): Promise<Messaging | Extract<SendResult, { ok: false }>> {
    const now = this.options.now?.() ?? new Date();
    const contact = await this.options.contacts.get({ channel: MESSENGER_CHANNEL, userId });
    if (contact?.unreachableAt) return { ok: false, failure: 'unreachable', detail: `marked unreachable at ${contact.unreachableAt.toISOString()}` };
    const messaging = messagingFor(purpose, contact ? now.getTime() - contact.lastInteractionAt.getTime() : undefined);
    if (messaging) return messaging;
    const last = contact ? `last action ${contact.lastInteractionAt.toISOString()}` : 'no recorded action';
    return { ok: false, failure: 'window_closed', detail: `${purpose}: ${last}` };
  }
}

/**
 * How a message for `purpose` may go out `sinceLastAction` ms after the citizen's last action: inside 24 hours as a
 * response (or an update when we speak first), an officer's answer up to 7 days later with the HUMAN_AGENT tag;
 * otherwise not at all. An officer inside 24 hours needs no tag, so replies work before Meta approves HUMAN_AGENT.
 */
function messagingFor(purpose: SendPurpose, sinceLastAction: number | undefined): Messaging | undefined {
  if (sinceLastAction === undefined) return undefined;
  if (sinceLastAction <= STANDARD_WINDOW_MS) return { messaging_type: purpose === 'reply' || purpose === 'officer' ? 'RESPONSE' : 'UPDATE' };
  if (purpose === 'officer' && sinceLastAction <= HUMAN_AGENT_WINDOW_MS) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  return undefined;
}
