// The chat client's key/value storage in the browser. The iframe's own localStorage when the
// browser allows it; when it blocks third-party storage, the host page's localStorage through
// the loader (so the visitor stays the same visitor after a reload, W4, and the outbox
// survives, R2); memory as a last resort (no answer from the loader).
import type { FrameToHost, HostToFrame } from '@palique/protocol';
import type { KeyValueStorage } from '@palique/client';

const HOST_STORAGE_TIMEOUT_MS = 1_500;

export function frameStorage(): KeyValueStorage | null {
  try {
    const ls = window.localStorage;
    const probe = 'palique:probe';
    ls.setItem(probe, '1');
    ls.removeItem(probe);
    return { get: (k) => ls.getItem(k), set: (k, v) => ls.setItem(k, v) };
  } catch {
    return null;
  }
}

export function hostStorage(hostOrigin: string): Promise<KeyValueStorage> {
  const entries = new Map<string, string>();
  const post = (m: FrameToHost) => window.parent.postMessage(m, hostOrigin);
  const storage: KeyValueStorage = {
    get: (k) => entries.get(k),
    set: (k, v) => {
      entries.set(k, v);
      post({ palique: 1, type: 'store', key: k, value: v });
    },
  };
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(storage);
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as HostToFrame | null;
      if (event.source !== window.parent || event.origin !== hostOrigin || data?.palique !== 1 || data.type !== 'storage') return;
      for (const [k, v] of Object.entries(data.entries ?? {})) if (typeof v === 'string') entries.set(k, v);
      done();
    };
    const timer = setTimeout(done, HOST_STORAGE_TIMEOUT_MS);
    window.addEventListener('message', onMessage);
    post({ palique: 1, type: 'storageRequest' });
  });
}
