// Socket events of the visitor's own details and token: Palique('setVisitor', …), Palique('restart').
import { VisitorRevoke, VisitorUpdate, type Visitor } from '@palique/protocol';
import type { VisitorEvents } from '../sockets';
import type { RateLimits } from '../http/limits';
import type { VisitorService } from './service';

type Log = { error: (o: object, m: string) => void };

export interface VisitorEventDeps {
  visitors: VisitorService;
  limits: RateLimits;
  /** W4: the visitor as the widget gets it (the email domain says whether the address unsubscribed). */
  widgetVisitor: (accountId: string, visitor: Visitor) => Promise<Visitor>;
}

export function visitorIdentityEvents(events: VisitorEvents, deps: VisitorEventDeps, log: Log): void {
  const { visitors, limits, widgetVisitor } = deps;
  events.acked('visitor:update', VisitorUpdate, log, async (changes, socket) => {
    const { accountId, visitor } = socket.data;
    await limits.enforce('visitorUpdate', visitor.id);
    // Kept on the socket: the visitor's next messages carry the new name.
    socket.data.visitor = await visitors.update(accountId, visitor.id, changes);
    return { visitor: await widgetVisitor(accountId, socket.data.visitor) };
  });

  events.acked('visitor:revoke', VisitorRevoke, log, async (_input, socket) => {
    const { accountId, visitor } = socket.data;
    await visitors.revoke(accountId, visitor.id, { socketId: socket.id });
    // Its token no longer exists: this socket ends too, once its ack is on its way.
    setImmediate(() => socket.disconnect(true));
    return {};
  });
}
