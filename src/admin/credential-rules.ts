/** Rules staff credentials must follow, shared by start-up (ADMIN_USERNAME / ADMIN_PASSWORD) and the accounts API. */
import fs from 'node:fs';
import path from 'node:path';

/** Lower-case letters, digits, ".", "_" or "-", 3 to 64 characters, starting with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
export const USERNAME_RULE = 'must be 3-64 characters: lower-case letters, digits, ".", "_" or "-"';

// The project folder, from src/admin in source and dist/admin once built (the list is read from src in both).
const WEAK_PASSWORDS_FILE = path.resolve(__dirname, '..', '..', 'src', 'admin', 'weak-passwords.txt');

let weak: Set<string> | undefined;

// Case, spaces and punctuation do not make a listed password stronger ("Correct Horse Battery-Staple").
const fold = (password: string) => password.normalize('NFC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

/** True when `password` is on the list of passwords that cracking dictionaries try first. */
export function isKnownWeakPassword(password: string): boolean {
  weak ??= new Set(
    fs.readFileSync(WEAK_PASSWORDS_FILE, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map(fold),
  );
  return weak.has(fold(password));
}
