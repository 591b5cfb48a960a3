// Honest states: the browser tab counts the chats with unread visitor messages, "(3) Palique",
// live (the unread state is the agent's own, kept on the server, the same on every device).
import { useEffect } from 'react';
import { isUnread } from '@palique/client';
import { useConversations } from './conversations-provider';
import { useSession } from '../auth/session';
import { messages } from '../i18n/messages';

/**
 * How many conversations have visitor messages this agent has not read. A3: an Invisible agent
 * gets no new chats, so only theirs count (owned, written in or added to).
 */
export function useUnreadCount(): number {
  const { me } = useSession();
  const { all, seen, joined } = useConversations();
  const invisible = me.agent.status === 'invisible';
  return all.filter((c) => isUnread(c, seen) && (!invisible || c.assigneeId === me.agent.id || joined.has(c.id))).length;
}

/** Keeps the tab's title in step with the unread count while the workspace is open. */
export function useUnreadTitle(): void {
  const unread = useUnreadCount();
  useEffect(() => {
    document.title = messages.layout.tabTitle(unread);
  }, [unread]);
  useEffect(() => () => void (document.title = messages.layout.tabTitle(0)), []);
}
