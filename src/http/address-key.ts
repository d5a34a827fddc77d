import { isIPv4, isIPv6 } from 'node:net';

/**
 * The budget key of a client address. An IPv4 address (also written IPv4-mapped, `::ffff:1.2.3.4`) counts alone;
 * an IPv6 address counts by its /64 network, because one home or phone is given a whole /64 and could otherwise
 * rotate through 2^64 addresses. Anything else (a unix socket, nothing) is one shared "unknown" key.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return 'unknown';
  return `${expandIPv6(bare).slice(0, 4).join(':')}::/64`;
}

// Eight hextets, without leading zeros, "::" filled in (an embedded IPv4 tail stays out of the first four anyway).
function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((h) => h.replace(/^0+(?=.)/, ''));
}
