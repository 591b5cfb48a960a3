// The chat client's key/value storage in the browser: localStorage, or memory when the browser
// blocks storage in third-party frames (the widget then forgets the visitor on reload, but works).
import type { KeyValueStorage } from './outbox';

export function browserStorage(): KeyValueStorage {
  try {
    const ls = window.localStorage;
    const probe = 'charla:probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return { get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v) };
  } catch {
    return new Map<string, string>();
  }
}
