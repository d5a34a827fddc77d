import type { Reply } from '../../bot/reply';
import type { Translator } from '../../i18n/translator';
import type { Logger } from '../../ops/logger';
import type { Metrics } from '../../ops/metrics';
import type { ContactRepository, SeenEventLog } from '../../store/ports';
import type { Locale } from '../../understanding/types';
import type { ChannelSender, SendPurpose, SendResult } from '../outbound/channel-sender';
import type { MenuMemory } from './menu-memory';
import type { ZaloClient } from './zalo-client';
import { renderZaloReplies, type RenderedReplies, type ZaloButtonStyle } from './zalo-renderer';

export const ZALO_CHANNEL = 'zalo';

/** Zalo accepts consultation messages up to 7 days after the citizen's last interaction. */
const WINDOW_MS = 7 * 24 * 3600_000;
/** Our message ids are kept as long as an echo of them could still arrive (Zalo redelivers for about 2 hours). */
const SENT_ID_TTL_SECONDS = 24 * 3600;

export interface ZaloSenderOptions {
  client: Pick<ZaloClient, 'sendConsultation'>;
  contacts: ContactRepository;
  menus: MenuMemory;
  /**
   * Where the ids of our sends are kept until their echoes can no longer come: Redis when configured, otherwise the
   * store, so an echo that arrives just after a restart is still known as ours, not read as an officer taking over.
   */
  sentIds: SeenEventLog;
  translator: Translator;
  buttonStyle: ZaloButtonStyle;
  metrics: Pick<Metrics, 'observeSend'>;
  logger: Logger;
  now?: () => Date;
}

/**
 * The Zalo OA's outbound door: draws replies for Zalo and sends them as consultation messages, in order. Outside a
 * reply, it refuses locally what Zalo would refuse (window older than 7 days, a citizen Zalo called unreachable).
 */
export class ZaloSender implements ChannelSender {
  readonly channel = ZALO_CHANNEL;
  private readonly now: () => Date;

  constructor(private readonly options: ZaloSenderOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async send(userId: string, replies: readonly Reply[], purpose: SendPurpose): Promise<SendResult> {
    const result = await this.deliver(userId, replies, purpose);
    this.options.metrics.observeSend(ZALO_CHANNEL, purpose, result);
    if (!result.ok) this.options.logger.warn({ channel: ZALO_CHANNEL, purpose, failure: result.failure, code: result.code, detail: result.detail }, 'Zalo send failed');
    return result;
  }

  /** Whether Zalo's message `messageId` is one we sent (its echo is then ours, not an officer's). */
  async sentByUs(messageId: string): Promise<boolean> {
    // firstSeen answers false for an id already marked by remember(); marking a foreign id on the way is harmless.
    return !(await this.options.sentIds.firstSeen(sentKey(messageId), SENT_ID_TTL_SECONDS));
  }

  private async deliver(userId: string, replies: readonly Reply[], purpose: SendPurpose): Promise<SendResult> {
    const drawn = await this.draw(userId, replies, purpose);
    if ('failure' in drawn) return drawn;
    if (replies.length === 0) return { ok: true, messageIds: [] };
    const user = { channel: ZALO_CHANNEL, userId };
    const messageIds: string[] = [];
    for (const message of drawn.messages) {
      const sent = await this.options.client.sendConsultation(userId, message);
      if (!sent.ok) {
        if (sent.failure === 'unreachable') await this.options.contacts.markUnreachable(user, this.now());
        return { ...sent, nothingSent: messageIds.length === 0 };
      }
      messageIds.push(sent.messageId);
      if (sent.messageId) await this.rememberSent(sent.messageId);
    }
    // An announcement's menu is known from its delivery row (MenuSentSince): no write per recipient of a fan-out.
    if (purpose !== 'announcement') await this.options.menus.remember(userId, drawn.menu);
    return { ok: true, messageIds };
  }

  /**
   * Keeps the id of a message Zalo has taken. Zalo has it whatever happens here: a store that cannot keep the id (Redis
   * away) must not turn the send into a failure, which an announcement would leave in doubt for its whole lease and a
   * reply would retry. The cost is small: an echo without an admin id is ours anyway (ZaloAdapter.acts).
   */
  private async rememberSent(messageId: string): Promise<void> {
    try {
      await this.options.sentIds.firstSeen(sentKey(messageId), SENT_ID_TTL_SECONDS);
    } catch (err) {
      this.options.logger.warn({ err, channel: ZALO_CHANNEL }, 'could not keep the id of a sent Zalo message');
    }
  }

  /**
   * Zalo's rules for `purpose`, then the replies drawn as Zalo messages. Apart, so the contact record and the
   * translator are not kept by the sends that follow, which wait seconds on Zalo (docs/performance.md).
   */
  private async draw(userId: string, replies: readonly Reply[], purpose: SendPurpose): Promise<RenderedReplies | Extract<SendResult, { ok: false }>> {
    const contact = await this.options.contacts.get({ channel: ZALO_CHANNEL, userId });
    // A reply answers what the citizen just wrote: the window is open whatever the contact record says yet.
    if (purpose !== 'reply' && contact) {
      if (contact.unreachableAt) return { ok: false, failure: 'unreachable', detail: 'Zalo said this citizen cannot be messaged' };
      if (this.now().getTime() - contact.lastInteractionAt.getTime() > WINDOW_MS) {
        return { ok: false, failure: 'window_closed', detail: 'last interaction more than 7 days ago' };
      }
    }
    const t = this.options.translator.forLocale((contact?.locale ?? 'vi') as Locale);
    return renderZaloReplies(replies, { style: this.options.buttonStyle, menuHint: t('zalo:menuHint') });
  }
}

const sentKey = (messageId: string) => `${ZALO_CHANNEL}:sent:${messageId}`;
