// The list page's map: the reports in the visible box, counted into clusters by the server, with
// the list's own filters. Without JavaScript (or Leaflet, or fetch) the box stays hidden and the
// list works alone. No tiles needed: our ward outlines say where you are when MAP_TILE_URL is empty.
(function () {
  "use strict";
  var el = document.getElementById("list-map");
  if (!el || !window.L || !window.fetch || !window.URLSearchParams) return;
  var box = el.closest(".list-map-box");
  var statusLine = box.querySelector(".list-map-status");
  var data = el.dataset;
  var lang = document.documentElement.lang || "vi";
  var STORE = "phananh:list-map";
  var centre = data.centre.split(",").map(Number);  // the city's point (city.json)
  var DEFAULT_VIEW = { lat: centre[0], lng: centre[1], zoom: 12 };

  box.hidden = false;
  box.parentNode.classList.add("has-map");

  var stored = null;
  try { stored = JSON.parse(window.sessionStorage.getItem(STORE) || "null"); } catch (e) { stored = null; }
  var view = stored && isFinite(stored.lat) && isFinite(stored.lng) && isFinite(stored.zoom) ? stored : DEFAULT_VIEW;
  var map = L.map(el, { maxZoom: 19 }).setView([view.lat, view.lng], view.zoom);
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 19, attribution: data.attribution }).addTo(map);
  }
  var clusters = L.layerGroup().addTo(map);
  var pins = L.layerGroup().addTo(map);
  // Report pins by code, kept from one answer to the next so that an open popup stays open when
  // the map pans to show it (which asks for the new box).
  var pinByCode = {};

  // The list's filters, as the page's address has them; the page cursor means nothing to the map.
  var params = new URLSearchParams(window.location.search);
  ["after", "bbox", "zoom"].forEach(function (name) { params.delete(name); });
  // The language goes in the address so that a shared cache keeps one answer per language.
  params.set("lang", lang);
  var filteredArea = params.get("area");
  var moved = false;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (all, name) {
      return values[name] !== undefined ? values[name] : all;
    });
  }

  var compact = null;
  try { compact = new Intl.NumberFormat(lang, { notation: "compact" }); } catch (e) { compact = null; }
  function shortCount(n) { return compact && n >= 1000 ? compact.format(n) : String(n); }

  function say(text) { statusLine.textContent = text; }

  function popup(p) {
    var root = document.createElement("div");
    root.className = "map-popup";
    var head = document.createElement("p");
    var badge = document.createElement("span");
    badge.className = "badge" + (/^[a-z_]+$/.test(p.status) ? " status-" + p.status : "");
    badge.textContent = p.status_label;
    var code = document.createElement("span");
    code.className = "code";
    code.textContent = p.code;
    head.appendChild(badge);
    head.appendChild(document.createTextNode(" "));
    head.appendChild(code);
    root.appendChild(head);
    if (p.category) {
      var category = document.createElement("strong");
      category.textContent = p.category;
      root.appendChild(category);
    }
    if (p.text) {
      var text = document.createElement("p");
      text.textContent = p.text;
      root.appendChild(text);
    }
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = data.open;
    root.appendChild(link);
    return root;
  }

  function clusterMarker(latlng, count) {
    var size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 46 : 52;
    var icon = L.divIcon({
      className: "map-cluster",
      html: "<span>" + shortCount(count) + "</span>",
      iconSize: [size, size]
    });
    var marker = L.marker(latlng, { icon: icon, title: fill(data.cluster, { count: count }), keyboard: true });
    marker.on("click", function () {
      map.setView(latlng, Math.min(map.getZoom() + 2, map.getMaxZoom()));
    });
    return marker;
  }

  function reportMarker(latlng, p) {
    var marker = L.marker(latlng, { title: p.code + (p.category ? " · " + p.category : ""), alt: p.code });
    marker.report = p;
    marker.bindPopup(function () { return popup(marker.report); }, { maxWidth: 260 });
    return marker;
  }

  function draw(answer) {
    clusters.clearLayers();
    var shown = {};
    answer.features.forEach(function (f) {
      var latlng = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      var p = f.properties;
      if (!p.code) {
        clusters.addLayer(clusterMarker(latlng, p.count));
        return;
      }
      shown[p.code] = true;
      var pin = pinByCode[p.code];
      if (pin) {
        pin.report = p;
        // Moving a pin redraws its open popup (Leaflet fills it again): only when it did move,
        // or a tap on "Open the report" while the panned box loads lands on a replaced link.
        var at = pin.getLatLng();
        if (at.lat !== latlng[0] || at.lng !== latlng[1]) pin.setLatLng(latlng);
      } else {
        pinByCode[p.code] = reportMarker(latlng, p).addTo(pins);
      }
    });
    Object.keys(pinByCode).forEach(function (code) {
      if (!shown[code]) {
        pins.removeLayer(pinByCode[code]);
        delete pinByCode[code];
      }
    });
    if (answer.truncated) {
      say(fill(data.truncated, { count: answer.features.length }));
    } else if (!answer.count) {
      say(data.none);
    } else {
      say(answer.count === 1 ? data.countOne : fill(data.countMany, { count: answer.count }));
    }
  }

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  var timer = null;
  var pending = null;

  function load() {
    var bounds = map.getBounds();
    var west = clamp(bounds.getWest(), -180, 180);
    var east = clamp(bounds.getEast(), -180, 180);
    var south = clamp(bounds.getSouth(), -90, 90);
    var north = clamp(bounds.getNorth(), -90, 90);
    if (!(east > west && north > south)) {
      box.classList.remove("is-loading");
      return;
    }
    var zoom = Math.round(map.getZoom());
    // The server's grid: asking for whole cells means the same address (and a cached answer)
    // after a small pan.
    var cell = 360 / Math.pow(2, zoom) / 4;
    west = Math.max(-180, Math.floor(west / cell) * cell);
    south = Math.max(-90, Math.floor(south / cell) * cell);
    east = Math.min(180, Math.ceil(east / cell) * cell);
    north = Math.min(90, Math.ceil(north / cell) * cell);
    params.set("bbox", [west, south, east, north].join(","));
    params.set("zoom", String(zoom));
    if (pending) pending.abort();
    var controller = window.AbortController ? new AbortController() : null;
    pending = controller;
    box.classList.add("is-loading");
    say(data.loading);
    fetch(data.url + "?" + params.toString(), { signal: controller ? controller.signal : undefined })
      .then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) throw new Error(answer.error || response.status);
          return answer;
        });
      })
      .then(function (answer) {
        if (pending !== controller) return;
        draw(answer);
        box.classList.remove("is-loading");
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        box.classList.remove("is-loading");
        say(data.error);
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    // Loading from the moment a new box is due, not only once it is asked for: what is drawn
    // is about to be replaced.
    box.classList.add("is-loading");
    timer = window.setTimeout(load, 250);
  }

  map.on("moveend", function () {
    var centre = map.getCenter();
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify({ lat: centre.lat, lng: centre.lng, zoom: map.getZoom() }));
    } catch (e) { /* private mode: the view is simply not remembered */ }
    schedule();
  });
  map.on("movestart", function () {
    moved = true;
    // Not while the map is still moving: the box is only known once it stops.
    window.clearTimeout(timer);
  });

  fetch(data.outlinesUrl).then(function (r) { return r.json(); }).then(function (outlines) {
    var layer = L.geoJSON(outlines, {
      interactive: false,
      style: { color: "#7a1f2b", weight: 1, fillOpacity: 0.03 },
      pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 3, color: "#7a1f2b", interactive: false }); }
    }).addTo(map);
    layer.bringToBack();
    // A list filtered to one ward opens on that ward, unless the visitor already chose a view.
    if (filteredArea && !stored && !moved) {
      layer.eachLayer(function (ward) {
        if (ward.feature.properties.code === filteredArea && ward.getBounds) map.fitBounds(ward.getBounds());
      });
    }
  }).catch(function () {});

  load();
})();
