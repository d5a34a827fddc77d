import type { ChannelUser } from '../store/ports';

/**
 * What a platform tells us about officers, for the hand-off: an officer wrote to the citizen from the platform's own
 * tool (a Zalo OA Manager echo with an admin id, a Messenger echo from the Page Inbox), or handed the conversation
 * back (Messenger's Page Inbox "Done" returns thread control). Channel routers report these; the hand-off decides.
 */
export interface OfficerSignals {
  /**
   * An officer wrote to `user` at `at` outside our console (`text`, when the platform echoed it, goes to the
   * transcript): the bot stays quiet for that citizen for a while.
   */
  officerSpoke(user: ChannelUser, at: Date, text?: string): Promise<void>;
  /** The platform's inbox handed the conversation back to the bot. */
  handedBack(user: ChannelUser): Promise<void>;
}

/**
 * How a channel takes part in a hand-off when an officer takes over from our console or the platform's inbox:
 * Messenger passes thread control to the Page Inbox and takes it back; channels without such a protocol do nothing.
 */
export interface HandoffControl {
  officerTakesOver(userId: string): Promise<void>;
  botTakesBack(userId: string): Promise<void>;
}
