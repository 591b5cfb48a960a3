// Reading back what the app stored, the way its clients read it: the dashboard's API (every page
// of a conversation, by seq) and a visitor's own sync. Tests assert on these, not on tables.
import type { Conversation, Message, Visitor } from '@palique/protocol';
import { api, type Reachable } from './api';
import { connectVisitor } from './clients';

async function ok<T>(res: Promise<{ status: number; body: any }>, what: string): Promise<T> {
  const r = await res;
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** Every message of a conversation in seq order, page after page, as an agent sees them. */
export async function messagesOf(server: Reachable, cookie: string, conversationId: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const after = all.at(-1)?.seq ?? 0;
    const page = await ok<{ messages: Message[]; hasMore: boolean }>(
      api(server, 'GET', `/api/conversations/${conversationId}/messages?after=${after}`, { cookie }),
      'messages',
    );
    all.push(...page.messages);
    if (!page.hasMore) return all;
  }
}

/** A conversation as the dashboard shows it (its last seq, owner, preview). */
export async function conversationOf(server: Reachable, cookie: string, conversationId: string): Promise<Conversation> {
  return (await ok<{ conversation: Conversation }>(api(server, 'GET', `/api/conversations/${conversationId}`, { cookie }), 'conversation')).conversation;
}

/** The account's conversations (the dashboard's "All" view: the 200 most recent). */
export async function conversationsOf(server: Reachable, cookie: string): Promise<Conversation[]> {
  return (await ok<{ conversations: Conversation[] }>(api(server, 'GET', '/api/conversations?view=all', { cookie }), 'conversations')).conversations;
}

/** The conversation of a visitor, if they have written. */
export async function conversationOfVisitor(server: Reachable, cookie: string, visitorId: string): Promise<Conversation | undefined> {
  return (await conversationsOf(server, cookie)).find((c) => c.visitorId === visitorId);
}

/** Every message of the account, conversation by conversation. */
export async function messagesOfAccount(server: Reachable, cookie: string): Promise<Message[]> {
  const conversations = await conversationsOf(server, cookie);
  return (await Promise.all(conversations.map((c) => messagesOf(server, cookie, c.id)))).flat();
}

/** A visitor's details as stored, read by a fresh connection with their token (the handshake reads them). */
export async function visitorAsStored(server: Reachable, widgetId: string, token: string): Promise<Visitor> {
  const socket = await connectVisitor(server, widgetId, token);
  try {
    const sync = await socket.emit('sync', { after: 0 });
    if (!sync.ok) throw new Error(`sync failed: ${JSON.stringify(sync.error)}`);
    return sync.visitor;
  } finally {
    socket.close();
  }
}
