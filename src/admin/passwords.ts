/** Password hashing for staff accounts: scrypt from node:crypto, stored as `scrypt$<salt>$<hash>` (base64url). */
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

/** Shortest password accepted for a staff account (also enforced on ADMIN_PASSWORD by config). */
export const MIN_PASSWORD_LENGTH = 12;

const SALT_BYTES = 16;
const KEY_BYTES = 64;
// Node's defaults (N=2^14, r=8) cost about 16 MiB and tens of milliseconds: slow for guessing, fine for rare logins.
const SCRYPT_OPTIONS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function derive(password: BinaryLike, salt: Buffer, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, SCRYPT_OPTIONS, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password.normalize('NFC'), salt, KEY_BYTES);
  return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `password` matches `stored`; a malformed stored hash never matches. Compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 3 || parts[0] !== 'scrypt') return false;
  const salt = Buffer.from(parts[1], 'base64url');
  const expected = Buffer.from(parts[2], 'base64url');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await derive(password.normalize('NFC'), salt, expected.length);
  return timingSafeEqual(actual, expected);
}

// A hash nobody's password matches, checked when the username is unknown, so that
// an unknown name costs the same time as a wrong password and names cannot be probed.
let decoy: Promise<string> | undefined;

/** Spends the same work as a real verification and answers false (unknown username). */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(password, await decoy);
  return false;
}
