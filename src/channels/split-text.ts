/**
 * Splits a long text into parts of at most `max` UTF-16 units (what platforms count), at paragraph,
 * line or word boundaries where possible, so a citizen never receives a message cut mid-word.
 */
export function splitText(text: string, max: number): string[] {
  const normalised = text.normalize('NFC');
  if (normalised.length <= max) return [normalised];
  const parts: string[] = [];
  let rest = normalised;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > max / 2) ?? max;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
