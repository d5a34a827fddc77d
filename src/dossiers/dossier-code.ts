/** Dossier codes as the store keys them: trimmed, upper case, no spaces, only [A-Z0-9.-]. */

/** Longest code accepted; the portals' codes are far shorter, so anything longer is not a code. */
export const DOSSIER_CODE_MAX = 64;

/**
 * Fewest digits in a code. Every portal code carries a sequence of at least 4 ("TN-0457"); fewer, and it is a word with a
 * number ("covid-19", "HS1"), not a code. The chat finds codes in a sentence by this rule too (src/understanding/dossier-code.ts).
 */
export const DOSSIER_CODE_MIN_DIGITS = 4;

const ALLOWED = /^[A-Z0-9.-]+$/;

/**
 * True for what a citizen types for a phone or ID number: digits only (spaces, dots, dashes, brackets, a leading +
 * allowed), 9 to 15 of them (phones, 9-digit CMND, 12-digit CCCD). Such a string is never a dossier code.
 */
export function looksLikePhoneOrIdNumber(raw: string): boolean {
  const trimmed = raw.trim();
  if (!/^\+?[0-9 .()-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, '').length;
  return digits >= 9 && digits <= 15;
}

/**
 * The normalised code, or undefined when `raw` cannot be one (wrong characters, too long, fewer than 4 digits, or a phone or ID
 * number). The integration API and the chat share this rule, so a code the API stores is a code the chat accepts.
 */
export function normaliseDossierCode(raw: string): string | undefined {
  const code = raw.normalize('NFKC').replace(/\s+/g, '').replace(/[–—]/g, '-').toUpperCase();
  if (code.length === 0 || code.length > DOSSIER_CODE_MAX || !ALLOWED.test(code)) return undefined;
  // Every portal code carries digits (a date and a sequence); a word alone is a reply, not a code.
  if (code.replace(/\D/g, '').length < DOSSIER_CODE_MIN_DIGITS || looksLikePhoneOrIdNumber(raw.normalize('NFKC'))) return undefined;
  return code;
}
