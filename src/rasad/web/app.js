/* rasad web page: map, filters, timeline, table, article view and paste box.
 * Talks only to the API of the server that served it; no external resources. */
(function () {
  "use strict";

  var TYPES = ["ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "THREATEN", "ACCUSE",
    "REJECT", "REQUEST", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "SANCTION"];
  var COLOURS = {
    ASSAULT: "#d7301f", COERCE: "#f28e2b", MOBILIZE: "#8e44ad", RETREAT: "#2ca25f",
    PROTEST: "#3182bd", THREATEN: "#8c2d04", ACCUSE: "#e377c2", REJECT: "#7f7f7f",
    REQUEST: "#17becf", AGREE: "#9acd32", CONSULT: "#6baed6", SUPPORT: "#bcbd22",
    CONCEDE: "#74c476", COOPERATE: "#1f77b4", AID: "#41ab5d", SANCTION: "#636363"
  };
  var PAGE = 50;
  var state = { filters: {}, offset: 0, total: 0, selected: null };
  var map, markers;

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function colour(type) { return COLOURS[type] || "#555"; }

  function query(extra) {
    var q = new URLSearchParams();
    var all = Object.assign({}, state.filters, extra || {});
    Object.keys(all).forEach(function (k) {
      if (all[k] !== "" && all[k] !== null && all[k] !== undefined) q.set(k, all[k]);
    });
    return q.toString();
  }

  function getJSON(url, options) {
    return fetch(url, options).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && (body.message || body.detail)) || r.statusText);
        return body;
      });
    });
  }

  /* Pairs [key, count] from a dict, a list of pairs or a list of objects. */
  function pairs(x) {
    if (!x) return [];
    if (Array.isArray(x)) {
      return x.map(function (item) {
        if (Array.isArray(item)) return item;
        var keys = Object.keys(item);
        var n = keys.find(function (k) { return typeof item[k] === "number"; });
        var key = keys.find(function (k) { return k !== n; });
        return [item[key], item[n]];
      });
    }
    return Object.keys(x).map(function (k) { return [k, x[k]]; });
  }

  function radius(fatalities) {
    return Math.min(3.5 + 2.2 * Math.log(1 + (fatalities || 0)), 18);
  }

  /* ------------------------------------------------------------------ map */

  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([28, 42], 4);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth via world-atlas · Leaflet");
    map.createPane("basemap").style.zIndex = 250;  // under the markers, whenever it loads
    markers = L.layerGroup().addTo(map);
    return fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) {
      return r.json();
    }).then(function (topo) {
      var land = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(land, {
        pane: "basemap", interactive: false,
        style: { className: "country", color: "#8a8a80", weight: 0.6, fillColor: "#f2efe6",
          fillOpacity: 1 }
      }).addTo(map);
    });
  }

  // The server pages GeoJSON (at most 5,000 features an answer): ask page after page,
  // up to MAX_MARKERS, so the map holds every matching event a browser can draw.
  var MAX_MARKERS = 50000;

  function allFeatures(url) {
    var features = [];
    function page(offset) {
      return getJSON(url + "&offset=" + offset).then(function (fc) {
        features = features.concat(fc.features);
        var next = offset + fc.limit;
        if (next < fc.total && fc.limit > 0 && features.length < MAX_MARKERS) return page(next);
        return { type: "FeatureCollection", features: features, total: fc.total };
      });
    }
    return page(0);
  }

  function drawMarkers(fc) {
    markers.clearLayers();
    var order = fc.features.slice().sort(function (a, b) {  // small markers over big ones
      return (b.properties.fatalities || 0) - (a.properties.fatalities || 0);
    });
    order.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      var asserted = p.modality === "asserted";
      var m = L.circleMarker([c[1], c[0]], {
        className: "event-marker type-" + p.type, radius: radius(p.fatalities),
        color: asserted ? "#222" : colour(p.type), weight: asserted ? 0.6 : 1.5,
        dashArray: asserted ? null : "3 2", fillColor: colour(p.type),
        fillOpacity: asserted ? 0.6 : 0.15
      });
      m.bindTooltip(escapeHTML(
        (p.date || "undated") + " · " + p.type + (p.mode ? " (" + p.mode + ")" : "")) + "<br>" +
        escapeHTML((p.place || p.place_ar || "") + (p.fatalities ? " · " + p.fatalities + " killed" : "") +
          (p.n_sources > 1 ? " · " + p.n_sources + " sources" : "")));
      m.on("click", function () { openDocument(p.doc_id, p.id); });
      markers.addLayer(m);
    });
    if (!state.fitted && fc.features.length) {
      state.fitted = true;
      map.fitBounds(coreBounds(fc.features).pad(0.15), { maxZoom: 7 });
    }
    $("located").textContent = fc.features.length;
    $("located").dataset.n = fc.features.length;
  }

  /* Bounds of the middle 90% of the points, so a few far-away events do not zoom out to the world. */
  function coreBounds(features) {
    function range(values) {
      values.sort(function (a, b) { return a - b; });
      var k = Math.floor(values.length * 0.05);
      return [values[k], values[values.length - 1 - k]];
    }
    var lon = range(features.map(function (f) { return f.geometry.coordinates[0]; }));
    var lat = range(features.map(function (f) { return f.geometry.coordinates[1]; }));
    return L.latLngBounds([lat[0], lon[0]], [lat[1], lon[1]]);
  }

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function legend() {
    var box = $("legend");
    TYPES.slice(0, 8).forEach(function (t) {
      box.appendChild(el("span", { class: "key" }, [
        el("i", { style: "background:" + colour(t) }), t.toLowerCase()]));
    });
    box.appendChild(el("span", { class: "key" }, [el("i", { class: "hollow" }), "not asserted"]));
    box.appendChild(el("span", { class: "key", text: "size: fatalities" }));
  }

  /* ------------------------------------------------------------- timeline */

  function monday(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d;
  }

  function drawTimeline(tl) {
    var box = $("timeline");
    box.textContent = "";
    var weeks = bulk(tl.weeks || []), hidden = [];
    if (tl.undated) hidden.push(tl.undated + " undated");
    if (weeks.outside) hidden.push(weeks.outside + " outside " + weeks[0].week.slice(0, 7) + " – " +
      weeks[weeks.length - 1].week.slice(0, 7));
    $("timeline-note").textContent = hidden.length ? "(" + hidden.join(", ") + " not shown)" : "";
    if (!weeks.length) { box.appendChild(el("p", { class: "hint", text: "no dated events" })); return; }
    var start = monday(weeks[0].week), end = monday(weeks[weeks.length - 1].week);
    var n = Math.round((end - start) / 6048e5) + 1;
    var byWeek = {};
    weeks.forEach(function (w) { byWeek[w.week] = w; });
    var max = Math.max.apply(null, weeks.map(function (w) { return w.total; }));
    var W = Math.max(box.clientWidth || 800, 300), H = 110, pad = 18;
    var bw = Math.max((W - 2) / n, 1);
    var NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", W); svg.setAttribute("height", H + pad);
    svg.setAttribute("role", "img");
    var lastLabel = -1e9;
    for (var i = 0; i < n; i++) {
      var d = new Date(start.getTime() + i * 6048e5), key = d.toISOString().slice(0, 10);
      var w = byWeek[key], y = H;
      if (w) {
        TYPES.forEach(function (t) {
          var k = (w.by_type || {})[t];
          if (!k) return;
          var h = (k / max) * (H - 10);
          y -= h;
          var r = document.createElementNS(NS, "rect");
          r.setAttribute("x", i * bw); r.setAttribute("y", y);
          r.setAttribute("width", Math.max(bw - 1, 1)); r.setAttribute("height", h);
          r.setAttribute("fill", colour(t)); r.setAttribute("class", "bar");
          var title = document.createElementNS(NS, "title");
          title.textContent = "week of " + key + ": " + w.total + " events (" + k + " " + t + ")";
          r.appendChild(title);
          r.addEventListener("click", function () { filterWeek(key); });
          svg.appendChild(r);
        });
      }
      if (d.getUTCDate() <= 7 && i * bw - lastLabel >= 55 && i * bw < W - 45) {
        lastLabel = i * bw;
        var label = document.createElementNS(NS, "text");
        label.setAttribute("x", i * bw); label.setAttribute("y", H + 13);
        label.setAttribute("class", "tick");
        label.textContent = key.slice(0, 7);
        svg.appendChild(label);
      }
    }
    box.appendChild(svg);
  }

  /* The weeks holding the middle 98% of the events: a few misdated or historical events
   * (a war of 1948 named in an article) would otherwise stretch the axis over decades. */
  function bulk(weeks) {
    var all = weeks.reduce(function (s, w) { return s + w.total; }, 0);
    if (weeks.length < 20) return weeks;
    var cut = Math.floor(all * 0.01), seen = 0, lo = 0, hi = weeks.length - 1;
    for (var i = 0; i < weeks.length; i++) { seen += weeks[i].total; if (seen > cut) { lo = i; break; } }
    seen = 0;
    for (var j = weeks.length - 1; j >= 0; j--) { seen += weeks[j].total; if (seen > cut) { hi = j; break; } }
    var kept = weeks.slice(lo, hi + 1);
    kept.outside = all - kept.reduce(function (s, w) { return s + w.total; }, 0);
    return kept;
  }

  function filterWeek(key) {
    var end = new Date(new Date(key + "T00:00:00Z").getTime() + 6 * 864e5);
    $("f-from").value = key;
    $("f-to").value = end.toISOString().slice(0, 10);
    applyFilters();
  }

  /* ---------------------------------------------------------------- table */

  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function name(a) { return a ? (a.name || a.name_ar || a.text || "") : ""; }

  function drawTable(page) {
    var body = document.querySelector("#events-table tbody");
    body.textContent = "";
    page.items.forEach(function (e) {
      var loc = e.location || {};
      var tr = el("tr", { "data-id": e.id, "data-doc": e.doc_id, tabindex: "0" }, [
        el("td", { text: (e.date && e.date.value) || "" }),
        el("td", {}, [el("span", { class: "chip", style: "background:" + colour(e.type), text: e.type })]),
        el("td", { text: e.modality || "" }),
        el("td", { text: loc.name || loc.name_ar || "", title: [loc.admin1, loc.country].filter(Boolean).join(", ") }),
        el("td", { text: name(e.actor1) }),
        el("td", { text: name(e.actor2) }),
        el("td", { text: e.fatalities === null || e.fatalities === undefined ? "" : e.fatalities }),
        el("td", { text: e.outlet || "" }),
        el("td", { text: e.n_sources || "", title: e.incident_id || null }),
        el("td", { class: "evidence", dir: "rtl", lang: "ar", text: clip((e.evidence && e.evidence.text) || "", 110) })
      ]);
      var open = function () { openDocument(e.doc_id, e.id); };
      tr.addEventListener("click", open);
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
      body.appendChild(tr);
    });
    state.total = page.total;
    $("count").textContent = page.total;
    $("count").dataset.total = page.total;
    var last = Math.min(page.offset + page.items.length, page.total);
    $("page-info").textContent = page.total ? (page.offset + 1) + "–" + last + " of " + page.total : "none";
    $("prev").disabled = page.offset <= 0;
    $("next").disabled = last >= page.total;
  }

  function loadTable() {
    return getJSON("/events?" + query({ limit: PAGE, offset: state.offset })).then(drawTable);
  }

  /* -------------------------------------------------------- article view */

  /* Cut the text at every span boundary; each piece carries the classes of the spans over it. */
  function markText(text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i, a) { return c >= 0 && c <= text.length && a.indexOf(c) === i; })
      .sort(function (a, b) { return a - b; });
    var out = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var over = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      var piece = text.slice(a, b);
      if (!over.length) { out.appendChild(document.createTextNode(piece)); continue; }
      var classes = [], events = [], titles = [];
      over.forEach(function (s) {
        if (classes.indexOf(s.cls) < 0) classes.push(s.cls);
        if (s.event) events.push(s.event);
        if (s.title) titles.push(s.title);
      });
      var node = el(classes.indexOf("ev") >= 0 ? "mark" : "span",
        { class: classes.join(" "), title: titles.join("\n") || null, text: piece });
      if (events.length) node.dataset.events = events.join(" ");
      out.appendChild(node);
    }
    return out;
  }

  function valid(s, n) {
    return s && typeof s.start === "number" && typeof s.end === "number" && s.start < s.end && s.end <= n;
  }

  function renderArticle(doc, selected) {
    $("article-empty").hidden = true;
    $("article").hidden = false;
    $("article-title").textContent = doc.title || doc.id;
    var meta = $("article-meta");
    meta.textContent = "";
    meta.appendChild(document.createTextNode(
      [doc.outlet, doc.published, doc.id].filter(Boolean).join(" · ")));
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank", text: "source" }));
    }
    var text = doc.text || "", n = text.length, spans = [];
    var list = $("article-events");
    list.textContent = "";
    (doc.events || []).forEach(function (e) {
      var ev = e.evidence;
      if (valid(ev, n)) spans.push({ start: ev.start, end: ev.end, cls: "ev", event: e.id, title: e.type + " · " + e.modality });
      [e.actor1, e.actor2].forEach(function (a) {
        if (valid(a, n)) spans.push({ start: a.start, end: a.end, cls: "actor", title: name(a) });
      });
      if (valid(e.location, n)) spans.push({ start: e.location.start, end: e.location.end, cls: "place", title: e.location.name });
      var loc = e.location || {};
      var li = el("li", { "data-id": e.id, class: e.id === selected ? "active" : "" }, [
        el("span", { class: "chip", style: "background:" + colour(e.type), text: e.type }),
        " " + [e.mode, e.modality, (e.date && e.date.value), loc.name, name(e.actor1),
          e.fatalities ? e.fatalities + " killed" : null].filter(Boolean).join(" · ")
      ]);
      li.addEventListener("click", function () { selectEvidence(e.id); });
      list.appendChild(li);
    });
    (doc.actors || []).forEach(function (a) {
      if (valid(a, n)) spans.push({ start: a.start, end: a.end, cls: "actor", title: name(a) });
    });
    (doc.places || []).forEach(function (p) {
      if (valid(p, n)) spans.push({ start: p.start, end: p.end, cls: "place", title: p.name });
    });
    var box = $("article-text");
    box.textContent = "";
    box.appendChild(markText(text, spans));
    if (!(doc.events || []).length) list.appendChild(el("li", { class: "hint", text: "no events found" }));
    selectEvidence(selected || ((doc.events || [])[0] || {}).id);
  }

  function selectEvidence(id) {
    state.selected = id;
    document.querySelectorAll("#article-text mark.ev-active").forEach(function (m) { m.classList.remove("ev-active"); });
    document.querySelectorAll("#article-events li").forEach(function (li) {
      li.classList.toggle("active", li.dataset.id === id);
    });
    if (!id) return;
    var first = null;
    document.querySelectorAll("#article-text mark.ev").forEach(function (m) {
      if ((m.dataset.events || "").split(" ").indexOf(id) >= 0) {
        m.classList.add("ev-active");
        first = first || m;
      }
    });
    if (first) {  // scroll the article panel only, not the page
      var panel = $("article-panel");
      panel.scrollTop += first.getBoundingClientRect().top - panel.getBoundingClientRect().top - 80;
    }
  }

  function openDocument(docId, eventId) {
    return getJSON("/documents/" + encodeURIComponent(docId)).then(function (doc) {
      renderArticle(doc, eventId);
    }).catch(function (err) {
      $("article-empty").hidden = false;
      $("article-empty").textContent = "Could not load the article: " + err.message;
    });
  }

  /* ------------------------------------------------------------ paste box */

  function extract(ev) {
    ev.preventDefault();
    var status = $("paste-status");
    var body = { text: $("paste-text").value, title: null };
    if ($("paste-published").value) body.published = $("paste-published").value;
    status.textContent = "extracting…";
    getJSON("/extract", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (doc) {
      doc.title = "Pasted article";
      renderArticle(doc);
      status.textContent = doc.events.length + " event" + (doc.events.length === 1 ? "" : "s") + " found";
      status.dataset.events = doc.events.length;
    }).catch(function (err) { status.textContent = "error: " + err.message; });
  }

  /* -------------------------------------------------------------- filters */

  function readFilters() {
    var f = {};
    new FormData($("filters")).forEach(function (v, k) { if (String(v).trim()) f[k] = String(v).trim(); });
    return f;
  }

  function applyFilters(ev) {
    if (ev) ev.preventDefault();
    state.filters = readFilters();
    state.offset = 0;
    document.body.classList.add("loading");
    return Promise.all([
      loadTable(),
      allFeatures("/events.geojson?" + query()).then(drawMarkers),
      getJSON("/timeline?" + query()).then(drawTimeline)
    ]).catch(function (err) {
      $("count").textContent = "error: " + err.message;
    }).then(function () { document.body.classList.remove("loading"); });
  }

  function fillSelects(stats) {
    var type = $("f-type"), byType = stats.by_type || {};
    TYPES.forEach(function (t) {
      type.appendChild(el("option", { value: t, text: t + (byType[t] ? " (" + byType[t] + ")" : "") }));
    });
    var country = $("f-country");
    pairs(stats.by_country).filter(function (p) { return p[0] && p[0] !== "unknown"; })
      .sort(function (a, b) { return b[1] - a[1]; })
      .forEach(function (p) { country.appendChild(el("option", { value: p[0], text: p[0] + " (" + p[1] + ")" })); });
  }

  function init() {
    legend();
    $("filters").addEventListener("submit", applyFilters);
    $("filters").addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    $("prev").addEventListener("click", function () { state.offset = Math.max(0, state.offset - PAGE); loadTable(); });
    $("next").addEventListener("click", function () { state.offset += PAGE; loadTable(); });
    $("paste-form").addEventListener("submit", extract);
    var ready = initMap();
    getJSON("/stats").then(fillSelects).catch(function () { fillSelects({}); })
      .then(function () { return Promise.all([ready, applyFilters()]); })
      .then(function () { document.body.dataset.ready = "1"; });
  }

  window.rasad = { state: state, markText: markText };
  document.addEventListener("DOMContentLoaded", init);
})();
