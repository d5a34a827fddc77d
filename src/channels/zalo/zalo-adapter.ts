import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder-core';
import { SHARE_LOCATION_PAYLOAD } from '../../bot/reply';
import { payload } from '../../bot/reply';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../ops/logger';
import type { ChannelUser, ContactRepository } from '../../store/ports';
import type { Locale } from '../../understanding/types';
import { CollectingAdapter, type PendingReplies } from '../collecting-adapter';
import { cleanInboundText } from '../inbound-text';
import type { DeliveryAttempt, Inbox } from '../inbox';
import type { OfficerSignals } from '../officer-signals';
import { nextTurnSlot, withTurnSlot } from '../turn-gate';
import type { MenuMemory } from './menu-memory';
import type { ZaloEvent } from './zalo-events';
import { ZALO_CHANNEL, type ZaloSender } from './zalo-sender';

export interface ZaloAdapterOptions {
  inbox: Inbox;
  sender: Pick<ZaloSender, 'send' | 'sentByUs'>;
  contacts: ContactRepository;
  menus: MenuMemory;
  translator: Translator;
  logic: (context: TurnContext) => Promise<void>;
  /** Told when an officer writes to a citizen from OA Manager; without it the fact is only logged. */
  officerSignals?: OfficerSignals;
  /** Messages waiting for a citizen (status notices a closed window kept back), shown at the top of their next answer. */
  pending?: PendingReplies;
  logger: Logger;
}

type CitizenEvent = Exclude<ZaloEvent, { kind: 'ignored' }>;

/**
 * The Zalo OA channel: each verified event passes the inbox (a redelivery is dropped, a citizen's events run one at
 * a time), becomes a bot turn or a short answer, and the replies go out through the Zalo sender.
 */
export class ZaloAdapter extends CollectingAdapter {
  constructor(private readonly options: ZaloAdapterOptions) {
    super(options.pending);
  }

  /**
   * Whether `event` can change anything. Unknown, unsupported and other OAs' events are only logged, and an echo
   * without an admin id is an API send (ours): such a delivery needs no journal row, no turn slot and no dedupe key.
   * Zalo echoes every message the OA sends, so that is one delivery in two at steady state.
   */
  static acts(event: ZaloEvent): boolean {
    return event.kind !== 'ignored' && !(event.kind === 'echo' && !event.adminId);
  }

  /** Handles one verified event (the webhook has already answered Zalo); `attempt`: its journaled delivery's (Inbox.deliver). */
  readonly handle = async (event: ZaloEvent, attempt?: DeliveryAttempt): Promise<void> => {
    if (event.kind === 'ignored') {
      const level = event.reason === 'noise' ? 'debug' : 'info';
      this.options.logger[level]({ channel: ZALO_CHANNEL, event: event.name, reason: event.reason }, 'Zalo event acknowledged, nothing to do');
      return;
    }
    if (!ZaloAdapter.acts(event)) return;
    // The body waits for a turn slot when it resumes from the network (src/channels/turn-gate.ts).
    await this.options.inbox.deliver(
      ZALO_CHANNEL,
      event.userId,
      event.key,
      () => withTurnSlot(() => this.process(event, { channel: ZALO_CHANNEL, userId: event.userId })),
      attempt,
    );
  };

  private async process(event: CitizenEvent, user: ChannelUser): Promise<void> {
    switch (event.kind) {
      case 'echo':
        return this.echo(event, user);
      case 'unfollow':
        return this.options.contacts.recordUnfollow(user);
      case 'follow':
        await this.options.contacts.recordInteraction(user, event.at, { following: true });
        return this.turn(user, { type: ActivityTypes.Event, name: 'start', timestamp: event.at });
      case 'chat_now':
        return this.turn(user, { type: ActivityTypes.Event, name: 'start', timestamp: event.at });
      case 'attachment':
        // The bot's own answer to attachments, as on every channel (a sticker is a nod); the turn records the action.
        return this.turn(user, { type: ActivityTypes.Message, text: '', attachments: [{ contentType: event.contentType }], timestamp: event.at });
      case 'location':
        if (!event.coordinates) return this.say(user, event.at, 'zalo:badLocation');
        // The same payload the web chat sends after the browser shares a position: the bot answers nearest offices.
        return this.message(user, payload('office_location', { ...event.coordinates }), event.at);
      case 'text':
        return this.text(event.text, user, event.at);
    }
  }

  private async text(raw: string, user: ChannelUser, at: Date): Promise<void> {
    const text = cleanInboundText(raw);
    if (!text) return;
    const chosen = (await this.options.menus.choice(user.userId, text)) ?? text;
    // Zalo has no button that asks for a position: tell the citizen how to send one from the chat.
    if (chosen === SHARE_LOCATION_PAYLOAD) return this.say(user, at, 'zalo:shareLocation');
    return this.message(user, chosen, at);
  }

  /** OA messages come back as echoes: ours are skipped, an officer's (from OA Manager, with an admin id) is reported. */
  private async echo(event: Extract<CitizenEvent, { kind: 'echo' }>, user: ChannelUser): Promise<void> {
    if (event.messageId && (await this.options.sender.sentByUs(event.messageId))) return;
    if (this.options.officerSignals) return this.options.officerSignals.officerSpoke(user, event.at, cleanInboundText(event.text));
    this.options.logger.info({ channel: ZALO_CHANNEL }, 'an officer wrote from OA Manager; no hand-off is listening');
  }

  /** A message turn stamped with the platform's time, which the citizen's messaging window counts from. */
  private message(user: ChannelUser, text: string, at: Date): Promise<void> {
    return this.turn(user, { type: ActivityTypes.Message, text, timestamp: at });
  }

  private async turn(user: ChannelUser, fields: Partial<Activity>): Promise<void> {
    const replies = await this.runTurn(this.inbound(ZALO_CHANNEL, user.userId, fields), this.options.logic);
    // Drawing and sending the answer takes a slot of its own: webhooks that arrived during the turn are answered first.
    await nextTurnSlot();
    await this.options.sender.send(user.userId, replies, 'reply');
  }

  /**
   * A short answer to a message that needs no understanding, in the citizen's language. No bot turn records the message,
   * so it is recorded here: the citizen acted, and Zalo's 7-day window counts from it.
   */
  private async say(user: ChannelUser, at: Date, key: string, values?: Record<string, unknown>): Promise<void> {
    await this.options.contacts.recordInteraction(user, at);
    const locale = ((await this.options.contacts.get(user))?.locale ?? 'vi') as Locale;
    const answer = { text: this.options.translator.forLocale(locale)(key, values) };
    await this.options.sender.send(user.userId, [...(await this.waiting(user)), answer], 'reply');
  }
}
