// W7 Palique('sendAutoMessage', text): the host page's own message to the visitor, shown in the
// thread as the team's at the time it came, counted as unread while the panel is closed. It is
// not stored: the page's code is not the team, so nothing it says enters the conversation the
// agents see; it lasts for this page view.
import { useEffect, useState } from 'preact/hooks';
import type { ChatMessage } from '@palique/client';
import type { HostLink } from './host-link';

export function useAutoMessages(host: HostLink, open: boolean): { messages: ChatMessage[]; unread: number } {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [unread, setUnread] = useState(0);
  useEffect(
    () =>
      host.onAutoMessage((text) => {
        const at = new Date().toISOString();
        const key = `auto:${at}:${Math.random()}`;
        setMessages((list) => [...list, { key, id: null, seq: null, clientId: key, authorType: 'system', authorName: null, text, createdAt: at, status: 'sent' }]);
        setUnread((n) => n + 1);
      }),
    [host],
  );
  useEffect(() => {
    if (open) setUnread(0);
  }, [open, unread]);
  return { messages, unread: open ? 0 : unread };
}

/** The thread with the page's messages placed by time among the stored ones. */
export function withAutoMessages(thread: ChatMessage[], auto: ChatMessage[]): ChatMessage[] {
  if (auto.length === 0) return thread;
  const merged = [...thread];
  for (const a of auto) {
    const at = merged.findIndex((m) => m.createdAt > a.createdAt);
    merged.splice(at < 0 ? merged.length : at, 0, a);
  }
  return merged;
}
