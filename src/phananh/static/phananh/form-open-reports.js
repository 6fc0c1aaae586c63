// The report form's map also shows the open reports already filed near the pin (or in the view,
// once zoomed in), so a resident sees the problem is known before writing it again. Reads the
// public map data (/reports/map.json) for a small box at the points' zoom.
(function () {
  "use strict";
  var form = document.querySelector(".report-form[data-open-url]");
  var map = form && form.phananhMap;
  if (!map || !window.fetch || !window.L) return;
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var line = form.querySelector(".open-reports");
  var statuses = form.dataset.openStatuses.split(",");
  var layer = L.layerGroup().addTo(map);
  var asked = "";
  var RADIUS = 0.005;  // degrees around the pin, about 500 m
  var CELL = 360 / Math.pow(2, 17) / 4;  // the server's grid at the points' zoom

  function snap(box) {
    return [Math.floor(box[0] / CELL) * CELL, Math.floor(box[1] / CELL) * CELL,
            Math.ceil(box[2] / CELL) * CELL, Math.ceil(box[3] / CELL) * CELL]
      .map(function (v) { return v.toFixed(6); }).join(",");
  }

  function popup(p) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("strong");
    title.textContent = p.code + (p.category ? " · " + p.category : "") + " · " + p.status_label;
    var text = document.createElement("p");
    text.textContent = p.text;
    var link = document.createElement("a");
    link.href = p.url + "#support";
    link.textContent = form.dataset.openFollow;
    box.appendChild(title); box.appendChild(text); box.appendChild(link);
    return box;
  }

  function show(features) {
    layer.clearLayers();
    features.forEach(function (f) {
      if (!f.properties.code) return;
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      L.circleMarker(ll, { radius: 8, weight: 2, color: "#b45309", fillColor: "#fbbf24", fillOpacity: 0.8, bubblingMouseEvents: false, className: "open-report" })
        .bindTooltip(f.properties.code + " · " + f.properties.text.slice(0, 60))
        .bindPopup(popup(f.properties))
        .addTo(layer);
    });
    var n = layer.getLayers().length;
    line.textContent = n === 0 ? "" : n === 1 ? form.dataset.openOne : form.dataset.openMany.replace("%(count)s", n);
  }

  function load(box) {
    var query = "zoom=17&bbox=" + snap(box) + statuses.map(function (s) { return "&status=" + s; }).join("");
    if (query === asked) return;
    asked = query;
    fetch(form.dataset.openUrl + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { features: [] }; })
      .then(function (data) { if (query === asked) show(data.features || []); })
      .catch(function () {});
  }

  function nearPin() {
    if (!lat.value || !lon.value) return;
    var y = parseFloat(lat.value), x = parseFloat(lon.value);
    load([x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS]);
  }

  form.addEventListener("phananh:place", nearPin);
  map.on("moveend", function () {
    if (map.getZoom() < 15) return;
    var b = map.getBounds();
    load([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
  });
  nearPin();
})();
