// Before sending: open published reports near the pin about the same kind of problem, so a
// resident can follow one instead of filing it again. Asks /report/nearby/ when the place, the
// category (picked in the select or from a suggestion) or (after a pause) the text changes; shows
// nothing before a place and a category are chosen, or when there is nothing near.
(function () {
  "use strict";
  var form = document.querySelector(".report-form");
  var panel = form && form.querySelector(".nearby");
  if (!panel || !window.fetch) return;
  var list = panel.querySelector("ul");
  var lat = form.querySelector("input[name=lat]");
  var lon = form.querySelector("input[name=lon]");
  var category = form.querySelector("select[name=category]");
  var text = form.querySelector("textarea[name=text]");
  var asked = "";
  var timer = null;

  function line(tag, className, content) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = content;
    return el;
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (r) {
      var item = document.createElement("li");
      item.className = "card";
      var link = line("a", "", r.code + " — " + r.text);
      link.href = r.url;
      item.appendChild(link);
      var meta = [r.category, r.status, panel.dataset.metres.replace("%(distance)s", r.distance_m), r.submitted];
      if (r.supports) meta.push(panel.dataset.supports.replace("%(count)s", r.supports));
      item.appendChild(line("p", "meta", meta.filter(Boolean).join(" · ")));
      var follow = line("a", "button secondary", panel.dataset.follow);
      follow.href = r.url + "#support";
      item.appendChild(follow);
      list.appendChild(item);
    });
    panel.hidden = results.length === 0;
  }

  function ask() {
    if (!lat.value || !lon.value || (category && !category.value)) {
      asked = ""; panel.hidden = true; list.textContent = ""; return;
    }
    var query = "lat=" + encodeURIComponent(lat.value) + "&lon=" + encodeURIComponent(lon.value) +
      "&category=" + encodeURIComponent(category ? category.value : "") +
      "&text=" + encodeURIComponent(text ? text.value.slice(0, 500) : "");
    if (query === asked) return;
    asked = query;
    fetch(panel.dataset.url + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; })
      .then(function (data) { if (query === asked) show(data.results || []); })
      .catch(function () { panel.hidden = true; });
  }

  function later() { clearTimeout(timer); timer = setTimeout(ask, 600); }

  form.addEventListener("phananh:place", ask);
  if (category) category.addEventListener("change", ask);
  if (text) text.addEventListener("input", later);
  ask();
})();
