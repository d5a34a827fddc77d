const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/**
 * Shortens `text` to at most `max` UTF-16 units (how platforms count button titles), cutting between graphemes so no
 * letter loses its tone mark and no emoji is halved, and ending a shortened text with "…".
 */
export function fitText(text: string, max: number): string {
  const whole = text.normalize('NFC').trim();
  if (whole.length <= max) return whole;
  let kept = '';
  for (const { segment } of graphemes.segment(whole)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept.trimEnd()}…`;
}
