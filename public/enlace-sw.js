// The contact's board's own service worker (/enlace/sw.js, scope /enlace/), so the board opens
// offline from its own first visit, even for a contact who never opened the trainee app.
// `scripts/precache.mjs --board` writes it into dist/enlace/ with the board build's version and
// files. Trainees never fetch it: the app's worker (/sw.js) does not list the board, and only
// the board's page registers this one. Its caches are named `enlace-…`, apart from the app's
// `jornada-…` (the app's worker deletes its own older caches by that prefix).
'use strict';

const VERSION = '__ENLACE_VERSION__';
const PRECACHE = __ENLACE_PRECACHE__; // every file of the board's build, and the icon it links
const CACHE_PREFIX = 'enlace-';
const CACHE = CACHE_PREFIX + VERSION;
const PAGE = '/enlace/';
const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  // A first install takes over at once (nothing to interrupt: the board keeps no state in the
  // page it would lose); an update waits, like the app's, until every board tab is closed.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const responses = await Promise.all(PRECACHE.map(async (url) => {
      const res = await fetch(new Request(url, { cache: HASHED.test(url) ? 'default' : 'reload' }));
      if (!res.ok) throw new Error(`precache: ${url} answered ${res.status}`);
      return [url, res];
    }));
    await Promise.all(responses.map(([url, res]) => cache.put(url, res)));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The page: from the network when it answers (a new release arrives at once), else this
  // version's copy. Everything else it asks for is in the cache under its own path.
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      try {
        const res = await fetch(req);
        if (res.ok) return res;
      } catch (e) { /* offline: the copy below */ }
      return (await caches.open(CACHE)).match(PAGE);
    })());
    return;
  }
  event.respondWith((async () => {
    const hit = await (await caches.open(CACHE)).match(url.pathname);
    return hit || fetch(req);
  })());
});
