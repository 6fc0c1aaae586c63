// Leaflet guesses its marker images' folder from its CSS, which fails once static file names
// carry a content hash: this names them. Include it right after leaflet.js, with the three URLs.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!window.L || !script) return;
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: script.dataset.icon,
    iconRetinaUrl: script.dataset.retina,
    shadowUrl: script.dataset.shadow
  });
})();
