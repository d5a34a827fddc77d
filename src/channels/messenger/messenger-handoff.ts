import type { SendFailure } from '../outbound/channel-sender';
import type { HandoffControl } from '../officer-signals';
import type { GraphResult, MessengerClient } from './messenger-client';

/** Told to the Page Inbox with the conversation, so an officer sees why it arrived. */
const HANDOFF_METADATA = 'handoff: the citizen asked for an officer';
const TAKE_BACK_METADATA = 'handoff closed: the assistant answers again';

/** A thread-control call Meta refused; `failure` says what the hand-off can do about it. */
export class ThreadControlError extends Error {
  override name = 'ThreadControlError';
  constructor(
    readonly failure: SendFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Messenger's part in a hand-off, through the thread-control endpoints that Conversation Routing keeps for
 * Messenger (`/me/pass_thread_control`, `/me/take_thread_control`): the Page Inbox owns the conversation while an
 * officer answers there (the bot then only sees `standby` events), and the bot takes it back when the officer is done.
 */
export class MessengerHandoffControl implements HandoffControl {
  constructor(
    private readonly client: Pick<MessengerClient, 'passThreadControl' | 'takeThreadControl'>,
    private readonly inboxAppId: string,
  ) {}

  async officerTakesOver(userId: string): Promise<void> {
    check(await this.client.passThreadControl(userId, this.inboxAppId, HANDOFF_METADATA), 'pass the conversation to the Page Inbox');
  }

  async botTakesBack(userId: string): Promise<void> {
    check(await this.client.takeThreadControl(userId, TAKE_BACK_METADATA), 'take the conversation back');
  }
}

function check(result: GraphResult<unknown>, what: string): void {
  if (!result.ok) throw new ThreadControlError(result.failure, `Messenger could not ${what}: ${result.failure} (${result.code}) ${result.detail ?? ''}`.trim());
}
