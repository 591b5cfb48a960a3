// Socket events about messages: the widget's and the dashboard's sides.
import type { Socket } from 'socket.io';
import { AfterSeq, AgentSendMessage, ConversationSync, SendMessage } from '@palique/protocol';
import type { Services } from '../services';
import type { AgentContext } from '../agents/service';
import type { VisitorIdentity } from '../visitors/service';
import { onEvent } from '../realtime/handlers';
import { enforceRateLimit } from '../http/rate-limit';

type Log = { error: (o: object, m: string) => void };

export function registerVisitorConversationEvents(socket: Socket, id: VisitorIdentity, s: Services, log: Log): void {
  const { accountId } = id;
  const visitorId = id.visitor.id;

  onEvent(socket, 'message:send', SendMessage, log, async ({ clientId, text }) => {
    await enforceRateLimit(s.rateLimiter, `visitor-msg:${visitorId}`, s.config.widgetRateLimit, 10_000);
    // The visitor as of the handshake or their last update on this socket: names stamp messages.
    const message = await s.conversations.sendAsVisitor(accountId, id.visitor, clientId, text);
    return { message };
  });

  onEvent(socket, 'sync', AfterSeq, log, async ({ after }) => {
    const [page, mode] = await Promise.all([
      s.conversations.visitorMessagesAfter(accountId, visitorId, after),
      s.presence.mode(accountId),
    ]);
    return { ...page, mode, visitor: id.visitor };
  });
}

export function registerAgentConversationEvents(socket: Socket, ctx: AgentContext, s: Services, log: Log): void {
  onEvent(socket, 'message:send', AgentSendMessage, log, async ({ conversationId, clientId, text }) => {
    const message = await s.conversations.sendAsAgent(ctx.accountId, conversationId, ctx.agent, clientId, text);
    return { message };
  });

  onEvent(socket, 'conversation:sync', ConversationSync, log, async ({ conversationId, after }) => {
    return s.conversations.messagesAfter(ctx.accountId, conversationId, after);
  });
}
