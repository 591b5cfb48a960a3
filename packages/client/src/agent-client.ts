// The agent's realtime connection: the "/agent" Socket.IO namespace, an ordered outbox that
// resends unacknowledged messages (same clientId, original order) until the server stores
// them, resume by seq, and the status switch. DOM-free: the dashboard and Node load generators
// share it.
import { io, type Socket } from 'socket.io-client';
import type { Ack, Attachment, FileUrls, AgentClientEvents, AgentNotification, AgentServerEvents, AgentStatus, Conversation, ConversationMessageEvent, EditResult, Message, OnlineVisitorsChanges, ReadPositions, Visitor, VisitorDetails, VisitorTypingEvent } from '@palique/protocol';
import { AGENT_NAMESPACE } from '@palique/protocol/constants';
import type { ErrorInfo } from '@palique/protocol/errors';
import { OrderedSender } from './ordered-sender';
import { FileUrlCache, fetchFileUrls, uploadFile } from './files';
import { Outbox, type OutboxEntry } from './outbox';
import { newClientId } from './client-id';
import { ClientErrorCode, retryDelayMs, shouldRetry } from './retry';
import { Timers } from './timers';
import { TypingState } from './typing';
import { RecentVisitorMessages } from './notices';

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
type TimedSocket = ReturnType<AgentSocket['timeout']>;

export interface ConnectOptions {
  /** A session cookie (`palique_session=…`), for Node clients; browsers send theirs by themselves. */
  cookie?: string;
  /** Extra handshake headers (Node only: browsers ignore them on WebSocket). */
  extraHeaders?: Record<string, string>;
  /** Defaults to WebSocket first, long-polling as the fallback. */
  transports?: ('websocket' | 'polling')[];
  /** How long to wait for an ack before counting the request as lost (ms). */
  ackTimeoutMs?: number;
}

/** Events a caller can subscribe to with `on`. */
export interface AgentClientEventMap {
  'message:new': Message;
  'conversation:updated': Conversation;
  'visitor:updated': Visitor;
  /** Data protection: the visitor and these conversations were deleted. */
  'visitor:deleted': { visitorId: string; conversationIds: string[] };
  /** C3: a visitor's browsing details as they now stand (after a page view). */
  'visitor:details': VisitorDetails;
  /** Unread state: this agent read a conversation up to `seq` on another device. */
  'conversation:read': { conversationId: string; seq: number };
  /** What this agent should be notified of (A3, A4, A5): sent by the server, or (an Online agent's visitor messages) raised from the broadcast. */
  notification: AgentNotification;
  /** The agent's own status changed elsewhere (another tab, working hours, or while disconnected). */
  'status:changed': AgentStatus;
  /** Every successful (re)connection; `reconnect` is true after the first. */
  connect: { reconnect: boolean };
  disconnect: { reason: string };
  connect_error: ErrorInfo;
  /** The outbox changed: a message was queued, stored, refused or discarded. */
  'outbox:changed': { conversationId: string };
  /** A queued message was stored by the server (or was refused for good). */
  'send:settled': { clientId: string; conversationId: string; message?: Message; error?: ErrorInfo };
  /** C4: what a visitor has in their message box now ('' when empty or sent). */
  'visitor:typing': VisitorTypingEvent;
  /** W5: the visitor read their conversation up to `seq`. */
  'visitor:read': { conversationId: string; seq: number };
  /** C8: a batch of changes to the online visitors list. */
  'visitors:changes': OnlineVisitorsChanges;
}

/** C5: how many times an edit is tried before it is reported as failed (about 30 s of backoff). */
const EDIT_ATTEMPTS = 6;

type Listener<K extends keyof AgentClientEventMap> = (event: AgentClientEventMap[K]) => void;

export class AgentClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function connectError(err: unknown): ErrorInfo {
  const e = err as { message?: string; data?: ErrorInfo };
  if (e?.data?.code) return e.data;
  return { code: ClientErrorCode.ConnectFailed, message: e?.message ?? 'Could not connect' };
}

export class AgentClient {
  private socket?: AgentSocket;
  private readonly outbox = new Outbox();
  private readonly timers = new Timers();
  private readonly sender: OrderedSender;
  /** The promises of `send`, by clientId. */
  private readonly waiters = new Map<string, { resolve: (m: Message) => void; reject: (e: AgentClientError) => void }>();
  private readonly listeners = new Map<keyof AgentClientEventMap, Set<(e: never) => void>>();
  private everConnected = false;
  /** Whether this connection has had its first `agent:status` (the one sent on connect). */
  private statusTold = false;
  /** C3: the visitor whose `visitor:details` this client hears (sent again on every connect). */
  private watched: string | null = null;
  private ackTimeoutMs = 10_000;
  /** A3: what a visitor message's notification refers to. */
  private readonly recent = new RecentVisitorMessages();
  /** C4: "is typing" to the visitor: sent when it starts, refreshed, stopped once. */
  private readonly typingState = new TypingState((conversationId, typing) => {
    if (this.socket?.connected) this.socket.emit('typing', { conversationId, typing });
  });

  constructor() {
    this.sender = new OrderedSender({
      outbox: this.outbox,
      timers: this.timers,
      canSend: () => this.connected,
      transmit: ({ conversationId = '', clientId, text, attachment }) => {
        if (!this.socket) return Promise.reject(new Error(ClientErrorCode.Disconnected));
        return this.socket
          .timeout(this.ackTimeoutMs)
          .emitWithAck('message:send', { conversationId, clientId, text, ...(attachment ? { fileId: attachment.id } : {}) })
          .then((ack) => {
            // The server leaves the sending socket out of the broadcast: the ack is its copy.
            if (ack.ok) this.heard(ack);
            return ack;
          });
      },
      stored: (entry, message) => this.settle(entry, { message }),
      refused: (entry, error) => this.settle(entry, { error }),
    });
  }

  /** Opens `<baseUrl>/agent`. Calling it again replaces the previous connection. */
  connect(baseUrl: string, options: ConnectOptions = {}): this {
    this.socket?.disconnect();
    this.httpBase = baseUrl.replace(/\/$/, '');
    this.everConnected = false;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    const extraHeaders = { ...options.extraHeaders, ...(options.cookie ? { cookie: options.cookie } : {}) };
    const socket: AgentSocket = io(baseUrl.replace(/\/$/, '') + AGENT_NAMESPACE, {
      transports: options.transports ?? ['websocket', 'polling'],
      withCredentials: true,
      // Own connection per client: io() would otherwise reuse a cached manager for the same
      // host (e.g. a visitor socket's in a load generator) and drop these headers.
      forceNew: true,
      extraHeaders,
      reconnectionDelayMax: 10_000,
    });
    this.socket = socket;

    socket.on('connect', () => {
      this.statusTold = false;
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.emitLocal('connect', { reconnect });
      // Resends what was not acknowledged before the connection dropped, in its original order.
      this.sender.flush();
      // A new socket is in no details room: watch the shown visitor again.
      if (this.watched) void this.sendWatch();
    });
    socket.on('disconnect', (reason) => this.emitLocal('disconnect', { reason }));
    socket.on('connect_error', (err) => this.emitLocal('connect_error', connectError(err)));
    socket.on('conversation:message', (event) => this.heard(event, true));
    socket.on('visitor:updated', (v) => this.emitLocal('visitor:updated', v));
    socket.on('visitor:deleted', (e) => this.emitLocal('visitor:deleted', e));
    socket.on('visitor:details', (d) => this.emitLocal('visitor:details', d));
    socket.on('notification', (n) => {
      const notification = this.recent.notification(n);
      if (notification) this.emitLocal('notification', notification);
    });
    socket.on('visitor:typing', (e) => this.emitLocal('visitor:typing', e));
    socket.on('visitor:read', (e) => this.emitLocal('visitor:read', e));
    socket.on('visitors:changes', (c) => this.emitLocal('visitors:changes', c));
    // On connect, then on every change (A3: an Online agent's visitor-message notifications come
    // from the broadcast, RecentVisitorMessages).
    socket.on('agent:status', ({ status }) => this.statusIs(status));
    // C1: returned to the queue, closed, reopened, dismissed: the list entry as it now stands.
    socket.on('conversation:updated', ({ conversation }) => this.emitLocal('conversation:updated', conversation));
    socket.on('conversation:read', (read) => this.emitLocal('conversation:read', read));
    // The server may have missed events (its Redis link was down): reload as after a reconnect.
    socket.on('resync', () => this.emitLocal('connect', { reconnect: true }));
    return this;
  }

  /** A new message and its conversation as it now stands, from the broadcast or from an ack. */
  private heard(event: ConversationMessageEvent, broadcast = false): void {
    const { conversation, message } = event;
    const notification = this.recent.heard(event, broadcast);
    this.emitLocal('message:new', message);
    this.emitLocal('conversation:updated', conversation);
    if (notification) this.emitLocal('notification', notification);
  }

  /**
   * The status the server holds. The first `agent:status` of a connection tells it (a
   * `status:changed` only when it changed while disconnected); every later one is a change.
   */
  private statusIs(status: AgentStatus): void {
    const before = this.recent.status;
    this.recent.status = status;
    const told = this.statusTold;
    this.statusTold = true;
    if (told || (before !== undefined && before !== status)) this.emitLocal('status:changed', status);
  }

  /** Closes the connection; queued messages stay queued (and are rejected by `clearOutbox`). */
  disconnect(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /** Files: uploads a file into a conversation; send it with `send(conversationId, text, urls.attachment)`. */
  async uploadFile(conversationId: string, file: Blob, name: string): Promise<FileUrls> {
    const urls = await uploadFile(this.fetchFn, `${this.httpBase}/api/conversations/${encodeURIComponent(conversationId)}/files`, file, name);
    this.fileUrlCache.keep(urls);
    return urls;
  }

  /** Files: fresh signed URLs of a file of the account (cached until shortly before they expire). */
  fileUrls(fileId: string): Promise<FileUrls> {
    return this.fileUrlCache.get(fileId);
  }

  private httpBase = '';
  private readonly fetchFn: typeof fetch = (...args) => fetch(...args);
  private readonly fileUrlCache = new FileUrlCache((id) => fetchFileUrls(this.fetchFn, `${this.httpBase}/api/files/${encodeURIComponent(id)}`));

  /**
   * Queues a message behind the ones already queued for the same conversation and sends them in
   * that order. Resolves once the server has stored it; until then it is resent with the same
   * clientId on every reconnect (the server stores it once). Rejects only on a final error.
   */
  send(conversationId: string, text: string, attachment?: Attachment): Promise<Message> {
    const entry = this.outbox.add(text, conversationId, attachment);
    this.typingState.update(conversationId, false);
    const settled = new Promise<Message>((resolve, reject) => this.waiters.set(entry.clientId, { resolve, reject }));
    this.emitLocal('outbox:changed', { conversationId });
    this.sender.flush();
    return settled;
  }

  /**
   * W5: the agent has the conversation on screen up to `seq` (the visitor's "Seen"). Resolves
   * with both sides' read positions, or null when not connected (the thread sends it again).
   */
  async seen(conversationId: string, seq: number): Promise<ReadPositions | null> {
    if (!this.socket?.connected) return null;
    try {
      const ack = await this.socket.timeout(this.ackTimeoutMs).emitWithAck('conversation:seen', { conversationId, seq });
      return ack.ok ? { visitorReadSeq: ack.visitorReadSeq, agentReadSeq: ack.agentReadSeq } : null;
    } catch {
      return null;
    }
  }

  /**
   * C5: edits one of the agent's own messages. Resolves once the server stored the edit (it is
   * also heard as a 'message:new' row with `editOf`, which threads apply). A lost answer or a
   * dropped connection is retried with the same edit id, so the edit is stored once; a final
   * error (not the author, invalid text) rejects.
   */
  async edit(conversationId: string, messageId: string, text: string): Promise<EditResult> {
    const editId = newClientId();
    for (let failures = 1; ; failures++) {
      try {
        const ack = await this.ask((s) => s.emitWithAck('message:edit', { conversationId, messageId, editId, text }));
        // The server leaves the editing socket out of the broadcast: the ack is its copy.
        this.heard({ conversation: ack.conversation, message: ack.edit });
        return { edit: ack.edit, message: ack.message };
      } catch (err) {
        const code = err instanceof AgentClientError ? err.code : ClientErrorCode.Timeout;
        if (!shouldRetry(code) || failures >= EDIT_ATTEMPTS) throw err;
        await this.timers.sleep(retryDelayMs(failures));
      }
    }
  }

  /**
   * C3: hear 'visitor:details' for this visitor only (the one on screen); null: for none. Kept
   * and sent again after every reconnect. Resolves false when the server refused it (a visitor
   * of another account) or could not be told now (it is told on the next connect).
   */
  watchVisitor(visitorId: string | null): Promise<boolean> {
    if (visitorId === this.watched) return Promise.resolve(true);
    this.watched = visitorId;
    return this.sendWatch();
  }

  private async sendWatch(): Promise<boolean> {
    const visitorId = this.watched;
    try {
      await this.ask((s) => s.emitWithAck('visitor:watch', { visitorId }));
      return true;
    } catch {
      return false;
    }
  }

  /** C4: the agent's reply box in a conversation has text (true) or is empty / sent (false). */
  typing(conversationId: string, typing: boolean): void {
    this.typingState.update(conversationId, typing);
  }

  /** Messages not stored yet (pending, or failed with `error`), oldest first. */
  unsent(conversationId?: string): OutboxEntry[] {
    return this.outbox.entries.filter((e) => conversationId === undefined || e.conversationId === conversationId);
  }

  /** Forgets a failed message (the agent dismissed it). */
  discard(clientId: string): void {
    const entry = this.outbox.get(clientId);
    if (!entry?.error || !this.outbox.remove([clientId])) return;
    this.emitLocal('outbox:changed', { conversationId: entry.conversationId ?? '' });
  }

  /** Gives up on queued messages (e.g. on sign-out); their promises reject. */
  clearOutbox(): void {
    const cancelled = new AgentClientError(ClientErrorCode.Cancelled, 'Sending was cancelled');
    for (const w of this.waiters.values()) w.reject(cancelled);
    this.waiters.clear();
    this.outbox.remove(this.outbox.entries.map((e) => e.clientId));
  }

  /** Every message after seq `after`, in order (fetched page by page). */
  async sync(conversationId: string, after: number): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const page = await this.ask((s) => s.emitWithAck('conversation:sync', { conversationId, after }));
      all.push(...page.messages);
      if (!page.hasMore || page.messages.length === 0) return all;
      after = page.messages[page.messages.length - 1]!.seq;
    }
  }

  /** Unread state: tells the server (and so the agent's other devices) what was read. */
  async markRead(conversationId: string, seq: number): Promise<void> {
    await this.ask((s) => s.emitWithAck('conversation:read', { conversationId, seq }));
  }

  async setStatus(status: AgentStatus): Promise<AgentStatus> {
    const ack = await this.ask((s) => s.emitWithAck('status:set', { status }));
    return ack.status;
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof AgentClientEventMap>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (e: never) => void);
    return () => set.delete(listener as (e: never) => void);
  }

  private emitLocal<K extends keyof AgentClientEventMap>(event: K, payload: AgentClientEventMap[K]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<K>)(payload);
  }

  private settle(entry: OutboxEntry, outcome: { message: Message; error?: undefined } | { error: ErrorInfo; message?: undefined }): void {
    const conversationId = entry.conversationId ?? '';
    const waiter = this.waiters.get(entry.clientId);
    this.waiters.delete(entry.clientId);
    if (outcome.message) waiter?.resolve(outcome.message);
    else waiter?.reject(new AgentClientError(outcome.error.code, outcome.error.message));
    this.emitLocal('send:settled', { clientId: entry.clientId, conversationId, ...outcome });
    this.emitLocal('outbox:changed', { conversationId });
  }

  /** One request/ack round trip that fails fast when offline rather than queueing. */
  private async ask<T extends object>(call: (socket: TimedSocket) => Promise<Ack<T>>): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) throw new AgentClientError(ClientErrorCode.Disconnected, 'Not connected');
    let ack: Ack<T>;
    try {
      ack = await call(socket.timeout(this.ackTimeoutMs));
    } catch {
      throw new AgentClientError(ClientErrorCode.Timeout, 'The server did not answer in time');
    }
    if (!ack.ok) throw new AgentClientError(ack.error.code, ack.error.message);
    return ack;
  }
}
