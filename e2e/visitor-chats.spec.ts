// The first journey: a newcomer sets up Palique, chats with themselves across two origins,
// goes invisible (messenger mode), answers later, and a crash (kill -9) loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { expect } from './support/expect';
import { agentSends, createOwnerAccount, openWidget, signIn, visitorSends, widgetFrame } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let agentContext: BrowserContext;
let visitorContext: BrowserContext;
let dashboard: Page;
let demo: Page;
let widget: FrameLocator;

const tab = (page: Page, name: string) =>
  page.getByRole('tab', { name: new RegExp(`^${name}`) }).or(page.getByRole('button', { name: new RegExp(`^${name}\\b`) }));

async function countOnPage(page: Page | FrameLocator, text: string): Promise<number> {
  // Not exact: a bubble also holds a visually hidden "You: " for screen readers.
  return page.getByText(text).count();
}

before(async () => {
  // The dashboard on localhost, the demo page on 127.0.0.1: two origins, as in production.
  server = await startServerProcess({ name: 'e2e', publicHost: 'localhost' });
  browser = await launchBrowser();
  agentContext = await browser.newContext();
  visitorContext = await browser.newContext();
  dashboard = await agentContext.newPage();
  demo = await visitorContext.newPage();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('W1: the first visit creates the owner account and shows the embed snippet with a copy button', async () => {
  await createOwnerAccount(dashboard, server.url);
  await dashboard.getByRole('link', { name: 'Chat widget' }).click();
  const snippet = dashboard.getByRole('textbox', { name: 'Embed code' });
  await snippet.waitFor();
  const code = (await snippet.inputValue().catch(() => snippet.textContent())) ?? '';
  assert.match(code, /window\.Palique=window\.Palique\|\|function\(\)\{\(Palique\.q=Palique\.q\|\|\[\]\)\.push\(arguments\)\};/);
  assert.match(code, new RegExp(`<script async src="${server.url}/widget\\.js" data-widget-id="[A-Za-z0-9_-]+"></script>`));
  assert.ok(await dashboard.getByRole('button', { name: /^Copy/ }).isVisible());
  await dashboard.getByRole('link', { name: 'Conversations' }).click();
});

test('W2: with the agent online, the widget on another origin shows live mode', async () => {
  await demo.goto(`${server.directUrl}/demo/`);
  assert.notEqual(new URL(demo.url()).origin, new URL(dashboard.url()).origin);
  widget = await openWidget(demo);
  await widget.getByText("We're online").waitFor();
});

test('W2/R1: the visitor sends a message; it shows at once and is marked sent', async () => {
  await visitorSends(widget, 'Hello from the demo page');
  await widget.getByText('Hello from the demo page').waitFor();
  await widget.getByText(/· (Sent|Seen)$/).first().waitFor();
});

test('C1: the conversation appears live in the queue; the agent replies and the visitor sees it live', async () => {
  await tab(dashboard, 'Queue').click();
  await dashboard.getByText('Hello from the demo page').first().waitFor();
  await dashboard.getByText('Hello from the demo page').first().click();
  await agentSends(dashboard, 'Hi! Helena here, how can I help?');
  await widget.getByText('Hi! Helena here, how can I help?').waitFor();
  // The first agent to reply owns the chat: it leaves the queue and is in Mine.
  await tab(dashboard, 'Mine').click();
  await dashboard.getByText('Hi! Helena here, how can I help?').first().waitFor();
  const queue = await dashboard.evaluate(async () => (await fetch('/api/conversations?view=queue')).json());
  assert.deepEqual(queue.conversations, []);
  await tab(dashboard, 'Queue').click();
  await expect(async () => (await tab(dashboard, 'Queue').textContent())?.replace(/\D/g, '') !== '1', 'queue count drops');
  await tab(dashboard, 'All').click();
  await dashboard.getByText('Hi! Helena here, how can I help?').first().waitFor();
});

test('W7: setVisitor from the host page shows the visitor\'s name, email and data to the agent', async () => {
  await demo.getByRole('button', { name: "Palique('setVisitor', …)" }).click();
  await dashboard.getByText('ada@example.com').first().waitFor();
  await dashboard.getByText('Ada Demo').first().waitFor();
  await dashboard.getByText('Pro', { exact: true }).first().waitFor();
});

test('W2: an invisible agent does not count: the widget switches live to messenger mode and back', async () => {
  // A visitor the agent never answered: the agent's status alone decides.
  const freshContext = await browser.newContext();
  const freshPage = await freshContext.newPage();
  await freshPage.goto(`${server.directUrl}/demo/`);
  const fresh = await openWidget(freshPage);
  await fresh.getByText("We're online").waitFor();
  await dashboard.getByLabel('Status').selectOption({ label: 'Invisible' });
  await fresh.getByText("We'll reply as soon as we can").waitFor();
  // A3: the visitor she already answered keeps her as present (she joined that chat by writing).
  await widget.getByText("We're online").waitFor();
  await dashboard.getByLabel('Status').selectOption({ label: 'Offline' });
  await fresh.getByText("We'll reply as soon as we can").waitFor();
  await widget.getByText("We'll reply as soon as we can").waitFor();
  await dashboard.getByLabel('Status').selectOption({ label: 'Online' });
  await fresh.getByText("We're online").waitFor();
  await dashboard.getByLabel('Status').selectOption({ label: 'Invisible' });
  await fresh.getByText("We'll reply as soon as we can").waitFor();
  await freshContext.close();
});

test('C7/W4: in messenger mode the visitor still writes, and a reply written after they left is there when they come back', async () => {
  await visitorSends(widget, 'Are you there? I will come back later');
  await dashboard.getByText('Are you there? I will come back later').first().waitFor();
  await demo.close();
  await agentSends(dashboard, 'Sorry for the wait, here is the answer');
  await dashboard.getByText('Sorry for the wait, here is the answer').first().waitFor();
  demo = await visitorContext.newPage();
  await demo.goto(`${server.directUrl}/demo/`);
  widget = await openWidget(demo);
  await widget.getByText('Sorry for the wait, here is the answer').waitFor();
  await widget.getByText('Hello from the demo page').waitFor();
});

test('R1: after kill -9 and a restart, both sides still have the whole history, once, and the visitor is the same visitor', async () => {
  await server.kill9();
  await server.start();
  await demo.reload();
  widget = await openWidget(demo);
  await dashboard.reload();
  for (const text of ['Hello from the demo page', 'Hi! Helena here, how can I help?', 'Are you there? I will come back later', 'Sorry for the wait, here is the answer']) {
    await widget.getByText(text).waitFor();
    assert.equal(await countOnPage(widget, text), 1, `"${text}" once in the widget`);
  }
  await tab(dashboard, 'All').click();
  // One visitor, one conversation: the same visitor token survived reloads and the restart.
  await dashboard.getByText('Sorry for the wait, here is the answer').first().click();
  for (const text of ['Hello from the demo page', 'Hi! Helena here, how can I help?', 'Sorry for the wait, here is the answer']) {
    await dashboard.getByRole('main').getByText(text, { exact: true }).first().waitFor();
  }
  const res = await dashboard.evaluate(async () => (await fetch('/api/conversations?view=all')).json());
  assert.equal(res.conversations.length, 1);
});

test('R1: a message sent while the server is down is delivered once when it is back', async () => {
  await server.kill9();
  await visitorSends(widget, 'Written during the outage');
  await widget.getByText('Written during the outage').waitFor();
  await server.start();
  await dashboard.getByText('Written during the outage').first().waitFor({ timeout: 30_000 });
  // Stored: "Sent", or "Seen" (W5) once the agent, who has this chat open, read it.
  await widget.getByText(/· (Sent|Seen)$/).last().waitFor();
  await demo.reload();
  widget = await openWidget(demo);
  await widget.getByText('Written during the outage').waitFor();
  assert.equal(await countOnPage(widget, 'Written during the outage'), 1);
});

test('Sign out shows the sign-in form; signing in again works', async () => {
  await dashboard.getByRole('button', { name: 'Sign out' }).click();
  await dashboard.getByRole('button', { name: 'Sign in' }).waitFor();
  await signIn(dashboard, server.url);
  assert.ok(await dashboard.getByRole('button', { name: 'Sign out' }).isVisible());
});
