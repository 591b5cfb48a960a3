// A3: how a visitor message becomes a notification in the dashboard. Every agent hears every
// message (`conversation:message`); who is notified follows the agent's status:
// - Online: every visitor message (not an edit) heard from the broadcast is the notification —
//   the server sends no frame of its own for it (one frame and one Redis publish less per
//   message and agent);
// - Invisible: only in chats the agent joined; the server decides, and names the message in a
//   small `notification` frame (VisitorMessageNotice) that follows the broadcast; the visitor
//   messages heard last are kept here to turn it back into the notification;
// - Offline: never.
import type { AgentNotification, AgentNotificationOnWire, AgentStatus, ConversationMessageEvent } from '@palique/protocol';

/**
 * How many visitor messages are kept. The notice follows its message by the time the server takes
 * to decide who is notified (a status read shared by the messages of that moment): at the bench's
 * saturation, 1,000 messages are more than 100 ms of every account's traffic.
 */
export const RECENT_VISITOR_MESSAGES = 1_000;

interface Heard {
  event: ConversationMessageEvent;
  /** Already shown (a status change racing the server's decision could bring both ways). */
  raised: boolean;
}

export class RecentVisitorMessages {
  private readonly byId = new Map<string, Heard>();
  /** The agent's status as the server last told it (`agent:status`, on connect and on each change). */
  status: AgentStatus | undefined;

  constructor(private readonly capacity = RECENT_VISITOR_MESSAGES) {}

  /**
   * Keeps a visitor message; returns its notification when this agent is notified of it from the
   * broadcast alone (`broadcast`: heard from `conversation:message`, and the agent is Online).
   */
  heard(event: ConversationMessageEvent, broadcast = false): AgentNotification | undefined {
    if (event.message.authorType !== 'visitor' || event.message.editOf !== undefined) return undefined;
    const raised = broadcast && this.status === 'online';
    this.byId.set(event.message.id, { event, raised });
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
    return raised ? { kind: 'visitor_message', conversation: event.conversation, message: event.message } : undefined;
  }

  /**
   * The notification to show for one the server sent; undefined for a message this client did not
   * hear (it connected after it was sent: the list shows it unread, as any message from before the
   * connection) or has already shown.
   */
  notification(n: AgentNotificationOnWire): AgentNotification | undefined {
    if (n.kind !== 'visitor_message') return n;
    const heard = this.byId.get(n.messageId);
    if (!heard || heard.raised || heard.event.conversation.id !== n.conversationId) return undefined;
    heard.raised = true;
    return { kind: 'visitor_message', conversation: heard.event.conversation, message: heard.event.message };
  }
}
