// C1 + C2 journey: two agents in two browsers both see a new chat in the Queue; one answers and
// owns it, the other sees who; the owner adds the second agent, who stays silent and so never
// shows in the visitor's conversation; the owner closes the chat and it reopens when the visitor
// writes again. Axe stays at zero on the conversation screen with its new actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { addAgent, startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { axeViolations } from './support/axe';
import { agentSends, createOwnerAccount, openWidget, visitorSends } from './support/ui';

const BEN = { name: 'Ben Ortiz', email: 'ben@example.com', password: 'another long password' };

let server: ServerProcess;
let browser: Browser;
let helena: Page;
let ben: Page;
let demo: Page;
let widget: FrameLocator;

const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const row = (page: Page, text: string) => page.getByRole('link', { name: new RegExp(text) });

before(async () => {
  server = await startServerProcess({ name: 'e2e-queue', publicHost: 'localhost' });
  browser = await launchBrowser();
  helena = await (await browser.newContext()).newPage();
  ben = await (await browser.newContext()).newPage();
  demo = await (await browser.newContext()).newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('C1: two agents both see a new chat in the Queue; the first to answer owns it and the other sees who', async () => {
  await createOwnerAccount(helena, server.url);
  const me = await helena.evaluate(() => fetch('/api/me').then((r) => r.json()));
  await addAgent(server, me.account.id, { ...BEN, role: 'agent' });
  await ben.goto(server.url + '/');
  await ben.getByLabel('Email').fill(BEN.email);
  await ben.getByLabel('Password').fill(BEN.password);
  await ben.getByRole('button', { name: 'Sign in' }).click();
  await expect(() => ben.getByRole('button', { name: 'Sign out' }).isVisible());

  await demo.goto(`${server.directUrl}/demo/`);
  widget = await openWidget(demo);
  await visitorSends(widget, 'Hello from the queue');
  for (const page of [helena, ben]) {
    await tab(page, 'Queue').click();
    await row(page, 'Hello from the queue').waitFor();
  }

  await row(helena, 'Hello from the queue').click();
  await agentSends(helena, 'Hi, Helena here');
  await widget.getByText('Hi, Helena here').waitFor();
  // Replying from the Queue keeps the open chat in view.
  await row(helena, 'Helena here').waitFor();
  await expect(async () => (await row(ben, 'Helena here').count()) === 0, 'the chat left Ben’s queue');
  await tab(ben, 'All').click();
  await ben.getByText('Assigned to Helena Prado').waitFor();
});

test('C2: an added agent who never types is never shown in the visitor’s conversation', async () => {
  await helena.getByLabel('Add agent').selectOption({ label: BEN.name });
  await helena.getByText(`${BEN.name} was added`).waitFor({ state: 'attached' });
  await visitorSends(widget, 'Thanks, one question');
  await helena.getByRole('log').getByText('Thanks, one question').waitFor();
  const log = widget.getByRole('log');
  assert.equal(await log.getByText(BEN.name).count(), 0);
  assert.deepEqual(await axeViolations(helena), []);
});

test('C1: a closed chat moves to Closed and reopens when the visitor writes again', async () => {
  await helena.getByRole('button', { name: 'Close conversation' }).click();
  await helena.getByText('Closed: it reopens when the visitor writes again').waitFor();
  await expect(async () => ((await tab(helena, 'Closed').textContent()) ?? '').includes('1'), 'Closed counts the chat');
  await tab(helena, 'Closed').click();
  await row(helena, 'Thanks, one question').waitFor();
  await visitorSends(widget, 'Back again');
  await helena.getByText('Assigned to Helena Prado').first().waitFor();
  await expect(async () => ((await tab(helena, 'Closed').textContent()) ?? '').includes('0'), 'Closed is empty again');
});
