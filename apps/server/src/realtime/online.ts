// C8: who is online, answered from the visitor sockets themselves: with the Redis adapter,
// fetchSockets() asks every process, so the answer covers visitors connected anywhere and never
// lists one whose process died.
import type { OnlineLookup } from '../online-visitors/service';
import type { VisitorNamespace } from '../sockets';
import { rooms } from './rooms';

export function onlineVisitorsOf(visitors: VisitorNamespace): OnlineLookup {
  return {
    async visitorIdsOf(accountId) {
      const sockets = await visitors.in(rooms.visitorsOf(accountId)).fetchSockets();
      return [...new Set(sockets.map((s) => s.data.visitor.id))];
    },
    async whichOnline(accountId, visitorIds) {
      if (visitorIds.length === 0) return new Set();
      const sockets = await visitors.in(visitorIds.map(rooms.visitor)).fetchSockets();
      return new Set(sockets.filter((s) => s.data.accountId === accountId).map((s) => s.data.visitor.id));
    },
  };
}
