// Socket events of the visitor's own details: Palique('setVisitor', …).
import { VisitorUpdate } from '@palique/protocol';
import { acked, type VisitorSocket } from '../sockets';
import type { RateLimits } from '../http/limits';
import type { VisitorService } from './service';

type Log = { error: (o: object, m: string) => void };

export interface VisitorEventDeps {
  visitors: VisitorService;
  limits: RateLimits;
}

export function registerVisitorEvents(socket: VisitorSocket, deps: VisitorEventDeps, log: Log): void {
  const { visitors, limits } = deps;
  socket.on(
    'visitor:update',
    acked(VisitorUpdate, log, async (changes) => {
      const { accountId, visitor } = socket.data;
      await limits.enforce('visitorUpdate', visitor.id);
      // Kept on the socket: the visitor's next messages carry the new name.
      socket.data.visitor = await visitors.update(accountId, visitor.id, changes);
      return { visitor: socket.data.visitor };
    }),
  );
}
