// React side of the open conversation: a ConversationThread from @palique/client (history, live
// messages, catch-up, queued replies) rendered through useSyncExternalStore, plus what only a
// screen knows: the composer's checks and marking what is on screen as seen.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { MAX_MESSAGE_LENGTH } from '@palique/protocol';
import { ConversationThread, type ConversationThreadState } from '@palique/client';
import { getConversation } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useRealtime } from '../realtime/realtime-context';
import { useConversations } from './conversations-provider';
import { messages } from '../i18n/messages';

export interface ConversationThreadView extends ConversationThreadState {
  /** Returns an error to show, or null once the message is queued. */
  send: (text: string) => string | null;
  dismiss: (clientId: string) => void;
  /** C4: the reply box changed (the visitor sees "… is typing"). */
  typing: (text: string) => void;
  /** C5: changes one of the agent's own messages; resolves once stored, rejects with the reason. */
  edit: (messageId: string, text: string) => Promise<unknown>;
}

export function useConversationThread(conversationId: string): ConversationThreadView {
  const { client } = useRealtime();
  const { store } = useConversations();
  const [thread] = useState(
    () => new ConversationThread({ client, conversationId, load: getConversation, describeError: errorMessage }),
  );
  useEffect(() => {
    thread.start();
    return () => thread.stop();
  }, [thread]);
  const state = useSyncExternalStore(thread.subscribe, thread.getState);

  // Mark what is on screen as seen, for the unread dots in the lists.
  const { lastSeq } = state;
  useEffect(() => {
    store.openId = conversationId;
    const markSeen = () => {
      if (document.visibilityState !== 'visible' || lastSeq <= 0) return;
      // Unread state lives on the server too, so the agent's other devices clear it as well.
      if ((store.getSnapshot().seen[conversationId] ?? 0) < lastSeq) void client.markRead(conversationId, lastSeq).catch(() => undefined);
      store.markSeen(conversationId, lastSeq);
      thread.markSeen(lastSeq); // W5: the visitor's "Seen"
    };
    markSeen();
    document.addEventListener('visibilitychange', markSeen);
    return () => {
      document.removeEventListener('visibilitychange', markSeen);
      if (store.openId === conversationId) store.openId = null;
    };
  }, [store, client, thread, conversationId, lastSeq]);

  const send = useCallback(
    (text: string): string | null => {
      if (!text.trim()) return messages.conversations.composer.empty;
      if (text.length > MAX_MESSAGE_LENGTH) return messages.conversations.composer.tooLong(MAX_MESSAGE_LENGTH);
      thread.send(text);
      return null;
    },
    [thread],
  );
  const dismiss = useCallback((clientId: string) => thread.dismiss(clientId), [thread]);

  const typing = useCallback((text: string) => thread.typing(text), [thread]);

  const edit = useCallback((messageId: string, text: string) => thread.edit(messageId, text), [thread]);

  return { ...state, send, dismiss, typing, edit };
}
