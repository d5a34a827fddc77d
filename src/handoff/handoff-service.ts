import type { RecordAudit } from '../admin';
import type { Reply } from '../bot/reply';
import type { HandoffControl, OfficerSignals } from '../channels/officer-signals';
import type { ChannelSender, SendFailure } from '../channels/outbound/channel-sender';
import type { Logger } from '../ops/logger';
import type { ChannelUser, HandoffMessage, HandoffRecord, HandoffRepository } from '../store/ports';
import type { Clock } from '../store/store-options';
import { dutyAt, type DutySchedule, type DutyStatus } from './duty-hours';
import type { HandoffNotices } from './handoff-notices';

/** Why a message sent on an officer's behalf did not reach the citizen: the channel's answer, or no sender for it. */
export type DeliveryFailure = SendFailure | 'channel_off';

/** What happened to a message sent on an officer's behalf. */
export type Delivery = { sent: true } | { sent: false; failure: DeliveryFailure; retryAfterSeconds?: number };

/** Why a staff action on a hand-off was refused. */
export type HandoffRefusal = { refused: 'not_found' } | { refused: 'closed' } | { refused: 'claimed'; by: string };

/** The staff member acting: as the audit trail names them (`staff:<username>`), and their username. */
export interface HandoffActor {
  audit: string;
  username: string;
}

/** What the hand-off service is built from; `senders` and `controls` are keyed by channel name. */
export interface HandoffServiceDeps {
  handoffs: HandoffRepository;
  senders: ReadonlyMap<string, ChannelSender>;
  controls: ReadonlyMap<string, HandoffControl>;
  notices: HandoffNotices;
  audit: RecordAudit;
  schedule: DutySchedule;
  /** How long the bot stays quiet after an officer wrote from the platform's own tool. */
  pauseMs: number;
  now: Clock;
  logger: Logger;
}

/** The human hand-off, channel-agnostic: citizens ask, officers claim, reply and close; platforms report officers. */
export interface HandoffService extends OfficerSignals {
  /** The citizen asks for an officer: their open hand-off, or a new one seeded with the lines before the request. */
  request(user: ChannelUser, locale: string, reason: string, before: readonly HandoffMessage[]): Promise<{ record: HandoffRecord; created: boolean }>;
  findOpen(user: ChannelUser): Promise<HandoffRecord | undefined>;
  /** Keeps lines said while the hand-off is open (the citizen's messages, the bot's answers). */
  record(id: string, lines: readonly HandoffMessage[]): Promise<void>;
  duty(): DutyStatus;
  /** Whether an officer holds the conversation now: claimed in the console, or wrote from the platform within the pause. */
  officerHolds(record: HandoffRecord): boolean;
  claim(id: string, actor: HandoffActor, takeOver: boolean): Promise<HandoffRefusal | { record: HandoffRecord; notice?: Delivery }>;
  reply(id: string, actor: HandoffActor, text: string): Promise<HandoffRefusal | { record: HandoffRecord; message: HandoffMessage; delivery: Delivery }>;
  close(id: string, actor: HandoffActor): Promise<Extract<HandoffRefusal, { refused: 'not_found' }> | { record: HandoffRecord; closedNow: boolean; notice?: Delivery }>;
}

/** Builds the service over the store, the channels' senders and controls, and the duty schedule. */
export function createHandoffService(deps: HandoffServiceDeps): HandoffService {
  const { handoffs, notices, audit, now, logger } = deps;

  /** Sends on an officer's behalf (Messenger: HUMAN_AGENT tag); a failure is answered, never thrown, so staff can see it. */
  async function deliver(record: HandoffRecord, replies: Reply[]): Promise<Delivery> {
    const sender = deps.senders.get(record.channel);
    if (!sender) return { sent: false, failure: 'channel_off' };
    try {
      const result = await sender.send(record.userId, replies, 'officer');
      if (result.ok) return { sent: true };
      logger.warn({ handoff: record.id, channel: record.channel, failure: result.failure, code: result.code }, 'officer message not delivered');
      return { sent: false, failure: result.failure, ...(result.retryAfterSeconds ? { retryAfterSeconds: result.retryAfterSeconds } : {}) };
    } catch (err) {
      logger.error({ err, handoff: record.id, channel: record.channel }, 'officer message send threw');
      return { sent: false, failure: 'temporary' };
    }
  }

  /** Tells the citizen something on the officer's behalf and keeps it in the transcript, delivered or not. */
  async function notify(record: HandoffRecord, reply: Reply): Promise<Delivery> {
    const delivery = await deliver(record, [reply]);
    await handoffs.append(record.id, [{ at: now(), from: 'bot', text: reply.text, ...(delivery.sent ? {} : { failure: delivery.failure }) }]);
    return delivery;
  }

  /** The platform's control over the thread (Messenger's handover protocol); a failure must not stop the officer. */
  async function control(record: HandoffRecord, step: keyof HandoffControl): Promise<void> {
    try {
      await deps.controls.get(record.channel)?.[step](record.userId);
    } catch (err) {
      logger.warn({ err, handoff: record.id, channel: record.channel, step }, 'hand-off thread control failed');
    }
  }

  async function refusal(id: string, officer: string): Promise<HandoffRefusal> {
    const record = await handoffs.get(id);
    if (!record) return { refused: 'not_found' };
    if (record.status === 'closed') return { refused: 'closed' };
    return { refused: 'claimed', by: record.claimedBy ?? officer };
  }

  /** Closes and hands the conversation back to the bot, which tells the citizen it is there again. */
  async function finish(id: string, actorName: string, takeBack: boolean) {
    const record = await handoffs.close(id, now());
    if (!record) return undefined;
    await audit(actorName, 'handoff.close', id);
    if (takeBack) await control(record, 'botTakesBack');
    return { record, notice: await notify(record, notices.closed(record)) };
  }

  const service: HandoffService = {
    async request(user, locale, reason, before) {
      return handoffs.open({ ...user, locale, reason, transcript: before });
    },
    findOpen: (user) => handoffs.findOpen(user),
    async record(id, lines) {
      await handoffs.append(id, lines);
    },
    duty: () => dutyAt(deps.schedule, now()),
    officerHolds(record) {
      if (record.status !== 'engaged') return false;
      if (record.claimedBy !== undefined) return true;
      return record.officerWroteAt !== undefined && now().getTime() - record.officerWroteAt.getTime() < deps.pauseMs;
    },
    async claim(id, actor, takeOver) {
      const before = await handoffs.get(id);
      const record = await handoffs.claim(id, actor.username, now(), takeOver);
      if (!before || !record) return refusal(id, actor.username);
      if (before.claimedBy === actor.username) return { record };
      await audit(actor.audit, 'handoff.claim', id, before.claimedBy ? { from: before.claimedBy } : undefined);
      // Told while the bot still holds the thread: once the platform's inbox has it, the bot may not speak there.
      const notice = await notify(record, notices.claimed(record));
      await control(record, 'officerTakesOver');
      return { record, notice };
    },
    async reply(id, actor, text) {
      const claimed = await service.claim(id, actor, false);
      if ('refused' in claimed) return claimed;
      const delivery = await deliver(claimed.record, [notices.officerSays(claimed.record, text)]);
      const message: HandoffMessage = { at: now(), from: 'officer', text, officer: actor.username, ...(delivery.sent ? {} : { failure: delivery.failure }) };
      await handoffs.append(id, [message]);
      await audit(actor.audit, 'handoff.reply', id, delivery.sent ? undefined : { failure: delivery.failure });
      return { record: (await handoffs.get(id))!, message, delivery };
    },
    async close(id, actor) {
      const done = await finish(id, actor.audit, true);
      if (done) return { ...done, closedNow: true };
      const record = await handoffs.get(id);
      // Closing twice is harmless: the second call changes nothing and tells nobody.
      return record ? { record, closedNow: false } : { refused: 'not_found' };
    },
    async officerSpoke(user, at, text) {
      const { record } = await handoffs.open({ ...user, locale: 'vi', reason: 'officer_wrote', transcript: [] });
      await handoffs.append(record.id, [{ at, from: 'officer', text: text ?? '' }]);
    },
    async handedBack(user) {
      const open = await handoffs.findOpen(user);
      // The platform's inbox already returned the thread: taking it back again would be refused.
      if (open) await finish(open.id, `platform:${user.channel}`, false);
    },
  };
  return service;
}
