// A per-process cache for rarely changed account data read on every message (options, whether any
// agent has a push device). Asks arriving together share one read; a value is kept `ttlMs` and
// forgotten at once when this process changes it. Another process's change is seen within `ttlMs`.
export class ShortCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    if (this.entries.size >= this.max) this.entries.clear();
    const value = load();
    const entry = { value, until: now + this.ttlMs };
    this.entries.set(key, entry);
    // A failed read is not kept.
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
