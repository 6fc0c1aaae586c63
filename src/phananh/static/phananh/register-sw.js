// Registers the service worker once the page has loaded, so it never slows the first visit.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-sw");
  if (!url || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(function () {});
  });
})();
