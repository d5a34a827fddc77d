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

/** The 4 digits a citizen typed ("12 34", "1234."), or undefined when the message is not 4 digits. */
export function typedLast4(text: string): string | undefined {
  const digits = text.replace(/[\s.,-]/g, '');
  return /^[0-9]{4}$/.test(digits) ? digits : undefined;
}

// Compared against when the code is unknown, so an unknown code costs the same work as a known one.
const DECOY = '\u0000\u0000\u0000\u0000';

/** True when `typed` equals the stored last 4 digits; constant time, and false for an unknown dossier. */
export function last4Matches(typed: string, stored: string | undefined): boolean {
  const a = Buffer.from(typed.padEnd(4, '\u0000').slice(0, 4));
  const b = Buffer.from((stored ?? DECOY).padEnd(4, '\u0000').slice(0, 4));
  return a.length === b.length && timingSafeEqual(a, b) && stored !== undefined;
}
