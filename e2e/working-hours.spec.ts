// A5 and A4 in the dashboard: the owner sets working hours on the Settings screen (a day shorter
// than an hour is refused with the server's message) and turns on the invisible escalation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { createOwnerAccount } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let dashboard: Page;

before(async () => {
  server = await startServerProcess({ name: 'e2e-hours', publicHost: 'localhost' });
  browser = await launchBrowser();
  dashboard = await (await browser.newContext()).newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('A5: the owner sets working hours in Settings; a 30-minute day is refused with a clear message', async () => {
  await createOwnerAccount(dashboard, server.url);
  await dashboard.getByRole('link', { name: 'Settings' }).click();
  await dashboard.getByRole('heading', { name: 'Working hours' }).waitFor();
  await dashboard.getByRole('textbox', { name: 'Time zone' }).fill('Europe/Madrid');
  await dashboard.getByRole('checkbox', { name: 'Monday' }).check();
  await dashboard.getByLabel('Monday start').fill('09:00');
  await dashboard.getByLabel('Monday end').fill('09:30');
  await dashboard.getByRole('button', { name: 'Save working hours' }).click();
  await dashboard.getByRole('alert').filter({ hasText: 'at least 1 hour and at most 23 hours' }).waitFor();

  await dashboard.getByLabel('Monday end').fill('17:00');
  await dashboard.getByRole('checkbox', { name: 'Tuesday' }).check();
  await dashboard.getByRole('button', { name: 'Save working hours' }).click();
  await dashboard.getByText(/^Next: (Online|Invisible) at /).waitFor();
  assert.deepEqual(await axeViolations(dashboard), []);

  const cookie = (await dashboard.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const stored = await api(server, 'GET', '/api/me/schedule', { cookie });
  assert.deepEqual(stored.body.schedule, {
    timeZone: 'Europe/Madrid',
    days: [
      { day: 1, start: '09:00', end: '17:00' },
      { day: 2, start: '09:00', end: '17:00' },
    ],
  });
});

test('A4: the owner turns on notifications of slow chats while invisible, with a delay', async () => {
  // The working-hours card above says "Saved" too (from the test before): look in this card only.
  const account = dashboard.getByRole('region', { name: 'Account' });
  await account.getByRole('checkbox', { name: /Notify me of new chats while invisible/ }).check();
  await account.getByRole('spinbutton', { name: 'After (minutes)' }).fill('5');
  await account.getByRole('button', { name: 'Save', exact: true }).click();
  await account.getByText('Saved', { exact: true }).waitFor();
  const cookie = (await dashboard.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const stored = await api(server, 'GET', '/api/account/options', { cookie });
  assert.deepEqual(stored.body, { notifyInvisibleWhenSlow: true, notifyInvisibleDelaySeconds: 300, queueReturnSeconds: 120 });
});
