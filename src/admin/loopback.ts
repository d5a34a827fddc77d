/** Whether a peer address is this machine (IPv4, IPv6 and IPv4-mapped IPv6 loopback). */

/** True for 127.0.0.0/8, ::1 and ::ffff:127.x.x.x; false for anything else, including undefined. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}
