import { vietnamDay } from './instant';

/** A date as Vietnamese readers write it, dd/mm/yyyy, on the Vietnam calendar. */
export function formatVietnamDate(date: Date): string {
  const [y, m, d] = vietnamDay(date).split('-');
  return `${d}/${m}/${y}`;
}
