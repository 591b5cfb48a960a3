// Honest states: the browser tab counts the chats with unread visitor messages, "(3) Palique",
// live (the unread state is the agent's own, kept on the server, the same on every device).
import { useEffect } from 'react';
import { isUnread } from '@palique/client';
import { useConversations } from './conversations-provider';
import { messages } from '../i18n/messages';

/** How many conversations have visitor messages this agent has not read. */
export function useUnreadCount(): number {
  const { all, seen } = useConversations();
  return all.filter((c) => isUnread(c, seen)).length;
}

/** Keeps the tab's title in step with the unread count while the workspace is open. */
export function useUnreadTitle(): void {
  const unread = useUnreadCount();
  useEffect(() => {
    document.title = messages.layout.tabTitle(unread);
  }, [unread]);
  useEffect(() => () => void (document.title = messages.layout.tabTitle(0)), []);
}
