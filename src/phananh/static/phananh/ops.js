// The console: keyboard shortcuts and self-refresh on the triage queue, "who else is looking"
// on a report, and the switchboard's map pin. Everything works without it (plain forms).
(function () {
  "use strict";

  // ── Triage queue: j/k move, Enter opens, a assigns to the suggestion, x selects, r refreshes.
  var box = document.getElementById("queue-box");
  var current = -1;
  function rows() { return box ? box.querySelectorAll("tbody tr[data-code]") : []; }
  function select(index) {
    var list = rows();
    if (!list.length) return;
    current = Math.max(0, Math.min(index, list.length - 1));
    Array.prototype.forEach.call(list, function (row, i) { row.classList.toggle("current", i === current); });
    list[current].scrollIntoView({ block: "nearest" });
  }
  function refresh() {
    var table = document.getElementById("queue");
    if (!table || !window.fetch) return;
    var checked = Array.prototype.map.call(box.querySelectorAll("input[name=codes]:checked"), function (c) { return c.value; });
    fetch(table.dataset.refresh, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        box.innerHTML = html;
        checked.forEach(function (code) {
          var input = box.querySelector("input[name=codes][value='" + code + "']");
          if (input) input.checked = true;
        });
        if (current >= 0) select(current);
      }).catch(function () {});
  }
  if (box) {
    setInterval(function () { if (!document.hidden) refresh(); }, 30000);
    document.addEventListener("keydown", function (e) {
      if (e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
      var list = rows();
      var row = list[current];
      if (e.key === "j") select(current + 1);
      else if (e.key === "k") select(current - 1);
      else if (e.key === "Enter" && row) window.location = row.dataset.url;
      else if (e.key === "x" && row) { var c = row.querySelector("input[name=codes]"); if (c) c.checked = !c.checked; }
      else if (e.key === "a" && row) { var b = row.querySelector("button[data-key=a]"); if (b) b.click(); }
      else if (e.key === "r") refresh();
      else return;
      e.preventDefault();
    });
  }

  // ── A report: heartbeat, and who else has it open; keys on the workspace's main buttons.
  var workspace = document.querySelector(".workspace[data-presence]");
  if (workspace && window.fetch) {
    var note = workspace.querySelector(".presence");
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
    var beat = function () {
      fetch(workspace.dataset.presence, {
        method: "POST", credentials: "same-origin",
        headers: csrf ? { "X-CSRFToken": csrf.value } : {}
      }).then(function (r) { return r.ok ? r.json() : { others: [] }; })
        .then(function (data) {
          note.hidden = !data.others.length;
          note.textContent = note.dataset.label + " " + data.others.join(", ");
        }).catch(function () {});
    };
    beat();
    setInterval(function () { if (!document.hidden) beat(); }, 20000);
    document.addEventListener("keydown", function (e) {
      if (e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
      var button = workspace.querySelector("button[data-key='" + e.key + "']");
      if (!button) return;
      e.preventDefault();
      button.focus();
    });
  }

  // ── A map to drop a pin on (the switchboard's caller, the workspace's "Correct the place").
  // Ward centres are small dots, never pins: the one pin is the place being chosen.
  function pinMap(form, el, start) {
    var lat = form.querySelector("input[name=lat]");
    var lon = form.querySelector("input[name=lon]");
    var ward = form.querySelector(".ward");
    var here = start || form.dataset.centre.split(",").map(Number);
    var map = L.map(el).setView(here, start ? 16 : 13);
    if (form.dataset.tiles) L.tileLayer(form.dataset.tiles, { maxZoom: 19, attribution: form.dataset.attribution }).addTo(map);
    fetch(form.dataset.outlinesUrl).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, { style: { color: "#7a1f2b", weight: 1, fillOpacity: 0.03 },
        pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 3, weight: 1, color: "#5b6675", fillOpacity: 0.6, interactive: false }); } }).addTo(map);
    }).catch(function () {});
    var marker = start ? L.marker(start).addTo(map) : null;
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (marker) marker.setLatLng(e.latlng); else marker = L.marker(e.latlng).addTo(map);
      fetch(form.dataset.whereUrl + "?lat=" + lat.value + "&lon=" + lon.value)
        .then(function (r) { return r.json(); })
        .then(function (d) { if (ward) ward.textContent = d.area ? d.area.name : (d.message || ""); })
        .catch(function () {});
    });
    return map;
  }

  // ── Switchboard: the operator drops the pin where the caller says; categories suggested.
  var board = document.querySelector(".switchboard-form");
  if (board && window.L) pinMap(board, "map", null);
  if (board && window.fetch) {
    var text = board.querySelector("textarea[name=text]");
    var category = board.querySelector("select[name=category]");
    var box = board.querySelector(".suggestions");
    var timer = null;
    var ask = function () {
      var value = text.value.trim();
      if (value.length < 6) { box.textContent = ""; return; }
      fetch(board.dataset.suggestUrl + "?text=" + encodeURIComponent(value), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          box.textContent = "";
          var list = data.suggestions || [];
          if (!list.length) return;
          box.appendChild(document.createTextNode(box.dataset.label + " "));
          list.forEach(function (s) {
            var b = document.createElement("button");
            b.type = "button";
            b.textContent = s.name;
            b.dataset.code = s.category;
            b.setAttribute("aria-pressed", category.value === s.category ? "true" : "false");
            b.addEventListener("click", function () {
              category.value = s.category;
              Array.prototype.forEach.call(box.querySelectorAll("button"), function (o) { o.setAttribute("aria-pressed", o === b ? "true" : "false"); });
            });
            box.appendChild(b);
          });
        }).catch(function () {});
    };
    text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 400); });
  }

  // ── Workspace: "Correct the place" on a map, drawn when the section is opened.
  var relocate = document.querySelector("details.relocate");
  if (relocate && window.L) {
    var relocateMap = null;
    relocate.addEventListener("toggle", function () {
      if (!relocate.open) return;
      var form = relocate.querySelector(".relocate-form");
      var la = parseFloat(form.querySelector("input[name=lat]").value.replace(",", "."));
      var lo = parseFloat(form.querySelector("input[name=lon]").value.replace(",", "."));
      if (!relocateMap) relocateMap = pinMap(form, "relocate-map", isNaN(la) || isNaN(lo) ? null : [la, lo]);
      else relocateMap.invalidateSize();
    });
  }
})();
