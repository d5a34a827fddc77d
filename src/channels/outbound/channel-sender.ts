import type { Reply } from '../../bot/reply';

/** Why a message goes out: each platform's rules (windows, tags) depend on it. */
export type SendPurpose =
  /** The assistant's answer to what the citizen just wrote. */
  | 'reply'
  /** An officer's answer during a hand-off (Messenger: the HUMAN_AGENT tag, up to 7 days after the citizen's last message). */
  | 'officer'
  /** A dossier status change the citizen asked to be told about. */
  | 'notice'
  /** An announcement to a subscriber. */
  | 'announcement';

/**
 * Why a send failed, named for what the caller does next (Chatwoot's lesson): keep it for the citizen's next
 * message, never message again, wait and retry, or tell staff.
 */
export type SendFailure =
  /** The platform's window for this purpose is closed (Messenger 24 h, Zalo 7 days): keep it until they write again. */
  | 'window_closed'
  /** Zalo: the citizen does not follow the OA. */
  | 'not_following'
  /** Blocked the page, deleted the account, banned: never message them again (contacts.markUnreachable). */
  | 'unreachable'
  /** The platform asks us to slow down: retry after `retryAfterSeconds` (or a backoff). */
  | 'rate_limited'
  /** The platform's quota is used up for now (Zalo -211): stop the batch and tell staff. */
  | 'quota_exhausted'
  /** Messenger: another app (the Page Inbox, where an officer answers) controls the conversation: the bot stays quiet,
   * and the hand-off takes the thread back first if it must speak. */
  | 'handed_over'
  /** The access token was refused: the channel is not ready until a token works again; staff are alerted. */
  | 'auth'
  /** The platform failed or could not be reached after our retries: try again later. */
  | 'temporary'
  /** The message went out but no answer came back (post-json's `mayHaveArrived`): it may have been delivered, so it is
   * never sent again — a citizen must not get it twice. */
  | 'in_doubt'
  /** The platform refused this message for good (bad payload, policy): do not resend it as it is. */
  | 'rejected';

/**
 * What happened to one send: the platform's message ids, or a failure with the platform's own code for the logs;
 * `nothingSent` when the failure came before any message of the send went out (it may then be sent again whole).
 */
export type SendResult =
  | { ok: true; messageIds: string[] }
  | { ok: false; failure: SendFailure; code?: string; detail?: string; retryAfterSeconds?: number; nothingSent?: boolean };

/**
 * The outbound door of one channel: draws replies the way that platform shows them and sends them, in order, to
 * one citizen, within the platform's rules for `purpose`. Stops at the first part that fails and says why.
 */
export interface ChannelSender {
  readonly channel: string;
  send(userId: string, replies: readonly Reply[], purpose: SendPurpose): Promise<SendResult>;
}
