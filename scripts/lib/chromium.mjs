// The browser tests drive Debian's Chromium; install it with apt when it is missing
// (never a downloaded browser build).
import fs from 'node:fs';
import { run } from './suites.mjs';

export const CHROMIUM = '/usr/bin/chromium';

export async function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  console.log('Installing Debian Chromium for the browser tests (apt-get install -y chromium)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env })) === 0 && fs.existsSync(CHROMIUM)) return;
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env });
}
