// Socket events of an agent's own state: the status switch (Online / Invisible / Offline).
import { SetStatus } from '@palique/protocol';
import { acked, type AgentSocket } from '../sockets';
import type { PresenceService } from '../presence/service';
import type { AgentService } from './service';

type Log = { error: (o: object, m: string) => void };

export function registerAgentStatusEvents(socket: AgentSocket, deps: { agents: AgentService; presence: PresenceService }, log: Log): void {
  socket.on(
    'status:set',
    acked(SetStatus, log, async ({ status }) => {
      const { accountId, agent } = socket.data;
      await deps.agents.setStatus(accountId, agent.id, status);
      agent.status = status;
      // Acked once the visitors have their new mode, so quick switches cannot arrive reordered.
      await deps.presence.announce(accountId);
      return { status };
    }),
  );
}
