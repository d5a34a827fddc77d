import type { Turn } from './turn';

/** Answers one kind of message. Handlers speak replies and translation keys, never platform formats. */
export type Handler = (turn: Turn) => Promise<void>;

/** How an active multi-turn dialog treats a new message that looks like something else. */
export type InterruptPolicy =
  /** The dialog collects free text (feedback): only emergencies, menu and button taps interrupt it. */
  | 'free-text'
  /** The dialog expects a short answer (a code, digits): a confident new question also interrupts it. */
  | 'short-answer';
