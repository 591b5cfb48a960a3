// Socket events of the visitor's own details: Palique('setVisitor', …).
import type { Socket } from 'socket.io';
import { VisitorUpdate } from '@palique/protocol';
import type { Services } from '../services';
import type { VisitorIdentity } from './service';
import { onEvent } from '../realtime/handlers';
import { enforceRateLimit } from '../http/rate-limit';

type Log = { error: (o: object, m: string) => void };

export function registerVisitorEvents(socket: Socket, id: VisitorIdentity, s: Services, log: Log): void {
  onEvent(socket, 'visitor:update', VisitorUpdate, log, async (changes) => {
    await enforceRateLimit(s.rateLimiter, `visitor-update:${id.visitor.id}`, s.config.widgetRateLimit, 10_000);
    id.visitor = await s.visitors.update(id.accountId, id.visitor.id, changes);
    return { visitor: id.visitor };
  });
}
