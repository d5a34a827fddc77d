import type { Button } from '../../bot/reply';
import type { StateStore } from '../../store/ports';
import { foldForMatch } from '../../util/fold-text';

/** A menu answered after a day is no longer the one the citizen has in mind. */
const MENU_TTL_MS = 24 * 3600_000;
const CHOICE = /^(?:so|chon|muc|lua chon|number|no|option)?\s*(\d{1,2})$/;

interface StoredMenu {
  buttons: readonly Button[];
  at: string;
}

/**
 * The buttons of a message sent to the citizen after `since` that did not pass through `remember`: an announcement,
 * whose delivery row already records that the citizen was sent it (a state write per recipient would double the
 * cost of a fan-out for a menu that is the same for everyone).
 */
export type MenuSentSince = (userId: string, since: Date) => Promise<readonly Button[] | undefined>;

/**
 * The buttons last drawn to each citizen as a numbered list, so that "2", "số 2" or the title typed back is taken as
 * that button's payload. Kept in the state store beside the conversation (shared by every instance), under a key of
 * its own: the bot owns the conversation memory.
 */
export class MenuMemory {
  constructor(
    private readonly state: StateStore,
    private readonly channel: string,
    private readonly now: () => Date = () => new Date(),
    private readonly sentSince?: MenuSentSince,
  ) {}

  /**
   * Remembers `buttons` as the citizen's current menu. An empty list is remembered too, with its time (the last
   * answer had no choices): it hides an older announcement's menu from `choice`.
   */
  async remember(userId: string, buttons: readonly Button[]): Promise<void> {
    await this.state.write(this.key(userId), { buttons, at: this.now().toISOString() } satisfies StoredMenu, '*');
  }

  /** The payload `text` chooses from the citizen's current menu, if it is a choice at all. */
  async choice(userId: string, text: string): Promise<string | undefined> {
    const folded = foldForMatch(text);
    if (!folded || folded.length > 60) return undefined;
    const buttons = await this.current(userId);
    if (!buttons) return undefined;
    const number = CHOICE.exec(folded);
    if (number) return buttons[Number(number[1]) - 1]?.payload;
    return buttons.find((b) => foldForMatch(b.title) === folded)?.payload;
  }

  /** The latest menu shown within a day: the remembered one, or an announcement's sent after it. */
  private async current(userId: string): Promise<readonly Button[] | undefined> {
    const oldest = this.now().getTime() - MENU_TTL_MS;
    const stored = (await this.state.read<StoredMenu>(this.key(userId)))?.data;
    const storedAt = stored ? Date.parse(stored.at) : Number.NEGATIVE_INFINITY;
    const later = await this.sentSince?.(userId, new Date(Math.max(oldest, storedAt)));
    if (later) return later;
    return stored && storedAt >= oldest ? stored.buttons : undefined;
  }

  private key(userId: string): string {
    return `${this.channel}-menu/${userId}`;
  }
}
