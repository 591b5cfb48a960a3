// Socket events of an agent's own state: the status switch (Online / Invisible / Offline).
import { SetStatus } from '@palique/protocol';
import type { AgentEvents } from '../sockets';
import type { PresenceService } from '../presence/service';
import type { AgentService } from './service';

type Log = { error: (o: object, m: string) => void };

export function agentStatusEvents(events: AgentEvents, deps: { agents: AgentService; presence: PresenceService }, log: Log): void {
  events.acked('status:set', SetStatus, log, async ({ status }, socket) => {
    const { accountId, agent } = socket.data;
    await deps.agents.setStatus(accountId, agent.id, status);
    agent.status = status;
    // Acked once the visitors have their new mode, so quick switches cannot arrive reordered.
    await deps.presence.announce(accountId);
    return { status };
  });
}
