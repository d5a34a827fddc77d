/** Bearer tokens: random session tokens, their stored digest, and constant-time integration-token matching. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new session token: 32 random bytes, base64url (43 characters). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a token: what the store keeps, so a stolen database yields no usable tokens. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Short non-secret name of an integration token for audit entries: the first 8 hex digits of its SHA-256. */
export function integrationId(token: string): string {
  return tokenDigest(token).slice(0, 8);
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or of another scheme. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * Answers the configured integration token equal to `presented`, or undefined.
 * Digests are compared (equal lengths for timingSafeEqual) and every token is checked,
 * so timing reveals neither a token's prefix nor which one matched.
 */
export function matchIntegrationToken(configured: readonly string[], presented: string): string | undefined {
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: string | undefined;
  for (const token of configured) {
    const candidate = createHash('sha256').update(token, 'utf8').digest();
    if (timingSafeEqual(candidate, digest) && found === undefined) found = token;
  }
  return found;
}
