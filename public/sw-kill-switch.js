// Kill switch: ship this file as /sw.js to retire the Jornada service worker (see README).
// It takes over at once, deletes Jornada's caches, unregisters itself and leaves every request
// to the network. It has no fetch handler, so nothing is served from cache any more.
'use strict';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('jornada-')).map((n) => caches.delete(n)));
    await self.registration.unregister();
    const clients = await self.clients.matchAll({ type: 'window' });
    clients.forEach((c) => c.navigate(c.url));
  })());
});
