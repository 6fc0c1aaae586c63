// A campaign's reports on a map: one marker per published report (a campaign is bounded).
(function () {
  "use strict";
  var el = document.getElementById("campaign-map");
  if (!el || !window.L) return;
  var centre = (el.dataset.centre || "16.4637,107.5909").split(",").map(parseFloat);
  var map = L.map(el, { scrollWheelZoom: false }).setView(centre, 13);
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution }).addTo(map);
  }
  fetch(el.dataset.url).then(function (r) { return r.json(); }).then(function (data) {
    var bounds = [];
    data.points.forEach(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], {
        radius: 7, weight: 2, color: p.handled ? "#1b5e20" : "#7a1f2b", fillOpacity: 0.6
      }).addTo(map);
      var link = document.createElement("a");
      link.href = "/reports/" + encodeURIComponent(p.code) + "/";
      link.textContent = p.code + " · " + el.dataset.open;
      marker.bindPopup(link);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] }); }
  }).catch(function () {});
})();
