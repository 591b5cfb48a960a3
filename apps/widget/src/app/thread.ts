// The visitor's thread as the UI shows it: messages the server stored (ordered by seq, each
// once) followed by the visitor's messages still in the outbox (pending or failed).
// Pure functions, so they are tested without a server or a DOM.
import type { AuthorType, ErrorInfo, Message } from '@palique/protocol';

export type MessageStatus = 'pending' | 'sent' | 'failed';

export interface ChatMessage {
  /** Stable key for rendering: the server id once stored, the clientId before. */
  key: string;
  id: string | null;
  seq: number | null;
  clientId: string;
  authorType: AuthorType;
  authorName: string | null;
  text: string;
  createdAt: string;
  status: MessageStatus;
  error?: ErrorInfo;
}

/** A message the visitor wrote that the server has not acknowledged yet. */
export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: string;
  error?: ErrorInfo;
}

/**
 * Adds `incoming` to `stored`: a message already present (same id, or same clientId and author
 * for a retry the server answered twice) is kept once; the result is sorted by seq.
 */
export function mergeMessages(stored: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return stored as Message[];
  const byId = new Map<string, Message>();
  const clientKeys = new Set<string>();
  for (const m of [...stored, ...incoming]) {
    const clientKey = `${m.authorType}:${m.clientId}`;
    if (byId.has(m.id) || clientKeys.has(clientKey)) continue;
    byId.set(m.id, m);
    clientKeys.add(clientKey);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

export function lastSeqOf(stored: readonly Message[]): number {
  return stored.length === 0 ? 0 : stored[stored.length - 1]!.seq;
}

/** The list the UI renders: stored messages, then outbox entries the server has not stored yet. */
export function threadView(stored: readonly Message[], outbox: readonly OutboxEntry[]): ChatMessage[] {
  const storedClientIds = new Set(stored.filter((m) => m.authorType === 'visitor').map((m) => m.clientId));
  const view: ChatMessage[] = stored.map((m) => ({
    key: m.id,
    id: m.id,
    seq: m.seq,
    clientId: m.clientId,
    authorType: m.authorType,
    authorName: m.authorName,
    text: m.text,
    createdAt: m.createdAt,
    status: 'sent',
  }));
  for (const e of outbox) {
    if (storedClientIds.has(e.clientId)) continue;
    view.push({
      // The stored copy will replace this one; keeping the key stable avoids a re-mount flash.
      key: e.clientId,
      id: null,
      seq: null,
      clientId: e.clientId,
      authorType: 'visitor',
      authorName: null,
      text: e.text,
      createdAt: e.createdAt,
      status: e.error ? 'failed' : 'pending',
      error: e.error,
    });
  }
  return view;
}
