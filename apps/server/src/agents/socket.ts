// Socket events of an agent's own state: the status switch (Online / Invisible / Offline).
import type { Socket } from 'socket.io';
import { SetStatus } from '@palique/protocol';
import type { Services } from '../services';
import type { AgentContext } from './service';
import { onEvent } from '../realtime/handlers';

type Log = { error: (o: object, m: string) => void };

export function registerAgentStatusEvents(socket: Socket, ctx: AgentContext, s: Services, log: Log): void {
  onEvent(socket, 'status:set', SetStatus, log, async ({ status }) => {
    await s.agents.setStatus(ctx.accountId, ctx.agent.id, status);
    ctx.agent.status = status;
    await s.presence.announce(ctx.accountId);
    return { status };
  });
}
