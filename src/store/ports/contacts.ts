/**
 * Citizens as each channel knows them: when they last acted (the platforms' messaging windows count from it),
 * whether they follow the account, whether the platform said they can no longer be messaged, and what
 * announcements they asked for. Channels, announcements and hand-off all read and write this one record.
 */
import type { ChannelUser } from './conversation-records';
import type { AgedRecords } from './personal-data';

/** What a citizen asked to receive: empty lists mean "everything" (topics) and "no commune given" (communes). */
export interface Subscription {
  topics: string[];
  /** Office-directory keys of the communes the citizen chose. */
  communes: string[];
  since: Date;
}

export interface Contact extends ChannelUser {
  locale: string;
  firstSeenAt: Date;
  /** The citizen's last own action (message, tap, follow, "chat now"): Messenger's 24 h and Zalo's 7 days count from it. */
  lastInteractionAt: Date;
  /** Zalo: whether they follow the OA (undefined until an event or an API says). Other channels leave it undefined. */
  following?: boolean;
  /** Set when the platform said they cannot be messaged any more (blocked, deleted, banned): never message again. */
  unreachableAt?: Date;
  subscription?: Subscription;
}

/**
 * Who an announcement is for. Lists are alternatives (any of), an empty or missing list does not narrow.
 * Only subscribed, reachable contacts that do not have `following: false` are ever in an audience.
 * - `topics`: a subscriber with no topics (everything) matches any topic; otherwise their topics must meet these.
 * - `communes`: a subscriber matches only if one of their communes is listed (no commune given: not matched).
 */
export interface AudienceFilter {
  channels?: readonly string[];
  topics?: readonly string[];
  communes?: readonly string[];
}

/**
 * `purgeOlderThan` forgets contacts whose last action is older than the cutoff, except reachable subscribers: they
 * asked for announcements and keep them until they unsubscribe or become unreachable.
 */
export interface ContactRepository extends AgedRecords {
  /**
   * Records an action of the citizen at `at` (creating the contact on first sight): the window reopens, and a
   * citizen who acts is reachable again. `following: true` records a follow; `locale` the language in use.
   */
  recordInteraction(user: ChannelUser, at: Date, change?: { locale?: string; following?: boolean }): Promise<void>;
  /** Records an unfollow; it is not an interaction (no window opens). No-op for an unknown citizen. */
  recordUnfollow(user: ChannelUser): Promise<void>;
  /** The platform said this citizen cannot be messaged. No-op for an unknown citizen. */
  markUnreachable(user: ChannelUser, at: Date): Promise<void>;
  /** Sets (or replaces) the citizen's subscription; the contact must exist (they are writing to us). */
  subscribe(user: ChannelUser, choice: { topics: readonly string[]; communes: readonly string[] }, at: Date): Promise<void>;
  /** Ends the subscription; answers false when there was none. */
  unsubscribe(user: ChannelUser): Promise<boolean>;
  get(user: ChannelUser): Promise<Contact | undefined>;
  countAudience(filter: AudienceFilter): Promise<number>;
  /**
   * One page of the audience in a stable order (channel, then user id), strictly after `after` when given:
   * callers stream large audiences page by page and never hold everyone at once.
   */
  audiencePage(filter: AudienceFilter, limit: number, after?: ChannelUser): Promise<Contact[]>;
  /** Forgets the citizen (a data-subject request); answers false when unknown. */
  remove(user: ChannelUser): Promise<boolean>;
}
