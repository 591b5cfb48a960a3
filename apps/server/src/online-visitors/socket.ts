// C8: the widget says the visitor opened the chat window (no body, no ack; rate-limited).
import type { VisitorEvents, VisitorSocket } from '../sockets';
import type { RateLimits } from '../http/limits';
import type { OnlineVisitorService } from './service';
import type { OnlineVisitorChanges } from './changes';

type Log = { error: (o: object, m: string) => void };

export function visitorOnlineEvents(events: VisitorEvents, deps: { onlineVisitors: OnlineVisitorService; changes: OnlineVisitorChanges; limits: RateLimits }, log: Log): void {
  const changed = (socket: VisitorSocket) => deps.changes.changed(socket.data.accountId, socket.data.visitor.id);
  events.onConnection(changed);
  events.onDisconnection(changed);
  events.on('chat:opened', (socket) => {
    const { accountId, visitor } = socket.data;
    deps.limits
      .enforce('visitorUpdate', visitor.id)
      .then(() => deps.onlineVisitors.chatOpened(accountId, visitor.id))
      .then(() => deps.changes.changed(accountId, visitor.id))
      .catch((err: { statusCode?: number }) => err?.statusCode === 429 || log.error({ err }, 'chat opened failed'));
  });
}
