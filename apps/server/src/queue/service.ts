// C1 queue rules beyond "the first agent reply owns the chat" (db/message-store.ts):
// - the owner has the account's `queueReturnSeconds` to answer the visitor; otherwise the chat
//   returns to the queue and the online agents are notified (a durable timer per chat, started by
//   the first unanswered visitor message, cancelled by the owner's reply; fires once, across
//   restarts and processes);
// - × dismisses an unowned chat from the queue, "Close conversation" closes it; the visitor's
//   next message undoes either (the message rule does that, and reports the reopen).
import type { AgentStatus, Conversation } from '@palique/protocol';
import type { Clock } from '../clock';
import type { Db } from '../db/index';
import type { EventBus, Origin } from '../events';
import type { FiredTimer, TimerService } from '../timers/service';
import type { AccountOptionsService } from '../account-options/service';
import * as repo from './repo';

export interface QueueDeps {
  db: Db;
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  accountOptions: AccountOptionsService;
  conversation(accountId: string, conversationId: string): Promise<Conversation>;
  teamStatuses(accountId: string): Promise<Array<{ id: string; status: AgentStatus }>>;
}

type Log = { error: (o: object, m: string) => void };

const QUEUE_RETURN = 'queue-return';
const returnKey = (conversationId: string) => `queue-return:${conversationId}`;

interface ReturnPayload {
  conversationId: string;
  assigneeId: string;
}

export class QueueService {
  private readonly off: Array<() => void> = [];

  constructor(
    private readonly deps: QueueDeps,
    private readonly log: Log,
  ) {
    deps.timers.handle(QUEUE_RETURN, (t) => this.returnUnansweredToQueue(t));
    this.off.push(
      deps.events.on('message.created', async ({ accountId, message, conversation }) => {
        if (message.authorType === 'visitor') await this.watchOwnerAnswer(accountId, conversation);
        else if (message.authorType === 'agent' && message.authorId === conversation.assigneeId) {
          await deps.timers.cancel(accountId, returnKey(conversation.id));
        }
      }),
    );
  }

  close(): void {
    this.off.forEach((off) => off());
  }

  /** The visitor wrote in an owned chat: the owner's time to answer starts (not pushed back by later messages). */
  private async watchOwnerAnswer(accountId: string, conversation: Conversation): Promise<void> {
    if (conversation.assigneeId === null) return;
    const { queueReturnSeconds } = await this.deps.accountOptions.get(accountId);
    if (queueReturnSeconds === 0) return;
    const dueAt = new Date(this.deps.clock.now().getTime() + queueReturnSeconds * 1000);
    const payload: ReturnPayload = { conversationId: conversation.id, assigneeId: conversation.assigneeId };
    await this.deps.timers.schedule({ accountId, kind: QUEUE_RETURN, key: returnKey(conversation.id), dueAt, payload, ifAbsent: true });
  }

  private async returnUnansweredToQueue(timer: FiredTimer<ReturnPayload>): Promise<void> {
    const { accountId } = timer;
    const { conversationId, assigneeId } = timer.payload;
    const before = await this.deps.conversation(accountId, conversationId).catch((err: unknown) => {
      this.log.error({ err }, 'queue-return timer of a missing conversation');
      return undefined;
    });
    // Answered meanwhile (the cancel came too late), handed over, closed, or the option turned off.
    if (!before || before.assigneeId !== assigneeId || before.status === 'closed' || before.lastMessageAuthorType !== 'visitor') return;
    if ((await this.deps.accountOptions.get(accountId)).queueReturnSeconds === 0) return;
    if (!(await repo.unassign(this.deps.db, accountId, conversationId, assigneeId))) return;
    const conversation = await this.deps.conversation(accountId, conversationId);
    this.deps.events.emit('conversation.returned', { accountId, conversation });
    const team = await this.deps.teamStatuses(accountId);
    const agentIds = team.filter((a) => a.status === 'online').map((a) => a.id);
    if (agentIds.length > 0) this.deps.events.emit('agent.notified', { accountId, agentIds, notification: { kind: 'chat_returned', conversation } });
  }

  /** "Close conversation": any agent of the account; closing a closed chat changes nothing. */
  async closeConversation(accountId: string, conversationId: string, origin?: Origin): Promise<Conversation> {
    await this.deps.conversation(accountId, conversationId);
    const changed = await repo.close(this.deps.db, accountId, conversationId);
    const conversation = await this.deps.conversation(accountId, conversationId);
    if (changed) {
      await this.deps.timers.cancel(accountId, returnKey(conversationId));
      this.deps.events.emit('conversation.closed', { accountId, conversation, ...(origin ? { origin } : {}) });
    }
    return conversation;
  }

  /** ×: hides a chat nobody owns from the queue until the visitor writes again. */
  async dismiss(accountId: string, conversationId: string, origin?: Origin): Promise<Conversation> {
    await this.deps.conversation(accountId, conversationId);
    const changed = await repo.dismiss(this.deps.db, accountId, conversationId);
    const conversation = await this.deps.conversation(accountId, conversationId);
    if (changed) this.deps.events.emit('conversation.dismissed', { accountId, conversation, ...(origin ? { origin } : {}) });
    return conversation;
  }
}
