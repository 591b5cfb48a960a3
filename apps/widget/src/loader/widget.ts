// The loaded widget: state (open, visible, ready, mode), the JS API's commands (W7) and the
// postMessage link with the chat iframe (types in @palique/protocol embed.ts).
import type { FrameToHost, HostToFrame, PageView, VisitorUpdate } from '@palique/protocol';
import type { LoaderConfig } from './script-config';
import { createView } from './widget-view';
import { createEvents } from './events';

type Untagged<T> = T extends unknown ? Omit<T, 'palique'> : never;

export function createWidget({ base, widgetId, setup }: LoaderConfig) {
  const events = createEvents();
  let open = false;
  let ready = false;
  let pendingVisitor: VisitorUpdate | null = null;
  let pendingRestart = false;
  // W3: the language asked for (PaliqueSetup.language, Palique('setLanguage', …)); the frame checks it.
  let language = typeof setup.language === 'string' ? setup.language : '';
  const lang = language ? `&l=${encodeURIComponent(language)}` : '';
  const view = createView(`${base}/widget/?w=${encodeURIComponent(widgetId)}&o=${encodeURIComponent(location.origin)}${lang}`, setup, () =>
    open ? close(true) : show(true),
  );

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
  const flushVisitor = () => {
    // A restart called before the chat app was ready goes first: later details are the new visitor's.
    if (ready && pendingRestart) post({ type: 'restart' });
    if (ready) pendingRestart = false;
    if (ready && pendingVisitor) post({ type: 'setVisitor', visitor: pendingVisitor });
    if (ready) pendingVisitor = null;
  };
  const postLanguage = () => language && post({ type: 'setLanguage', language });

  // C3: page views (the first page, history changes, Palique('pageView')), kept until the chat app
  // is ready. The referrer goes with the first one only; repeats of the same URL are skipped.
  const views: PageView[] = [];
  let lastUrl = '';
  const flushViews = () => ready && views.splice(0).map((view) => post({ type: 'pageView', view }));
  const pageView = (always?: boolean) => {
    const url = location.href;
    if (url == lastUrl && !always) return;
    views.push({
      url,
      title: document.title,
      ...(lastUrl ? {} : { referrer: document.referrer }),
      language: navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
      screen: `${screen.width}x${screen.height}`,
    });
    lastUrl = url;
    flushViews();
  };
  // A single-page app changes the title after the URL: read both a moment later.
  const soon = () => setTimeout(pageView, 50);
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      soon();
    };
  }
  addEventListener('popstate', soon);
  pageView();

  function show(andOpen: boolean) {
    view.setVisible(true);
    if (!andOpen || open) return;
    open = true;
    view.setOpen(true);
    post({ type: 'open' });
    events.emit('open');
  }
  function close(focusLauncher: boolean) {
    if (!open) return;
    open = false;
    view.setOpen(false);
    post({ type: 'close' });
    if (focusLauncher) view.focusLauncher();
    events.emit('close');
  }

  // The frame may load after an early Palique('open'): tell it the panel state once it listens.
  view.frame.addEventListener('load', () => {
    postLanguage();
    post({ type: open ? 'open' : 'close' });
  });
  window.addEventListener('message', (event) => {
    if (event.source !== view.frame.contentWindow || event.origin !== base) return;
    const data = event.data as FrameToHost | null;
    if (!data || data.palique !== 1) return;
    switch (data.type) {
      case 'ready':
        ready = true;
        view.setLive(data.mode === 'live');
        flushVisitor();
        flushViews();
        postLanguage();
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
  });

  // W7: any link to #palique-open opens the chat.
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (target instanceof Element && target.closest('a[href="#palique-open"]')) {
      event.preventDefault();
      show(true);
    }
  });

  view.setVisible(!setup.startHidden);
  if (location.hash === '#palique-open') show(true);

  /** window.Palique(method, ...args) */
  return function Palique(method: unknown, arg?: unknown, fn?: unknown): void {
    try {
      if (method === 'open') show(true);
      else if (method === 'close') close(false);
      else if (method === 'show') show(false);
      else if (method === 'hide') {
        close(false);
        view.setVisible(false);
      } else if ((method === 'setVisitor' || method === 'setData') && arg && typeof arg === 'object') {
        // C3: Palique('setData', {...}) is setVisitor's `data` alone (keys merge; checked and capped by the server).
        const update = (method === 'setData' ? { data: arg } : arg) as VisitorUpdate;
        pendingVisitor = { ...pendingVisitor, ...update, ...(pendingVisitor?.data || update.data ? { data: { ...pendingVisitor?.data, ...update.data } } : {}) };
        flushVisitor();
      } else if (method === 'setLanguage' && typeof arg === 'string') {
        language = arg;
        postLanguage();
      } else if (method === 'restart') {
        // F10: revoke the visitor token and start a new anonymous visitor (e.g. on the site's sign-out).
        pendingRestart = true;
        pendingVisitor = null;
        flushVisitor();
      } else if (method === 'pageView') setTimeout(pageView, 0, true);
      else if (method === 'on') events.on(String(arg), fn);
      else if (method === 'off') events.off(String(arg), fn);
      else console.warn('Palique: unknown', method);
    } catch (err) {
      console.error('Palique:', err);
    }
  };
}
