// C1: the workspace's lists as the store derives them: Queue / Mine / All / Closed, live
// changes without a new message, older pages merged in, a visitor's new name on their rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conversation } from '@palique/protocol';
import { ConversationStore, filterView } from './conversation-store';

const memory = () => {
  const m = new Map<string, string>();
  return { get: (k: string) => m.get(k) ?? null, set: (k: string, v: string) => void m.set(k, v) };
};

const chat = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id, visitorId: `v-${id}`, visitorName: null, assigneeId: null, assigneeName: null, lastSeq: 1,
  lastMessageText: 'hi', lastMessageAuthorType: 'visitor', lastMessageAt: `2026-01-01T00:00:0${id}.000Z`, createdAt: '',
  status: 'open', dismissed: false, ...over,
});

const ids = (list: Conversation[]) => list.map((c) => c.id);

test('C1: Queue holds open unowned chats not dismissed; Mine and All open ones; Closed the closed', () => {
  const all = [chat('1'), chat('2', { assigneeId: 'me' }), chat('3', { dismissed: true }), chat('4', { status: 'closed', assigneeId: 'me' }), chat('5', { assigneeId: 'other' })];
  assert.deepEqual(ids(filterView(all, 'queue', 'me')), ['1']);
  assert.deepEqual(ids(filterView(all, 'mine', 'me')), ['2']);
  assert.deepEqual(ids(filterView(all, 'all', 'me')), ['1', '2', '3', '5']);
  assert.deepEqual(ids(filterView(all, 'closed', 'me')), ['4']);
});

test('A3: an Invisible agent\'s Queue holds only the chats they joined; a chat they write in joins it', () => {
  const store = new ConversationStore('me', memory());
  store.replaceAll([chat('1'), chat('2'), chat('3')]);
  store.setJoined(['2']);
  const { all, joined } = store.getSnapshot();
  assert.deepEqual(ids(filterView(all, 'queue', 'me', joined)), ['2']);
  assert.deepEqual(ids(filterView(all, 'queue', 'me')), ['3', '2', '1'], 'an Online agent gets every new chat');
  store.markJoined('3');
  assert.deepEqual(ids(filterView(store.getSnapshot().all, 'queue', 'me', store.getSnapshot().joined)), ['3', '2']);
});

test('C1: a change without a new message (returned, closed) replaces the row; an older copy does not', () => {
  const store = new ConversationStore('me', memory());
  store.replaceAll([chat('1', { assigneeId: 'me', lastSeq: 3 })]);
  store.upsert(chat('1', { assigneeId: null, lastSeq: 3 }));
  assert.deepEqual(ids(filterView(store.getSnapshot().all, 'queue', 'me')), ['1']);
  store.upsert(chat('1', { assigneeId: 'me', lastSeq: 2 }));
  assert.equal(store.get('1')?.assigneeId, null);
  store.upsert(chat('1', { status: 'closed', lastSeq: 3 }));
  assert.deepEqual(ids(filterView(store.getSnapshot().all, 'closed', 'me')), ['1']);
});

test('C1: an older page merges in, newest activity first, without undoing a live update', () => {
  const store = new ConversationStore('me', memory());
  store.replaceAll([chat('8'), chat('9')]);
  store.upsert(chat('5', { lastSeq: 4, lastMessageText: 'live' }));
  store.addPage([chat('5', { lastSeq: 2 }), chat('4'), chat('3')]);
  assert.deepEqual(ids(store.getSnapshot().all), ['9', '8', '5', '4', '3']);
  assert.equal(store.get('5')?.lastMessageText, 'live');
});

test("C1: a visitor's new name shows on their rows at once", () => {
  const store = new ConversationStore('me', memory());
  store.replaceAll([chat('1'), chat('2')]);
  store.applyVisitor({ id: 'v-1', name: 'Ada Lovelace', email: 'ada@example.com', phone: null, data: {}, createdAt: '', lastSeenAt: '' });
  assert.deepEqual(store.getSnapshot().all.map((c) => c.visitorName), [null, 'Ada Lovelace']);
});

test("Data protection: a deleted visitor's conversations leave every list at once", () => {
  const store = new ConversationStore('me', memory());
  store.replaceAll([chat('1'), chat('2'), chat('3', { visitorId: 'v-1' })]);
  let published = 0;
  store.subscribe(() => published++);
  store.removeVisitor('v-1');
  assert.deepEqual(ids(store.getSnapshot().all), ['2']);
  assert.equal(published, 1);
  store.removeVisitor('v-unknown');
  assert.equal(published, 1, 'nothing to remove: no change published');
});

test('unread state: read positions from the server (another device) clear unread marks and never move back', () => {
  const store = new ConversationStore('me', memory());
  store.replaceAll([chat('1', { lastSeq: 4 }), chat('2', { lastSeq: 2 })]);
  store.markSeen('1', 3);
  store.applyReads({ '1': 2, '2': 2 });
  assert.deepEqual(store.getSnapshot().seen, { '1': 3, '2': 2 });
  store.applyReads({ '1': 4 });
  assert.equal(store.getSnapshot().seen['1'], 4);
});
