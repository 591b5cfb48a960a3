// The chat app's side of the postMessage link with the loader on the host page (types in
// @palique/protocol embed.ts). Only the parent window, from the origin the loader announced in
// the `o` parameter, is listened to and written to.
import type { FrameToHost, HostToFrame, Message } from '@palique/protocol';
import type { VisitorChatClient } from '@palique/client';

type Untagged<T> = T extends unknown ? Omit<T, 'palique'> : never;
export type FrameMessage = Untagged<FrameToHost>;

export interface HostLink {
  /** Whether the loader shows the panel (always true when the app is opened on its own). */
  readonly open: boolean;
  onPanel(listener: (open: boolean) => void): () => void;
  /** Palique('setLanguage', …) on the host page (W3); the value is the page's, not yet checked. */
  onLanguage(listener: (language: string) => void): () => void;
  /** W7 Palique('sendAutoMessage', text): a message shown as the team's, kept only in this page view. */
  onAutoMessage(listener: (text: string) => void): () => void;
  post(message: FrameMessage): void;
}

/** `o` must be a bare origin, or nothing is posted (a wildcard target would leak messages). */
export function parseHostOrigin(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const origin = new URL(raw).origin;
    return origin === raw && origin !== 'null' ? origin : null;
  } catch {
    return null;
  }
}

export function linkToHost(client: VisitorChatClient, hostOrigin: string | null): HostLink {
  const embedded = window.parent !== window && hostOrigin !== null;
  const listeners = new Set<(open: boolean) => void>();
  const languageListeners = new Set<(language: string) => void>();
  const autoListeners = new Set<(text: string) => void>();
  // Auto messages the page sent before the chat app listened (the page may send one as soon as it
  // hears `ready`, which can come before the app's first render): handed over when it does.
  const autoWaiting: string[] = [];
  let open = !embedded;
  let firstView = true;

  const post = (message: FrameMessage) => {
    if (embedded) window.parent.postMessage({ palique: 1, ...message } satisfies FrameToHost, hostOrigin);
  };
  const setOpen = (next: boolean) => {
    open = next;
    for (const l of listeners) l(next);
  };

  window.addEventListener('message', (event: MessageEvent) => {
    if (!embedded || event.source !== window.parent || event.origin !== hostOrigin) return;
    const data = event.data as HostToFrame | null;
    if (!data || data.palique !== 1) return;
    if (data.type === 'open') setOpen(true);
    else if (data.type === 'close') setOpen(false);
    else if ((data.type === 'setVisitor' || data.type === 'setData') && data.arg && typeof data.arg === 'object') {
      // C3: setData is setVisitor's `data` alone (keys merge; the server checks and caps).
      void client.setVisitor(data.type === 'setData' ? { data: data.arg } : data.arg);
    }
    else if (data.type === 'setLanguage' && typeof data.arg === 'string' && data.arg.length <= 35) {
      for (const l of languageListeners) l(data.arg);
    }
    else if (data.type === 'restart') void client.restart();
    else if (data.type === 'sendAutoMessage' && typeof data.arg === 'string' && data.arg.trim()) {
      const text = data.arg.slice(0, 2000);
      if (autoListeners.size === 0 && autoWaiting.length < 20) autoWaiting.push(text);
      for (const l of autoListeners) l(text);
    }
    // C3: the loader reads the page (url, title, referrer); this frame adds what it reads as well
    // (same browser and screen), and the referrer of the page load's first view only. The server
    // checks the page view and refuses what is wrong.
    else if (data.type === 'pageView' && data.arg && typeof data.arg === 'object') {
      const { referrer, ...view } = data.arg;
      client.pageView({ ...browserDetails(), ...view, ...(firstView ? { referrer } : {}) });
      firstView = false;
    }
  });

  let announcedReady = false;
  let mode = client.getState().mode;
  client.subscribe((state) => {
    if (!state.synced) return;
    if (!announcedReady) {
      announcedReady = true;
      mode = state.mode;
      post({ type: 'ready', mode });
    } else if (state.mode !== mode) {
      mode = state.mode;
      post({ type: 'mode', mode });
    }
  });
  client.onIncoming((m: Message) => {
    if (m.authorType === 'agent') post({ type: 'message', message: { text: m.text, authorName: m.authorName, createdAt: m.createdAt } });
  });

  return {
    get open() {
      return open;
    },
    onPanel(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onLanguage(listener) {
      languageListeners.add(listener);
      return () => languageListeners.delete(listener);
    },
    onAutoMessage(listener) {
      autoListeners.add(listener);
      for (const text of autoWaiting.splice(0)) listener(text);
      return () => autoListeners.delete(listener);
    },
    post,
  };
}

/** C3: the page view's details of the browser itself, read here rather than in the loader (its size is capped). */
export function browserDetails() {
  return {
    language: navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
    screen: `${screen.width}x${screen.height}`,
  };
}
