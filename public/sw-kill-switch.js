// Kill switch: ship this file as /sw.js to retire the Jornada service worker (see README).
// It takes over at once, deletes Jornada's caches, reloads open tabs once, and leaves every
// request to the network: it has no fetch handler, so nothing is served from cache any more.
// It stays registered on purpose: the app registers /sw.js at every start, and a worker that
// unregistered itself would be installed again, and reload the tab again, at every start.
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('jornada-')).map((n) => caches.delete(n)));
    const clients = await self.clients.matchAll({ type: 'window' });
    clients.forEach((c) => c.navigate(c.url));
  })());
});
