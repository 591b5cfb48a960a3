// One conversation open in the dashboard, DOM-free: its history and live messages merged (each
// once, in seq order), a catch-up after a gap or a reconnect, the agent's queued messages
// behind them (pending or failed), the conversation and visitor as they change.
import type { Attachment, Conversation, ConversationDetail, EditResult, Message, Visitor } from '@palique/protocol';
import type { AgentClient } from './agent-client';
import { applyEdits, hasGap, historyRewritten, lastSeqOf, mergeMessages, newerConversation } from './thread';

/** A message the agent wrote that the server has not stored. */
export interface OutgoingMessage {
  clientId: string;
  text: string;
  createdAt: string;
  state: 'pending' | 'failed';
  error?: string;
  /** Files: the file sent with it. */
  attachment?: Attachment;
}

export interface ConversationThreadState {
  conversation: Conversation | null;
  visitor: Visitor | null;
  /** The messages as they now read (C5: edits applied, edit rows left out), in seq order. */
  messages: Message[];
  outgoing: OutgoingMessage[];
  /** The last seq shown: what the agent has seen once the thread is on screen. */
  lastSeq: number;
  loadError: string | null;
  /** C4: what the visitor has in their message box now ('' when nothing). */
  visitorTyping: string;
  /** W5: the highest seq the visitor has read ("Seen" on the agents' messages up to it). */
  visitorReadSeq: number;
}

/** What the thread needs of the agent client. */
export type ThreadClient = Pick<AgentClient, 'on' | 'sync' | 'send' | 'unsent' | 'discard'> & Partial<Pick<AgentClient, 'typing' | 'seen' | 'edit'>>;

export interface ConversationThreadOptions {
  client: ThreadClient;
  conversationId: string;
  /** The conversation with its first page of messages (the dashboard's HTTP call). */
  load: (conversationId: string) => Promise<ConversationDetail>;
  /** Words for a failed load. */
  describeError: (err: unknown) => string;
}

export class ConversationThread {
  private state: ConversationThreadState = { conversation: null, visitor: null, messages: [], outgoing: [], lastSeq: 0, loadError: null, visitorTyping: '', visitorReadSeq: 0 };
  private readonly listeners = new Set<() => void>();
  private active = false;
  private offs: (() => void)[] = [];
  /** Every row the server sent (messages and C5 edits), each once, in seq order: what seqs, gaps and resumes go by. */
  private rows: Message[] = [];

  constructor(private readonly o: ConversationThreadOptions) {}

  getState = (): ConversationThreadState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads the conversation and follows it live until `stop`. */
  start(): void {
    const { client, conversationId } = this.o;
    this.active = true;
    // Messages still in the client's outbox from an earlier visit to this conversation.
    this.update({ outgoing: this.outgoing(this.rows) });
    this.o.load(conversationId).then(
      (detail) => {
        if (!this.active) return;
        // Held from an earlier visit, but the server now has less (F15): show its history afresh.
        if (historyRewritten(this.rows, detail.messages, detail.conversation.lastSeq)) this.forget();
        this.update({ conversation: newerConversation(this.state.conversation, detail.conversation), visitor: this.state.visitor ?? detail.visitor });
        this.merge(detail.messages);
        // A long history comes in pages: fetch the rest after the first.
        if (detail.hasMore) this.catchUp();
      },
      (err) => this.active && this.update({ loadError: this.o.describeError(err) }),
    );
    this.offs = [
      client.on('message:new', (m) => {
        if (m.conversationId !== conversationId) return;
        // Catch up from before the gap: after merging, the last seq is already past it.
        const gap = hasGap(this.rows, m);
        const before = this.state.lastSeq;
        if (m.authorType === 'visitor' && this.state.visitorTyping) this.update({ visitorTyping: '' });
        this.merge([m]);
        if (gap) this.catchUp(before);
      }),
      client.on('conversation:updated', (c) => {
        if (c.id === conversationId) this.update({ conversation: newerConversation(this.state.conversation, c) });
      }),
      client.on('visitor:updated', (v) => {
        if (this.state.visitor?.id === v.id) this.update({ visitor: v });
      }),
      client.on('visitor:typing', ({ visitorId, text }) => {
        if (visitorId === this.state.conversation?.visitorId) this.update({ visitorTyping: text });
      }),
      client.on('visitor:read', ({ conversationId: id, seq }) => id === conversationId && this.visitorRead(seq)),
      client.on('connect', ({ reconnect }) => {
        // W5: a thread shown before the socket connected sends its read position now.
        if (this.seenUpTo > 0) this.markSeen(this.seenUpTo);
        if (reconnect) this.catchUp();
      }),
      client.on('send:settled', (s) => s.conversationId === conversationId && s.message && this.merge([s.message])),
      client.on('outbox:changed', (c) => c.conversationId === conversationId && this.update({ outgoing: this.outgoing(this.rows) })),
    ];
  }

  stop(): void {
    this.active = false;
    this.offs.forEach((off) => off());
    this.offs = [];
  }

  /** Queues the agent's reply; its outcome shows in `outgoing` until the server stores it. */
  send(text: string, attachment?: Attachment): void {
    // The outcome arrives as 'send:settled' (also for sends that outlive this screen).
    this.o.client.send(this.o.conversationId, text, attachment).catch(() => {});
  }

  /**
   * C5: changes the text of one of the agent's own messages. Resolves once stored (the thread
   * shows the new text, marked edited); rejects with the server's reason otherwise.
   */
  async edit(messageId: string, text: string): Promise<EditResult> {
    if (!this.o.client.edit) throw new Error('This client cannot edit messages');
    const result = await this.o.client.edit(this.o.conversationId, messageId, text);
    if (this.active) this.merge([result.edit]);
    return result;
  }

  private seenUpTo = 0;

  /** W5: the agent has the thread on screen up to `seq`; also learns how far the visitor read. */
  markSeen(seq: number): void {
    this.seenUpTo = Math.max(this.seenUpTo, seq);
    this.o.client.seen?.(this.o.conversationId, this.seenUpTo).then((positions) => positions && this.active && this.visitorRead(positions.visitorReadSeq));
  }

  /** W5: receipts only move forward. */
  private visitorRead(seq: number): void {
    if (seq > this.state.visitorReadSeq) this.update({ visitorReadSeq: seq });
  }

  /** C4: the reply box changed; the visitor sees "<name> is typing…" while it has text. */
  typing(text: string): void {
    this.o.client.typing?.(this.o.conversationId, text.trim() !== '');
  }

  /** Forgets a failed message. */
  dismiss(clientId: string): void {
    this.o.client.discard(clientId);
  }

  private catchUp(after = this.state.lastSeq): void {
    this.o.client.sync(this.o.conversationId, after).then(
      (list) => this.active && this.merge(list),
      () => {},
    );
  }

  /** Drops the messages held: what the server said before no longer holds. */
  private forget(): void {
    this.rows = [];
    this.update({ messages: [], lastSeq: 0 });
  }

  private merge(incoming: Message[]): void {
    const mine = incoming.filter((m) => m.conversationId === this.o.conversationId);
    if (historyRewritten(this.rows, mine)) {
      // F15: a different message at a seq already shown: reload the thread from 0.
      this.forget();
      this.catchUp(0);
      return;
    }
    const rows = mergeMessages(this.rows, mine);
    if (rows === this.rows || rows.length === this.rows.length) return;
    this.rows = rows;
    this.update({ messages: applyEdits(rows), lastSeq: lastSeqOf(rows), outgoing: this.outgoing(rows) });
  }

  private outgoing(messages: readonly Message[]): OutgoingMessage[] {
    const stored = new Set(messages.filter((m) => m.authorType === 'agent').map((m) => m.clientId));
    return this.o.client
      .unsent(this.o.conversationId)
      .filter((e) => !stored.has(e.clientId))
      .map((e) => ({ clientId: e.clientId, text: e.text, createdAt: e.createdAt, state: e.error ? 'failed' : 'pending', ...(e.error ? { error: e.error.message } : {}), ...(e.attachment ? { attachment: e.attachment } : {}) }));
  }

  private update(patch: Partial<ConversationThreadState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }
}
