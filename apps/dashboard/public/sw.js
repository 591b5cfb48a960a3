// Palique dashboard service worker (C9): makes the app installable and starts it offline by
// caching the app shell only. The API, sockets, the widget and the demo page always go to
// the network: cached conversations would be stale or, after sign-out, someone else's.
const CACHE = 'palique-shell-v1';
const SHELL = ['/', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];
const NEVER_CACHE = /^\/(api|socket\.io|widget|widget\.js|demo)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || NEVER_CACHE.test(url.pathname)) return;

  if (request.mode === 'navigate') {
    // Network first so a new deploy shows at once; the cached shell when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put('/', copy));
          }
          return response;
        })
        .catch(() => caches.match('/').then((r) => r || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: cache first.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }

  if (SHELL.includes(url.pathname)) {
    event.respondWith(fetch(request).catch(() => caches.match(request).then((r) => r || Response.error())));
  }
});

// A6 Web Push: the server's notice arrives here (the dashboard may be closed) and is shown as
// plain text. Only a same-origin dashboard path is ever opened from it.
function noticeOfPush(data) {
  const d = data && typeof data === 'object' ? data : {};
  const text = (v, fallback) => (typeof v === 'string' && v ? v : fallback);
  return {
    title: text(d.title, 'Palique'),
    options: {
      body: text(d.body, ''),
      tag: text(d.tag, 'palique'),
      icon: '/icon-192.png',
      silent: d.sound === false,
      data: { url: dashboardPath(d.url) },
    },
  };
}

/** A path of this dashboard (never another origin, nor `//host`); the conversation list otherwise. */
function dashboardPath(url) {
  return typeof url === 'string' && /^\/(?!\/)[^\\\s]*$/.test(url) ? url : '/conversations';
}

self.addEventListener('push', (event) => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  const notice = noticeOfPush(data);
  event.waitUntil(self.registration.showNotification(notice.title, notice.options));
});

// A click on a notification (in-page or pushed): focus an open dashboard and open the chat there,
// or open the dashboard at that chat.
function conversationIdOf(path) {
  const match = /^\/conversations\/([^/?#]+)$/.exec(path);
  return match ? decodeURIComponent(match[1]) : undefined;
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const conversationId = typeof data.conversationId === 'string' ? data.conversationId : conversationIdOf(dashboardPath(data.url));
  const path = conversationId ? '/conversations/' + encodeURIComponent(conversationId) : '/conversations';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows[0];
      if (open) {
        open.postMessage({ type: 'open-conversation', conversationId });
        return open.focus();
      }
      return self.clients.openWindow(path);
    }),
  );
});
