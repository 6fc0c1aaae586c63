// "Verify this timeline": recompute the report's hash chain in the browser (Web Crypto) and
// check each event against the signed daily heads of /transparency/. The formulas are those of
// reports/chain.py; nothing here trusts a hash the server computed for a public event.
(function () {
  "use strict";
  var box = document.getElementById("timeline-verify");
  if (!box || !window.crypto || !window.crypto.subtle) { return; }
  var button = document.getElementById("timeline-verify-button");
  var result = box.querySelector(".verify-result");
  var GENESIS = "0000000000000000000000000000000000000000000000000000000000000000";

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function sha(text) {
    return window.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then(hex);
  }
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  async function climb(reportHash, proof) {
    var node = await sha("phananh:leaf:v1\n" + reportHash);
    for (var i = 0; i < proof.length; i++) {
      var side = proof[i][0], sibling = proof[i][1];
      node = side === "left"
        ? await sha("phananh:node:v1\n" + sibling + "\n" + node)
        : await sha("phananh:node:v1\n" + node + "\n" + sibling);
    }
    return node;
  }
  function label(event, parsed) {
    if (!parsed) { return box.dataset.msgInternal + " (#" + event.seq + ")"; }
    var item = document.querySelector('.timeline li[data-seq="' + event.seq + '"] strong');
    var name = item ? item.textContent : parsed.action;
    return "“" + name + "” (" + new Date(parsed.at).toLocaleString() + ", #" + event.seq + ")";
  }
  function mark(event) {
    var item = document.querySelector('.timeline li[data-seq="' + event.seq + '"]');
    if (item) { item.classList.add("verify-failed"); }
  }

  async function verify(chain, heads) {
    // First the report's own chain, event by event, so that the first event that does not
    // follow from the ones before it is the one named; then each event's place in its day.
    var previous = GENESIS, hashes = [], parsedAll = [];
    for (var i = 0; i < chain.events.length; i++) {
      var event = chain.events[i], parsed = null, content;
      if (typeof event.public === "string") {
        parsed = JSON.parse(event.public);
        if (parsed.report !== chain.report || parsed.seq !== event.seq) {
          return { ok: false, event: event, parsed: parsed };
        }
        content = await sha("phananh:event:v1\n" + await sha(event.public) + "\n" + event.private_hash);
      } else {
        content = event.content_hash;
      }
      var reportHash = await sha("phananh:report:v1\n" + previous + "\n" + content);
      if (reportHash !== event.report_hash) { return { ok: false, event: event, parsed: parsed }; }
      hashes.push(reportHash);
      parsedAll.push(parsed);
      previous = reportHash;
    }
    var published = 0, unpublished = 0;
    for (var j = 0; j < chain.events.length; j++) {
      var entry = chain.events[j];
      var head = heads.find(function (h) { return h.first_seq <= entry.seq && entry.seq <= h.last_seq; });
      if (!head) { unpublished += 1; continue; }
      if (!entry.proof || await climb(hashes[j], entry.proof) !== head.merkle_root) {
        return { ok: false, event: entry, parsed: parsedAll[j], day: head.day };
      }
      published += 1;
    }
    return { ok: true, n: chain.events.length, p: published, u: unpublished };
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    result.className = "verify-result";
    result.textContent = box.dataset.msgWorking;
    Promise.all([
      fetch(box.dataset.chainUrl, { credentials: "omit" }).then(function (r) { return r.json(); }),
      fetch(box.dataset.headsUrl, { credentials: "omit" }).then(function (r) { return r.json(); })
    ]).then(function (answers) {
      return verify(answers[0], answers[1].heads);
    }).then(function (outcome) {
      if (outcome.ok) {
        result.classList.add("verify-ok");
        result.textContent = say(box.dataset.msgOk, outcome);
      } else {
        mark(outcome.event);
        result.classList.add("verify-bad");
        var values = { event: label(outcome.event, outcome.parsed), day: outcome.day || "" };
        result.textContent = say(outcome.day ? box.dataset.msgHead : box.dataset.msgBad, values);
      }
    }).catch(function () {
      result.classList.add("verify-bad");
      result.textContent = box.dataset.msgError;
    }).then(function () { button.disabled = false; });
  });
}());
