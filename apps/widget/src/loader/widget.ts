// The loaded widget: state (open, visible, ready, mode), the JS API's commands (W7) and the
// postMessage link with the chat iframe (types in @palique/protocol embed.ts).
import type { FrameToHost, HostToFrame, VisitorUpdate } from '@palique/protocol';
import type { LoaderConfig } from './script-config';
import { createView } from './widget-view';
import { createEvents } from './events';

type Untagged<T> = T extends unknown ? Omit<T, 'palique'> : never;

/** The Palique() function, or nothing when PaliqueSetup keeps the widget off this device. */
export function createWidget({ base, widgetId, setup }: LoaderConfig) {
  // W7: mobileOnly / disableOnMobile.
  const mobile = /Mobi|Android/i.test(navigator.userAgent);
  if (mobile ? setup.disableOnMobile : setup.mobileOnly) return;
  const events = createEvents();
  let open = false;
  let ready = false;
  /** Messages for the chat app, in call order, until it says it is ready to hear them. */
  let queued: Untagged<HostToFrame>[] = [];
  const into = typeof setup.embedTo === 'string' ? document.querySelector(setup.embedTo) : setup.embedTo || null;
  const view = createView(
    // The chat app reads what it uses (language, header colours, the signed user id, embedTo) from `s`;
    // an element would not survive JSON (frameworks hang circular objects on DOM nodes).
    `${base}/widget/?w=${encodeURIComponent(widgetId)}&o=${encodeURIComponent(location.origin)}&s=${encodeURIComponent(JSON.stringify({ ...setup, embedTo: !!into }))}`,
    setup,
    into,
    (into ? ' E' : '') + (setup.customLauncher ? ' H' : ''),
    () => (open ? close(true) : show(true)),
  );
  if (!setup.deferredLoading || into) view.load();

  // The chat app's storage on the host's origin, for browsers that block it in the iframe.
  const storeKey = `palique:${widgetId}`;
  const readStore = (): Record<string, string> => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || '{}');
    } catch {
      return {};
    }
  };
  const writeStore = (key: string, value: string) => {
    try {
      localStorage.setItem(storeKey, JSON.stringify({ ...readStore(), [key]: String(value) }));
    } catch {
      // Host storage blocked too: the visitor is remembered for this page view only.
    }
  };
  const post = (message: Untagged<HostToFrame>) => view.frame.contentWindow?.postMessage({ palique: 1, ...message }, base);
  /** Commands (setVisitor, setLanguage, restart, sendAutoMessage) wait for the app, in call order. */
  const command = (message: Untagged<HostToFrame>) => (ready ? post(message) : queued.push(message));

  function show(andOpen: boolean) {
    view.setVisible(true);
    if (!andOpen || open) return;
    view.load();
    open = true;
    view.setOpen(true);
    post({ type: 'open' });
    events.emit('open');
  }
  function close(focusLauncher: boolean) {
    // Embedded, the chat is part of the page: it stays open.
    if (!open || into) return;
    open = false;
    view.setOpen(false);
    post({ type: 'close' });
    if (focusLauncher) view.focusLauncher();
    events.emit('close');
  }

  const onMessage = (event: MessageEvent) => {
    if (event.source !== view.frame.contentWindow || event.origin !== base) return;
    const data = event.data as FrameToHost | null;
    if (!data || data.palique !== 1) return;
    switch (data.type) {
      case 'ready':
        ready = true;
        view.setLive(data.mode === 'live');
        queued.forEach(post);
        queued = [];
        post({ type: open ? 'open' : 'close' });
        events.emit('ready');
        break;
      case 'mode':
        view.setLive(data.mode === 'live');
        events.emit('modeChange', data.mode);
        break;
      case 'message':
        events.emit('message', data.message);
        break;
      case 'unread':
        view.setUnread(data.count);
        events.emit('unread', data.count);
        break;
      case 'requestOpen':
        show(true);
        break;
      case 'requestClose':
        close(true);
        break;
      case 'storageRequest':
        post({ type: 'storage', entries: readStore() });
        break;
      case 'store':
        writeStore(data.key, data.value);
        break;
    }
  };
  // W7: any link to #palique-open, and the elements of PaliqueSetup.customLauncher, open the chat.
  const opener = 'a[href="#palique-open"]' + (setup.customLauncher ? ',' + setup.customLauncher : '');
  const onClick = (event: Event) => {
    const target = event.target;
    if (target instanceof Element && target.closest(opener)) {
      event.preventDefault();
      show(true);
    }
  };
  addEventListener('message', onMessage);
  document.addEventListener('click', onClick);

  events.on('message', setup.onNewMessage);
  view.setVisible(!setup.startHidden);
  if (location.hash === '#palique-open' || into) show(true);

  let killed = false;
  /** window.Palique(method, ...args) */
  return function Palique(method: unknown, arg?: unknown, fn?: unknown): void {
    try {
      if (killed) return;
      if (method === 'open') show(true);
      else if (method === 'close') close(false);
      else if (method === 'show') show(false);
      else if (method === 'hide') {
        close(false);
        view.setVisible(false);
        // The chat app checks every argument: the loader only forwards them.
      } else if (method === 'setVisitor') command({ type: 'setVisitor', visitor: arg as VisitorUpdate });
      else if (method === 'sendAutoMessage') command({ type: 'autoMessage', text: arg as string });
      // W3: the frame checks the language; PaliqueSetup.language reached it in its address.
      else if (method === 'setLanguage') command({ type: 'setLanguage', language: arg as string });
      else if (method === 'restart') {
        // F10: revoke the visitor token and start a new anonymous visitor (e.g. on the site's sign-out).
        command({ type: 'restart' });
      } else if (method === 'kill') {
        // W7: nothing of the widget stays: its element and iframe (so its connection), its listeners;
        // the site's handlers are never called again (nothing is left to emit events).
        killed = true;
        view.remove();
        removeEventListener('message', onMessage);
        document.removeEventListener('click', onClick);
      } else if (method === 'on') events.on(arg, fn);
      else if (method === 'off') events.off(arg, fn);
      else console.warn('Palique: unknown', method);
    } catch (err) {
      console.error('Palique:', err);
    }
  };
}
