// T1: what a trigger does, one handler per action type. The engine (service.ts) only picks which
// trigger acts and records it; "assign visitor to group" (G2) and "start a chatbot scenario" (B1)
// are one more member of the protocol's TriggerAction union and one more entry here.
import type { TriggerAction } from '@palique/protocol';

/** Where a trigger acts: the visitor, and an id unique to this trigger, visitor and page view. */
export interface ActionContext<A extends TriggerAction = TriggerAction> {
  accountId: string;
  visitorId: string;
  action: A;
  /** The same on a second run of the same firing: actions use it to do their work once. */
  firingKey: string;
}

/** What the firing record keeps of what the action did. */
export interface ActionResult {
  messageId: string | null;
  messageSeq: number | null;
}

export interface ActionHandler<A extends TriggerAction = TriggerAction> {
  /**
   * T3: the action reaches out to the visitor, so the "not invasive" rules apply to it: not before
   * the account's minimum delay, not within the quiet time after another, not to a visitor
   * already chatting. (Assigning a group is silent, and is not held back by them.)
   */
  invasive: boolean;
  run(ctx: ActionContext<A>): Promise<ActionResult>;
}

export type ActionHandlers = { [T in TriggerAction['type']]: ActionHandler<Extract<TriggerAction, { type: T }>> };

/** A targeted message: the proactive message's author is the chosen agent, or "the team". */
export interface ProactiveAuthor {
  /** null: the team (the widget shows the team's name, no agent takes the chat). */
  agentId: string | null;
  name: string | null;
}

/** What sending a targeted message needs from the conversations and agents domains. */
export interface SendMessageDeps {
  agentName(accountId: string, agentId: string): Promise<string | null>;
  send(accountId: string, visitorId: string, author: ProactiveAuthor, clientId: string, text: string): Promise<{ id: string; seq: number }>;
}

/** The client id of a trigger's message: a second run of the same firing stores nothing more. */
export const proactiveClientId = (firingKey: string) => `trigger-${firingKey}`;

export function actionHandlers(deps: SendMessageDeps): ActionHandlers {
  return {
    send_message: {
      invasive: true,
      async run({ accountId, visitorId, action, firingKey }) {
        // An agent removed since the trigger was written: the message comes from the team.
        const name = action.from.type === 'agent' ? await deps.agentName(accountId, action.from.agentId) : null;
        const author: ProactiveAuthor = action.from.type === 'agent' && name !== null ? { agentId: action.from.agentId, name } : { agentId: null, name: null };
        const message = await deps.send(accountId, visitorId, author, proactiveClientId(firingKey), action.text);
        return { messageId: message.id, messageSeq: message.seq };
      },
    },
  };
}
