/** Masks a Vietnamese full name for display: the family name stays, other words become initials ("Nguyễn V. B."). */
export function maskName(fullName: string): string {
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const initial = (w: string) => `${Array.from(w)[0]!.toLocaleUpperCase('vi')}.`;
  // A one-word name shown whole would not be masked at all.
  if (words.length === 1) return initial(words[0]!);
  return [words[0]!, ...words.slice(1).map(initial)].join(' ');
}
