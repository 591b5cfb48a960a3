// The loaded widget: state (open, visible, ready, mode), the JS API's commands (W7) and the
// postMessage link with the chat iframe (types in @palique/protocol embed.ts).
import type { FrameToHost, HostToFrame } from '@palique/protocol';
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
    `${base}/widget/?` + new URLSearchParams({ w: widgetId, o: location.origin, s: JSON.stringify({ ...setup, embedTo: !!into }) }),
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
      localStorage.setItem(storeKey, JSON.stringify({ ...readStore(), [key]: value }));
    } catch {
      // Host storage blocked too: the visitor is remembered for this page view only.
    }
  };
  const post = (message: Untagged<HostToFrame>) => view.frame.contentWindow?.postMessage({ palique: 1, ...message }, base);
  /** The site's commands and the page views wait for the app, in one queue, in call order. */
  const command = (message: Untagged<HostToFrame>) => (ready ? post(message) : queued.push(message));

  // C3: page views (the first page, history changes, Palique('pageView')) go in the same queue.
  // Repeats of the same URL are skipped. The chat app keeps the referrer of the first one only, and
  // adds what it reads as well as the page (language, time zone, screen).
  let lastUrl = '';
  const pageView = () => {
    const url = location.href;
    if (url == lastUrl) return;
    command({ type: 'pageView', arg: { url, title: document.title, referrer: document.referrer } });
    lastUrl = url;
  };
  // History changes (pushState, replaceState, popstate, a single-page app's router): a look at the
  // address twice a second, which also reads the title the app sets after its URL. Palique('pageView')
  // makes the next look report the page even at the same address.
  const watch = setInterval(pageView, 500);
  pageView();

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
    if (data?.palique !== 1) return;
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
    // The target is an element, or (a click on the page's edge) the document, which has no closest().
    if ((event.target as Element).closest?.(opener)) {
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
        // The site's commands wait for the chat app, in call order; it checks every argument.
      } else if (/^(setVisitor|setData|setLanguage|sendAutoMessage|restart)$/.test(method as string)) {
        command({ type: method, arg } as Untagged<HostToFrame>);
      } else if (method === 'pageView') lastUrl = '';
      else if (method === 'kill') {
        // W7: nothing of the widget stays: its element and iframe (so its connection), its listeners;
        // the site's handlers are never called again (nothing is left to emit events).
        killed = true;
        clearInterval(watch);
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
