/** Removes control characters (but keeps line breaks and tabs) so they never reach logs, storage or the parser. */
export function cleanInboundText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u2028\u2029\uFEFF]/g, '').trim();
}
