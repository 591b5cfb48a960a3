// Which client an address stands for, for every per-address limit: an IPv4 address is itself,
// an IPv6 address stands for its /64 (one subscriber usually holds a whole /64, so counting each
// address apart would hand one client 2^64 keys). IPv4-mapped IPv6 (::ffff:1.2.3.4) is its IPv4.
import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

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

/** Which peers' X-Forwarded-For to believe (TRUST_PROXY), as a function of proxy-addr's. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as the trust function Fastify gets (a hop count as proxy-addr counts it: the
 * socket's peer is hop 0, then X-Forwarded-For right to left), so that requests Fastify does not
 * see (Socket.IO's handshakes) get the same client address as `request.ip`.
 */
export function proxyTrust(trustProxy: false | number | string[]): ProxyTrust {
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return proxyAddr.compile(trustProxy);
}

/** The client's address of a raw request, as Fastify's `request.ip` would be with the same trust. */
export function requestAddress(req: IncomingMessage, trust: ProxyTrust): string {
  return proxyAddr(req, trust);
}
