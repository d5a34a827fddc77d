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
 * The buttons last drawn to each citizen as a numbered list, so that "2", "số 2" or the title typed back is taken as
 * that button's payload. Kept in the state store beside the conversation (shared by every instance), under a key of
 * its own: the bot owns the conversation memory.
 */
export class MenuMemory {
  constructor(
    private readonly state: StateStore,
    private readonly channel: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Remembers `buttons` as the citizen's current menu; an empty list forgets it (the last answer had no choices). */
  async remember(userId: string, buttons: readonly Button[]): Promise<void> {
    if (buttons.length === 0) return this.state.delete(this.key(userId));
    await this.state.write(this.key(userId), { buttons, at: this.now().toISOString() } satisfies StoredMenu, '*');
  }

  /** The payload `text` chooses from the citizen's current menu, if it is a choice at all. */
  async choice(userId: string, text: string): Promise<string | undefined> {
    const folded = foldForMatch(text);
    if (!folded || folded.length > 60) return undefined;
    const stored = (await this.state.read<StoredMenu>(this.key(userId)))?.data;
    if (!stored || this.now().getTime() - Date.parse(stored.at) > MENU_TTL_MS) return undefined;
    const number = CHOICE.exec(folded);
    if (number) return stored.buttons[Number(number[1]) - 1]?.payload;
    return stored.buttons.find((b) => foldForMatch(b.title) === folded)?.payload;
  }

  private key(userId: string): string {
    return `${this.channel}-menu/${userId}`;
  }
}
