// The launcher's unread badge: agent messages with a seq after the last one the visitor saw
// with the panel open. The mark is stored, so replies that came while the visitor was away
// (W4) still count when they come back.
import { useEffect, useState } from 'preact/hooks';
import { countUnread, type ChatMessage, type KeyValueStorage } from '@palique/client';

export function useUnread(messages: readonly ChatMessage[], open: boolean, storage: KeyValueStorage, key: string, synced: boolean): number {
  const [lastRead, setLastRead] = useState(() => Number(storage.get(key)) || 0);
  const lastSeq = messages.reduce((max, m) => (m.seq !== null && m.seq > max ? m.seq : max), 0);
  useEffect(() => {
    // A synced thread shorter than the mark is another history (Palique('restart'), or a server
    // whose history went backwards, F15): the mark follows it down, or new replies would not count.
    const behind = synced && lastSeq < lastRead;
    if (!behind && (!open || lastSeq <= lastRead)) return;
    setLastRead(lastSeq);
    try {
      storage.set(key, String(lastSeq));
    } catch {
      // Storage blocked: the mark lasts for this page view.
    }
  }, [open, lastSeq, lastRead, storage, key, synced]);
  return open ? 0 : countUnread(messages, lastRead);
}
