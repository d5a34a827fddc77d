import { timingSafeEqual } from 'node:crypto';

/** Digits a phone number may have once spaces, dots, dashes and a leading + are dropped (VN 10 digits, +84 forms, landlines). */
const MIN_DIGITS = 9;
const MAX_DIGITS = 15;

/** The last 4 digits of a phone number (the only part stored), or undefined when it is not a phone number. */
export function phoneLast4(phone: string): string | undefined {
  const trimmed = phone.trim();
  if (!/^\+?[0-9 .()-]+$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return undefined;
  return digits.slice(-4);
}

/** Most words a reply may wrap its 4 digits in ("4 số cuối là 5678", "đuôi 5678"): more is a sentence, not a reply. */
const MAX_REPLY_WORDS = 6;

/**
 * The 4 digits a citizen typed ("12 34", "1234.", "đuôi 5678", "4 số cuối là 5678"), or undefined when the message
 * holds no group of exactly 4 digits, more than one, or more words than a reply.
 */
export function typedLast4(text: string): string | undefined {
  // Digits split only by spaces, dots, commas or dashes are one group ("12 34"); a longer group is a phone number.
  const groups = (text.match(/[0-9](?:[\s.,-]*[0-9])*/g) ?? []).map((g) => g.replace(/\D/g, ''));
  const four = groups.filter((g) => g.length === 4);
  if (four.length !== 1 || groups.some((g) => g.length > 4)) return undefined;
  const words = text.replace(/[0-9]/g, ' ').split(/[^\p{L}]+/u).filter(Boolean);
  return words.length <= MAX_REPLY_WORDS ? four[0] : undefined;
}

// Compared against when the code is unknown, so an unknown code costs the same work as a known one.
const DECOY = '\u0000\u0000\u0000\u0000';

/** True when `typed` equals the stored last 4 digits; constant time, and false for an unknown dossier. */
export function last4Matches(typed: string, stored: string | undefined): boolean {
  const a = Buffer.from(typed.padEnd(4, '\u0000').slice(0, 4));
  const b = Buffer.from((stored ?? DECOY).padEnd(4, '\u0000').slice(0, 4));
  return a.length === b.length && timingSafeEqual(a, b) && stored !== undefined;
}
