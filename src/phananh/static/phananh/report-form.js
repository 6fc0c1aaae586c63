// The report form: a map pin (or the device's location), the ward shown at once, category hints.
// Works without map tiles (ward outlines come from the server) and degrades to a plain form.
(function () {
  "use strict";
  var form = document.querySelector(".report-form");
  if (!form) return;
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var wardLabel = form.querySelector(".ward");
  var lang = document.documentElement.lang;

  function showWard() {
    if (!lat.value || !lon.value) return;
    fetch(form.dataset.whereUrl + "?lat=" + lat.value + "&lon=" + lon.value)
      .then(function (r) { return r.json(); })
      .then(function (data) { wardLabel.textContent = data.area ? data.area.name : (data.message || ""); })
      .catch(function () {});
  }

  if (window.L) {
    var map = L.map("map").setView([16.4637, 107.5909], 13);
    if (form.dataset.tiles) {
      L.tileLayer(form.dataset.tiles, { maxZoom: 19, attribution: form.dataset.attribution }).addTo(map);
    }
    fetch(form.dataset.outlinesUrl).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        style: { color: "#7a1f2b", weight: 1, fillOpacity: 0.03 },
        pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 3, color: "#7a1f2b" }); },
        onEachFeature: function (f, l) { l.bindTooltip(lang === "en" ? f.properties.en : f.properties.vi); }
      }).addTo(map);
      if (!lat.value && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { maxZoom: 13 });
    }).catch(function () {});
    var marker = null;
    function place(latlng) {
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { draggable: true }).addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng()); });
      showWard();
    }
    map.on("click", function (e) { place(e.latlng); });
    if (lat.value && lon.value) { place(L.latLng(+lat.value, +lon.value)); map.setView([+lat.value, +lon.value], 16); }
    document.getElementById("locate").addEventListener("click", function () {
      if (!navigator.geolocation) return;
      navigator.geolocation.getCurrentPosition(function (pos) {
        var ll = L.latLng(pos.coords.latitude, pos.coords.longitude);
        place(ll); map.setView(ll, 17);
      });
    });
  }

  var text = form.querySelector("textarea[name=text]");
  var select = form.querySelector("select[name=category]");
  var hints = form.querySelector(".suggestions");
  var timer = null;
  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(form.dataset.suggestUrl + "?text=" + encodeURIComponent(text.value))
        .then(function (r) { return r.json(); })
        .then(function (data) {
          hints.textContent = "";
          if (!data.suggestions.length) return;
          hints.appendChild(document.createTextNode(hints.dataset.label + " "));
          data.suggestions.forEach(function (s) {
            var b = document.createElement("button");
            b.type = "button"; b.textContent = s.name; b.dataset.category = s.category;
            b.addEventListener("click", function () { select.value = s.category; });
            hints.appendChild(b);
          });
        }).catch(function () {});
    }, 400);
  });
})();
