// The typed in-process bus of domain events. A service that changed something emits after
// commit; realtime/ (rooms), and later notifications, email, Slack and webhooks, subscribe. The
// emitter never knows who listens, and a failing listener never fails the emitter.
import type { AgentNotification, AgentStatus, Conversation, Message, OnlineVisitorsChanges, TriggerFiring, Visitor, VisitorDetails, WidgetMode } from '@palique/protocol';

/** The socket a change came from: it has its ack, so it is left out of the broadcast. */
export interface Origin {
  socketId: string;
}

export interface DomainEvents {
  'message.created': { accountId: string; message: Message; conversation: Conversation; origin?: Origin };
  /** C5: a message was edited: the edit (its own row and seq), the message as it now reads. */
  'message.edited': { accountId: string; edit: Message; message: Message; conversation: Conversation; origin?: Origin };
  'visitor.updated': { accountId: string; visitor: Visitor };
  /** C3: a page view changed what the agents see about a visitor's browsing. */
  'visitor.details_changed': { accountId: string; details: VisitorDetails };
  /** The visitor's token was revoked (Palique('restart')): their sockets end, but `origin`, which ends after its ack. */
  'visitor.revoked': { accountId: string; visitorId: string; origin?: Origin };
  /** Data protection: the visitor, their conversations and files are gone (their sockets end too). */
  'visitor.deleted': { accountId: string; visitorId: string; conversationIds: string[] };
  'agent.status_changed': { accountId: string; agentId: string; status: AgentStatus };
  /**
   * These agents should be notified (A3 rules applied by the notifications domain, A4, A5).
   * `inBroadcast`: those among them whose dashboards raise it from the message's own broadcast
   * (Online agents, for a visitor message: protocol `conversation:message`): no frame of its own.
   */
  'agent.notified': { accountId: string; agentIds: string[]; notification: AgentNotification; inBroadcast?: readonly string[] };
  /** An agent connection opened or closed, or a status changed: every process recomputes the mode. */
  'presence.changed': { accountId: string };
  /**
   * A session ended (sign-out; later also a removed agent, a changed role or password, one event
   * per session): its open sockets are closed at once, on every process.
   */
  'session.ended': { accountId: string; sessionId: string };
  /** The widget mode this process computed for its own visitors of the account. */
  'widget.mode_changed': { accountId: string; mode: WidgetMode };
  /** C4: what a visitor has in their message box now. Relayed to agents only; never stored or logged. */
  'typing.visitor': { accountId: string; visitorId: string; text: string };
  /** C4: an agent is typing to a visitor (or stopped). */
  'typing.agent': { accountId: string; visitorId: string; agentId: string; name: string; typing: boolean };
  /** W5: read positions moved forward (the highest seq read by any agent / by the visitor). */
  'receipt.agent_read': { accountId: string; conversationId: string; visitorId: string; seq: number; origin?: Origin };
  'receipt.visitor_read': { accountId: string; conversationId: string; visitorId: string; seq: number; origin?: Origin };
  /** C1: the owner did not answer in time; the chat is back in the queue. */
  'conversation.returned': ConversationChange;
  /** C1: "Close conversation". */
  'conversation.closed': ConversationChange;
  /** C1: the visitor wrote in a closed chat. */
  'conversation.reopened': ConversationChange;
  /** C1: removed from the queue with × until the visitor writes again. */
  'conversation.dismissed': ConversationChange;
  /** C2: ownership handed to another agent ("Transfer"). */
  'conversation.assigned': ConversationChange & { agentId: string; byAgentId: string };
  /** C2: an agent was added to the chat ("Add agent"); the visitor is not told. */
  'conversation.participant_added': ConversationChange & { agentId: string; byAgentId: string };
  /** T1: a trigger acted for a visitor (a targeted message was sent: the visitor "received a proactive message"). */
  'trigger.fired': { accountId: string; visitorId: string; firing: TriggerFiring };
  /** Unread state: an agent read a conversation up to `seq` (their other devices follow). */
  'conversation.read': { accountId: string; agentId: string; conversationId: string; seq: number };
  /** C8: the visitor opened the chat window (triggers with a "chat window" condition look again). */
  'visitor.chat_opened': { accountId: string; visitorId: string };
  /** C8: one batch of changes to the account's online visitors list (from this process). */
  'visitors.online_changed': { accountId: string; changes: OnlineVisitorsChanges };
}

/** A conversation that changed without a message, as it now stands. */
export interface ConversationChange {
  accountId: string;
  conversation: Conversation;
  origin?: Origin;
}

export type EventName = keyof DomainEvents;
export type Listener<E extends EventName> = (event: DomainEvents[E]) => void | Promise<void>;

type Log = { error: (o: object, m: string) => void };

export class EventBus {
  private readonly listeners: { [E in EventName]?: Array<Listener<E>> } = {};

  constructor(private readonly log: Log) {}

  /** Subscribes; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    const list: Array<Listener<E>> = (this.listeners[name] ??= []);
    list.push(listener);
    return () => {
      const i = list.indexOf(listener);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Calls every listener now, in subscription order; their failures are logged, not thrown. */
  emit<E extends EventName>(name: E, event: DomainEvents[E]): void {
    for (const listener of this.listeners[name] ?? []) {
      try {
        const pending = listener(event);
        if (pending) pending.catch((err: unknown) => this.log.error({ err, event: name }, 'event listener failed'));
      } catch (err) {
        this.log.error({ err, event: name }, 'event listener failed');
      }
    }
  }
}
