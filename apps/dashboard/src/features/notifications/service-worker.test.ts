// A6/C9: the service worker's push and notificationclick handlers (public/sw.js), run in a VM
// with a stand-in `self`: a real browser's push service needs outside network, so this is where
// the worker's part is tested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import vm from 'node:vm';

type Handler = (event: any) => void;

interface Shown {
  title: string;
  options: { body: string; tag: string; silent: boolean; data: { url: string } };
}

function loadWorker(windows: Array<{ posted: unknown[]; focused: boolean }>) {
  const handlers = new Map<string, Handler>();
  const shown: Shown[] = [];
  const opened: string[] = [];
  const self = {
    addEventListener: (name: string, handler: Handler) => handlers.set(name, handler),
    registration: { showNotification: async (title: string, options: Shown['options']) => void shown.push({ title, options }) },
    clients: {
      // Messages are copied out of the VM's realm (as postMessage would clone them).
      matchAll: async () =>
        windows.map((w) => ({ postMessage: (m: unknown) => w.posted.push(JSON.parse(JSON.stringify(m))), focus: async () => ((w.focused = true), w) })),
      openWindow: async (path: string) => void opened.push(path),
      claim: async () => undefined,
    },
    location: { origin: 'https://chat.example.com' },
    skipWaiting: async () => undefined,
  };
  const source = fs.readFileSync(new URL('../../../public/sw.js', import.meta.url), 'utf8');
  vm.runInNewContext(source, { self, caches: {}, fetch: () => undefined, URL, Response });
  const dispatch = async (name: string, event: object) => {
    let pending: Promise<unknown> = Promise.resolve();
    handlers.get(name)!({ ...event, waitUntil: (p: Promise<unknown>) => (pending = p) });
    await pending;
  };
  return { dispatch, shown, opened };
}

const pushEvent = (payload: unknown) => ({ data: { json: () => (typeof payload === 'string' ? JSON.parse(payload) : payload) } });

test('C9: a push shows its notice as sent, without sound when the agent turned it off', async () => {
  const worker = loadWorker([]);
  await worker.dispatch('push', pushEvent({ title: 'New chat: Ana', body: '<b>Hola</b>', url: '/conversations/c1', tag: 'conversation:c1', sound: false }));
  assert.equal(worker.shown.length, 1);
  assert.equal(worker.shown[0]!.title, 'New chat: Ana');
  assert.equal(worker.shown[0]!.options.body, '<b>Hola</b>');
  assert.equal(worker.shown[0]!.options.tag, 'conversation:c1');
  assert.equal(worker.shown[0]!.options.silent, true);
  assert.equal(worker.shown[0]!.options.data.url, '/conversations/c1');
});

test('C9: a malformed push still shows a notice (browsers require one) and never links elsewhere', async () => {
  const worker = loadWorker([]);
  await worker.dispatch('push', pushEvent('not json'));
  await worker.dispatch('push', pushEvent({ title: 42, url: 'https://evil.example/phish' }));
  await worker.dispatch('push', pushEvent({ title: 'x', url: '//evil.example/phish' }));
  assert.deepEqual(
    worker.shown.map((s) => [s.title, s.options.data.url]),
    [
      ['Palique', '/conversations'],
      ['Palique', '/conversations'],
      ['x', '/conversations'],
    ],
  );
});

test('C9: clicking a pushed notice opens the dashboard at its conversation', async () => {
  const worker = loadWorker([]);
  let closed = false;
  await worker.dispatch('notificationclick', { notification: { data: { url: '/conversations/c%201' }, close: () => (closed = true) } });
  assert.ok(closed);
  assert.deepEqual(worker.opened, ['/conversations/c%201']);
});

test('C9: clicking a notice with a dashboard open focuses it and opens the conversation there', async () => {
  const open = { posted: [] as unknown[], focused: false };
  const worker = loadWorker([open]);
  await worker.dispatch('notificationclick', { notification: { data: { url: '/conversations/c1' }, close: () => undefined } });
  assert.deepEqual(open.posted, [{ type: 'open-conversation', conversationId: 'c1' }]);
  assert.ok(open.focused);
  assert.deepEqual(worker.opened, []);
  // The in-page notices carry the id itself.
  await worker.dispatch('notificationclick', { notification: { data: { conversationId: 'c2' }, close: () => undefined } });
  assert.deepEqual(open.posted[1], { type: 'open-conversation', conversationId: 'c2' });
});
