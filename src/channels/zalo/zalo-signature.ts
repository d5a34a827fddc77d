import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Zalo's webhook signature: lowercase hex SHA-256 (plain, not HMAC) of app id + raw body + the body's `timestamp` +
 * OA secret key, sent as `X-ZEvent-Signature: mac=<hex>`. The body is hashed as the bytes received: re-serialising
 * parsed JSON changes key order and `\u` escapes, and the digest with them.
 */
export function zaloSignature(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256')
    .update(Buffer.concat([Buffer.from(appId, 'utf8'), rawBody, Buffer.from(timestamp, 'utf8'), Buffer.from(oaSecretKey, 'utf8')]))
    .digest('hex');
}

const HEADER = /^\s*mac=([0-9a-f]{64})\s*$/i;

/** Whether `header` (the X-ZEvent-Signature value) signs this body; compared in constant time. */
export function hasValidZaloSignature(header: string | undefined, appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): boolean {
  const match = HEADER.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const expected = Buffer.from(zaloSignature(appId, rawBody, timestamp, oaSecretKey), 'hex');
  return timingSafeEqual(given, expected);
}
