// The IMAP tests run a private Dovecot (apps/server/src/testing/dovecot.ts); install Debian's
// dovecot-imapd with apt when it is missing, as chromium.mjs does for the browser.
import fs from 'node:fs';
import { run } from './suites.mjs';

export const DOVECOT = '/usr/sbin/dovecot';

export async function ensureDovecot() {
  if (fs.existsSync(DOVECOT)) return;
  console.log('Installing Debian Dovecot for the IMAP tests (apt-get install -y dovecot-imapd)…');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '-qq', 'dovecot-imapd'];
  if ((await run('apt-get', install, { env })) === 0 && fs.existsSync(DOVECOT)) return;
  await run('apt-get', ['update', '-qq'], { env });
  await run('apt-get', install, { env });
}
