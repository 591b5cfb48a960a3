// C3: the device / OS / browser an agent reads in the visitor's column, from real User-Agents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUserAgent } from './user-agent';

const table: Array<[string, string, { device: string | null; os: string | null; browser: string | null }]> = [
  [
    'Chrome on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    { device: 'Desktop', os: 'Windows 10', browser: 'Chrome 131' },
  ],
  [
    'Firefox on Ubuntu',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    { device: 'Desktop', os: 'Ubuntu', browser: 'Firefox 133' },
  ],
  [
    'Safari on an iPhone',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    { device: 'Mobile (Apple iPhone)', os: 'iOS 17.4', browser: 'Mobile Safari 17' },
  ],
  [
    'Chrome on an Android phone',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    { device: 'Mobile (Google Pixel 8)', os: 'Android 14', browser: 'Chrome 131' },
  ],
  [
    'Safari on an iPad',
    'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
    { device: 'Tablet (Apple iPad)', os: 'iOS 16.6', browser: 'Mobile Safari 16' },
  ],
  [
    'Edge on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86',
    { device: 'Desktop (Apple Macintosh)', os: 'Mac OS 10.15.7', browser: 'Edge 131' },
  ],
  ['no User-Agent', '', { device: null, os: null, browser: null }],
  ['gibberish', 'curl-ish/0', { device: null, os: null, browser: null }],
];

for (const [name, ua, expected] of table) {
  test(`C3: User-Agent of ${name} → ${expected.device ?? '—'} / ${expected.os ?? '—'} / ${expected.browser ?? '—'}`, () => {
    assert.deepEqual(parseUserAgent(ua), expected);
  });
}
