// The workspace's conversations, kept live: one map filled from the list views and patched by
// `conversation:updated`, from which Queue / Mine / All / Closed are derived; and what this agent has
// seen (per conversation, the last seq), kept in the storage handed in across reloads.
import type { Conversation, ConversationView, Visitor } from '@palique/protocol';
import type { KeyValueStorage } from './storage';
import { newerConversation } from './thread';

export interface ConversationsSnapshot {
  /** Newest activity first. */
  all: Conversation[];
  seen: Record<string, number>;
  /** A3: the chats this agent wrote in or was added to (an Invisible agent's Queue shows only these). */
  joined: ReadonlySet<string>;
}

export class ConversationStore {
  private readonly byId = new Map<string, Conversation>();
  private readonly seenKey: string;
  private seen: Record<string, number>;
  private joined: ReadonlySet<string> = new Set();
  private snapshot: ConversationsSnapshot;
  private readonly listeners = new Set<() => void>();
  /** The conversation on screen, if any (notifications and unread marks skip it). */
  openId: string | null = null;

  constructor(
    agentId: string,
    private readonly storage: KeyValueStorage,
  ) {
    this.seenKey = `palique:seen:${agentId}`;
    this.seen = readSeen(storage, this.seenKey);
    this.snapshot = { all: [], seen: this.seen, joined: this.joined };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConversationsSnapshot => this.snapshot;

  get(id: string): Conversation | undefined {
    return this.byId.get(id);
  }

  /** After a (re)load: the fetched lists win unless a live update is already newer. */
  replaceAll(conversations: Conversation[]): void {
    const previous = new Map(this.byId);
    this.byId.clear();
    for (const c of conversations) this.byId.set(c.id, newerConversation(previous.get(c.id), c));
    this.publish();
  }

  /** A live update; an older copy never replaces a newer one. */
  upsert(conversation: Conversation): void {
    const known = this.byId.get(conversation.id);
    if (newerConversation(known, conversation) === known) return;
    this.byId.set(conversation.id, conversation);
    this.publish();
  }

  /** C1: an older page of a list, merged in (a live update already held wins). */
  addPage(conversations: Conversation[]): void {
    for (const c of conversations) this.byId.set(c.id, newerConversation(this.byId.get(c.id), c));
    this.publish();
  }

  /** Data protection: a deleted visitor's conversations leave the list. */
  removeVisitor(visitorId: string): void {
    let changed = false;
    for (const [id, c] of this.byId) {
      if (c.visitorId !== visitorId) continue;
      this.byId.delete(id);
      changed = true;
    }
    if (changed) this.publish();
  }

  /** A visitor gave a name: their rows show it at once, not at their next message. */
  applyVisitor(visitor: Visitor): void {
    let changed = false;
    for (const c of this.byId.values()) {
      if (c.visitorId !== visitor.id || c.visitorName === visitor.name) continue;
      this.byId.set(c.id, { ...c, visitorName: visitor.name });
      changed = true;
    }
    if (changed) this.publish();
  }

  /** Unread state from the server (the same on every device): positions only move forward. */
  applyReads(reads: Record<string, number>): void {
    let changed = false;
    const next = { ...this.seen };
    for (const [id, seq] of Object.entries(reads)) {
      if ((next[id] ?? -1) >= seq) continue;
      next[id] = seq;
      changed = true;
    }
    if (!changed) return;
    this.seen = next;
    this.save();
    this.publish();
  }

  /** A3: the joined chats as the server listed them (an Invisible agent's Queue). */
  setJoined(ids: Iterable<string>): void {
    this.joined = new Set(ids);
    this.publish();
  }

  /** A3: the agent wrote in the chat or was added to it. */
  markJoined(id: string): void {
    if (this.joined.has(id)) return;
    this.joined = new Set([...this.joined, id]);
    this.publish();
  }

  markSeen(id: string, seq: number): void {
    if ((this.seen[id] ?? -1) >= seq) return;
    this.seen = { ...this.seen, [id]: seq };
    this.save();
    this.publish();
  }

  private save(): void {
    try {
      this.storage.set(this.seenKey, JSON.stringify(this.seen));
    } catch {
      // Storage full or blocked: unread marks then come from the server at the next load.
    }
  }

  private publish(): void {
    const all = [...this.byId.values()].sort((a, b) => activity(b).localeCompare(activity(a)));
    this.snapshot = { all, seen: this.seen, joined: this.joined };
    this.listeners.forEach((l) => l());
  }
}

function activity(c: Conversation): string {
  return c.lastMessageAt ?? c.createdAt;
}

function readSeen(storage: KeyValueStorage, key: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(storage.get(key) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * C1: Queue (open, nobody owns it, not dismissed with ×), Mine, All (open) and Closed. A3: for an
 * Invisible agent, pass the chats they joined: their Queue gets no new chats, only those. T1: a
 * chat whose last word is the team's (a targeted message not answered yet) waits for the visitor,
 * not for an agent: it is in All, not in the Queue.
 */
export function filterView(all: Conversation[], view: ConversationView, agentId: string, joinedOnly?: ReadonlySet<string>): Conversation[] {
  if (view === 'closed') return all.filter((c) => c.status === 'closed');
  const open = all.filter((c) => c.status !== 'closed');
  if (view === 'queue') return open.filter((c) => c.assigneeId === null && !c.dismissed && c.lastMessageAuthorType !== 'agent' && (!joinedOnly || joinedOnly.has(c.id)));
  if (view === 'mine') return open.filter((c) => c.assigneeId === agentId);
  return open;
}

/** Unread: the visitor wrote last, after what this agent last saw. */
export function isUnread(c: Conversation, seen: Record<string, number>): boolean {
  return c.lastMessageAuthorType === 'visitor' && c.lastSeq > (seen[c.id] ?? 0);
}
