// A report's place on a small map: the pin, and our own ward outlines when tiles are unreachable.
(function () {
  "use strict";
  var el = document.getElementById("report-map");
  if (!el || !window.L) return;
  var point = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
  var map = L.map(el, { scrollWheelZoom: false }).setView(point, 16);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
  }
  fetch(el.dataset.outlinesUrl).then(function (r) { return r.json(); }).then(function (data) {
    L.geoJSON(data, { style: { color: "#7a1f2b", weight: 1, fillOpacity: 0.03 },
      pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 3 }); } }).addTo(map);
  }).catch(function () {});
  L.marker(point).addTo(map);
})();
