// A6: what an agent's notification settings mean, in one place for the server's pushes and the
// dashboard's in-page notices: which setting decides whether a notification is shown.
import type { AgentNotification } from './socket';

export type NotificationEvent = 'newChat' | 'newMessage';

/** The setting that decides this notification; undefined: always shown (A5's own notices). */
export function notificationEventOf(n: AgentNotification): NotificationEvent | undefined {
  if (n.kind === 'chat_waiting') return 'newChat';
  // A chat nobody has taken yet is a new chat (it is in the queue); then each message is a new message.
  if (n.kind === 'visitor_message') return n.conversation.assigneeId === null ? 'newChat' : 'newMessage';
  return undefined;
}

/** Whether an agent with these settings hears of this notification. */
export function wantsNotification(settings: Record<NotificationEvent, boolean>, n: AgentNotification): boolean {
  const event = notificationEventOf(n);
  return event === undefined || settings[event];
}
