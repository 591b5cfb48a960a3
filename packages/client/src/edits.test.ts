// C5: edits arrive as rows of their own (`editOf`, their own seq) live, in a catch-up or with a
// fresh load; the threads of both clients show each message once with its latest text, marked
// edited, whatever the order or repetition of what arrived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation, ConversationDetail, EditResult, Message, Visitor } from '@palique/protocol';
import type { AgentClientEventMap } from './agent-client';
import { ConversationThread, type ThreadClient } from './conversation-thread';
import { applyEdits, countUnread, lastSeqOf, mergeMessages, threadView } from './thread';

const at = (seq: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString();
const msg = (seq: number, over: Partial<Message> = {}): Message => ({
  id: `m${seq}`, conversationId: 'c1', seq, clientId: `client-${seq}`, authorType: 'agent',
  authorId: 'a1', authorName: 'Ana', text: `message ${seq}`, createdAt: at(seq), ...over,
});
const edit = (seq: number, of: number, text: string): Message => msg(seq, { id: `e${seq}`, clientId: `edit-${seq}`, text, editOf: `m${of}` });

test('C5: an edit shows as the new text of its message, marked edited, not as a message of its own', () => {
  const rows = mergeMessages([msg(1), msg(2)], [edit(3, 1, 'message 1, corrected')]);
  const view = threadView(rows, []);
  assert.deepEqual(view.map((m) => [m.seq, m.text, m.editedAt ?? null]), [
    [1, 'message 1, corrected', at(3)],
    [2, 'message 2', null],
  ]);
  // The resume position includes the edit; the widget's badge does not count it as a message.
  assert.equal(lastSeqOf(rows), 3);
  assert.equal(countUnread(view, 0), 2);
});

test('C5: the latest edit wins whatever the order, and a fresh load (text already edited) is not rolled back', () => {
  const twice = [msg(1), edit(2, 1, 'first fix'), edit(3, 1, 'second fix')];
  assert.equal(applyEdits(twice)[0]!.text, 'second fix');
  assert.equal(applyEdits([msg(1), edit(3, 1, 'second fix'), edit(2, 1, 'first fix')])[0]!.text, 'second fix');
  // The server's copy already carries the second fix (editedSeq 3); the first page still has edit 2.
  const fresh = msg(1, { text: 'second fix', editedAt: at(3), editedSeq: 3 });
  assert.equal(applyEdits([fresh, edit(2, 1, 'first fix')])[0]!.text, 'second fix');
  // An edit of a message this client never held changes nothing.
  assert.deepEqual(applyEdits([msg(5), edit(6, 4, 'elsewhere')]).map((m) => m.text), ['message 5']);
});

const visitor: Visitor = { id: 'v1', name: null, email: null, phone: null, data: {}, createdAt: '', lastSeenAt: '' };
const conversation = (lastSeq: number): Conversation => ({
  id: 'c1', visitorId: 'v1', visitorName: null, assigneeId: 'a1', assigneeName: 'Ana', lastSeq,
  lastMessageText: null, lastMessageAuthorType: 'agent', lastMessageAt: null, createdAt: '', status: 'open', dismissed: false,
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
    edit: async (_c, messageId, text): Promise<EditResult> => {
      const e = edit(history.length + 1, Number(messageId.slice(1)), text);
      history.push(e);
      return { edit: e, message: { ...history.find((m) => m.id === messageId)!, text } };
    },
  };
  const emit = <K extends keyof AgentClientEventMap>(event: K, payload: AgentClientEventMap[K]) =>
    (listeners.get(event) ?? []).forEach((l) => (l as (e: AgentClientEventMap[K]) => void)(payload));
  return { client, emit, syncs };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test("C5: the dashboard's thread applies an edit heard live, and catches up on a missed one by seq", async () => {
  const history = [msg(1), msg(2), edit(3, 1, 'message 1, corrected'), msg(4)];
  const { client, emit, syncs } = fakeClient(history);
  const load = async (): Promise<ConversationDetail> => ({ conversation: conversation(2), visitor, messages: [msg(1), msg(2)], hasMore: false });
  const thread = new ConversationThread({ client, conversationId: 'c1', load, describeError: String });
  thread.start();
  await settle();

  // Another agent's dashboard: the edit at seq 3 was missed, message 4 shows the gap.
  emit('message:new', msg(4));
  await settle();
  assert.deepEqual(syncs, [2]);
  assert.deepEqual(thread.getState().messages.map((m) => [m.seq, m.text, !!m.editedAt]), [
    [1, 'message 1, corrected', true],
    [2, 'message 2', false],
    [4, 'message 4', false],
  ]);
  assert.equal(thread.getState().lastSeq, 4);

  // A live edit, heard twice (broadcast and a resync): applied once, no catch-up needed.
  emit('message:new', edit(5, 2, 'message 2, corrected'));
  emit('message:new', edit(5, 2, 'message 2, corrected'));
  await settle();
  assert.deepEqual(syncs, [2]);
  assert.equal(thread.getState().messages[1]!.text, 'message 2, corrected');
  assert.equal(thread.getState().lastSeq, 5);
  thread.stop();
});

test("C5: the agent's own edit shows once the server stored it", async () => {
  const history = [msg(1)];
  const { client } = fakeClient(history);
  const load = async (): Promise<ConversationDetail> => ({ conversation: conversation(1), visitor, messages: [msg(1)], hasMore: false });
  const thread = new ConversationThread({ client, conversationId: 'c1', load, describeError: String });
  thread.start();
  await settle();
  await thread.edit('m1', 'better words');
  assert.deepEqual(thread.getState().messages.map((m) => [m.text, !!m.editedAt]), [['better words', true]]);
  assert.equal(thread.getState().lastSeq, 2);
  thread.stop();
});

test('C5 + Files: an edited caption keeps the message\'s file in the thread', () => {
  const attachment = { id: 'f1', name: 'receipt.png', size: 1234, contentType: 'image/png', kind: 'image' as const, width: 10, height: 10 };
  const view = threadView(mergeMessages([msg(1, { text: 'My receit', attachment })], [edit(2, 1, 'My receipt')]), []);
  assert.deepEqual(view.map((m) => [m.text, m.attachment?.name, m.editedAt ?? null]), [['My receipt', 'receipt.png', at(2)]]);
});
