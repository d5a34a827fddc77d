/** Finds dossier codes (mã hồ sơ) in the shapes the public-service portals print, however they were typed. */

/** A dossier code found in the original text, normalised to PREFIX-YYMMDD-SEQ in upper case. */
export interface DossierCodeMatch {
  value: string;
  start: number;
  end: number;
}

// prefix (G22.42 / 000.00.14.H55 / BCA) - date yymmdd - sequence; spaces and lower case tolerated around every part.
const CODE = /(?<![\p{L}\p{N}.])([a-z0-9]{1,5}(?:\s*\.\s*[a-z0-9]{1,5}){0,5})\s*([-–—]?)\s*(\d{6})\s*[-–—]?\s*(\d{3,6})(?![\p{L}\p{N}])/giu;

/** Every dossier code in `text`, with offsets into `text`. */
export function findDossierCodes(text: string): DossierCodeMatch[] {
  const found: DossierCodeMatch[] = [];
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
