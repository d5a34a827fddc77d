import type { ChannelUser } from './ports';

/**
 * The StateStore's rule for a citizen's keys (see StateStore): `<channel>/<userId>`, or `<channel>-<part>/<userId>`
 * where the part holds no `/`. A user id may itself hold `/`, so the part is what tells `rest-menu/a` (user `a`)
 * from `rest/menu/a` (user `menu/a`).
 */
export function isUserStateKey(key: string, user: ChannelUser): boolean {
  const suffix = `/${user.userId}`;
  if (key === `${user.channel}${suffix}`) return true;
  const prefix = `${user.channel}-`;
  if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length <= prefix.length + suffix.length) return false;
  return !key.slice(prefix.length, key.length - suffix.length).includes('/');
}
