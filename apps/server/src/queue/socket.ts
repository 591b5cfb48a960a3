// Socket events of the queue domain: an agent marking a conversation read (unread state per agent).
import { ConversationRead } from '@palique/protocol';
import type { AgentEvents } from '../sockets';
import type { QueueService } from './service';

type Log = { error: (o: object, m: string) => void };

export function agentQueueEvents(events: AgentEvents, deps: { queue: QueueService }, log: Log): void {
  events.acked('conversation:read', ConversationRead, log, async ({ conversationId, seq }, socket) => {
    await deps.queue.markRead(socket.data.accountId, socket.data.agent.id, conversationId, seq);
    return {};
  });
}
