// C4: typing previews. A visitor's box content goes to the account's agents, an agent's "is typing"
// to the conversation's visitor. Never stored and never logged: the handlers parse, count against
// the rate limit and emit a domain event that realtime relays; nothing else sees the text. They
// read no database per event (the visitor comes from the socket; an agent's conversation → visitor
// is looked up once per conversation), so typing never slows acknowledged messages.
import { AgentTyping, VisitorTyping } from '@palique/protocol';
import type { z } from 'zod';
import type { EventBus } from '../events';
import type { RateLimits } from '../http/limits';
import type { AgentEvents, VisitorEvents } from '../sockets';
import type { ConversationService } from '../conversations/service';

/** Parses without throwing: a bad or over-limit typing event is dropped, there is no ack to answer. */
function parsed<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> | undefined {
  const result = schema.safeParse(raw);
  return result.success ? result.data : undefined;
}

export function visitorTypingEvents(events: VisitorEvents, deps: { events: EventBus; limits: RateLimits }): void {
  events.on('typing', (socket, raw) => {
    const body = parsed(VisitorTyping, raw);
    if (!body) return;
    const { accountId, visitor } = socket.data;
    deps.limits.enforce('visitorTyping', visitor.id).then(
      () => deps.events.emit('typing.visitor', { accountId, visitorId: visitor.id, text: body.text }),
      () => {}, // over the limit: dropped; the next one carries the whole box anyway
    );
  });
}

export function agentTypingEvents(events: AgentEvents, deps: { events: EventBus; limits: RateLimits; conversations: ConversationService }): void {
  // account and conversation id → its visitor (null: none of the account's), shared by the sockets.
  const visitorOf = new Map<string, Promise<string | null>>();
  events.on('typing', (socket, raw) => {
    const body = parsed(AgentTyping, raw);
    if (!body) return;
    const { accountId, agent } = socket.data;
    const key = `${accountId}:${body.conversationId}`;
    let visitorId = visitorOf.get(key);
    if (!visitorId) {
      if (visitorOf.size >= 5_000) visitorOf.clear();
      visitorId = deps.conversations.get(accountId, body.conversationId).then(
        (c) => c.visitorId,
        () => null,
      );
      visitorOf.set(key, visitorId);
    }
    Promise.all([visitorId, deps.limits.enforce('agentTyping', agent.id)]).then(
      ([id]) => id && deps.events.emit('typing.agent', { accountId, visitorId: id, agentId: agent.id, name: agent.name, typing: body.typing }),
      () => {},
    );
  });
}
