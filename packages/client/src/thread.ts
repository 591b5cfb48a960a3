// Merging what the server sends into what a client shows, for both clients: stored messages
// (each once, by id, or by author and clientId for a resend the server answered twice), in seq
// order, the last seq to resume after, gap detection, and the outbox's messages behind them.
// Pure functions, tested without a server or a DOM.
import type { Attachment, AuthorType, Conversation, Message } from '@palique/protocol';
import type { ErrorInfo } from '@palique/protocol/errors';
import type { OutboxEntry } from './outbox';

export type MessageStatus = 'pending' | 'sent' | 'failed';

/** One line of a thread as a UI renders it. */
export interface ChatMessage {
  /** Stable key for rendering: the server id once stored, the clientId before. */
  key: string;
  id: string | null;
  seq: number | null;
  clientId: string;
  authorType: AuthorType;
  authorName: string | null;
  text: string;
  createdAt: string;
  status: MessageStatus;
  error?: ErrorInfo;
  /** Files: the file the message carries. */
  attachment?: Attachment;
  /** C5: when the text was last edited (shown as "edited"); absent if never. */
  editedAt?: string;
}

/** Adds `incoming` to `stored`, each message once, sorted by seq. */
export function mergeMessages(stored: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return stored as Message[];
  if (appendsAfter(stored, incoming)) return [...stored, ...incoming];
  const byId = new Map<string, Message>();
  const clientKeys = new Set<string>();
  for (const m of [...stored, ...incoming]) {
    const clientKey = `${m.authorType}:${m.clientId}`;
    if (byId.has(m.id) || clientKeys.has(clientKey)) continue;
    byId.set(m.id, m);
    clientKeys.add(clientKey);
  }
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** At most this many messages take the quick way (its checks cost stored × incoming). */
const APPEND_AT_MOST = 8;

/**
 * The usual case (an ack, a reply): a few messages after the last one held, in order, none of
 * them held already by id or by author and clientId, nor twice among themselves. Merging them is
 * appending them; anything else takes the general way.
 */
function appendsAfter(stored: readonly Message[], incoming: readonly Message[]): boolean {
  if (incoming.length > APPEND_AT_MOST) return false;
  let last = lastSeqOf(stored);
  for (let i = 0; i < incoming.length; i++) {
    const m = incoming[i]!;
    if (m.seq <= last) return false;
    last = m.seq;
    const same = (o: Message) => o.id === m.id || (o.clientId === m.clientId && o.authorType === m.authorType);
    if (stored.some(same) || incoming.slice(0, i).some(same)) return false;
  }
  return true;
}

/**
 * C5: the messages as they now read: each edit row (`editOf`) applied to its message, then left
 * out. An edit applies only when it is newer than the text the message holds (`editedSeq`), so
 * the result is the same whatever the order or repetition of what arrived (a fresh load already
 * carries the latest text; a resumed client gets the edits after its seq).
 */
export function applyEdits(rows: readonly Message[]): Message[] {
  if (!rows.some((m) => m.editOf)) return rows as Message[];
  const byId = new Map<string, Message>();
  for (const m of rows) if (!m.editOf) byId.set(m.id, m);
  for (const e of rows) {
    const target = e.editOf ? byId.get(e.editOf) : undefined;
    if (!target || e.seq <= (target.editedSeq ?? 0)) continue;
    byId.set(target.id, { ...target, text: e.text, editedAt: e.createdAt, editedSeq: e.seq });
  }
  return [...byId.values()];
}

export function lastSeqOf(stored: readonly Message[]): number {
  return stored.length === 0 ? 0 : stored[stored.length - 1]!.seq;
}

/** True when `m` skips seqs after what is stored: something was missed, catch up. */
export function hasGap(stored: readonly Message[], m: Message): boolean {
  const last = lastSeqOf(stored);
  return last > 0 && m.seq > last + 1;
}

/**
 * F15: true when the server contradicts what it said before: a different message at a seq
 * already seen, or a last seq below the one seen (`serverLastSeq`). Its history was lost or
 * rewritten (SQLite's write-ahead log deleted, a restored backup): the client drops what it
 * holds and syncs from 0 instead of mixing two histories and resuming after a seq that no
 * longer exists.
 */
export function historyRewritten(stored: readonly Message[], incoming: readonly Message[], serverLastSeq?: number): boolean {
  if (stored.length === 0) return false;
  const last = lastSeqOf(stored);
  if (serverLastSeq !== undefined && serverLastSeq < last) return true;
  // The usual case (a reply, an ack): only seqs not seen yet, so nothing to contradict.
  if (incoming.every((m) => m.seq > last)) return false;
  const bySeq = new Map(stored.map((m) => [m.seq, m]));
  return incoming.some((m) => {
    const seen = bySeq.get(m.seq);
    return seen !== undefined && seen.id !== m.id && !(seen.authorType === m.authorType && seen.clientId === m.clientId);
  });
}

/** The copy of a conversation to keep: an older one (events can cross a reload) never wins. */
export function newerConversation(known: Conversation | null | undefined, incoming: Conversation): Conversation {
  return known && known.lastSeq > incoming.lastSeq ? known : incoming;
}

/**
 * The visitor's thread as the widget renders it: stored messages, then the outbox entries the
 * server has not stored yet (pending, or failed with the reason).
 */
export function threadView(stored: readonly Message[], outbox: readonly OutboxEntry[]): ChatMessage[] {
  return withOutbox(applyEdits(stored).map(sentView), visitorClientIds(stored), outbox);
}

/**
 * threadView for a thread that grows: it keeps the lines of the last stored list, and when the
 * next list holds the same messages (the same objects) followed by new ones and no edit, only the
 * new ones' lines are made. Anything else (a reload, a message merged in between, an edit) is
 * built whole. The same result as threadView (a test compares them on random threads).
 */
export class GrowingThreadView {
  private stored: readonly Message[] = [];
  private lines: ChatMessage[] = [];
  private clientIds = new Set<string>();

  view(stored: readonly Message[], outbox: readonly OutboxEntry[]): ChatMessage[] {
    if (this.extends(stored)) {
      for (let i = this.stored.length; i < stored.length; i++) {
        const m = stored[i]!;
        this.lines.push(sentView(m));
        if (m.authorType === 'visitor') this.clientIds.add(m.clientId);
      }
    } else {
      this.lines = applyEdits(stored).map(sentView);
      this.clientIds = visitorClientIds(stored);
    }
    this.stored = stored;
    return withOutbox([...this.lines], this.clientIds, outbox);
  }

  private extends(stored: readonly Message[]): boolean {
    const before = this.stored;
    if (stored.length < before.length) return false;
    for (let i = 0; i < before.length; i++) if (stored[i] !== before[i]) return false;
    for (let i = before.length; i < stored.length; i++) if (stored[i]!.editOf) return false;
    return true;
  }
}

function visitorClientIds(stored: readonly Message[]): Set<string> {
  const ids = new Set<string>();
  for (const m of stored) if (m.authorType === 'visitor') ids.add(m.clientId);
  return ids;
}

/** The stored lines, then the outbox entries not stored yet. */
function withOutbox(view: ChatMessage[], storedClientIds: ReadonlySet<string>, outbox: readonly OutboxEntry[]): ChatMessage[] {
  for (const e of outbox) {
    if (storedClientIds.has(e.clientId)) continue;
    view.push({
      // The stored copy will replace this one; keeping the key stable avoids a re-mount flash.
      key: e.clientId,
      id: null,
      seq: null,
      clientId: e.clientId,
      authorType: 'visitor',
      authorName: null,
      text: e.text,
      createdAt: e.createdAt,
      status: e.error ? 'failed' : 'pending',
      error: e.error,
      ...(e.attachment ? { attachment: e.attachment } : {}),
    });
  }
  return view;
}

/**
 * A stored message's line, the same object for the same message every time the thread is
 * rebuilt (after each message): nothing is copied again, and a renderer can tell the lines that
 * did not change by identity. An edited message is a new object (applyEdits), so a new line.
 */
const sentViews = new WeakMap<Message, ChatMessage>();
function sentView(m: Message): ChatMessage {
  let line = sentViews.get(m);
  if (!line) {
    line = {
      key: m.id,
      id: m.id,
      seq: m.seq,
      clientId: m.clientId,
      authorType: m.authorType,
      authorName: m.authorName,
      text: m.text,
      createdAt: m.createdAt,
      status: 'sent',
      ...(m.attachment ? { attachment: m.attachment } : {}),
      ...(m.editedAt ? { editedAt: m.editedAt } : {}),
    };
    sentViews.set(m, line);
  }
  return line;
}

/** The widget's unread badge: agent and system messages with a seq after `lastReadSeq`. */
export function countUnread(messages: readonly ChatMessage[], lastReadSeq: number): number {
  return messages.filter((m) => m.authorType !== 'visitor' && m.seq !== null && m.seq > lastReadSeq).length;
}
