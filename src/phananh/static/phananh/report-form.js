// The report form: a map pin (or the device's location, or the photo's own GPS position), the ward
// shown at once, category hints, photos shrunk on the phone before upload, and a draft kept on the
// phone (IndexedDB) so that nothing is lost when the connection drops or the tab is closed.
// Without JavaScript, or on a browser too old for fetch and promises, it stays a plain HTML form.
(function () {
  "use strict";
  var form = document.querySelector(".report-form");
  if (!form) return;
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var wardLabel = form.querySelector(".ward");
  var photoNote = form.querySelector(".photo-location");
  var lang = document.documentElement.lang;
  var noop = function () {};

  function showWard() {
    if (!lat.value || !lon.value || !window.fetch) return;
    fetch(form.dataset.whereUrl + "?lat=" + lat.value + "&lon=" + lon.value)
      .then(function (r) { return r.json(); })
      .then(function (data) { wardLabel.textContent = data.area ? data.area.name : (data.message || ""); })
      .catch(noop);
  }

  // ---------------------------------------------------------------------------------------------
  // The place: one function sets the hidden fields, the pin and the ward, whoever proposes it.

  var map = null;
  var marker = null;
  var onPointChange = noop;

  function setPoint(latitude, longitude, options) {
    options = options || {};
    lat.value = latitude.toFixed(6);
    lon.value = longitude.toFixed(6);
    if (map) {
      var ll = L.latLng(latitude, longitude);
      if (marker) {
        marker.setLatLng(ll);
      } else {
        marker = L.marker(ll, { draggable: true }).addTo(map);
        marker.on("dragend", function () {
          var moved = marker.getLatLng();
          setPoint(moved.lat, moved.lng);
        });
      }
      if (options.zoom) map.setView(ll, options.zoom);
    }
    if (photoNote) photoNote.hidden = !options.fromPhoto;
    showWard();
    onPointChange();
    form.dispatchEvent(new CustomEvent("phananh:place"));
  }

  function clearPoint() {
    lat.value = "";
    lon.value = "";
    if (marker) { marker.remove(); marker = null; }
    wardLabel.textContent = "";
    if (photoNote) photoNote.hidden = true;
  }

  if (window.L) {
    map = L.map("map").setView(form.dataset.centre.split(",").map(Number), 13);
    form.phananhMap = map;  // for form-open-reports.js
    if (form.dataset.tiles) {
      L.tileLayer(form.dataset.tiles, { maxZoom: 19, attribution: form.dataset.attribution }).addTo(map);
    }
    if (window.fetch) {
      fetch(form.dataset.outlinesUrl).then(function (r) { return r.json(); }).then(function (data) {
        var layer = L.geoJSON(data, {
          style: { color: "#7a1f2b", weight: 1, fillOpacity: 0.03 },
          pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 3, color: "#7a1f2b" }); },
          onEachFeature: function (f, l) { l.bindTooltip(lang === "en" ? f.properties.en : f.properties.vi); }
        }).addTo(map);
        if (!lat.value && layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { maxZoom: 13 });
      }).catch(noop);
    }
    map.on("click", function (e) { setPoint(e.latlng.lat, e.latlng.lng); });
    if (lat.value && lon.value) setPoint(+lat.value, +lon.value, { zoom: 16 });
  }
  document.getElementById("locate").addEventListener("click", function () {
    if (!navigator.geolocation) return;
    navigator.geolocation.getCurrentPosition(function (pos) {
      setPoint(pos.coords.latitude, pos.coords.longitude, { zoom: 17 });
    });
  });

  // ---------------------------------------------------------------------------------------------
  // Category hints while typing.

  var text = form.querySelector("textarea[name=text]");
  var select = form.querySelector("select[name=category]");
  var hints = form.querySelector(".suggestions");
  var timer = null;
  text.addEventListener("input", function () {
    if (!window.fetch) return;
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
            b.type = "button"; b.dataset.category = s.category;
            b.textContent = s.name + " · " + Math.round(s.score * 100) + "%";
            b.title = hints.dataset.scoreLabel || "";
            b.addEventListener("click", function () {
              select.value = s.category;
              onPointChange();
              // As if picked in the select: the nearby panel (nearby.js) asks again for this kind.
              select.dispatchEvent(new Event("change", { bubbles: true }));
            });
            hints.appendChild(b);
          });
        }).catch(noop);
    }, 400);
  });

  // Everything below sends the form itself; without these the browser posts it as usual.
  if (!(window.fetch && window.Promise && window.FormData && window.URL && URL.createObjectURL &&
        window.DOMParser && HTMLCanvasElement.prototype.toBlob)) return;

  // ---------------------------------------------------------------------------------------------
  // Photos: the GPS position proposes the place; large photos are shrunk before they travel.

  var MAX_SIDE = 1600;
  var MAX_BYTES = 1.5 * 1024 * 1024;
  var QUALITY = 0.82;
  var HEAD_BYTES = 256 * 1024;  // EXIF (at most 64 KB) and the frame header sit at the start
  var fileInput = form.querySelector("input[type=file][name=uploads]");
  var previews = form.querySelector(".previews");
  var photoStatus = form.querySelector(".photo-status");
  var items = [];  // { file, name, type, originalSize, url }
  var preparing = Promise.resolve();

  function readBuffer(blob) {
    if (blob.arrayBuffer) return blob.arrayBuffer();
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsArrayBuffer(blob);
    });
  }

  function isJpeg(file) {
    return file.type === "image/jpeg" || (!file.type && /\.jpe?g$/i.test(file.name || ""));
  }

  function decode(file) {
    function withImage() {
      return new Promise(function (resolve, reject) {
        var url = URL.createObjectURL(file);
        var img = new Image();
        img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
        img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("undecodable")); };
        img.src = url;
      });
    }
    if (!window.createImageBitmap) return withImage();
    // "from-image" turns the pixels the way the camera's orientation tag says, before EXIF is lost.
    return createImageBitmap(file, { imageOrientation: "from-image" }).catch(withImage);
  }

  function jpegName(name) {
    return (name || "photo").replace(/\.[^.\/]*$/, "") + ".jpg";
  }

  // Resolves to the file to upload: a smaller JPEG, or the original when it is already small,
  // not a still photo we can redraw (video, GIF, HEIC), or could not be decoded here.
  function shrink(file, header) {
    if (!/^image\/(jpeg|png|webp|bmp)$/.test(file.type)) return Promise.resolve(file);
    if (header && header.width && file.size <= MAX_BYTES &&
        Math.max(header.width, header.height) <= MAX_SIDE) return Promise.resolve(file);
    return decode(file).then(function (image) {
      var width = image.width || image.naturalWidth;
      var height = image.height || image.naturalHeight;
      var longSide = Math.max(width, height);
      var tooWide = longSide > MAX_SIDE;
      if (!tooWide && file.size <= MAX_BYTES) {
        if (image.close) image.close();
        return file;
      }
      var scale = tooWide ? MAX_SIDE / longSide : 1;
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(width * scale));
      canvas.height = Math.max(1, Math.round(height * scale));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";  // transparent PNG areas become white, not black
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = "high";
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          canvas.width = canvas.height = 0;  // old phones keep little memory for canvases
          if (!blob || (!tooWide && blob.size >= file.size)) { resolve(file); return; }
          var name = jpegName(file.name);
          try {
            resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
          } catch (error) {
            blob.name = name;
            resolve(blob);
          }
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  function proposeLocation(gps) {
    if (!gps || (lat.value && lon.value)) return;
    setPoint(gps.lat, gps.lon, { fromPhoto: true, zoom: 16 });
  }

  function prepare(file) {
    var header = isJpeg(file) && window.phananhJpeg
      ? readBuffer(file.slice(0, HEAD_BYTES)).then(window.phananhJpeg.inspect, function () { return null; })
      : Promise.resolve(null);
    return header.then(function (info) {
      if (info && info.gps) proposeLocation(info.gps);
      return shrink(file, info);
    });
  }

  function addItem(file, name, originalSize) {
    items.push({
      file: file,
      name: name,
      type: file.type || "",
      originalSize: originalSize,
      url: URL.createObjectURL(file)
    });
  }

  function formatSize(bytes) {
    if (bytes < 1024 * 1024) return Math.max(1, Math.round(bytes / 1024)) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  // The file input holds what will be sent, for the form's own (non-script) submission too.
  function syncInput() {
    try {
      var transfer = new DataTransfer();
      items.forEach(function (item) {
        transfer.items.add(item.file instanceof File ? item.file : new File([item.file], item.name, { type: item.type }));
      });
      fileInput.files = transfer.files;
    } catch (error) { /* older browsers: the script sends `items` itself */ }
  }

  function renderPreviews() {
    previews.textContent = "";
    items.forEach(function (item) {
      var row = document.createElement("li");
      if (/^image\//.test(item.type)) {
        var img = document.createElement("img");
        img.src = item.url; img.alt = ""; img.width = 64; img.height = 64;
        img.onerror = function () { img.style.visibility = "hidden"; };
        row.appendChild(img);
      } else {
        var box = document.createElement("span");
        box.className = "preview-video";
        box.textContent = previews.dataset.video;
        row.appendChild(box);
      }
      var label = document.createElement("span");
      label.className = "preview-name";
      label.appendChild(document.createTextNode(item.name));
      var size = document.createElement("small");
      size.className = "preview-size";
      size.textContent = item.originalSize && item.originalSize !== item.file.size
        ? formatSize(item.originalSize) + " → " + formatSize(item.file.size)
        : formatSize(item.file.size);
      label.appendChild(size);
      row.appendChild(label);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = previews.dataset.remove;
      remove.setAttribute("aria-label", previews.dataset.remove + ": " + item.name);
      remove.addEventListener("click", function () {
        URL.revokeObjectURL(item.url);
        items.splice(items.indexOf(item), 1);
        syncInput();
        renderPreviews();
        saveFiles();
        fileInput.focus();
      });
      row.appendChild(remove);
      previews.appendChild(row);
    });
    previews.hidden = !items.length;
  }

  fileInput.addEventListener("change", function () {
    var picked = Array.prototype.slice.call(fileInput.files || []);
    // Picking again adds to the list (the browser would replace it); the input is rebuilt below.
    var known = items.length;
    if (!picked.length) { syncInput(); return; }
    photoStatus.textContent = photoStatus.dataset.preparing;
    preparing = preparing.then(function () {
      return picked.reduce(function (chain, file) {
        return chain.then(function () {
          return prepare(file).then(function (ready) {
            addItem(ready, ready === file ? file.name : jpegName(file.name), file.size);
            renderPreviews();
          });
        });
      }, Promise.resolve());
    }).catch(noop).then(function () {
      photoStatus.textContent = "";
      syncInput();
      if (items.length !== known) saveFiles();
    });
  });

  // ---------------------------------------------------------------------------------------------
  // The draft kept on the phone: the fields (saved while typing) and the photos, in IndexedDB.
  // Two records, so that typing never rewrites the photos: "report" and "files".

  // submission_key too: a draft resent after a lost answer files the report once.
  var FIELDS = ["text", "category", "address", "lat", "lon", "name", "email", "phone", "submission_key"];
  var CHECKS = ["urgent", "anonymous"];
  var memory = { report: null, files: null };  // when IndexedDB is unavailable (some private modes)
  var opening = null;
  var finished = false;
  var saveTimer = null;

  function database() {
    if (!opening) {
      opening = new Promise(function (resolve, reject) {
        if (!window.indexedDB) { reject(new Error("no IndexedDB")); return; }
        var request = indexedDB.open("phananh", 1);
        request.onupgradeneeded = function () { request.result.createObjectStore("drafts"); };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return opening;
  }

  // Runs work(values) on { report, files } in one read-write transaction and writes back what
  // it replaced; one transaction at a time also makes "claim the draft to send it" safe across tabs.
  function transact(work) {
    function apply(values) {
      var before = { report: values.report, files: values.files };
      var result = work(values);
      return { result: result, before: before };
    }
    return database().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("drafts", "readwrite");
        var store = tx.objectStore("drafts");
        var values = {};
        var outcome = null;
        var waiting = 2;
        tx.oncomplete = function () { resolve(outcome ? outcome.result : undefined); };
        tx.onerror = tx.onabort = function () { reject(tx.error); };
        ["report", "files"].forEach(function (key) {
          var request = store.get(key);
          request.onsuccess = function () {
            values[key] = request.result || null;
            if (--waiting) return;
            outcome = apply(values);
            ["report", "files"].forEach(function (name) {
              if (values[name] === outcome.before[name]) return;
              if (values[name]) store.put(values[name], name); else store.delete(name);
            });
          };
        });
      });
    }).catch(function () {
      var outcome = apply(memory);
      return outcome.result;
    });
  }

  function collect() {
    var fields = {};
    FIELDS.forEach(function (name) { var el = form.elements[name]; if (el) fields[name] = el.value; });
    CHECKS.forEach(function (name) { var el = form.elements[name]; if (el) fields[name] = el.checked; });
    return fields;
  }

  function hasContent(fields) {
    return !!((fields.text || "").trim() || (fields.address || "").trim() || fields.lat);
  }

  function filesForDraft() {
    return items.map(function (item) {
      return { blob: item.file, name: item.name, type: item.type, originalSize: item.originalSize };
    });
  }

  function report(fields, queued, sendingAt) {
    return { fields: fields, queued: !!queued, sendingAt: sendingAt || 0, savedAt: Date.now() };
  }

  function saveFields() {
    clearTimeout(saveTimer);
    if (finished) return Promise.resolve();
    var fields = collect();
    return transact(function (draft) {
      var queued = draft.report && draft.report.queued;
      if (!queued && !hasContent(fields) && !draft.files) { draft.report = null; return; }
      draft.report = report(fields, queued, draft.report && draft.report.sendingAt);
    });
  }

  function scheduleSave() {
    if (finished) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveFields, 500);
  }

  function saveFiles() {
    if (finished) return;
    var files = filesForDraft();
    var fields = collect();
    transact(function (draft) {
      draft.files = files.length ? files : null;
      if (!draft.report && files.length) draft.report = report(fields, false);
    });
  }

  function clearDraft() {
    return transact(function (draft) { draft.report = null; draft.files = null; });
  }

  onPointChange = scheduleSave;
  form.addEventListener("input", scheduleSave);
  form.addEventListener("change", function (event) { if (event.target !== fileInput) scheduleSave(); });
  window.addEventListener("pagehide", function () { if (saveTimer) saveFields(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && saveTimer) saveFields();
  });

  function restore(fields, files) {
    FIELDS.forEach(function (name) {
      var el = form.elements[name];
      if (el && typeof fields[name] === "string") el.value = fields[name];
    });
    CHECKS.forEach(function (name) { var el = form.elements[name]; if (el) el.checked = !!fields[name]; });
    if (fields.lat && fields.lon) setPoint(+fields.lat, +fields.lon, { zoom: 16 });
    if (files && files.length) {
      items.forEach(function (item) { URL.revokeObjectURL(item.url); });
      items = [];
      files.forEach(function (f) { addItem(f.blob, f.name, f.originalSize); });
      syncInput();
      renderPreviews();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sending: fetch + FormData; without a connection the whole report becomes a queued draft.

  var submitButton = form.querySelector("button[type=submit]");
  var sendStatus = form.querySelector(".send-status");
  var offlineNote = form.querySelector(".offline-note");
  var draftNote = form.querySelector(".draft-note");
  var sending = false;
  var CLAIM_MS = 2 * 60 * 1000;

  function formUrl() {
    return form.getAttribute("action") || window.location.pathname;
  }

  function csrfField() {
    return form.querySelector("input[name=csrfmiddlewaretoken]");
  }

  function post(fields, files, token) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token);
    Object.keys(fields).forEach(function (name) {
      var value = fields[name];
      if (value === true) body.append(name, "on");
      else if (typeof value === "string") body.append(name, value);
    });
    files.forEach(function (f) { body.append("uploads", f.blob, f.name); });
    return fetch(formUrl(), { method: "POST", body: body, credentials: "same-origin" });
  }

  // A page kept by the service worker may carry an old token: ask the form page for a fresh one.
  function freshToken() {
    return fetch(formUrl(), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var field = new DOMParser().parseFromString(html, "text/html")
          .querySelector("input[name=csrfmiddlewaretoken]");
        if (!field) throw new Error("no token");
        csrfField().value = field.value;
        return field.value;
      });
  }

  function setBusy(busy, message) {
    sending = busy;
    submitButton.disabled = busy;
    if (busy) form.setAttribute("aria-busy", "true"); else form.removeAttribute("aria-busy");
    sendStatus.textContent = busy ? message || "" : "";
  }

  function showOffline() {
    offlineNote.hidden = false;
    offlineNote.scrollIntoView({ block: "center" });
  }

  // The server's answer to an invalid form is the same page with its error lists: show them
  // beside the fields, keeping what is typed and the photos chosen.
  function showErrors(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".report-form");
    if (!fresh) return false;
    Array.prototype.forEach.call(form.querySelectorAll(".errorlist"), function (list) {
      list.parentNode.removeChild(list);
    });
    var first = null;
    var firstField = null;
    Array.prototype.forEach.call(fresh.querySelectorAll(".errorlist"), function (list) {
      var copy = document.importNode(list, true);
      var before = list.previousElementSibling;
      var label = before && before.tagName === "LABEL" && before.htmlFor
        ? form.querySelector("label[for='" + before.htmlFor + "']") : null;
      if (label) {
        label.parentNode.insertBefore(copy, label.nextSibling);
        if (!firstField) firstField = document.getElementById(label.htmlFor);
      } else {
        var token = csrfField();
        form.insertBefore(copy, token ? token.nextSibling : form.firstChild);
      }
      if (!first) first = copy;
    });
    var token = fresh.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) csrfField().value = token.value;
    if (first) first.scrollIntoView({ block: "center" });
    if (firstField) firstField.focus({ preventScroll: true });
    return true;
  }

  function keepForLater(fields, files) {
    return transact(function (draft) {
      draft.report = report(fields, true);
      draft.files = files.length ? files : null;
    }).then(noop, noop).then(showOffline);
  }

  function answer(response) {
    if (response.ok && response.redirected) {
      finished = true;
      clearTimeout(saveTimer);
      return clearDraft().then(noop, noop).then(function () { window.location.assign(response.url); });
    }
    return response.text().then(function (html) {
      if (response.status === 400 && showErrors(html)) {
        // The person has to fix something: the draft stays, but is no longer sent by itself.
        return transact(function (draft) {
          if (draft.report) draft.report = report(draft.report.fields, false);
        });
      }
      // Anything else (a server error, a refusal): show the server's own page.
      document.open();
      document.write(html);
      document.close();
    });
  }

  function send(fields, files, message) {
    setBusy(true, message);
    offlineNote.hidden = true;
    var token = csrfField().value;
    return post(fields, files, token).then(function (response) {
      return response.status === 403
        ? freshToken().then(function (fresh) { return post(fields, files, fresh); })
        : response;
    }).then(function (response) {
      return answer(response);
    }, function () {
      return keepForLater(fields, files);  // fetch rejects only when the network is not there
    }).catch(noop).then(function () {
      if (!finished) setBusy(false);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (sending) return;
    setBusy(true, form.dataset.sending);
    preparing.then(function () {
      var fields = collect();
      var files = filesForDraft();
      if (navigator.onLine === false) {
        setBusy(false);
        return keepForLater(fields, files);
      }
      return send(fields, files, form.dataset.sending);
    });
  });

  // A queued draft is sent when the connection returns, by one tab only (the claim).
  function sendQueued() {
    if (sending || finished || navigator.onLine === false) return;
    var now = Date.now();
    var claimed = null;
    transact(function (draft) {
      var kept = draft.report;
      if (!kept || !kept.queued || (kept.sendingAt && now - kept.sendingAt < CLAIM_MS)) return;
      draft.report = report(kept.fields, true, now);
      claimed = { fields: kept.fields, files: draft.files || [] };
    }).then(function () {
      if (claimed) send(claimed.fields, claimed.files, form.dataset.sendingDraft);
    });
  }
  window.addEventListener("online", sendQueued);

  function formIsEmpty() {
    return !text.value.trim() && !form.elements.address.value.trim() && !lat.value &&
      !form.querySelector(".errorlist");
  }

  transact(function (draft) {
    return { report: draft.report, files: draft.files };
  }).then(function (draft) {
    if (!draft || !draft.report) return;
    if (draft.report.queued) {
      restore(draft.report.fields, draft.files);
      if (navigator.onLine === false) showOffline(); else sendQueued();
    } else if (formIsEmpty() && (hasContent(draft.report.fields) || draft.files)) {
      restore(draft.report.fields, draft.files);
      draftNote.hidden = false;
    }
  });

  form.querySelector(".draft-clear").addEventListener("click", function () {
    clearTimeout(saveTimer);
    FIELDS.forEach(function (name) { var el = form.elements[name]; if (el && el.type !== "hidden") el.value = ""; });
    CHECKS.forEach(function (name) { var el = form.elements[name]; if (el) el.checked = false; });
    clearPoint();
    items.forEach(function (item) { URL.revokeObjectURL(item.url); });
    items = [];
    syncInput();
    renderPreviews();
    clearDraft();
    draftNote.hidden = true;
    text.focus();
  });
})();
