/** Messages for a citizen that wait until their channel may send them (next web-chat visit, a platform's window). */
import type { ChannelUser } from './conversation-records';
import type { AgedRecords, PersonalDataHolder } from './personal-data';

/** One queued message: a kind and data the channel renders at delivery time, in the citizen's language. */
export interface OutboxMessage extends ChannelUser {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface OutboxInput extends ChannelUser {
  /** Idempotency key: a second enqueue with the same key is a no-op, so one change is queued once. */
  key: string;
  kind: string;
  data: Record<string, unknown>;
}

/** Messages age by `createdAt`, delivered or not (a notice weeks old no longer helps). */
export interface OutboxRepository extends PersonalDataHolder, AgedRecords {
  /** Queues the message; answers false when its key was queued before. */
  enqueue(input: OutboxInput): Promise<boolean>;
  /** Undelivered messages of a user, oldest first, including claimed ones. */
  pending(user: ChannelUser, limit: number): Promise<OutboxMessage[]>;
  /**
   * Takes up to `limit` undelivered, unclaimed messages of a user, oldest first, and hides them from other
   * claims for `leaseMs`; a drainer that dies before `markDelivered` leaves them to be claimed again.
   */
  claim(user: ChannelUser, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  /** Whether `claim` would take a message of the user now (an undelivered message not claimed by another drain). */
  claimable(user: ChannelUser): Promise<boolean>;
  /** Marks messages delivered: they are never claimed again. */
  markDelivered(ids: readonly string[]): Promise<void>;
  /**
   * Puts messages back, undelivered and unclaimed (claimed or marked delivered before a send the platform refused,
   * e.g. outside its window): the next claim takes them.
   */
  requeue(ids: readonly string[]): Promise<void>;
  /**
   * Citizens of `channels` for whom undelivered messages of `kinds` wait, in (channel, userId) order, the first `limit`
   * after `after`: the start-up sweep pages through them.
   */
  recipients(channels: readonly string[], kinds: readonly string[], limit: number, after?: ChannelUser): Promise<ChannelUser[]>;
  /** How many undelivered messages wait, by channel (a metric: a growing queue means a channel cannot send). */
  waiting(): Promise<Record<string, number>>;
}
