// The key/value storage the clients persist in, handed in by the app: localStorage (or the host
// page's, through the loader) in the widget, a Map in Node. The clients never touch the DOM.
export interface KeyValueStorage {
  get(key: string): string | null | undefined;
  set(key: string, value: string): void;
}

/** Storage that lasts as long as the client (the dashboard's outbox, tests, the benchmark). */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}
