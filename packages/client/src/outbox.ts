// The messages written but not yet stored by the server, in the order they were written. Kept
// in the storage handed in, so a message written offline (or just before a reload) is still
// sent, once, when the network returns (R2): every resend carries the same clientId.
//
// Order is per conversation (a "lane"): the visitor has one, an agent one per conversation.
import type { Attachment } from '@palique/protocol';
import type { ErrorInfo } from '@palique/protocol/errors';
import { newClientId } from './client-id';
import { memoryStorage, type KeyValueStorage } from './storage';

export interface OutboxEntry {
  clientId: string;
  /** The agent's conversation; absent for the visitor, whose one conversation is implied. */
  conversationId?: string;
  text: string;
  createdAt: string;
  /** Files: the file sent with it (already uploaded; the message carries its id). */
  attachment?: Attachment;
  /** Refused for good: it waits for `retry` (or `discard`) and is not sent meanwhile. */
  error?: ErrorInfo;
}

export class Outbox {
  private items: OutboxEntry[];

  constructor(
    private readonly storage: KeyValueStorage = memoryStorage(),
    private readonly key = 'palique:outbox',
  ) {
    this.items = readEntries(storage, key);
  }

  get entries(): readonly OutboxEntry[] {
    return this.items;
  }

  add(text: string, conversationId?: string, attachment?: Attachment): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientId(), text, createdAt: new Date().toISOString() };
    if (conversationId !== undefined) entry.conversationId = conversationId;
    if (attachment) entry.attachment = attachment;
    this.items = [...this.items, entry];
    this.save();
    return entry;
  }

  /** The lanes (conversations) with an entry to send. */
  lanes(): Set<string | undefined> {
    return new Set(this.items.filter((e) => !e.error).map((e) => e.conversationId));
  }

  /** The oldest entry of the lane that is not failed: the only one that may go out now. */
  nextToSend(conversationId?: string): OutboxEntry | undefined {
    return this.items.find((e) => !e.error && e.conversationId === conversationId);
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.items.find((e) => e.clientId === clientId);
  }

  remove(clientIds: Iterable<string>): boolean {
    const gone = new Set(clientIds);
    const kept = this.items.filter((e) => !gone.has(e.clientId));
    if (kept.length === this.items.length) return false;
    this.items = kept;
    this.save();
    return true;
  }

  markFailed(clientId: string, error: ErrorInfo): void {
    this.update(clientId, { error });
  }

  /**
   * Puts a failed entry back in line at the place it was written, so it goes out before the
   * entries written after it that are still waiting. It keeps its clientId: the server dedupes.
   */
  retry(clientId: string): boolean {
    return this.update(clientId, { error: undefined });
  }

  private update(clientId: string, patch: Partial<OutboxEntry>): boolean {
    let found = false;
    this.items = this.items.map((e) => {
      if (e.clientId !== clientId) return e;
      found = true;
      const next = { ...e, ...patch };
      if (!next.error) delete next.error;
      return next;
    });
    if (found) this.save();
    return found;
  }

  private save(): void {
    try {
      this.storage.set(this.key, JSON.stringify(this.items));
    } catch {
      // Storage full or blocked: the outbox still works for this page view.
    }
  }
}

function readEntries(storage: KeyValueStorage, key: string): OutboxEntry[] {
  try {
    const raw = storage.get(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is OutboxEntry =>
        !!e &&
        typeof e.clientId === 'string' &&
        typeof e.text === 'string' &&
        typeof e.createdAt === 'string' &&
        (e.conversationId === undefined || typeof e.conversationId === 'string'),
    );
  } catch {
    return [];
  }
}
