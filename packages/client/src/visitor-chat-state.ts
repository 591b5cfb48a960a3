// What the widget renders of one visitor's chat, and who hears of each change: the server's
// messages merged with the unsent outbox (a contradicting history reloads, F15), the team and
// mode (W2, with A3's agents present in this chat), the agents typing (C4) and how far the team
// read (W5). The visitor client's connection (visitor-connection.ts) feeds it; nothing here
// talks to the server.
import type { Message, TeamMember, Visitor, WidgetMode } from '@palique/protocol';
import { TYPING_EXPIRES_MS } from '@palique/protocol/constants';
import type { Outbox } from './outbox';
import { GrowingThreadView, historyRewritten, mergeMessages, type ChatMessage } from './thread';
import { Timers } from './timers';
import { TypingBoard } from './typing';
import { withPresent } from './present';

export interface ChatState {
  /** Stored messages by seq, then the visitor's unacknowledged ones (pending or failed). */
  messages: ChatMessage[];
  mode: WidgetMode;
  connected: boolean;
  /** True once the first sync finished: the thread shown is the server's. */
  synced: boolean;
  visitorId: string | null;
  visitor: Visitor | null;
  /** W2: the team the widget shows, as of the last sync (online first). */
  team: TeamMember[];
  /** C4: the names of the agents typing a reply now. */
  agentsTyping: string[];
  /** W5: the highest seq the team has read ("Seen" on the visitor's messages up to it). */
  agentReadSeq: number;
}

export type Listener<T> = (value: T) => void;

export abstract class VisitorChatState {
  protected readonly timers = new Timers();
  protected stored: Message[] = [];
  protected state: ChatState;
  private readonly stateListeners = new Set<Listener<ChatState>>();
  private readonly incomingListeners = new Set<Listener<Message>>();
  private readonly sendWaiters = new Map<string, Listener<ChatMessage>>();
  /** W2 as the server says for the whole account; A3: plus who is present in this chat. */
  protected accountMode: WidgetMode = 'messenger';
  protected accountTeam: TeamMember[] = [];
  protected present: readonly string[] = [];
  private readonly agentsTyping = new TypingBoard<string>();
  private readonly thread = new GrowingThreadView();

  constructor(protected readonly outbox: Outbox) {
    this.state = {
      messages: this.thread.view([], this.outbox.entries),
      mode: 'messenger',
      connected: false,
      synced: false,
      visitorId: null,
      visitor: null,
      team: [],
      agentsTyping: [],
      agentReadSeq: 0,
    };
  }

  /** F15: the server's history contradicts what was seen; the thread is asked for from 0. */
  protected abstract resync(): void;

  getState(): ChatState {
    return this.state;
  }

  /** Called on every state change; returns the unsubscribe function. */
  subscribe(listener: Listener<ChatState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Called for each new message from an agent or the system (not for the history at start). */
  onIncoming(listener: Listener<Message>): () => void {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  /** C4: an agent started or stopped typing; without a refresh the indicator goes by itself. */
  protected setAgentTyping(agentId: string, name: string | null): void {
    this.agentsTyping.set(agentId, name);
    this.setState({ agentsTyping: this.agentsTyping.current() });
    if (name !== null) this.timers.later(() => this.setState({ agentsTyping: this.agentsTyping.current() }), TYPING_EXPIRES_MS + 50);
  }

  /** Merges what the server sent; false when it contradicts what was seen and a sync from 0 started instead (F15). */
  protected receive(incoming: Message[], notify: boolean): boolean {
    if (incoming.length === 0) return true;
    for (const m of incoming) if (m.authorType === 'agent' && m.authorId && this.agentsTyping.get(m.authorId)) this.setAgentTyping(m.authorId, null);
    if (historyRewritten(this.stored, incoming)) {
      // Reloaded like the first time: the history is not announced as new, the UI waits for it.
      this.stored = [];
      this.state = { ...this.state, synced: false };
      this.publish();
      this.resync();
      return false;
    }
    // What was held before, to tell news from a message already shown (only asked when it can be news).
    const news = notify && incoming.some((m) => m.authorType !== 'visitor' && !m.editOf);
    const known = news ? new Set(this.stored.map((m) => m.id)) : undefined;
    this.stored = mergeMessages(this.stored, incoming);
    this.outbox.remove(incoming.filter((m) => m.authorType === 'visitor').map((m) => m.clientId));
    this.publish();
    if (!known) return true;
    for (const m of incoming) {
      // C5: an edit changes a message already shown; it is not news.
      if (m.authorType === 'visitor' || m.editOf || known.has(m.id)) continue;
      for (const l of this.incomingListeners) l(m);
    }
    return true;
  }

  /** W2 + A3: the account's mode and team, with the agents present in this chat shown online. */
  protected showTeam(patch: { mode?: WidgetMode; team?: TeamMember[]; present?: readonly string[] }): void {
    if (patch.mode) this.accountMode = patch.mode;
    if (patch.team) this.accountTeam = patch.team;
    if (patch.present) this.present = patch.present;
    this.setState(withPresent(this.accountMode, this.accountTeam, this.present));
  }

  /** W5: receipts only move forward. */
  protected agentsRead(seq: number): void {
    if (seq > this.state.agentReadSeq) this.setState({ agentReadSeq: seq });
  }

  protected setState(patch: Partial<ChatState>): void {
    const changed = (Object.keys(patch) as (keyof ChatState)[]).some((k) => patch[k] !== this.state[k]);
    if (!changed) return;
    this.state = { ...this.state, ...patch };
    this.emitState();
  }

  protected publish(): void {
    this.state = { ...this.state, messages: this.thread.view(this.stored, this.outbox.entries) };
    this.emitState();
    this.settleWaiters();
  }

  protected emitState(): void {
    for (const l of this.stateListeners) l(this.state);
  }

  /** Resolves once the visitor's message is stored ("sent") or refused ("failed"). */
  protected waitForSettled(clientId: string): Promise<ChatMessage> {
    return new Promise((resolve) => this.sendWaiters.set(clientId, resolve));
  }

  private settleWaiters(): void {
    // Looked for from the newest line (where a message just settled usually is) until every
    // waiter is found, then settled oldest first.
    const lines = this.state.messages;
    const settled: Array<[Listener<ChatMessage>, ChatMessage]> = [];
    for (let i = lines.length - 1; i >= 0 && settled.length < this.sendWaiters.size; i--) {
      const m = lines[i]!;
      const waiter = m.authorType === 'visitor' && m.status !== 'pending' ? this.sendWaiters.get(m.clientId) : undefined;
      if (waiter) settled.push([waiter, m]);
    }
    for (let i = settled.length - 1; i >= 0; i--) {
      const [waiter, m] = settled[i]!;
      this.sendWaiters.delete(m.clientId);
      waiter(m);
    }
  }
}
