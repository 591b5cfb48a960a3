// The dashboard's open conversation: history and live messages merged once each, in seq order,
// with a catch-up when a live message shows that some were missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation, ConversationDetail, Message, Visitor } from '@palique/protocol';
import type { AgentClientEventMap } from './agent-client';
import { ConversationThread, type ThreadClient } from './conversation-thread';

const msg = (seq: number): Message => ({
  id: `m${seq}`, conversationId: 'c1', seq, clientId: `client-${seq}`, authorType: 'visitor',
  authorId: 'v1', authorName: null, text: `message ${seq}`, createdAt: new Date(2025, 0, 1, 0, 0, seq).toISOString(),
});
const visitor: Visitor = { id: 'v1', name: null, email: null, phone: null, data: {}, createdAt: '', lastSeenAt: '' };
const conversation = (lastSeq: number): Conversation => ({
  id: 'c1', visitorId: 'v1', visitorName: null, assigneeId: null, assigneeName: null, lastSeq,
  lastMessageText: null, lastMessageAuthorType: null, lastMessageAt: null, createdAt: '', status: 'open', dismissed: false,
});

function fakeClient(history: Message[]) {
  const listeners = new Map<string, ((e: never) => void)[]>();
  const syncs: number[] = [];
  const client: ThreadClient = {
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (e: never) => void]);
      return () => {};
    },
    sync: async (_id, after) => {
      syncs.push(after);
      return history.filter((m) => m.seq > after);
    },
    send: async () => msg(99),
    unsent: () => [],
    discard: () => {},
  };
  const emit = <K extends keyof AgentClientEventMap>(event: K, payload: AgentClientEventMap[K]) =>
    (listeners.get(event) ?? []).forEach((l) => (l as (e: AgentClientEventMap[K]) => void)(payload));
  return { client, emit, syncs };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test('R1: a live message after a gap brings the missed ones, and the thread shows each once in seq order', async () => {
  const history = [1, 2, 3, 4, 5].map(msg);
  const { client, emit, syncs } = fakeClient(history);
  const load = async (): Promise<ConversationDetail> => ({ conversation: conversation(2), visitor, messages: [msg(1), msg(2)], hasMore: false });
  const thread = new ConversationThread({ client, conversationId: 'c1', load, describeError: String });
  thread.start();
  await settle();

  emit('message:new', msg(5)); // 3 and 4 were missed
  emit('message:new', msg(5)); // and the same message again
  await settle();

  assert.deepEqual(syncs, [2]);
  assert.deepEqual(thread.getState().messages.map((m) => m.seq), [1, 2, 3, 4, 5]);
  assert.equal(thread.getState().lastSeq, 5);
  thread.stop();
});

test('R1: an older copy of the conversation never replaces a newer one', async () => {
  const { client, emit } = fakeClient([]);
  const load = async (): Promise<ConversationDetail> => ({ conversation: conversation(3), visitor, messages: [], hasMore: false });
  const thread = new ConversationThread({ client, conversationId: 'c1', load, describeError: String });
  thread.start();
  await settle();
  emit('conversation:updated', conversation(7));
  emit('conversation:updated', conversation(5));
  assert.equal(thread.getState().conversation?.lastSeq, 7);
  thread.stop();
});

test('W5: the visitor\'s read position only moves forward, and is asked again after a reconnect', async () => {
  const { client, emit } = fakeClient([msg(1), msg(2), msg(3)]);
  const seen: number[] = [];
  let visitorReadSeq = 2;
  client.seen = async (_id, seq) => {
    seen.push(seq);
    return { visitorReadSeq, agentReadSeq: seq };
  };
  const load = async (): Promise<ConversationDetail> => ({ conversation: conversation(3), visitor, messages: [msg(1), msg(2), msg(3)], hasMore: false });
  const thread = new ConversationThread({ client, conversationId: 'c1', load, describeError: String });
  thread.start();
  thread.markSeen(3);
  await settle();
  assert.equal(thread.getState().visitorReadSeq, 2);
  emit('visitor:read', { conversationId: 'c1', seq: 3 });
  emit('visitor:read', { conversationId: 'c1', seq: 1 }); // late and older: ignored
  emit('visitor:read', { conversationId: 'other', seq: 9 });
  assert.equal(thread.getState().visitorReadSeq, 3);
  thread.markSeen(1); // never lowers what this agent reported either
  visitorReadSeq = 3;
  emit('connect', { reconnect: true });
  await settle();
  assert.deepEqual(seen, [3, 3, 3]);
  thread.stop();
});

test('C4: the visitor\'s typing preview shows for this conversation and goes when their message arrives', async () => {
  const { client, emit } = fakeClient([msg(1)]);
  const typing: [string, boolean][] = [];
  client.typing = (id, t) => void typing.push([id, t]);
  const load = async (): Promise<ConversationDetail> => ({ conversation: conversation(1), visitor, messages: [msg(1)], hasMore: false });
  const thread = new ConversationThread({ client, conversationId: 'c1', load, describeError: String });
  thread.start();
  await settle();
  emit('visitor:typing', { visitorId: 'v2', text: 'not this one' });
  assert.equal(thread.getState().visitorTyping, '');
  emit('visitor:typing', { visitorId: 'v1', text: 'Where is my ord' });
  assert.equal(thread.getState().visitorTyping, 'Where is my ord');
  emit('message:new', msg(2));
  assert.equal(thread.getState().visitorTyping, '');
  thread.typing('Let me');
  thread.typing('  ');
  assert.deepEqual(typing, [['c1', true], ['c1', false]]);
  thread.stop();
});
