// Jornada service worker. scripts/precache.mjs fills in the build's version and file list at
// build time (Trunk post_build hook): nobody writes the list by hand.
'use strict';

const VERSION = '__JORNADA_VERSION__';
const PRECACHE = __JORNADA_PRECACHE__; // [[url, revision, from?], …] for every file of the build
const CACHE_PREFIX = 'jornada-';
const CACHE = CACHE_PREFIX + VERSION;
// The loading shell, for app routes that have no prerendered page (a result page, say).
const SHELL = '/app.html';
// Navigations to these paths get their prerendered page, or the shell (deep links work
// offline); others are not taken over.
// A lesson route, whose prerendered page is kept once opened; and how long to wait for it.
const LESSON = /^\/tema\/[^/]+\/leccion\/[^/]+\/?$/;
const LESSON_WAIT_MS = 2500;
const APP_ROUTES = [/^\/$/, /^\/tema\/[^/]+(\/.*)?$/, /^\/glosario\/?$/, /^\/ayuda\/?$/, /^\/privacidad\/?$/, /^\/buscar\/?$/, /^\/perfil\/?$/, /^\/respaldo\/?$/, /^\/bienvenida\/?$/, /^\/repaso\/?$/, /^\/constancia\/[^/]+$/];

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the trainee chooses to update.
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // Hashed files are immutable: the copy the page just downloaded is reused from the HTTP
    // cache. The others (pages, manifest, icons) are fetched fresh. A page the server sends with
    // its stylesheet inlined (a first visit paints sooner) is fetched as its copy that links the
    // stylesheet, `from`, and kept under its own URL: the same page without the CSS once per page
    // (scripts/precache.mjs, 1a and 1c). All fetched before any is stored, as `addAll` does.
    const HASHED = /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css)$/;
    const responses = await Promise.all(PRECACHE.map(async ([url, , from = url]) => {
      const res = await fetch(new Request(from, { cache: HASHED.test(from) ? 'default' : 'reload' }));
      if (!res.ok) throw new Error(`precache: ${from} answered ${res.status}`);
      return [url, res];
    }));
    await Promise.all(responses.map(([url, res]) => cache.put(url, res)));
  })());
});

self.addEventListener('activate', (event) => {
  // Runs only after this version's precache completed (install succeeded). Deletes only this
  // app's older caches, never the current one.
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'VERSION' && event.ports[0]) event.ports[0].postMessage(VERSION);
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The contact's board (/enlace/) is not precached (trainees would pay for it): network first,
  // and a copy in this version's cache so it opens offline after one visit.
  if (url.pathname === '/enlace' || url.pathname.startsWith('/enlace/')) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok) await cache.put(req, res.clone());
        return res;
      } catch (e) {
        const hit = await cache.match(req, { ignoreSearch: true });
        if (hit) return hit;
        throw e;
      }
    })());
    return;
  }
  if (req.mode === 'navigate') {
    if (!APP_ROUTES.some((r) => r.test(url.pathname))) return;
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const page = url.pathname.replace(/\/+$/, '') + '/index.html';
      const hit = await cache.match(page);
      if (hit) return hit;
      // A lesson's prerendered page is not precached (its text is in the precached topic
      // file): fetch it and keep it; offline, or on a link too slow to answer, the shell,
      // which the app fills from the topic file.
      if (LESSON.test(url.pathname)) {
        try {
          const res = await Promise.race([
            fetch(req),
            new Promise((_, reject) => setTimeout(() => reject(new Error('lento')), LESSON_WAIT_MS)),
          ]);
          if (res.ok) {
            await cache.put(page, res.clone());
            return res;
          }
        } catch (e) { /* offline or slow: the shell below */ }
      }
      return (await cache.match(SHELL)) || fetch(req);
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(url.pathname)) || fetch(req);
  })());
});
