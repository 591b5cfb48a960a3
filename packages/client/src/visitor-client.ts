// The visitor's connection to Palique: visitor token, socket, resync after every reconnect,
// the persisted ordered outbox (R1, R2) and the thread state the widget renders. The widget's
// iframe and the Node benchmark's load generator both run it, so it never touches window,
// document or localStorage (storage and fetch are handed in), and it imports no zod: the
// widget's size budget (R3) has no room for it.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type {
  Ack,
  Attachment,
  FileUrls,
  Message,
  PageView,
  TeamMember,
  Visitor,
  VisitorClientEvents,
  VisitorServerEvents,
  VisitorSession,
  VisitorSyncResult,
  VisitorUpdate,
  WidgetMode,
} from '@palique/protocol';
import { TYPING_EXPIRES_MS, VISITOR_NAMESPACE } from '@palique/protocol/constants';
import { ErrorCode, type ErrorInfo } from '@palique/protocol/errors';
import { OrderedSender } from './ordered-sender';
import { FileUrlCache, fetchFileUrls, uploadFile } from './files';
import { Outbox } from './outbox';
import { ClientErrorCode, retryDelayMs } from './retry';
import type { KeyValueStorage } from './storage';
import { historyRewritten, lastSeqOf, mergeMessages, threadView, type ChatMessage } from './thread';
import { Timers } from './timers';
import { TypingBoard, TypingThrottle } from './typing';
import { withPresent } from './present';

/** C3: page views kept while offline (the oldest go first). */
const MAX_QUEUED_PAGE_VIEWS = 20;

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

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
type Listener<T> = (value: T) => void;

export class VisitorChatClient {
  private readonly base: string;
  private readonly tokenKey: string;
  private readonly outbox: Outbox;
  private readonly sender: OrderedSender;
  private readonly fetchFn: typeof fetch;
  private readonly ackTimeoutMs: number;
  private readonly timers = new Timers();
  private socket?: VisitorSocket;
  private stored: Message[] = [];
  private state: ChatState;
  private readonly stateListeners = new Set<Listener<ChatState>>();
  private readonly incomingListeners = new Set<Listener<Message>>();
  private readonly sendWaiters = new Map<string, Listener<ChatMessage>>();
  private pendingVisitor: VisitorUpdate | null = null;
  /** Forgotten on restart (the site's sign-out): the new visitor is anonymous. */
  private identity: ChatClientOptions['identity'];
  /** W2 as the server says for the whole account; A3: plus who is present in this chat. */
  private accountMode: WidgetMode = 'messenger';
  private accountTeam: TeamMember[] = [];
  private present: readonly string[] = [];
  private visitorWaiters: Listener<Ack<{ visitor: Visitor }>>[] = [];
  /** C3: page views not sent yet (the oldest go beyond MAX_QUEUED_PAGE_VIEWS), and whether a send is under way. */
  private pageViews: PageView[] = [];
  private sendingPageViews = false;
  /** Bumped on every connect; work started for an older connection stops when it sees a newer one. */
  private generation = 0;
  private syncedGeneration = -1;
  /** Failed attempts in a row, for the retry policy's backoff. */
  private syncFailures = 0;
  private handshakeFailures = 0;
  private started = false;
  private chatOpenedPending = false;
  private stopped = false;
  private resolveFirstSync!: () => void;
  private firstSync = new Promise<void>((resolve) => (this.resolveFirstSync = resolve));
  /** C4: the box's content for the agents' preview, at most 4 times a second. */
  private readonly typingOut = new TypingThrottle<string>((text) => {
    if (this.socket?.connected) this.socket.emit('typing', { text });
  });
  private readonly agentsTyping = new TypingBoard<string>();

  constructor(private readonly options: ChatClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.identity = options.identity;
    this.tokenKey = `palique:${options.widgetId}:token`;
    this.outbox = new Outbox(options.storage, `palique:${options.widgetId}:outbox`);
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.sender = new OrderedSender({
      outbox: this.outbox,
      timers: this.timers,
      canSend: () => this.isReady(this.socket),
      transmit: ({ clientId, text, attachment }) => {
        if (!this.socket) return Promise.reject(new Error(ClientErrorCode.Disconnected));
        return this.socket.timeout(this.ackTimeoutMs).emitWithAck('message:send', { clientId, text, ...(attachment ? { fileId: attachment.id } : {}) });
      },
      stored: (_entry, message) => this.receive([message], false),
      refused: () => this.publish(),
    });
    this.state = {
      messages: threadView([], this.outbox.entries),
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

  /**
   * Shows the message at once (pending), keeps it in the persisted outbox and sends it when
   * connected, after every message written before it. Resolves with the message once the
   * server stored it (status "sent") or refused it (status "failed"); stays unresolved offline.
   */
  send(text: string, attachment?: Attachment): Promise<ChatMessage> {
    if (!text.trim() && !attachment) return Promise.reject(new Error('A message needs some text'));
    const entry = this.outbox.add(text, undefined, attachment);
    const settled = this.waitForSettled(entry.clientId);
    this.typingOut.update('');
    this.publish();
    this.sender.flush();
    return settled;
  }

  /** Files: uploads a file for this visitor's conversation; send it with `send(text, urls.attachment)`. */
  uploadFile(file: Blob, name: string): Promise<FileUrls> {
    return uploadFile(this.fetchFn, this.filesBase(), file, name, this.authorization()).then((urls) => {
      this.fileUrlCache.keep(urls);
      return urls;
    });
  }

  /** Files: fresh signed URLs of a file of this conversation (cached until shortly before they expire). */
  fileUrls(fileId: string): Promise<FileUrls> {
    return this.fileUrlCache.get(fileId);
  }

  private readonly fileUrlCache = new FileUrlCache((id) => fetchFileUrls(this.fetchFn, `${this.filesBase()}/${encodeURIComponent(id)}`, this.authorization()));

  private filesBase(): string {
    return `${this.base}/api/widget/${encodeURIComponent(this.options.widgetId)}/files`;
  }

  /** The visitor token, in a header (never in a URL: URLs reach logs). */
  private authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.options.storage.get(this.tokenKey) ?? ''}` };
  }

  /** C4: what is in the message box now ('' once sent or cleared); the agents see it as a preview. */
  typing(text: string): void {
    this.typingOut.update(text);
  }

  /** The visitor's "Retry" on a failed message: same clientId, so the server never stores two. */
  retry(clientId: string): Promise<ChatMessage> | undefined {
    if (!this.outbox.retry(clientId)) return undefined;
    const settled = this.waitForSettled(clientId);
    this.publish();
    this.sender.flush();
    return settled;
  }

  /** Palique('setVisitor', …): kept until connected, then sent; later calls merge into earlier ones. */
  setVisitor(update: VisitorUpdate): Promise<Ack<{ visitor: Visitor }>> {
    this.pendingVisitor = mergeVisitorUpdates(this.pendingVisitor, update);
    const done = new Promise<Ack<{ visitor: Visitor }>>((resolve) => this.visitorWaiters.push(resolve));
    void this.flushVisitor();
    return done;
  }

  /**
   * C3: a page the visitor saw (the loader reports the first one and every later one). Sent in
   * order over HTTP with the visitor token once synced; on a network or server failure the rest
   * wait for the next sync, a refused one (bad URL, limit) is dropped.
   */
  pageView(view: PageView): void {
    this.pageViews.push(view);
    if (this.pageViews.length > MAX_QUEUED_PAGE_VIEWS) this.pageViews.shift();
    void this.flushPageViews();
  }

  /** C8: the visitor opened the chat panel (a status icon in the agents' online list); sent once connected. */
  chatOpened(): void {
    this.chatOpenedPending = true;
    this.flushChatOpened();
  }

  private flushChatOpened(): void {
    if (!this.chatOpenedPending || !this.isReady(this.socket)) return;
    this.chatOpenedPending = false;
    this.socket!.emit('chat:opened');
  }

  private async flushPageViews(): Promise<void> {
    if (this.sendingPageViews || !this.isReady(this.socket)) return;
    this.sendingPageViews = true;
    try {
      while (this.pageViews.length > 0 && !this.stopped) {
        const res = await this.fetchFn(`${this.base}/api/widget/${encodeURIComponent(this.options.widgetId)}/page-views`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...this.authorization() },
          body: JSON.stringify(this.pageViews[0]),
        }).catch(() => undefined);
        if (!res || res.status >= 500) return;
        this.pageViews.shift();
      }
    } finally {
      this.sendingPageViews = false;
    }
  }

  /**
   * Palique('restart') (F10): revokes the visitor token on the server, so that a copy of it (read
   * from the host page's storage, say) opens nothing any more, then forgets this visitor here
   * (token, thread, unsent messages) and starts a new anonymous one. Offline, the token cannot
   * be revoked: it is forgotten here all the same. Resolves after the new visitor's first sync.
   */
  async restart(): Promise<void> {
    // Forget the old visitor first: whatever is called meanwhile (setVisitor, send) is the new one's.
    const socket = this.socket;
    this.socket = undefined;
    this.generation++;
    this.options.storage.set(this.tokenKey, '');
    this.outbox.remove(this.outbox.entries.map((e) => e.clientId));
    this.stored = [];
    this.readUpTo = 0;
    this.pendingVisitor = null;
    this.identity = undefined;
    const waiters = this.visitorWaiters;
    this.visitorWaiters = [];
    for (const w of waiters) w({ ok: false, error: { code: ClientErrorCode.Cancelled, message: 'The visitor restarted' } });
    this.firstSync = new Promise<void>((resolve) => (this.resolveFirstSync = resolve));
    this.state = { ...this.state, messages: [], connected: false, synced: false, visitorId: null, visitor: null, agentsTyping: [], agentReadSeq: 0 };
    this.emitState();
    if (socket?.connected) {
      try {
        await socket.timeout(this.ackTimeoutMs).emitWithAck('visitor:revoke', {});
      } catch {
        // No answer: forgotten here all the same.
      }
    }
    socket?.disconnect();
    this.started = true;
    if (!this.stopped) void this.openSession();
    return this.firstSync;
  }

  // --- connection -------------------------------------------------------------------------

  private async openSession(): Promise<void> {
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
    void this.flushVisitor();
    void this.flushPageViews();
    this.flushChatOpened();
    this.sender.flush();
    // W5: how far the team read (and how far the visitor did, if the panel is open), after every
    // (re)connect. An empty thread has nothing to read: most page views are of visitors who never
    // wrote, and they send nothing but the sync.
    if (this.stored.length > 0) void this.markRead(this.readUpTo);
  }

  /** W5: the highest seq the visitor has seen (panel open); sent now and after reconnects. */
  private readUpTo = 0;

  /** W5: the visitor has the thread on screen up to `seq` (the team's "Seen"). */
  async markRead(seq: number): Promise<void> {
    this.readUpTo = Math.max(this.readUpTo, seq);
    const socket = this.socket;
    if (!this.isReady(socket)) return;
    try {
      const ack = await socket.timeout(this.ackTimeoutMs).emitWithAck('read', { seq: this.readUpTo });
      // An answer about a visitor left behind by restart() is not this visitor's ("Seen" on a new thread).
      if (ack.ok && socket === this.socket) this.agentsRead(ack.agentReadSeq);
    } catch {
      // Sent again after the next reconnect.
    }
  }

  /** W5: receipts only move forward. */
  private agentsRead(seq: number): void {
    if (seq > this.state.agentReadSeq) this.setState({ agentReadSeq: seq });
  }

  private isReady(socket: VisitorSocket | undefined): socket is VisitorSocket {
    return !!socket?.connected && this.syncedGeneration === this.generation;
  }

  private async flushVisitor(): Promise<void> {
    const socket = this.socket;
    const update = this.pendingVisitor;
    if (!update || !this.isReady(socket)) return;
    const waiters = this.visitorWaiters;
    this.pendingVisitor = null;
    this.visitorWaiters = [];
    let ack: Ack<{ visitor: Visitor }>;
    try {
      ack = await socket.timeout(this.ackTimeoutMs).emitWithAck('visitor:update', update);
    } catch {
      // Lost: put it back under anything newer, to be sent after the next sync.
      this.pendingVisitor = mergeVisitorUpdates(update, this.pendingVisitor ?? {});
      this.visitorWaiters = [...waiters, ...this.visitorWaiters];
      return;
    }
    if (ack.ok && socket === this.socket) this.setState({ visitor: ack.visitor });
    for (const w of waiters) w(ack);
  }

  // --- state ------------------------------------------------------------------------------

  /** C4: an agent started or stopped typing; without a refresh the indicator goes by itself. */
  private setAgentTyping(agentId: string, name: string | null): void {
    this.agentsTyping.set(agentId, name);
    this.setState({ agentsTyping: this.agentsTyping.current() });
    if (name !== null) this.timers.later(() => this.setState({ agentsTyping: this.agentsTyping.current() }), TYPING_EXPIRES_MS + 50);
  }

  /** Merges what the server sent; false when it contradicts what was seen and a sync from 0 started instead (F15). */
  private receive(incoming: Message[], notify: boolean): boolean {
    if (incoming.length === 0) return true;
    for (const m of incoming) if (m.authorType === 'agent' && m.authorId && this.agentsTyping.get(m.authorId)) this.setAgentTyping(m.authorId, null);
    if (historyRewritten(this.stored, incoming)) {
      // Reloaded like the first time: the history is not announced as new, the UI waits for it.
      this.stored = [];
      this.state = { ...this.state, synced: false };
      this.publish();
      if (this.socket?.connected) this.onConnect(this.socket);
      return false;
    }
    const known = new Set(this.stored.map((m) => m.id));
    this.stored = mergeMessages(this.stored, incoming);
    this.outbox.remove(incoming.filter((m) => m.authorType === 'visitor').map((m) => m.clientId));
    this.publish();
    if (!notify) return true;
    for (const m of incoming) {
      // C5: an edit changes a message already shown; it is not news.
      if (m.authorType === 'visitor' || m.editOf || known.has(m.id)) continue;
      for (const l of this.incomingListeners) l(m);
    }
    return true;
  }

  /** W2 + A3: the account's mode and team, with the agents present in this chat shown online. */
  private showTeam(patch: { mode?: WidgetMode; team?: TeamMember[]; present?: readonly string[] }): void {
    if (patch.mode) this.accountMode = patch.mode;
    if (patch.team) this.accountTeam = patch.team;
    if (patch.present) this.present = patch.present;
    this.setState(withPresent(this.accountMode, this.accountTeam, this.present));
  }

  private async askPresent(socket: VisitorSocket): Promise<void> {
    try {
      const ack = await socket.timeout(this.ackTimeoutMs).emitWithAck('present', {});
      if (ack.ok && socket === this.socket) this.showTeam({ present: ack.agentIds });
    } catch {
      /* offline or slow: the next sync asks again */
    }
  }

  private setState(patch: Partial<ChatState>): void {
    const changed = (Object.keys(patch) as (keyof ChatState)[]).some((k) => patch[k] !== this.state[k]);
    if (!changed) return;
    this.state = { ...this.state, ...patch };
    this.emitState();
  }

  private publish(): void {
    this.state = { ...this.state, messages: threadView(this.stored, this.outbox.entries) };
    this.emitState();
    this.settleWaiters();
  }

  private emitState(): void {
    for (const l of this.stateListeners) l(this.state);
  }

  private waitForSettled(clientId: string): Promise<ChatMessage> {
    return new Promise((resolve) => this.sendWaiters.set(clientId, resolve));
  }

  private settleWaiters(): void {
    if (this.sendWaiters.size === 0) return;
    for (const m of this.state.messages) {
      const waiter = m.authorType === 'visitor' && m.status !== 'pending' ? this.sendWaiters.get(m.clientId) : undefined;
      if (!waiter) continue;
      this.sendWaiters.delete(m.clientId);
      waiter(m);
    }
  }
}

/** Later fields win; `data` keys merge, as they do on the server. */
function mergeVisitorUpdates(a: VisitorUpdate | null, b: VisitorUpdate): VisitorUpdate {
  const merged: VisitorUpdate = { ...a, ...b };
  if (a?.data || b.data) merged.data = { ...a?.data, ...b.data };
  return merged;
}
