/**
 * Announcements that propaganda staff push to subscribers, and one delivery row per recipient. The row is the
 * idempotency key (announcement + recipient): it is written before any send, and a send happens only for a row the
 * sender moved from `pending` to `attempting` itself, so a crash, a restart or a second worker never sends twice.
 */
import type { ChannelUser } from './conversation-records';
import type { PersonalDataHolder } from './personal-data';

export type AnnouncementStatus = 'draft' | 'scheduled' | 'sending' | 'done' | 'cancelled';

/** What staff write: the text and who it is for (lists narrow like AudienceFilter; empty lists do not narrow). */
export interface AnnouncementDraft {
  title: string;
  body: string;
  topics: string[];
  channels: string[];
  communes: string[];
}

export interface Announcement extends AnnouncementDraft {
  id: string;
  status: AnnouncementStatus;
  /** `staff:<username>` of the author. */
  author: string;
  createdAt: Date;
  updatedAt: Date;
  scheduledAt?: Date;
  startedAt?: Date;
  finishedAt?: Date;
  /** The last audience member already given a delivery row: planning resumes strictly after it. */
  cursor?: ChannelUser;
  /** True once every audience member has a delivery row (the fan-out itself may still be running). */
  planned: boolean;
}

/**
 * - `pending`: to be sent; `attempting`: a sender took it and may have called the platform;
 * - `sent`, `failed` (with the platform's code), `skipped` (with the reason; kept in the outbox for their next message).
 */
export type DeliveryOutcome = 'pending' | 'attempting' | 'sent' | 'failed' | 'skipped';

export interface DeliveryRow extends ChannelUser {
  announcementId: string;
  locale: string;
  outcome: DeliveryOutcome;
  /** failed: the SendFailure and platform code; skipped: why. */
  reason?: string;
  updatedAt: Date;
}

/** A recipient planned for an announcement: sent to, or skipped at once for `reason`. */
export interface PlannedRecipient extends ChannelUser {
  locale: string;
  skip?: string;
}

export interface DeliveryReport {
  total: number;
  sent: number;
  pending: number;
  /** Taken by a sender whose result is not recorded yet (or lost in a crash: see resolveInDoubt). */
  attempting: number;
  failed: Record<string, number>;
  skipped: Record<string, number>;
}

/** The skip reason of a recipient left unsent when staff cancelled the announcement. */
export const CANCELLED_REASON = 'cancelled';

/** A final outcome of one recipient. */
export type DeliveryResult = { outcome: 'sent' } | { outcome: 'failed' | 'skipped'; reason: string };

/** The personal data here is who was sent which announcement (the deliveries), exported and erased per citizen. */
export interface AnnouncementRepository extends PersonalDataHolder {
  create(draft: AnnouncementDraft, author: string, at: Date): Promise<Announcement>;
  get(id: string): Promise<Announcement | undefined>;
  /** Newest first; `statuses` narrows. */
  list(limit: number, statuses?: readonly AnnouncementStatus[]): Promise<Announcement[]>;
  /** Replaces the text and audience of a draft or scheduled announcement; undefined when it is not (any more) editable. */
  edit(id: string, draft: AnnouncementDraft, at: Date): Promise<Announcement | undefined>;
  /**
   * Moves the announcement to `to` only if its status is one of `from` (compare-and-set, so two instances never both
   * start one); `scheduledAt` is set with `scheduled`, `startedAt` with `sending`, `finishedAt` with `done`/`cancelled`.
   */
  transition(id: string, from: readonly AnnouncementStatus[], to: AnnouncementStatus, at: Date, scheduledAt?: Date): Promise<Announcement | undefined>;
  /** Scheduled announcements whose time has come, oldest first. */
  due(at: Date, limit: number): Promise<Announcement[]>;
  /**
   * Writes delivery rows for one page of the audience (a recipient already planned is left as it is) and moves the
   * cursor to `cursor`, in one step; `last` marks the plan complete. Answers the recipients that were new.
   */
  plan(id: string, recipients: readonly PlannedRecipient[], cursor: ChannelUser | undefined, last: boolean, at: Date): Promise<PlannedRecipient[]>;
  /**
   * Moves up to `limit` pending rows (the given ones, or any of the announcement's) to `attempting` and answers
   * those this call moved: only they may be sent.
   */
  take(id: string, limit: number, at: Date, only?: readonly ChannelUser[]): Promise<DeliveryRow[]>;
  /** Records final outcomes of rows this process took. */
  settle(id: string, results: readonly (ChannelUser & DeliveryResult)[], at: Date): Promise<void>;
  /**
   * Rows left `attempting` since before `before` (their sender died mid-send): the platform may or may not have
   * shown them, so they are never sent again; they become `failed` with reason `in_doubt`. Answers how many.
   */
  resolveInDoubt(id: string, before: Date): Promise<number>;
  /**
   * Rows of a cancelled announcement still `pending` (never taken, so never sent) become `skipped` with reason
   * `cancelled`, so none waits forever; rows under way keep the outcome their send records. Answers how many.
   */
  cancelPending(id: string, at: Date): Promise<number>;
  report(id: string): Promise<DeliveryReport>;
  /**
   * This citizen's latest row that went out, or may have (`sent`, `attempting`), last changed after `since`: the
   * announcement they saw last, whose buttons are their current Zalo numbered menu (no menu is written per send).
   */
  lastSentTo(user: ChannelUser, since: Date): Promise<DeliveryRow | undefined>;
  /** Rows by channel then user id; `after` pages on from the last row of the previous page (a download streams them). */
  deliveries(id: string, limit: number, outcome?: DeliveryOutcome, after?: ChannelUser): Promise<DeliveryRow[]>;
}
