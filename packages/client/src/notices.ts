// A3: a visitor message's notification arrives as a reference (VisitorMessageNotice) to a
// `conversation:message` this client heard a moment before: the visitor messages heard last are
// kept here to turn it back into the notification the dashboard shows.
import type { AgentNotification, AgentNotificationOnWire, ConversationMessageEvent } from '@palique/protocol';

/**
 * How many visitor messages are kept. The notice follows its message by the time the server takes
 * to decide who is notified (a status read shared by the messages of that moment): at the bench's
 * saturation, 1,000 messages are more than 100 ms of every account's traffic.
 */
export const RECENT_VISITOR_MESSAGES = 1_000;

export class RecentVisitorMessages {
  private readonly byId = new Map<string, ConversationMessageEvent>();

  constructor(private readonly capacity = RECENT_VISITOR_MESSAGES) {}

  heard(event: ConversationMessageEvent): void {
    if (event.message.authorType !== 'visitor' || event.message.editOf !== undefined) return;
    this.byId.set(event.message.id, event);
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
  }

  /**
   * The notification to show; undefined for a message this client did not hear (it connected
   * after it was sent: the list shows it unread, as any message from before the connection).
   */
  notification(n: AgentNotificationOnWire): AgentNotification | undefined {
    if (n.kind !== 'visitor_message') return n;
    const event = this.byId.get(n.messageId);
    if (!event || event.conversation.id !== n.conversationId) return undefined;
    return { kind: 'visitor_message', conversation: event.conversation, message: event.message };
  }
}
