// C3: an agent socket hears `visitor:details` only for the visitor it shows (the conversation
// open in the dashboard): `visitor:watch` moves it into that visitor's details room, out of the
// previous one. The room is joined on the socket's own process; page views reach it from any
// process through the adapter (rooms.ts). The client sends it again after every reconnect.
import { VisitorWatch } from '@palique/protocol';
import { inArrivalOrderOf, type AgentEvents, type AgentSocket } from '../sockets';
import type { RateLimits } from '../http/limits';
import type { VisitorService } from '../visitors/service';
import { rooms } from './rooms';

type Log = { error: (o: object, m: string) => void };

export function agentWatchEvents(events: AgentEvents, deps: { visitors: Pick<VisitorService, 'get'>; limits: RateLimits }, log: Log): void {
  // In arrival order: a quick A then B leaves the socket watching B, whatever the lookups take.
  const watch = inArrivalOrderOf(async (socket: AgentSocket, { visitorId }: VisitorWatch) => {
    const { accountId, agent } = socket.data;
    await deps.limits.enforce('agentWatch', agent.id);
    // Tenant check: a visitor of another account (or none) is "not found", and nothing changes.
    if (visitorId) await deps.visitors.get(accountId, visitorId);
    const room = visitorId ? rooms.visitorDetails(accountId, visitorId) : undefined;
    // The room watched so far is the socket's one details room.
    for (const joined of [...socket.rooms]) if (joined !== room && rooms.isVisitorDetails(joined)) await socket.leave(joined);
    if (room) await socket.join(room);
    return {};
  });
  events.acked('visitor:watch', VisitorWatch, log, (input, socket) => watch(socket, input));
}
