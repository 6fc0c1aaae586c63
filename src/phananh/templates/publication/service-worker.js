// Phananh's service worker: the report form and its assets open without a connection.
// Pages: network first, then the kept copy (only the report form is kept), then the offline page.
// Static files: cache first (their URLs change with their content in production).
// Never touched: anything but GET (so no POST is ever cached), other origins, staff and API paths.
"use strict";
var CONFIG = {{ config|safe }};

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CONFIG.cache).then(function (cache) {
      return cache.addAll(CONFIG.shell.concat([CONFIG.offline])).then(function () {
        // The form is welcome but not required: a failure here must not block the install.
        return Promise.all(CONFIG.pages.map(function (url) {
          return cache.add(url).catch(function () {});
        }));
      });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("phananh-") === 0 && name !== CONFIG.cache;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function bypassed(path) {
  return CONFIG.bypass.some(function (prefix) { return path.indexOf(prefix) === 0; });
}

function keep(request, response) {
  var copy = response.clone();
  caches.open(CONFIG.cache).then(function (cache) { return cache.put(request, copy); }).catch(function () {});
}

function page(request, url) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected && !url.search && CONFIG.pages.indexOf(url.pathname) !== -1) {
      keep(new Request(url.pathname), response);
    }
    return response;
  }).catch(function () {
    var kept = url.search ? Promise.resolve(undefined) : caches.match(url.pathname, { ignoreVary: true });
    return kept.then(function (hit) {
      return hit || caches.match(CONFIG.offline, { ignoreVary: true });
    }).then(function (hit) {
      return hit || Response.error();
    });
  });
}

function asset(request) {
  return caches.match(request, { ignoreVary: true }).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") keep(request, response);
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || bypassed(url.pathname)) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, url));
  } else if (url.pathname.indexOf(CONFIG.static) === 0) {
    event.respondWith(asset(request));
  }
});
