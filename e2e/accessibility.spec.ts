// R6: the widget and the dashboard meet WCAG 2.2 AA as far as axe can tell, in real Chromium,
// on every screen of this first slice: setup, sign-in, conversations (with messages), widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { agentSends, createOwnerAccount, openWidget, visitorSends } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let dashboard: Page;

before(async () => {
  // The dashboard on localhost, the demo page on 127.0.0.1: two origins, as in production.
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
  dashboard = await (await browser.newContext()).newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function assertClean(where: string, violations: Awaited<ReturnType<typeof axeViolations>>) {
  assert.deepEqual(violations, [], `${where}: ${JSON.stringify(violations, null, 2)}`);
}

test('R6: the first-run form has no WCAG A/AA violations', async () => {
  await dashboard.goto(server.url + '/');
  await dashboard.getByRole('button', { name: 'Create account' }).waitFor();
  assertClean('setup', await axeViolations(dashboard));
});

test('R6: the conversation screen, the widget and the chat widget page have no WCAG A/AA violations', async () => {
  await createOwnerAccount(dashboard, server.url);
  const demo = await (await browser.newContext()).newPage();
  await demo.goto(`${server.directUrl}/demo/`);
  const widget = await openWidget(demo);
  await visitorSends(widget, 'Hello, I have a question about shipping');
  await dashboard.getByText('Hello, I have a question about shipping').first().click();
  await agentSends(dashboard, 'Sure, ask away!');
  await widget.getByText('Sure, ask away!').waitFor();
  assertClean('conversation', await axeViolations(dashboard));
  const frame = demo.frames().find((f) => f.url().includes('/widget/'))!;
  assertClean('widget', await axeViolations(frame));
  await dashboard.getByRole('link', { name: 'Chat widget' }).click();
  await dashboard.getByRole('textbox', { name: 'Embed code' }).waitFor();
  // W3: the texts editor has loaded its fields too.
  await dashboard.getByRole('button', { name: 'Save texts' }).waitFor();
  assertClean('chat widget page', await axeViolations(dashboard));
  // A2: the Agents section, with an invitation waiting (its link shown: no SMTP_URL here).
  await dashboard.getByRole('link', { name: 'Agents' }).click();
  // Once the Agents section is there: until then the texts editor's email fields match 'Email' too.
  await dashboard.getByRole('button', { name: 'Invite agent' }).waitFor();
  await dashboard.getByLabel('Email').fill('colleague@example.com');
  await dashboard.getByRole('button', { name: 'Invite agent' }).click();
  await dashboard.getByRole('textbox', { name: 'Invitation link' }).waitFor();
  await dashboard.getByRole('button', { name: /^Revoke/ }).waitFor();
  assertClean('agents page', await axeViolations(dashboard));
  // A1: the profile on the Settings screen.
  await dashboard.getByRole('link', { name: 'Settings' }).click();
  await dashboard.getByRole('button', { name: 'Save profile' }).waitFor();
  assertClean('settings page', await axeViolations(dashboard));
});

test('R6: the sign-in form has no WCAG A/AA violations', async () => {
  await dashboard.getByRole('button', { name: 'Sign out' }).click();
  await dashboard.getByRole('button', { name: 'Sign in' }).waitFor();
  assertClean('sign-in', await axeViolations(dashboard));
});
