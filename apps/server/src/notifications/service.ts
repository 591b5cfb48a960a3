// Who is notified of what (A3, A4). Every agent's dashboard still hears every message (their
// lists stay live); this decides who gets a notification:
// - a visitor's message notifies Online agents, and Invisible agents only in chats they own or
//   have written in (an invisible agent joins a chat by typing in it); Offline agents never;
// - A4: a visitor's chat nobody answered within the account's delay notifies the Invisible
//   agents, when the account has that option on (a durable timer per chat, cancelled by the
//   first agent reply).
// It listens to domain events and emits `agent.notified`; realtime/ delivers it.
import type { AgentStatus, Conversation, Message } from '@palique/protocol';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { FiredTimer, TimerService } from '../timers/service';
import type { AccountOptionsService } from '../account-options/service';

export interface NotificationDeps {
  events: EventBus;
  timers: TimerService;
  clock: Clock;
  accountOptions: AccountOptionsService;
  teamStatuses(accountId: string): Promise<Array<{ id: string; status: AgentStatus }>>;
  agentAuthorIds(accountId: string, conversationId: string): Promise<string[]>;
  /** A3: the agents another agent added to the chat ("Add agent"): invited, so notified even while invisible. */
  invitedAgentIds(accountId: string, conversationId: string): Promise<string[]>;
  conversation(accountId: string, conversationId: string): Promise<Conversation>;
}

type Log = { error: (o: object, m: string) => void };

const CHAT_WAITING = 'chat-waiting';
const waitingKey = (conversationId: string) => `chat-waiting:${conversationId}`;

interface WaitingPayload {
  conversationId: string;
  since: string;
}

export class NotificationService {
  private readonly off: Array<() => void> = [];

  constructor(
    private readonly deps: NotificationDeps,
    private readonly log: Log,
  ) {
    deps.timers.handle(CHAT_WAITING, (t) => this.chatWaiting(t));
    this.off.push(
      deps.events.on('message.created', async ({ accountId, message, conversation }) => {
        if (message.authorType === 'visitor') {
          await Promise.all([this.notifyVisitorMessage(accountId, message, conversation), this.watchUnanswered(accountId, conversation)]);
        } else if (message.authorType === 'agent') {
          await deps.timers.cancel(accountId, waitingKey(conversation.id));
        }
      }),
    );
  }

  close(): void {
    this.off.forEach((off) => off());
  }

  private async notifyVisitorMessage(accountId: string, message: Message, conversation: Conversation): Promise<void> {
    const team = await this.deps.teamStatuses(accountId);
    const online = team.filter((a) => a.status === 'online').map((a) => a.id);
    const invisible = team.filter((a) => a.status === 'invisible').map((a) => a.id);
    let joined: string[] = [];
    if (invisible.length > 0) {
      const [authors, invited] = await Promise.all([
        this.deps.agentAuthorIds(accountId, conversation.id),
        this.deps.invitedAgentIds(accountId, conversation.id),
      ]);
      const inChat = new Set([...authors, ...invited]);
      joined = invisible.filter((id) => id === conversation.assigneeId || inChat.has(id));
    }
    const agentIds = [...online, ...joined];
    // Online agents' dashboards raise it from the message's broadcast (inBroadcast).
    if (agentIds.length > 0) this.deps.events.emit('agent.notified', { accountId, agentIds, notification: { kind: 'visitor_message', conversation, message }, inBroadcast: online });
  }

  /** A4: a chat no agent has answered yet gets a timer (kept, not pushed back, by later messages). */
  private async watchUnanswered(accountId: string, conversation: Conversation): Promise<void> {
    if (conversation.assigneeId !== null) return;
    // The wait starts when the visitor wrote, not when the options were read (that can lag under load).
    const since = this.deps.clock.now();
    const options = await this.deps.accountOptions.get(accountId);
    if (!options.notifyInvisibleWhenSlow) return;
    const payload: WaitingPayload = { conversationId: conversation.id, since: since.toISOString() };
    const dueAt = new Date(since.getTime() + options.notifyInvisibleDelaySeconds * 1000);
    await this.deps.timers.schedule({ accountId, kind: CHAT_WAITING, key: waitingKey(conversation.id), dueAt, payload, ifAbsent: true });
  }

  private async chatWaiting(timer: FiredTimer<WaitingPayload>): Promise<void> {
    const { accountId } = timer;
    const conversation = await this.deps.conversation(accountId, timer.payload.conversationId).catch((err: unknown) => {
      this.log.error({ err }, 'chat-waiting timer of a missing conversation');
      return undefined;
    });
    // Answered meanwhile (its timer was cancelled too late), or the option was turned off.
    if (!conversation || conversation.assigneeId !== null) return;
    if (!(await this.deps.accountOptions.get(accountId)).notifyInvisibleWhenSlow) return;
    const team = await this.deps.teamStatuses(accountId);
    const agentIds = team.filter((a) => a.status === 'invisible').map((a) => a.id);
    if (agentIds.length === 0) return;
    const waitingSeconds = Math.round((this.deps.clock.now().getTime() - new Date(timer.payload.since).getTime()) / 1000);
    this.deps.events.emit('agent.notified', { accountId, agentIds, notification: { kind: 'chat_waiting', conversation, waitingSeconds } });
  }
}
