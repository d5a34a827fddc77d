/** Dossier codes as the store keys them: trimmed, upper case, no spaces, only [A-Z0-9.-]. */

/** Longest code accepted; the portals' codes are far shorter, so anything longer is not a code. */
export const DOSSIER_CODE_MAX = 64;

const ALLOWED = /^[A-Z0-9.-]+$/;

/** The normalised code, or undefined when `raw` cannot be one (wrong characters, too long, no digit). */
export function normaliseDossierCode(raw: string): string | undefined {
  const code = raw.normalize('NFKC').replace(/\s+/g, '').replace(/[–—]/g, '-').toUpperCase();
  if (code.length === 0 || code.length > DOSSIER_CODE_MAX || !ALLOWED.test(code)) return undefined;
  // Every portal code carries digits (a date and a sequence); a word alone is a reply, not a code.
  return /[0-9]/.test(code) ? code : undefined;
}
