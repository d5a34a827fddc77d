/**
 * Password hashing for staff accounts: scrypt from node:crypto at OWASP's recommended cost (N=2^17, r=8, p=1),
 * stored as `scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64url). Hashes from before the parameters were stored
 * (`scrypt$<salt>$<hash>`, N=2^14) still verify, and are upgraded at the next successful sign-in.
 */
import { randomBytes, scrypt, timingSafeEqual, type BinaryLike } from 'node:crypto';

/** Shortest password accepted for a staff account (also enforced on ADMIN_PASSWORD by config). */
export const MIN_PASSWORD_LENGTH = 12;

const SALT_BYTES = 16;
const KEY_BYTES = 64;

/** scrypt's cost: N = 2^ln, block size r, parallelism p. */
interface Cost {
  ln: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: scrypt with N=2^17 (128 MiB), r=8, p=1. */
const OWASP_COST: Cost = { ln: 17, r: 8, p: 1 };
/** The N = 2^ln that OWASP recommends; configuration may not go below it outside tests. */
export const OWASP_SCRYPT_LN = OWASP_COST.ln;
// What hashes without stored parameters were made with (Node's defaults).
const LEGACY_COST: Cost = { ln: 14, r: 8, p: 1 };

// Each derivation holds 128 MiB: at most two run at once and the others wait, so a burst of sign-ins (or of
// guesses) cannot exhaust the memory of the machine.
const MAX_PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function derive(password: BinaryLike, salt: Buffer, length: number, cost: Cost): Promise<Buffer> {
  while (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    const N = 2 ** cost.ln;
    const maxmem = 2 * 128 * N * cost.r;
    return await new Promise((resolve, reject) =>
      scrypt(password, salt, length, { N, r: cost.r, p: cost.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
    );
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** A stored hash read back, or undefined when malformed (or with parameters outside sane bounds). */
function parse(stored: string): { cost: Cost; salt: Buffer; expected: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  let cost = LEGACY_COST;
  if (parts.length === 4) {
    const m = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d)$/.exec(parts[1]!);
    if (!m) return undefined;
    cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
    if (cost.ln < 10 || cost.ln > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1) return undefined;
  } else if (parts.length !== 3) return undefined;
  const salt = Buffer.from(parts[parts.length - 2]!, 'base64url');
  const expected = Buffer.from(parts[parts.length - 1]!, 'base64url');
  if (salt.length === 0 || expected.length === 0) return undefined;
  return { cost, salt, expected };
}

/** True when `password` matches `stored`; a malformed stored hash never matches. Compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (!hash) return false;
  const actual = await derive(password.normalize('NFC'), hash.salt, hash.expected.length, hash.cost);
  return timingSafeEqual(actual, hash.expected);
}

/** Hashes staff passwords at one cost; verification reads the cost from each stored hash. */
export interface PasswordHasher {
  /** Hashes a password with a fresh random salt. */
  hash(password: string): Promise<string>;
  /** Spends the work of a real verification and answers false: an unknown username costs what a wrong password costs. */
  verifyUnknown(password: string): Promise<false>;
  /** True when `stored` was made at a lower cost: hash the password again once it is known to be right. */
  needsRehash(stored: string): boolean;
}

/**
 * A hasher at N = 2^`costLn` (r=8, p=1); the default is OWASP's. Configuration may only raise it, except in tests,
 * which lower it to keep the suite fast on shared machines (see STAFF_PASSWORD_COST).
 */
export function createPasswordHasher(costLn: number = OWASP_COST.ln): PasswordHasher {
  const cost: Cost = { ...OWASP_COST, ln: costLn };
  const hash = async (password: string) => {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password.normalize('NFC'), salt, KEY_BYTES, cost);
    return `scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  };
  // A hash nobody's password matches, checked when the username is unknown, so names cannot be probed by timing.
  let decoy: Promise<string> | undefined;
  return {
    hash,
    async verifyUnknown(password) {
      decoy ??= hash(randomBytes(32).toString('base64url'));
      await verifyPassword(password, await decoy);
      return false;
    },
    needsRehash(stored) {
      const parsed = parse(stored);
      return !parsed || parsed.cost.ln < cost.ln || parsed.cost.r < cost.r || parsed.cost.p < cost.p;
    },
  };
}
