// A6 in the browser: the agent allows notifications and the dashboard subscribes this browser to
// Web Push; in Settings they switch new-chat notices off and on (the in-page notice follows), and
// with the dashboard closed a new chat arrives as an encrypted push at a local push endpoint
// the test runs. Chromium's own push service would need outside network, so the page's
// PushManager is stood in for with a subscription whose keys the test holds (the service worker's
// part is unit-tested in apps/dashboard/src/features/notifications/service-worker.test.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  clientId,
  connectVisitor,
  eventually,
  startPushEndpoint,
  startServerProcess,
  type PushEndpoint,
  type ServerProcess,
  type TestPushSubscription,
} from '@palique/server/testing';
import { launchBrowser } from './support/browser';
import { axeViolations } from './support/axe';
import { createOwnerAccount } from './support/ui';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let dashboard: Page;
let endpoint: PushEndpoint;
let browserSubscription: TestPushSubscription;

/**
 * Records notices instead of showing them, and stands in for the browser's push service. Plain
 * JavaScript in a string: a function would be serialised with the test runner's transpiler helpers.
 */
const STAND_INS = `(({ endpoint, keys }) => {
  window.__notices = [];
  const record = (title, options) => void window.__notices.push({ title, body: options && options.body });
  ServiceWorkerRegistration.prototype.showNotification = async (title, options) => record(title, options);
  class RecordedNotification extends EventTarget {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title, options) {
      super();
      this.onclick = null;
      record(title, options);
    }
    close() {}
  }
  Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true });
  let subscription = null;
  PushManager.prototype.getSubscription = async () => subscription;
  PushManager.prototype.subscribe = async (options) => {
    subscription = {
      endpoint,
      options: { applicationServerKey: options.applicationServerKey.slice().buffer },
      toJSON: () => ({ endpoint, expirationTime: null, keys }),
      unsubscribe: async () => ((subscription = null), true),
    };
    return subscription;
  };
})`;

const notices = (): Promise<Array<{ title: string; body?: string }>> => dashboard.evaluate(() => (window as any).__notices);
const cookieOf = async () => (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

async function visitorSays(text: string) {
  const { widgetId } = (await api(server, 'GET', '/api/widget', { cookie: await cookieOf() })).body as { widgetId: string };
  const visitor = await connectVisitor(server, widgetId);
  const ack = await visitor.emit('message:send', { clientId: clientId(), text });
  assert.ok(ack.ok);
  return visitor;
}

before(async () => {
  endpoint = await startPushEndpoint();
  browserSubscription = endpoint.subscription();
  server = await startServerProcess({ name: 'e2e-push', publicHost: 'localhost', env: { PUSH_ALLOW_LOOPBACK_HTTP: 'true' } });
  browser = await launchBrowser();
  context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: server.url });
  await context.addInitScript({ content: `${STAND_INS}(${JSON.stringify({ endpoint: browserSubscription.endpoint, keys: browserSubscription.keys })})` });
  dashboard = await context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await endpoint?.close();
});

test('A6: the agent switches new-chat notices off and on in Settings; the in-page notice follows', async () => {
  await createOwnerAccount(dashboard, server.url);
  await dashboard.getByText('Desktop notifications are on.').waitFor();
  await dashboard.getByRole('link', { name: 'Settings' }).click();
  const card = dashboard.getByRole('region', { name: 'Notifications' });
  await card.getByRole('checkbox', { name: 'Notify me of new chats' }).uncheck();
  await card.getByText('Saved', { exact: true }).waitFor();
  assert.deepEqual((await api(server, 'GET', '/api/me/notification-settings', { cookie: await cookieOf() })).body, {
    sound: true,
    newChat: false,
    newMessage: true,
  });
  assert.deepEqual(await axeViolations(dashboard), []);

  const quiet = await visitorSays('Nobody should hear this');
  await new Promise((r) => setTimeout(r, 1_000));
  assert.deepEqual(await notices(), []);

  await card.getByRole('checkbox', { name: 'Notify me of new chats' }).check();
  await eventually(async () => (await api(server, 'GET', '/api/me/notification-settings', { cookie: await cookieOf() })).body.newChat, (on) => on === true);
  const heard = await visitorSays('Hello, is anyone there?');
  await eventually(notices, (n) => n.length === 1);
  assert.equal((await notices())[0]!.body, 'Hello, is anyone there?');
  quiet.close();
  heard.close();
});

test('A6: with the dashboard closed, a new chat arrives as an encrypted push to the subscribed browser', async () => {
  await dashboard.close();
  // The closed dashboard's socket is gone once the server no longer counts the agent connected.
  await new Promise((r) => setTimeout(r, 1_000));
  const visitor = await visitorSays('Are you there?');
  await eventually(() => browserSubscription.received().length, (n) => n >= 1, 10_000);
  const push = browserSubscription.decrypt(browserSubscription.received().at(-1)!) as { title: string; body: string; url: string };
  assert.equal(push.title, 'New chat: Visitor');
  assert.equal(push.body, 'Are you there?');
  assert.match(push.url, /^\/conversations\/[\w-]+$/);
  visitor.close();
});
