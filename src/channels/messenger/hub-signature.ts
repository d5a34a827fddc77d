import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>`, the HMAC-SHA256 of the raw body bytes keyed with the app
 * secret. The bytes must be exactly those received: re-serialised JSON turns `\u00e0` escapes into UTF-8 and no
 * longer matches. Compared in constant time.
 */
export function checkHubSignature(raw: Buffer, header: string | undefined, appSecret: string): 'valid' | 'missing' | 'invalid' {
  if (!header) return 'missing';
  const match = HEADER.exec(header.trim());
  if (!match) return 'invalid';
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected) ? 'valid' : 'invalid';
}

/** Compares two secrets in constant time whatever their lengths (hashing first evens the lengths out). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
