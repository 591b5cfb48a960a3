// The visitor client's connection: the visitor token (kept in the storage handed in, asked for
// over HTTP only for a W7 identity), the socket and what it hears, and the resync after every
// reconnect. What has waited for a sync (the outbox, the visitor's details, page views) is the
// visitor client's to send (visitor-client.ts, flushAfterSync); what it hears lands in the
// chat's state (visitor-chat-state.ts).
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { Ack, VisitorClientEvents, VisitorServerEvents, VisitorSession, VisitorSyncResult } from '@palique/protocol';
import { VISITOR_NAMESPACE } from '@palique/protocol/constants';
import { ErrorCode, type ErrorInfo } from '@palique/protocol/errors';
import { Outbox } from './outbox';
import { retryDelayMs } from './retry';
import type { KeyValueStorage } from './storage';
import { lastSeqOf } from './thread';
import { TypingThrottle } from './typing';
import { withPresent } from './present';
import { VisitorChatState } from './visitor-chat-state';

export interface ChatClientOptions {
  /** Origin of the Palique server, e.g. "http://localhost:3000" (no trailing slash needed). */
  baseUrl: string;
  widgetId: string;
  storage: KeyValueStorage;
  fetch?: typeof fetch;
  /** How long to wait for an acknowledgement before treating the request as lost. */
  ackTimeoutMs?: number;
  /**
   * W7 identified users: the site's user id and its signature (PaliqueSetup.clientId,
   * clientIdSignature). The server binds this device to that user's visitor only if it is valid.
   */
  identity?: { clientId: string; signature: string };
  /** Extra socket.io-client options (tests and the benchmark tune reconnection delays). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

export abstract class VisitorConnection extends VisitorChatState {
  protected readonly base: string;
  protected readonly tokenKey: string;
  protected readonly fetchFn: typeof fetch;
  protected readonly ackTimeoutMs: number;
  protected socket?: VisitorSocket;
  /** Forgotten on restart (the site's sign-out): the new visitor is anonymous. */
  protected identity: ChatClientOptions['identity'];
  /** Bumped on every connect; work started for an older connection stops when it sees a newer one. */
  protected generation = 0;
  private syncedGeneration = -1;
  /** Failed attempts in a row, for the retry policy's backoff. */
  private syncFailures = 0;
  private handshakeFailures = 0;
  protected started = false;
  protected stopped = false;
  protected resolveFirstSync!: () => void;
  protected firstSync = new Promise<void>((resolve) => (this.resolveFirstSync = resolve));
  /** C4: the box's content for the agents' preview, at most 4 times a second. */
  protected readonly typingOut = new TypingThrottle<string>((text) => {
    if (this.socket?.connected) this.socket.emit('typing', { text });
  });

  constructor(protected readonly options: ChatClientOptions) {
    super(new Outbox(options.storage, `palique:${options.widgetId}:outbox`));
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.identity = options.identity;
    this.tokenKey = `palique:${options.widgetId}:token`;
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  }

  /** After every sync: what waited for it goes out (messages, details, page views, reads). */
  protected abstract flushAfterSync(): void;

  /** Gets the visitor token and connects; resolves after the first sync (retries until then). */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      void this.openSession();
    }
    return this.firstSync;
  }

  stop(): void {
    this.stopped = true;
    this.timers.stop();
    this.socket?.disconnect();
    this.socket = undefined;
    this.setState({ connected: false });
  }

  /** The visitor token, in a header (never in a URL: URLs reach logs). */
  protected authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.options.storage.get(this.tokenKey) ?? ''}` };
  }

  protected async openSession(): Promise<void> {
    // A returning visitor's kept token goes straight to the socket, whose handshake checks it:
    // one HTTP round trip less per page view. An unknown token is refused there, forgotten, and
    // a session asked for below. A W7 identity always asks (the server may bind or switch it).
    const kept = this.options.storage.get(this.tokenKey);
    if (kept && !this.identity) return this.connect(kept);
    // A new anonymous visitor: the socket's handshake starts it and sends its token (`session`).
    if (!this.identity) return this.connect(undefined);
    for (let failures = 1; !this.stopped; failures++) {
      try {
        const session = await this.requestSession();
        if (this.stopped) return;
        this.options.storage.set(this.tokenKey, session.token);
        this.setState({ visitorId: session.visitorId });
        this.connect(session.token);
        return;
      } catch {
        await this.timers.sleep(retryDelayMs(failures));
      }
    }
  }

  private async requestSession(): Promise<VisitorSession> {
    const kept = this.options.storage.get(this.tokenKey) || undefined;
    const res = await this.fetchFn(`${this.base}/api/widget/${encodeURIComponent(this.options.widgetId)}/visitors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...(kept ? { token: kept } : {}),
        ...(this.identity ? { clientId: this.identity.clientId, clientIdSignature: this.identity.signature } : {}),
      }),
    });
    if (res.status === 400 && kept) {
      // A kept token the server cannot even parse will never work: start a new visitor.
      this.options.storage.set(this.tokenKey, '');
      return this.requestSession();
    }
    if (!res.ok) throw new Error(`Visitor session failed with HTTP ${res.status}`);
    return (await res.json()) as VisitorSession;
  }

  /** Without a token, the server starts a new visitor and sends their `session` first. */
  private connect(token: string | undefined): void {
    const socket: VisitorSocket = io(this.base + VISITOR_NAMESPACE, {
      auth: token ? { widgetId: this.options.widgetId, token } : { widgetId: this.options.widgetId },
      transports: ['websocket', 'polling'],
      // Every client has its own connection (the benchmark runs many in one process).
      forceNew: true,
      ...this.options.socketOptions,
    });
    this.socket = socket;
    // A socket left behind by restart() does nothing more (its token is revoked).
    const current = () => this.socket === socket;
    socket.on('connect', () => (current() ? this.onConnect(socket) : socket.disconnect()));
    socket.on('disconnect', (reason) => {
      if (!current()) return;
      this.setState({ connected: false });
      // The server closing (restart, deploy) is not retried by socket.io itself.
      if (reason === 'io server disconnect' && !this.stopped) this.timers.later(() => socket.connect(), retryDelayMs(1));
    });
    socket.on('connect_error', (err) => {
      if (socket.active || this.stopped || !current()) return; // a network failure: the manager retries by itself
      // Refused by the server's handshake: an unknown token means a new visitor is needed.
      const code = (err as Error & { data?: ErrorInfo }).data?.code;
      // Unknown, or a kept token the server cannot even parse: it will never work, start anew.
      // (Without a token there is nothing to forget: a refused start is retried later.)
      const withToken = 'token' in (socket.auth as object);
      if (withToken && (code === ErrorCode.VisitorUnknown || code === ErrorCode.InvalidInput)) {
        socket.disconnect();
        this.options.storage.set(this.tokenKey, '');
        void this.openSession();
      } else {
        this.timers.later(() => socket.connect(), retryDelayMs(++this.handshakeFailures));
      }
    });
    socket.on('session', ({ token: started, visitorId }) => {
      if (!current()) return;
      // Kept for the next page view, and for this socket's reconnections (or each would start another visitor).
      this.options.storage.set(this.tokenKey, started);
      socket.auth = { widgetId: this.options.widgetId, token: started };
      this.setState({ visitorId });
    });
    socket.on('message:new', (message) => {
      if (!current()) return;
      this.receive([message], true);
      // A3: an agent this visitor does not see online wrote: maybe an Invisible one joining.
      if (message.authorType === 'agent' && !this.state.team.some((m) => m.id === message.authorId && m.online)) void this.askPresent(socket);
    });
    socket.on('mode', ({ mode }) => current() && this.showTeam({ mode }));
    socket.on('team', ({ team }) => current() && this.showTeam({ team }));
    socket.on('present', ({ agentIds }) => current() && this.showTeam({ present: agentIds }));
    socket.on('agents:read', ({ seq }) => current() && this.agentsRead(seq));
    socket.on('agent:typing', ({ agentId, name, typing }) => current() && this.setAgentTyping(agentId, typing ? name : null));
    // The server may have missed events (its Redis link was down): catch up as after a reconnect.
    socket.on('resync', () => current() && this.onConnect(socket));
  }

  /** On every (re)connect: catch up after the last seq seen, then resend the outbox in order. */
  private onConnect(socket: VisitorSocket): void {
    const generation = ++this.generation;
    this.handshakeFailures = 0;
    this.typingOut.forget();
    this.setState({ connected: true });
    void this.sync(socket, generation);
  }

  private async sync(socket: VisitorSocket, generation: number): Promise<void> {
    if (generation !== this.generation || !socket.connected) return;
    const retry = () => this.timers.later(() => void this.sync(socket, generation), retryDelayMs(++this.syncFailures));
    let ack: Ack<VisitorSyncResult>;
    try {
      ack = await socket.timeout(this.ackTimeoutMs).emitWithAck('sync', { after: lastSeqOf(this.stored) });
    } catch {
      return retry();
    }
    if (generation !== this.generation) return;
    if (!ack.ok) return retry();
    this.syncFailures = 0;
    const firstSync = !this.state.synced;
    this.syncedGeneration = generation;
    // Messages caught up after a reconnect are new to the visitor; the history at start is not.
    if (!this.receive(ack.messages, !firstSync)) return;
    // Messages come in pages: ask for the next one before anything else.
    if (ack.hasMore) return void this.sync(socket, generation);
    this.accountMode = ack.mode;
    this.accountTeam = ack.team ?? [];
    this.present = ack.present ?? [];
    this.setState({ ...withPresent(this.accountMode, this.accountTeam, this.present), visitor: ack.visitor, visitorId: ack.visitor.id, synced: true });
    if (firstSync) this.resolveFirstSync();
    this.flushAfterSync();
  }

  protected isReady(socket: VisitorSocket | undefined): socket is VisitorSocket {
    return !!socket?.connected && this.syncedGeneration === this.generation;
  }

  private async askPresent(socket: VisitorSocket): Promise<void> {
    try {
      const ack = await socket.timeout(this.ackTimeoutMs).emitWithAck('present', {});
      if (ack.ok && socket === this.socket) this.showTeam({ present: ack.agentIds });
    } catch {
      /* offline or slow: the next sync asks again */
    }
  }

  protected resync(): void {
    if (this.socket?.connected) this.onConnect(this.socket);
  }
}
