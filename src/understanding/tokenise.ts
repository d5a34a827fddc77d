/** Splits a message into folded tokens that remember where they came from in the original text. */
import { foldChar, placeToneMark } from './normalise';

/** One word (or emoji) of a message: folded form, tone-normalised form, and its span in the original text. */
export interface Token {
  /** Lower case, no diacritics, đ→d. */
  text: string;
  /** Lower case, NFC, canonical tone placement (keeps diacritics for cues that need them). */
  toned: string;
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
// Vietnamese has only a few thousand distinct syllables, so their tone-normalised forms are worth caching.
const tonedCache = new Map<string, string>();
const TONED_CACHE_LIMIT = 20_000;

function toned(raw: string): string {
  let t = tonedCache.get(raw);
  if (t === undefined) {
    t = /^[\x00-\x7f]*$/.test(raw) ? raw.toLowerCase() : placeToneMark(raw.normalize('NFC').toLowerCase());
    if (tonedCache.size < TONED_CACHE_LIMIT) tonedCache.set(raw, t);
  }
  return t;
}

/** True for an ASCII letter or digit (the common case, checked without a regular expression). */
function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
const MARK = /\p{M}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

// No real word is this long; the rest of a longer run still belongs to the token's span but is not read,
// so a glued 2,000-character run cannot make later steps (unit splitting, tone placement) quadratic.
const MAX_TOKEN_CHARS = 40;

/**
 * Tokenises at most `maxChars` characters of `text` and stops after `maxTokens` tokens
 * (very long messages are capped early so a parse stays fast whatever is pasted).
 */
export function tokenise(text: string, maxChars: number, maxTokens = Infinity): Token[] {
  const tokens: Token[] = [];
  let raw = '';
  let folded = '';
  let start = -1;
  let end = -1;
  const flush = () => {
    if (raw && tokens.length < maxTokens) tokens.push({ text: folded, toned: toned(raw), start, end });
    raw = '';
    folded = '';
  };
  let i = 0;
  const limit = Math.min(text.length, maxChars);
  while (i < limit && tokens.length < maxTokens) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (isAsciiWordChar(code)) {
        if (!raw) start = i;
        const ch = text[i];
        if (raw.length < MAX_TOKEN_CHARS) {
          raw += ch;
          folded += code <= 90 && code >= 65 ? ch.toLowerCase() : ch;
        }
        end = i + 1;
      } else flush();
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (WORD_CHAR.test(ch)) {
      if (!raw) start = i;
      if (raw.length < MAX_TOKEN_CHARS) {
        raw += ch;
        folded += foldChar(ch);
      }
      end = next;
    } else if (MARK.test(ch)) {
      // A combining mark (NFD input) belongs to the word before it, so the word's span must cover it.
      if (raw) {
        if (raw.length < MAX_TOKEN_CHARS) raw += ch;
        end = next;
      }
    } else {
      flush();
      if (PICTOGRAPH.test(ch) && tokens.length < maxTokens) tokens.push({ text: ch, toned: ch, start: i, end: next });
    }
    i = next;
  }
  flush();
  return tokens;
}
