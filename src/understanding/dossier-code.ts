/** Finds dossier codes (mã hồ sơ) in the shapes the public-service portals print, however they were typed. */
import { DOSSIER_CODE_MAX, DOSSIER_CODE_MIN_DIGITS } from '../dossiers/dossier-code';

/** A dossier code found in the original text, in upper case (portal codes as PREFIX-YYMMDD-SEQ). */
export interface DossierCodeMatch {
  value: string;
  start: number;
  end: number;
}

// prefix (G22.42 / 000.00.14.H55 / BCA) - date yymmdd - sequence; spaces and lower case tolerated around every part.
const CODE = /(?<![\p{L}\p{N}.])([a-z0-9]{1,5}(?:\s*\.\s*[a-z0-9]{1,5}){0,5})\s*([-–—]?)\s*(\d{6})\s*[-–—]?\s*(\d{3,6})(?![\p{L}\p{N}])/giu;

// Any other code the one-stop systems issue (the integration API accepts A-Z 0-9 . -), typed as one token: groups of
// letters and digits joined by "." or "-" (HC-2026-000777, H55.22-000123). Not inside a URL, an e-mail or a path.
const TOKEN = /(?<![\p{L}\p{N}.\-/@:_])([a-z0-9]+(?:[.-][a-z0-9]+)+)(?![\p{L}\p{N}/@_]|[.-][\p{L}\p{N}])/giu;
// What every match of CODE and of TOKEN holds (six digits in a row; a "." or "-" between letters or digits, with TOKEN's
// flags): most messages hold neither, and these simple scans spare them the backtracking patterns at every word.
const CODE_DIGITS = /\d{6}/;
const TOKEN_JOIN = /[a-z0-9][.-][a-z0-9]/iu;
// Vietnamese number plates (20A-123.45, 29A1-123.45) look like codes but are vehicles.
const PLATE = /^\d{2}[A-Z]{1,2}\d?-?\d{3}\.?\d{2}$/;
// A name and a year ("EURO-2024", "SEA-GAMES-2025") is an event, not a code: no portal code is letters and a year alone.
const NAMED_YEAR = /^[A-Z]+(?:-[A-Z]+)*-(?:19|20)\d{2}$/;

/**
 * Every dossier code in `text`, with offsets into `text`: the portals' PREFIX-YYMMDD-SEQ (spaces tolerated), and any
 * other letters-and-digits code of one token. A phone or ID number (digits only) is never a code.
 */
export function findDossierCodes(text: string): DossierCodeMatch[] {
  const found = findPortalCodes(text);
  if (!TOKEN_JOIN.test(text)) return found;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const value = m[0].toUpperCase();
    // The API's rule for what a code is (the same fewest digits and longest code), less the shapes a sentence holds otherwise.
    if (!/[A-Z]/.test(value) || value.replace(/\D/g, '').length < DOSSIER_CODE_MIN_DIGITS || value.length > DOSSIER_CODE_MAX) continue;
    if (PLATE.test(value) || NAMED_YEAR.test(value)) continue;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    found.push({ value, start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}

function findPortalCodes(text: string): DossierCodeMatch[] {
  const found: DossierCodeMatch[] = [];
  if (!CODE_DIGITS.test(text)) return found;
  for (const m of text.matchAll(CODE)) {
    const [whole, rawPrefix, dash, date, seq] = m;
    const prefix = rawPrefix.replace(/\s+/g, '').toUpperCase();
    if (!/[A-Z]/.test(prefix) || !isDate(date)) continue;
    // A bare word before the digits ("xe 250312 0007") is not a prefix: it needs a digit, a dot, a dash or upper case as typed.
    const looksLikePrefix = /[0-9.]/.test(prefix) || dash !== '' || rawPrefix === rawPrefix.toUpperCase();
    if (!looksLikePrefix) continue;
    const start = m.index ?? 0;
    found.push({ value: `${prefix}-${date}-${seq}`, start, end: start + whole.length });
  }
  return found;
}

function isDate(yymmdd: string): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
