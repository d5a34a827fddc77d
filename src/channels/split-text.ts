/**
 * Splits a long text into parts of at most `max` UTF-16 units (what platforms count), at paragraph, line,
 * sentence or word boundaries where possible, so a citizen never receives a message cut mid-sentence or mid-word.
 */
export function splitText(text: string, max: number): string[] {
  const normalised = text.normalize('NFC');
  if (normalised.length <= max) return [normalised];
  const parts: string[] = [];
  let rest = normalised;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

// A sentence ends with . ! ? or … (and closing quotes or brackets) followed by a space.
const SENTENCE_END = /[.!?…]["'”’)\]]*(?=\s)/g;

/**
 * Where the first part ends: the last paragraph break, line break, sentence end or space that keeps the part over
 * half full, else the limit itself (never inside a surrogate pair).
 */
function cutPoint(rest: string, max: number): number {
  // One unit more than fits: a break right after a full part still counts.
  const window = rest.slice(0, max + 1);
  const half = max / 2;
  for (const separator of ['\n\n', '\n']) {
    const i = window.lastIndexOf(separator);
    if (i > half) return i;
  }
  let sentence = -1;
  for (const m of window.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    if (end <= max) sentence = end;
  }
  if (sentence > half) return sentence;
  const space = window.lastIndexOf(' ');
  if (space > half) return space;
  const code = rest.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
