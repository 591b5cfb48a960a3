import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wantsNotification, type AgentNotification, type Conversation, type Message } from './index';

const conversation = (assigneeId: string | null): Conversation => ({
  id: 'c1',
  visitorId: 'v1',
  visitorName: null,
  assigneeId,
  assigneeName: null,
  lastSeq: 1,
  lastMessageText: 'Hi',
  lastMessageAuthorType: 'visitor',
  lastMessageAt: '2026-03-02T08:00:00.000Z',
  createdAt: '2026-03-02T08:00:00.000Z',
  status: 'open',
  dismissed: false,
});
const message = { id: 'm1', conversationId: 'c1', seq: 1, clientId: 'x', authorType: 'visitor', authorId: null, authorName: null, text: 'Hi', createdAt: '' } satisfies Message;

test('A6: new chats, new messages and working-day notices follow the agent settings', () => {
  const newChat: AgentNotification = { kind: 'visitor_message', conversation: conversation(null), message };
  const newMessage: AgentNotification = { kind: 'visitor_message', conversation: conversation('a1'), message };
  const waiting: AgentNotification = { kind: 'chat_waiting', conversation: conversation(null), waitingSeconds: 120 };
  const day: AgentNotification = { kind: 'working_day_started', status: 'online' };
  const onlyMessages = { newChat: false, newMessage: true };
  assert.deepEqual([newChat, newMessage, waiting, day].map((n) => wantsNotification(onlyMessages, n)), [false, true, false, true]);
  const onlyChats = { newChat: true, newMessage: false };
  assert.deepEqual([newChat, newMessage, waiting, day].map((n) => wantsNotification(onlyChats, n)), [true, false, true, true]);
});
