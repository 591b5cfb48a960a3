// The visitor's connection to Palique: visitor token, socket, resync after every reconnect,
// the persisted ordered outbox (R1, R2) and the thread state the widget renders. The widget's
// iframe and the Node benchmark's load generator both run it, so it never touches window,
// document or localStorage (storage and fetch are handed in), and it imports no zod: the
// widget's size budget (R3) has no room for it. This file holds what the visitor does (send,
// retry, type, upload, setVisitor, page views, reads, restart); the connection and the state
// it renders are in visitor-connection.ts and visitor-chat-state.ts, which it builds on.
import type { Ack, Attachment, FileUrls, PageView, Visitor, VisitorUpdate } from '@palique/protocol';
import { OrderedSender } from './ordered-sender';
import { FileUrlCache, fetchFileUrls, uploadFile } from './files';
import { ClientErrorCode } from './retry';
import type { ChatMessage } from './thread';
import type { Listener } from './visitor-chat-state';
import { VisitorConnection, type ChatClientOptions } from './visitor-connection';

/** C3: page views kept while offline (the oldest go first). */
const MAX_QUEUED_PAGE_VIEWS = 20;

export class VisitorChatClient extends VisitorConnection {
  private readonly sender: OrderedSender;
  private pendingVisitor: VisitorUpdate | null = null;
  private visitorWaiters: Listener<Ack<{ visitor: Visitor }>>[] = [];
  /** C3: page views not sent yet (the oldest go beyond MAX_QUEUED_PAGE_VIEWS), and whether a send is under way. */
  private pageViews: PageView[] = [];
  private sendingPageViews = false;
  private chatOpenedPending = false;

  constructor(options: ChatClientOptions) {
    super(options);
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


  protected flushAfterSync(): void {
    void this.flushVisitor();
    void this.flushPageViews();
    this.flushChatOpened();
    this.sender.flush();
    // W5: how far the team read (and how far the visitor did, if the panel is open), after every
    // (re)connect. An empty thread has nothing to read: most page views are of visitors who never
    // wrote, and they send nothing but the sync.
    if (this.stored.length > 0) void this.markRead(this.readUpTo);
  }
}

/** Later fields win; `data` keys merge, as they do on the server. */
function mergeVisitorUpdates(a: VisitorUpdate | null, b: VisitorUpdate): VisitorUpdate {
  const merged: VisitorUpdate = { ...a, ...b };
  if (a?.data || b.data) merged.data = { ...a?.data, ...b.data };
  return merged;
}
