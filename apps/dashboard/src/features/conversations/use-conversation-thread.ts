// The open conversation: history, live messages (deduped by id, ordered by seq), optimistic
// sends that stay "Sending…" until acknowledged, the visitor's details, and resume after a
// reconnect with `conversation:sync` from the last seq seen.
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_MESSAGE_LENGTH, type Conversation, type Message, type Visitor } from '@palique/protocol';
import { getConversation } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { newClientId } from '../realtime/agent-client';
import { useRealtime } from '../realtime/realtime-context';
import { useConversations } from './conversations-provider';

export interface OutgoingMessage {
  clientId: string;
  text: string;
  createdAt: string;
  state: 'pending' | 'failed';
  error?: string;
}

export interface ConversationThread {
  conversation: Conversation | null;
  visitor: Visitor | null;
  messages: Message[];
  outgoing: OutgoingMessage[];
  loadError: string | null;
  /** Returns an error to show, or null once the message is queued. */
  send: (text: string) => string | null;
  dismiss: (clientId: string) => void;
}

const newer = <T extends { lastSeq: number }>(a: T | null, b: T) => (a && a.lastSeq > b.lastSeq ? a : b);

export function useConversationThread(conversationId: string): ConversationThread {
  const { client } = useRealtime();
  const { store } = useConversations();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [visitor, setVisitor] = useState<Visitor | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [outgoing, setOutgoing] = useState<OutgoingMessage[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const byId = useRef(new Map<string, Message>());
  const lastSeq = useRef(0);

  const merge = useCallback((incoming: Message[]) => {
    if (incoming.length === 0) return;
    let changed = false;
    for (const m of incoming) {
      if (m.conversationId !== conversationId || byId.current.has(m.id)) continue;
      byId.current.set(m.id, m);
      lastSeq.current = Math.max(lastSeq.current, m.seq);
      changed = true;
    }
    const clientIds = new Set(incoming.map((m) => m.clientId));
    setOutgoing((list) => (list.some((o) => clientIds.has(o.clientId)) ? list.filter((o) => !clientIds.has(o.clientId)) : list));
    if (changed) setMessages([...byId.current.values()].sort((a, b) => a.seq - b.seq));
  }, [conversationId]);

  useEffect(() => {
    byId.current = new Map();
    lastSeq.current = 0;
    setConversation(null);
    setVisitor(null);
    setMessages([]);
    setLoadError(null);
    // Messages still in the client's outbox from an earlier visit to this conversation.
    setOutgoing(client.pending(conversationId).map((p) => ({ ...p, state: 'pending' })));

    let active = true;
    const resync = () => {
      client.sync(conversationId, lastSeq.current).then((list) => active && merge(list), () => {});
    };
    getConversation(conversationId).then(
      (detail) => {
        if (!active) return;
        setConversation((c) => newer(c, detail.conversation));
        setVisitor((v) => v ?? detail.visitor);
        merge(detail.messages);
        // A long history comes in pages: fetch the rest after the first.
        if (detail.hasMore) resync();
      },
      (err) => active && setLoadError(errorMessage(err)),
    );

    const offs = [
      client.on('message:new', (m) => {
        if (m.conversationId !== conversationId) return;
        const gap = lastSeq.current > 0 && m.seq > lastSeq.current + 1;
        merge([m]);
        if (gap) resync();
      }),
      client.on('conversation:updated', (c) => c.id === conversationId && setConversation((prev) => newer(prev, c))),
      client.on('visitor:updated', (v) => setVisitor((prev) => (prev && prev.id === v.id ? v : prev))),
      client.on('connect', ({ reconnect }) => reconnect && resync()),
      client.on('send:settled', (s) => {
        if (s.conversationId !== conversationId) return;
        if (s.message) return merge([s.message]);
        setOutgoing((list) =>
          list.map((o) => (o.clientId === s.clientId ? { ...o, state: 'failed', error: s.error?.message ?? 'Not sent' } : o)),
        );
      }),
    ];
    return () => {
      active = false;
      offs.forEach((off) => off());
    };
  }, [client, conversationId, merge]);

  // Mark what is on screen as seen, for the unread dots in the lists.
  useEffect(() => {
    store.openId = conversationId;
    const markSeen = () => {
      if (document.visibilityState === 'visible' && lastSeq.current > 0) store.markSeen(conversationId, lastSeq.current);
    };
    markSeen();
    document.addEventListener('visibilitychange', markSeen);
    return () => {
      document.removeEventListener('visibilitychange', markSeen);
      if (store.openId === conversationId) store.openId = null;
    };
  }, [store, conversationId, messages]);

  const send = useCallback(
    (text: string): string | null => {
      if (!text.trim()) return 'Write a message first';
      if (text.length > MAX_MESSAGE_LENGTH) return `Messages can be at most ${MAX_MESSAGE_LENGTH.toLocaleString()} characters`;
      const clientId = newClientId();
      setOutgoing((list) => [...list, { clientId, text, createdAt: new Date().toISOString(), state: 'pending' }]);
      // The outcome arrives as 'send:settled' (also for sends that outlive this screen).
      client.send(conversationId, text, clientId).catch(() => {});
      return null;
    },
    [client, conversationId],
  );

  const dismiss = useCallback((clientId: string) => setOutgoing((list) => list.filter((o) => o.clientId !== clientId)), []);

  return { conversation, visitor, messages, outgoing, loadError, send, dismiss };
}
