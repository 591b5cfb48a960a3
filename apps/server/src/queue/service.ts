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
import { ErrorCode } from '@palique/protocol';
import { AppError } from '../http/errors';
import * as repo from './repo';

export interface QueueDeps {
  db: Db;
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  accountOptions: AccountOptionsService;
  conversation(accountId: string, conversationId: string): Promise<Conversation>;
  /** An agent's name, or null when the account has no such agent. */
  agentName(accountId: string, agentId: string): Promise<string | null>;
  teamStatuses(accountId: string): Promise<Array<{ id: string; status: AgentStatus }>>;
}

type Log = { error: (o: object, m: string) => void };

const QUEUE_RETURN = 'queue-return';
const returnKey = (conversationId: string) => `queue-return:${conversationId}`;

interface ReturnPayload {
  conversationId: string;
  assigneeId: string;
  /** The visitor message that started the owner's time (absent in timers stored before it was kept). */
  seq?: number;
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
        if (message.authorType === 'visitor') await this.watchOwnerAnswer(accountId, conversation, message.seq);
        else if (message.authorType === 'agent' && message.authorId === conversation.assigneeId) {
          await this.ownerAnswered(accountId, conversation.id, message.seq);
        }
      }),
    );
  }

  close(): void {
    this.off.forEach((off) => off());
  }

  /** The visitor wrote in an owned chat: the owner's time to answer starts (not pushed back by later messages). */
  /**
   * The owner answered: the wait for the visitor messages before this answer ends. Listeners run
   * concurrently, so a later visitor message may have started a new wait already: that one stays.
   */
  private async ownerAnswered(accountId: string, conversationId: string, seq: number): Promise<void> {
    const pending = await this.deps.timers.pending(accountId, returnKey(conversationId));
    if (pending && ((pending.payload as ReturnPayload).seq ?? 0) < seq) await this.deps.timers.cancel(accountId, returnKey(conversationId));
  }

  private async watchOwnerAnswer(accountId: string, conversation: Conversation, seq: number): Promise<void> {
    if (conversation.assigneeId === null) return;
    const { queueReturnSeconds } = await this.deps.accountOptions.get(accountId);
    if (queueReturnSeconds === 0) return;
    const dueAt = new Date(this.deps.clock.now().getTime() + queueReturnSeconds * 1000);
    const payload: ReturnPayload = { conversationId: conversation.id, assigneeId: conversation.assigneeId, seq };
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

  private async requireAgentOf(accountId: string, agentId: string): Promise<void> {
    if ((await this.deps.agentName(accountId, agentId)) === null) throw new AppError(ErrorCode.InvalidInput, 400, 'No such agent in this account');
  }

  /** C2 "Transfer": the chat now belongs to `agentId`, who is notified; the visitor is not told. */
  async transfer(accountId: string, conversationId: string, agentId: string, byAgentId: string): Promise<Conversation> {
    await this.deps.conversation(accountId, conversationId);
    await this.requireAgentOf(accountId, agentId);
    const changed = await repo.assign(this.deps.db, accountId, conversationId, agentId);
    const conversation = await this.deps.conversation(accountId, conversationId);
    if (changed) {
      // The new owner's own time to answer starts with the visitor's next message.
      await this.deps.timers.cancel(accountId, returnKey(conversationId));
      this.deps.events.emit('conversation.assigned', { accountId, conversation, agentId, byAgentId });
      if (agentId !== byAgentId) this.deps.events.emit('agent.notified', { accountId, agentIds: [agentId], notification: { kind: 'chat_assigned', conversation } });
    }
    return conversation;
  }

  /** C2 "Add agent": both can write; the added agent is notified; the visitor only learns of them if they write. */
  async addParticipant(accountId: string, conversationId: string, agentId: string, byAgentId: string): Promise<{ conversation: Conversation; participantIds: string[] }> {
    await this.deps.conversation(accountId, conversationId);
    await this.requireAgentOf(accountId, agentId);
    const added = await repo.addParticipant(this.deps.db, { account_id: accountId, conversation_id: conversationId, agent_id: agentId, added_by: byAgentId, added_at: this.deps.clock.now().toISOString() });
    const conversation = await this.deps.conversation(accountId, conversationId);
    if (added) {
      this.deps.events.emit('conversation.participant_added', { accountId, conversation, agentId, byAgentId });
      this.deps.events.emit('agent.notified', { accountId, agentIds: [agentId], notification: { kind: 'chat_added', conversation } });
    }
    return { conversation, participantIds: await repo.participantIds(this.deps.db, accountId, conversationId) };
  }

  async participantIds(accountId: string, conversationId: string): Promise<string[]> {
    await this.deps.conversation(accountId, conversationId);
    return repo.participantIds(this.deps.db, accountId, conversationId);
  }

  /** Unread state: the agent read the conversation up to `seq`; their other devices follow. */
  async markRead(accountId: string, agentId: string, conversationId: string, seq: number): Promise<void> {
    const { lastSeq } = await this.deps.conversation(accountId, conversationId);
    const upTo = Math.min(seq, lastSeq);
    await repo.markRead(this.deps.db, accountId, agentId, conversationId, upTo);
    this.deps.events.emit('conversation.read', { accountId, agentId, conversationId, seq: upTo });
  }

  readsOf(accountId: string, agentId: string): Promise<Record<string, number>> {
    return repo.readsOf(this.deps.db, accountId, agentId);
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
