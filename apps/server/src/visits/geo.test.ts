// C3: locations from the local DB-IP Lite database (no request leaves the machine, R5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GEO_ATTRIBUTION, locate } from './geo';

const table: Array<[string, string | null]> = [
  ['8.8.8.8', 'US'],
  ['1.1.1.1', 'AU'],
  ['81.2.69.142', 'GB'],
  ['::ffff:8.8.8.8', 'US'], // IPv4-mapped, as Node reports dual-stack sockets
  ['127.0.0.1', null],
  ['::1', null],
  ['10.1.2.3', null],
  ['192.168.1.20', null],
  ['fe80::1', null],
  ['not an address', null],
];

for (const [ip, country] of table) {
  test(`C3: ${ip} is located in ${country ?? 'no country (private, loopback or invalid)'}`, async () => {
    const place = await locate(ip);
    assert.equal(place.country, country);
    if (!country) assert.equal(place.city, null);
  });
}

test('C3: a public IPv6 address is placed too', async () => {
  assert.match((await locate('2001:4860:4860::8888')).country ?? '', /^[A-Z]{2}$/);
});

test('C3: a public address has a city too, and the attribution the licence asks for is at hand', async () => {
  assert.equal((await locate('81.2.69.142')).city, 'London');
  assert.deepEqual(GEO_ATTRIBUTION, { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' });
});
