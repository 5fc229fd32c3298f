// Ügykalauz service worker: keeps the app itself available offline. The knowledge-base snapshot is
// the app's business (IndexedDB); API calls pass through untouched so the app can tell online from
// offline answers. The cache name changes with every build (@UGK_WEB_VERSION@ is a source hash).
const kCache = 'ugk-app-@UGK_WEB_VERSION@';
const kShell = ['/', '/app.js', '/components.js', '/core.js', '/format.js', '/guide.js', '/offline.js', '/search-hu.js', '/snowball-hungarian.js',
  '/manifest.webmanifest', '/icon.svg',
  '/icon-maskable.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(kCache).then((cache) => cache.addAll(kShell)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('ugk-app-') && n !== kCache).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/v1/')) return;
  // Cache first (a village with one bar of signal should not wait for the network), refreshed in
  // the background; "/?procedure=..&settlement=.." links open the cached page.
  const key = event.request.mode === 'navigate' ? '/' : event.request;
  event.respondWith(
    caches.open(kCache).then(async (cache) => {
      const cached = await cache.match(key, { ignoreSearch: event.request.mode === 'navigate' });
      const network = fetch(event.request)
        .then((response) => {
          if (response.ok && kShell.includes(url.pathname)) cache.put(key, response.clone());
          return response;
        });
      if (cached) {
        event.waitUntil(network.catch(() => {}));
        return cached;
      }
      return network;
    }),
  );
});
