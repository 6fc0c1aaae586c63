// The alerts form: show the fields of the chosen kind (a ward, or a point with a distance), and a
// map to place the point with the circle it covers. Without JavaScript every field is shown and
// the latitude and longitude are typed.
(function () {
  "use strict";
  var form = document.querySelector(".alert-form");
  if (!form) return;
  var kinds = form.querySelectorAll("input[name=kind]");
  var parts = form.querySelectorAll("fieldset[data-kind]");
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var radius = form.querySelector("select[name=radius]");
  var el = document.getElementById("alert-map");
  var map = null, marker = null, circle = null;

  function chosen() {
    for (var i = 0; i < kinds.length; i++) if (kinds[i].checked) return kinds[i].value;
    return "ward";
  }

  function draw() {
    if (!map) return;
    var a = parseFloat(lat.value), b = parseFloat(lon.value);
    if (!isFinite(a) || !isFinite(b)) return;
    var metres = parseInt(radius.value, 10) || 500;
    if (!marker) {
      marker = L.marker([a, b]).addTo(map);
      circle = L.circle([a, b], { radius: metres }).addTo(map);
    } else {
      marker.setLatLng([a, b]);
      circle.setLatLng([a, b]).setRadius(metres);
    }
    map.fitBounds(circle.getBounds(), { maxZoom: 17 });
  }

  function setUpMap() {
    if (map || !el || !window.L) return;
    el.hidden = false;
    var centre = (form.dataset.centre || "16.4637,107.5909").split(",").map(Number);
    var start = [centre[0], centre[1]], zoom = 13;
    try {  // the list page's map: start where the visitor was looking
      var seen = JSON.parse(window.sessionStorage.getItem("phananh:list-map") || "null");
      if (seen && isFinite(seen.lat) && isFinite(seen.lng)) { start = [seen.lat, seen.lng]; zoom = Math.max(seen.zoom || 13, 13); }
    } catch (e) { /* no storage: the city's centre */ }
    map = L.map(el, { maxZoom: 19 }).setView(start, zoom);
    if (form.dataset.tiles) {
      L.tileLayer(form.dataset.tiles, { maxZoom: 19, attribution: form.dataset.attribution }).addTo(map);
    }
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      draw();
    });
    draw();
  }

  function show() {
    var kind = chosen();
    for (var i = 0; i < parts.length; i++) parts[i].hidden = parts[i].dataset.kind !== kind;
    if (kind === "radius") {
      setUpMap();
      if (map) map.invalidateSize();
    }
  }

  for (var i = 0; i < kinds.length; i++) kinds[i].addEventListener("change", show);
  [lat, lon, radius].forEach(function (input) { input.addEventListener("change", draw); });
  window.addEventListener("load", show);
  show();
})();
