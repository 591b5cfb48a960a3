// Socket events of the queue domain: an agent marking a conversation read (unread state per agent).
import { ConversationRead } from '@palique/protocol';
import { acked, type AgentSocket } from '../sockets';
import type { QueueService } from './service';

type Log = { error: (o: object, m: string) => void };

export function registerAgentQueueEvents(socket: AgentSocket, deps: { queue: QueueService }, log: Log): void {
  const { accountId, agent } = socket.data;
  socket.on(
    'conversation:read',
    acked(ConversationRead, log, async ({ conversationId, seq }) => {
      await deps.queue.markRead(accountId, agent.id, conversationId, seq);
      return {};
    }),
  );
}
