// C5 through the widget's client against the real server: an agent's edit replaces the text of
// their message in the visitor's thread, marked edited, live and after a reconnect, and is never
// announced as a new message (no badge, no 'message' event on the host page).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@palique/protocol';
import { api, clientId, conversationOfVisitor, eventually, setupOwner, startInProcessServer, type InProcessServer, type OwnerSession, type Reachable } from '@palique/server/testing';
import { VisitorChatClient, countUnread } from '@palique/client';

let server: InProcessServer;
let owner: OwnerSession;
const clients: VisitorChatClient[] = [];

before(async () => {
  server = await startInProcessServer();
  owner = await setupOwner(server, { name: 'Helena' });
});
after(async () => {
  for (const c of clients) c.stop();
  await server.close();
});

function newClient(): VisitorChatClient {
  const client = new VisitorChatClient({
    baseUrl: server.url,
    widgetId: owner.widgetId,
    storage: new Map<string, string>(),
    ackTimeoutMs: 2_000,
    socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 300 },
  });
  clients.push(client);
  return client;
}

const shown = (client: VisitorChatClient) => client.getState().messages.map((m) => `${m.text}${m.editedAt ? ' (edited)' : ''}`);

/** The visitor wrote, the agent replied: the reply as stored. */
async function replied(client: VisitorChatClient, text: string): Promise<{ conversationId: string; reply: Message }> {
  await client.send('Do you ship to Spain?');
  const conversation = await conversationOfVisitor(server, owner.cookie, client.getState().visitorId!);
  const res = await api(server, 'POST', `/api/conversations/${conversation!.id}/messages`, { cookie: owner.cookie, body: { clientId: clientId(), text } });
  assert.equal(res.status, 201);
  await eventually(() => client.getState().messages.length, (n) => n === 2);
  return { conversationId: conversation!.id, reply: res.body.message };
}

async function edit(via: Reachable, conversationId: string, messageId: string, text: string): Promise<void> {
  const res = await api(via, 'PUT', `/api/conversations/${conversationId}/messages/${messageId}`, { cookie: owner.cookie, body: { editId: clientId(), text } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

test("C5: an agent's edit shows live in place of the old text, marked edited, and is not a new message", async () => {
  const client = newClient();
  await client.start();
  const incoming: Message[] = [];
  client.onIncoming((m) => incoming.push(m));
  const { conversationId, reply } = await replied(client, 'Yes, in 3 days');

  await edit(server, conversationId, reply.id, 'Yes, in 2 days');

  await eventually(() => shown(client), (s) => s[1] === 'Yes, in 2 days (edited)');
  assert.deepEqual(shown(client), ['Do you ship to Spain?', 'Yes, in 2 days (edited)']);
  assert.deepEqual(incoming.map((m) => m.text), ['Yes, in 3 days'], 'the edit is not announced');
  assert.equal(countUnread(client.getState().messages, 0), 1, 'the badge counts the reply once');
});

test('C5: an edit made while the visitor was disconnected arrives when they reconnect', async () => {
  const client = newClient();
  await client.start();
  const { conversationId, reply } = await replied(client, 'Your code is ABC');

  await server.stop();
  await eventually(() => client.getState().connected, (c) => !c);
  // The server the visitor was connected to is down; the agent works on another one (same data).
  const otherProcess = await startInProcessServer({ storageOf: server });
  try {
    await edit(otherProcess, conversationId, reply.id, 'Your code is ABD');
  } finally {
    await otherProcess.close();
  }
  await server.restart();

  await eventually(() => shown(client), (s) => s[1] === 'Your code is ABD (edited)');
  assert.deepEqual(shown(client), ['Do you ship to Spain?', 'Your code is ABD (edited)']);
});
