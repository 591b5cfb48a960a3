// Which client an address stands for, for every per-address limit: an IPv4 address is itself,
// an IPv6 address stands for its /64 (one subscriber usually holds a whole /64, so counting each
// address apart would hand one client 2^64 keys). IPv4-mapped IPv6 (::ffff:1.2.3.4) is its IPv4.
import net from 'node:net';

export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros ('2001:db8::1' → 2001,db8,0,…,1). */
function expandIPv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0]!;
  const [head = '', tail] = withoutZone.split('::') as [string, string | undefined];
  const groups = (part: string) => (part ? part.split(':') : []);
  // A trailing dotted IPv4 part counts as two groups; only its place matters here, not its value.
  const toGroups = (list: string[]) => list.flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const left = toGroups(groups(head));
  const right = tail === undefined ? [] : toGroups(groups(tail));
  const middle = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((g) => (parseInt(g, 16) || 0).toString(16));
}
