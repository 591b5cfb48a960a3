// R2: the visitor's unacknowledged messages, persisted in the widget's key/value storage so a
// message written offline (or just before a reload) is still sent, once, when the network
// returns. "Once" is the server's job: every retry carries the same clientId.
import type { ErrorInfo } from '@palique/protocol';
import type { OutboxEntry } from './thread';

/** The tiny storage the client needs: localStorage in the browser, a Map in Node. */
export interface KeyValueStorage {
  get(key: string): string | null | undefined;
  set(key: string, value: string): void;
}

/** 32 hex characters from the CSPRNG (randomUUID needs a secure context; this does not). */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  private items: OutboxEntry[];

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {
    this.items = readEntries(storage, key);
  }

  get entries(): readonly OutboxEntry[] {
    return this.items;
  }

  add(text: string, createdAt = new Date().toISOString()): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientId(), text, createdAt };
    this.items = [...this.items, entry];
    this.save();
    return entry;
  }

  /** Entries to send, oldest first (failed ones wait for the visitor's "Retry"). */
  nextToSend(skip: ReadonlySet<string> = new Set()): OutboxEntry | undefined {
    return this.items.find((e) => !e.error && !skip.has(e.clientId));
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

  /** Puts a failed entry back in line; it keeps its clientId, so the server can still dedupe. */
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
        !!e && typeof e.clientId === 'string' && typeof e.text === 'string' && typeof e.createdAt === 'string',
    );
  } catch {
    return [];
  }
}
