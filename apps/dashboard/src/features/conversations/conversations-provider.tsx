// Keeps the workspace's conversation lists live: loads the views, applies socket updates (a
// visitor's new name included), keeps the tabs' counts from the server, reloads after a reconnect
// (events were missed meanwhile), and raises a desktop notification for a visitor message the
// agent is not looking at.
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { getConversationCounts, getReads, listConversations } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useSession } from '../auth/session';
import { useRealtime } from '../realtime/realtime-context';
import { showVisitorMessage } from '../notifications/desktop-notifications';
import { currentNotificationSettings } from '../notifications/notification-settings';
import { allowSoundAfterFirstGesture, playNotificationSound } from '../notifications/notification-sound';
import { ConversationStore, parseMessage, plainTextOf, type ConversationsSnapshot, type KeyValueStorage } from '@palique/client';
import { wantsNotification, type Conversation, type ConversationCounts, type ConversationView } from '@palique/protocol';
import { visitorLabel } from './visitor-name';
import { messages } from '../i18n/messages';

interface Conversations {
  store: ConversationStore;
  loading: boolean;
  error: string | null;
  reload: () => void;
  /** C1: where each list's next older page starts (absent: no more). */
  cursors: Partial<Record<ConversationView, string>>;
  loadOlder: (view: ConversationView) => void;
  /** C1: each tab's count from the server (null until it answered once). */
  counts: ConversationCounts | null;
}

const VIEWS: ConversationView[] = ['queue', 'mine', 'all', 'closed'];

/** What decides which tabs a conversation is in: when it changes, the counts do. */
const placement = (c: Conversation | undefined) => (c ? `${c.status}|${c.assigneeId ?? ''}|${c.dismissed}|${c.lastMessageAt !== null}` : '');

/** Several changes at once (a burst of updates) cost one request. */
const COUNTS_DELAY_MS = 150;

const ConversationsContext = createContext<Conversations | null>(null);

/** The seen marks live in this browser's localStorage (the store copes with it throwing). */
const browserStorage: KeyValueStorage = { get: (k) => localStorage.getItem(k), set: (k, v) => localStorage.setItem(k, v) };

export function ConversationsProvider({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const { client } = useRealtime();
  const navigate = useNavigate();
  const [store] = useState(() => new ConversationStore(me.agent.id, browserStorage));
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [cursors, setCursors] = useState<Partial<Record<ConversationView, string>>>({});
  const [counts, setCounts] = useState<ConversationCounts | null>(null);
  const loadId = useRef(0);
  const countsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const countsId = useRef(0);
  // navigate changes identity with the location; the subscriptions below must not.
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  const refreshCounts = useCallback(() => {
    clearTimeout(countsTimer.current);
    countsTimer.current = setTimeout(() => {
      const id = ++countsId.current;
      // A failed count keeps the last one; the next change or reload asks again.
      getConversationCounts().then((c) => id === countsId.current && setCounts(c), () => undefined);
    }, COUNTS_DELAY_MS);
  }, []);

  const reload = useCallback(() => {
    const id = ++loadId.current;
    refreshCounts();
    Promise.all(VIEWS.map((view) => listConversations(view)))
      .then((lists) => {
        if (id !== loadId.current) return;
        const merged = new Map(lists.flatMap((l) => l.conversations).map((c) => [c.id, c]));
        store.replaceAll([...merged.values()]);
        // A3: an Invisible agent's Queue, as the server lists it, is the chats they joined.
        store.setJoined(lists[0]!.conversations.map((c) => c.id));
        getReads().then((r) => store.applyReads(r.reads), () => undefined);
        setCursors(Object.fromEntries(lists.flatMap((l, i) => (l.nextCursor ? [[VIEWS[i], l.nextCursor]] : []))));
        setError(null);
      })
      .catch((err) => id === loadId.current && setError(errorMessage(err)))
      .finally(() => id === loadId.current && setLoading(false));
  }, [store, refreshCounts]);

  const loadOlder = useCallback(
    (view: ConversationView) => {
      const cursor = cursors[view];
      if (!cursor) return;
      listConversations(view, cursor)
        .then((page) => {
          store.addPage(page.conversations);
          setCursors((now) => {
            const { [view]: _, ...rest } = now;
            return page.nextCursor ? { ...rest, [view]: page.nextCursor } : rest;
          });
        })
        .catch((err) => setError(errorMessage(err)));
    },
    [cursors, store],
  );

  useEffect(() => allowSoundAfterFirstGesture(), []);

  useEffect(() => {
    reload();
    const offs = [
      client.on('conversation:updated', (c) => {
        if (placement(store.get(c.id)) !== placement(c)) refreshCounts();
        store.upsert(c);
      }),
      client.on('connect', ({ reconnect }) => reconnect && reload()),
      client.on('visitor:updated', (v) => store.applyVisitor(v)),
      client.on('visitor:deleted', ({ visitorId }) => {
        store.removeVisitor(visitorId);
        refreshCounts();
      }),
      // A3: the Queue depends on the status (Invisible: only joined chats); typing in a chat, or
      // being added to it, joins it.
      client.on('status:changed', () => reload()),
      client.on('message:new', (m) => m.authorType === 'agent' && m.authorId === me.agent.id && store.markJoined(m.conversationId)),
      client.on('conversation:read', ({ conversationId, seq }) => store.applyReads({ [conversationId]: seq })),
      // A3: the server only notifies the agents who should be (Online; Invisible in chats
      // they joined); the open, visible conversation needs no notice.
      client.on('notification', (n) => {
        if (n.kind === 'chat_added' || n.kind === 'chat_assigned') {
          // A3: joining a chat may put it in an Invisible agent's Queue, so in its count too.
          store.markJoined(n.conversation.id);
          refreshCounts();
        }
        if (n.kind !== 'visitor_message' && n.kind !== 'chat_waiting' && n.kind !== 'chat_returned') return;
        if (!wantsNotification(currentNotificationSettings(), n)) return;
        const c = n.conversation;
        const watching = store.openId === c.id && document.visibilityState === 'visible';
        if (watching) return;
        playNotificationSound();
        const who = visitorLabel(n.kind === 'visitor_message' ? (n.message.authorName ?? c.visitorName) : c.visitorName, c.visitorId);
        const title =
          n.kind === 'chat_waiting' ? messages.notices.waiting(who)
          : n.kind === 'chat_returned' ? messages.notices.returned(who)
          : who;
        // The text as read (no ** or _ markers): notifications show plain text. Files: a message
        // with a file and no text shows the list's preview ("📎 name").
        const text = plainTextOf(parseMessage(n.kind === 'visitor_message' ? n.message.text || (c.lastMessageText ?? '') : (c.lastMessageText ?? '')));
        void showVisitorMessage({ title, text, conversationId: c.id }, (id) => navigateRef.current(`/conversations/${id}`));
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      clearTimeout(countsTimer.current);
    };
  }, [client, store, reload, refreshCounts, me.agent.id]);

  return (
    <ConversationsContext.Provider value={{ store, loading, error, reload, cursors, loadOlder, counts }}>{children}</ConversationsContext.Provider>
  );
}

export function useConversations(): Conversations & ConversationsSnapshot {
  const context = useContext(ConversationsContext);
  if (!context) throw new Error('useConversations outside ConversationsProvider');
  const snapshot = useSyncExternalStore(context.store.subscribe, context.store.getSnapshot);
  return { ...context, ...snapshot };
}
