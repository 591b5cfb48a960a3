// The agent's realtime connection: the "/agent" Socket.IO namespace, an outbox that resends
// unacknowledged messages (same clientId) until the server stores them, resume by seq, and
// the status switch. DOM-free on purpose: the dashboard and Node load generators share it.
import { io, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  type Ack,
  type AgentClientEvents,
  type AgentServerEvents,
  type AgentStatus,
  type Conversation,
  type ErrorInfo,
  type Message,
  type Visitor,
} from '@palique/protocol';

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export interface ConnectOptions {
  /** A session cookie (`palique_session=…`), for Node clients; browsers send theirs by themselves. */
  cookie?: string;
  /** Extra handshake headers (Node only: browsers ignore them on WebSocket). */
  extraHeaders?: Record<string, string>;
  /** Defaults to WebSocket first, long-polling as the fallback. */
  transports?: ('websocket' | 'polling')[];
  /** How long to wait for an ack before trying again on the same connection (ms). */
  ackTimeoutMs?: number;
}

/** Events a caller can subscribe to with `on`. */
export interface AgentClientEventMap {
  'message:new': Message;
  'conversation:updated': Conversation;
  'visitor:updated': Visitor;
  /** Every successful (re)connection; `reconnect` is true after the first. */
  connect: { reconnect: boolean };
  disconnect: { reason: string };
  connect_error: ErrorInfo;
  /** A queued message was stored by the server (or was refused for good). */
  'send:settled': { clientId: string; conversationId: string; message?: Message; error?: ErrorInfo };
}

type Listener<K extends keyof AgentClientEventMap> = (event: AgentClientEventMap[K]) => void;

export interface PendingSend {
  clientId: string;
  conversationId: string;
  text: string;
  createdAt: string;
}

interface OutboxEntry extends PendingSend {
  resolve: (m: Message) => void;
  reject: (e: AgentClientError) => void;
  /** Bumped on every emit, so a late ack of an older attempt is told apart. */
  attempt: number;
  inFlight: boolean;
}

export class AgentClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// Server answers worth another try; any other error (bad input, no such conversation) is final.
const RETRIABLE = new Set(['internal', 'rate_limited', 'timeout', 'disconnected']);
const CLIENT_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * 24 random characters of [A-Za-z0-9] (~142 bits). getRandomValues rather than randomUUID
 * because the latter needs a secure context, and self-hosted dashboards may run on plain http.
 */
export function newClientId(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += CLIENT_ID_ALPHABET[b % CLIENT_ID_ALPHABET.length];
  return id;
}

function ackError(err: unknown): ErrorInfo {
  const e = err as { message?: string; data?: ErrorInfo };
  if (e?.data?.code) return e.data;
  return { code: 'connect_failed', message: e?.message ?? 'Could not connect' };
}

export class AgentClient {
  private socket?: AgentSocket;
  private readonly outbox = new Map<string, OutboxEntry>();
  private readonly listeners = new Map<keyof AgentClientEventMap, Set<(e: never) => void>>();
  private everConnected = false;
  private ackTimeoutMs = 10_000;

  /** Opens `<baseUrl>/agent`. Calling it again replaces the previous connection. */
  connect(baseUrl: string, options: ConnectOptions = {}): this {
    this.socket?.disconnect();
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
      const reconnect = this.everConnected;
      this.everConnected = true;
      this.emitLocal('connect', { reconnect });
      this.flushOutbox();
    });
    socket.on('disconnect', (reason) => {
      for (const entry of this.outbox.values()) entry.inFlight = false;
      this.emitLocal('disconnect', { reason });
    });
    socket.on('connect_error', (err) => this.emitLocal('connect_error', ackError(err)));
    socket.on('conversation:message', ({ conversation, message }) => {
      this.emitLocal('message:new', message);
      this.emitLocal('conversation:updated', conversation);
    });
    socket.on('visitor:updated', (v) => this.emitLocal('visitor:updated', v));
    // The server may have missed events (its Redis link was down): reload as after a reconnect.
    socket.on('resync', () => this.emitLocal('connect', { reconnect: true }));
    return this;
  }

  /** Closes the connection; queued messages stay queued (and are rejected by `clearOutbox`). */
  disconnect(): void {
    this.socket?.disconnect();
    this.socket = undefined;
  }

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  /**
   * Sends a message. Resolves once the server has stored it; until then it is resent with the
   * same clientId on every reconnect (the server stores it once). Rejects only on a final error.
   */
  send(conversationId: string, text: string, clientId: string = newClientId()): Promise<Message> {
    return new Promise((resolve, reject) => {
      const entry: OutboxEntry = {
        clientId,
        conversationId,
        text,
        createdAt: new Date().toISOString(),
        resolve,
        reject,
        attempt: 0,
        inFlight: false,
      };
      this.outbox.set(clientId, entry);
      this.emitSend(entry);
    });
  }

  /** Messages sent but not yet acknowledged, oldest first. */
  pending(conversationId?: string): PendingSend[] {
    return [...this.outbox.values()]
      .filter((e) => !conversationId || e.conversationId === conversationId)
      .map(({ clientId, conversationId: c, text, createdAt }) => ({ clientId, conversationId: c, text, createdAt }));
  }

  /** Gives up on queued messages (e.g. on sign-out); their promises reject. */
  clearOutbox(): void {
    for (const entry of this.outbox.values()) entry.reject(new AgentClientError('cancelled', 'Sending was cancelled'));
    this.outbox.clear();
  }

  /** Everything in a conversation after `after` (its seq), ordered by seq. */
  /** Every message after seq `after`, in order (fetched page by page). */
  async sync(conversationId: string, after: number): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const ack = await this.request<{ messages: Message[]; hasMore: boolean }>('conversation:sync', { conversationId, after });
      all.push(...ack.messages);
      if (!ack.hasMore || ack.messages.length === 0) return all;
      after = ack.messages[ack.messages.length - 1].seq;
    }
  }

  async setStatus(status: AgentStatus): Promise<AgentStatus> {
    const ack = await this.request<{ status: AgentStatus }>('status:set', { status });
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

  private flushOutbox(): void {
    for (const entry of this.outbox.values()) if (!entry.inFlight) this.emitSend(entry);
  }

  private emitSend(entry: OutboxEntry): void {
    const socket = this.socket;
    // Not connected: the next 'connect' flushes the outbox. Emitting now would also go through
    // Socket.IO's own buffer and send the message twice.
    if (!socket?.connected) return;
    const attempt = ++entry.attempt;
    entry.inFlight = true;
    socket
      .timeout(this.ackTimeoutMs)
      .emit('message:send', { conversationId: entry.conversationId, clientId: entry.clientId, text: entry.text }, (err, ack) => {
        if (this.outbox.get(entry.clientId) !== entry || entry.attempt !== attempt) return;
        entry.inFlight = false;
        if (err) {
          // No ack in time on a live connection: try again; a dead one retries on reconnect.
          if (socket.connected) setTimeout(() => !entry.inFlight && this.outbox.has(entry.clientId) && this.emitSend(entry), 1000);
          return;
        }
        if (ack.ok) return this.settle(entry, ack.message);
        if (RETRIABLE.has(ack.error.code)) {
          setTimeout(() => !entry.inFlight && this.outbox.has(entry.clientId) && this.emitSend(entry), 2000);
          return;
        }
        this.settle(entry, undefined, ack.error);
      });
  }

  private settle(entry: OutboxEntry, message?: Message, error?: ErrorInfo): void {
    this.outbox.delete(entry.clientId);
    if (message) entry.resolve(message);
    else entry.reject(new AgentClientError(error?.code ?? 'unknown', error?.message ?? 'Not sent'));
    this.emitLocal('send:settled', { clientId: entry.clientId, conversationId: entry.conversationId, message, error });
  }

  /** One request/ack round trip that fails fast when offline rather than queueing. */
  private request<T extends object>(event: 'conversation:sync' | 'status:set', body: object): Promise<T> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new AgentClientError('disconnected', 'Not connected'));
    return new Promise((resolve, reject) => {
      // The two events' bodies are typed by their public callers; the ack shape is shared.
      const timed = socket.timeout(this.ackTimeoutMs) as unknown as {
        emit(e: string, b: object, cb: (err: Error | null, ack: Ack<T>) => void): void;
      };
      timed.emit(event, body, (err, ack) => {
        if (err) return reject(new AgentClientError('timeout', 'The server did not answer in time'));
        if (ack.ok) resolve(ack);
        else reject(new AgentClientError(ack.error.code, ack.error.message));
      });
    });
  }
}
