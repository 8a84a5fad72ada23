/* The page's wiring: filters, the shareable URL (filters, sort, open event or incident),
 * downloads, and start-up. */
(function (R) {
  "use strict";

  var URL_KEYS = ["type", "modality", "date_from", "date_to", "country", "admin1", "outlet",
    "actor", "text", "min_sources"];

  function readFilters() {
    var f = {};
    new FormData(R.$("filters")).forEach(function (v, k) { if (String(v).trim()) f[k] = String(v).trim(); });
    return f;
  }

  /* Set a form field, adding the value to a select that does not list it (a shared URL
   * may name an outlet with no event under today's other filters). */
  function setField(name, value) {
    var field = R.$("filters").elements[name];
    if (!field) return;
    if (field.tagName === "SELECT" && value && !Array.prototype.some.call(field.options,
      function (o) { return o.value === value; })) {
      field.appendChild(R.el("option", { value: value, text: value }));
    }
    field.value = value || (name === "modality" ? "asserted" : "");
  }

  /* The address bar holds the view: reload it or send it to a colleague. */
  R.saveURL = function () {
    var q = new URLSearchParams(R.query({ sort: R.state.sort, event: R.state.event,
      incident: R.state.incident }));
    var url = location.pathname + (q.toString() ? "?" + q.toString() : "");
    if (url !== location.pathname + location.search) history.replaceState(null, "", url);
  };

  function applyFilters(ev) {
    if (ev) ev.preventDefault();
    R.state.filters = readFilters();
    R.state.offset = 0;
    R.saveURL();
    var qs = R.query();
    R.$("dl-csv").href = "/events.csv" + (qs ? "?" + qs : "");
    R.$("dates-clear").hidden = !(R.state.filters.date_from || R.state.filters.date_to);
    document.body.classList.add("loading");
    return Promise.all([
      R.views.loadTable(),
      R.map.allFeatures(qs).then(R.map.draw),
      R.getJSON("/timeline?" + R.query({}, ["date_from", "date_to"])).then(function (tl) {
        R.charts.timeline(tl, chooseDates);
      }),
      R.getJSON("/stats?" + qs).then(function (stats) { R.charts.admin1(stats.by_admin1, chooseAdmin1); })
    ]).then(function () { R.showError(null); }).catch(function (err) {
      R.showError(err.message);
    }).then(function () { document.body.classList.remove("loading"); });
  }

  function chooseDates(from, to) {
    setField("date_from", from);
    setField("date_to", to);
    return applyFilters();
  }

  function chooseAdmin1(name) {
    setField("admin1", name);
    return applyFilters();
  }

  function downloadGeoJSON(ev) {
    ev.preventDefault();
    var fc = { type: "FeatureCollection", features: R.map.features() };
    var blob = new Blob([JSON.stringify(fc)], { type: "application/geo+json" });
    var a = R.el("a", { href: URL.createObjectURL(blob), download: "rasad-events.geojson" });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function option(select, value, text) { select.appendChild(R.el("option", { value: value, text: text })); }

  function fillSelects(stats) {
    var byType = stats.by_type || {};
    R.TYPES.forEach(function (t) { option(R.$("f-type"), t, t + (byType[t] ? " (" + byType[t] + ")" : "")); });
    function sorted(dict) {
      return Object.keys(dict || {}).filter(function (k) { return k && k !== "unknown"; })
        .sort(function (a, b) { return dict[b] - dict[a]; });
    }
    var countries = stats.by_country || {};
    sorted(countries).forEach(function (c) { option(R.$("f-country"), c, c + " (" + countries[c] + ")"); });
    var outlets = stats.by_outlet || {};
    sorted(outlets).forEach(function (o) { option(R.$("f-outlet"), o, o + " (" + outlets[o] + ")"); });
    var seen = {};
    (stats.by_admin1 || []).forEach(function (r) {
      if (seen[r.admin1]) return;  // one name may be a governorate in two countries: the filter takes both
      seen[r.admin1] = 1;
      option(R.$("f-admin1"), r.admin1, r.admin1 + " (" + r.country + ", " + r.events + ")");
    });
  }

  function init() {
    R.map.legend();
    var params = new URLSearchParams(location.search);
    R.state.sort = params.get("sort") || "";
    R.$("filters").addEventListener("submit", applyFilters);
    R.$("filters").addEventListener("reset", function () {
      R.state.sort = "";
      setTimeout(applyFilters, 0);
    });
    R.$("prev").addEventListener("click", function () {
      R.state.offset = Math.max(0, R.state.offset - R.views.PAGE); R.views.loadTable();
    });
    R.$("next").addEventListener("click", function () { R.state.offset += R.views.PAGE; R.views.loadTable(); });
    document.querySelectorAll("#events-table th[data-sort]").forEach(function (th) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { R.views.sortBy(th.dataset.sort); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") R.views.sortBy(th.dataset.sort); });
    });
    R.$("dates-clear").addEventListener("click", function () { chooseDates("", ""); });
    R.$("dl-geojson").addEventListener("click", downloadGeoJSON);
    R.$("incident-close").addEventListener("click", R.views.closeIncident);
    R.$("paste-form").addEventListener("submit", R.views.extract);
    var ready = R.map.init();
    R.getJSON("/stats").then(fillSelects).catch(function () { fillSelects({}); })
      .then(function () {
        URL_KEYS.forEach(function (k) { if (params.has(k)) setField(k, params.get(k)); });
        return Promise.all([ready, applyFilters()]);
      })
      .then(function () {
        var opened = [];
        if (params.get("event")) {
          opened.push(R.getJSON("/events/" + encodeURIComponent(params.get("event"))).then(function (e) {
            return R.views.openDocument(e.doc_id, e.id);
          }).catch(function (err) { R.showError("Could not open the shared event: " + err.message); }));
        }
        if (params.get("incident")) opened.push(R.views.openIncident(params.get("incident")));
        return Promise.all(opened);
      })
      .then(function () { document.body.dataset.ready = "1"; });
  }

  document.addEventListener("DOMContentLoaded", init);
})(window.rasad);
