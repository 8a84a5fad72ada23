/* rasad web page, shared core: the state, the type table, DOM and API helpers.
 * The page talks only to the API of the server that served it; no external resources.
 * Modules (map.js, charts.js, views.js, main.js) attach to window.rasad. */
(function () {
  "use strict";

  // One row per PLOVER type: its colour on the map, the charts and the table.
  var TYPES = [
    ["ASSAULT", "#d7301f"], ["COERCE", "#f28e2b"], ["MOBILIZE", "#8e44ad"], ["RETREAT", "#2ca25f"],
    ["PROTEST", "#3182bd"], ["THREATEN", "#8c2d04"], ["ACCUSE", "#e377c2"], ["REJECT", "#7f7f7f"],
    ["REQUEST", "#17becf"], ["AGREE", "#9acd32"], ["CONSULT", "#6baed6"], ["SUPPORT", "#bcbd22"],
    ["CONCEDE", "#74c476"], ["COOPERATE", "#1f77b4"], ["AID", "#41ab5d"], ["SANCTION", "#636363"]
  ];
  var COLOURS = {};
  TYPES.forEach(function (t) { COLOURS[t[0]] = t[1]; });

  // Where an event's place is known to (ACLED's geo_precision, and a country centroid):
  // the symbol drawn on the map and its words in the legend.
  var PRECISION = [
    { key: "p1", label: "the named place" },
    { key: "p2", label: "nearby / district" },
    { key: "p3", label: "governorate only" },
    { key: "p4", label: "country only" }
  ];

  function precisionKey(props) {
    if (props.place_feature === "country") return "p4";
    var p = props.geo_precision;
    return p === 1 ? "p1" : p === 2 ? "p2" : "p3";
  }

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

  function svg(tag, attrs, text) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function colour(type) { return COLOURS[type] || "#555"; }

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch];
    });
  }

  function clip(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function name(a) { return a ? (a.name || a.name_ar || a.text || "") : ""; }

  var state = { filters: {}, offset: 0, total: 0, sort: "", selected: null, incident: null };

  /* A query string of the current filters, without the keys in `omit`, plus `extra`. */
  function query(extra, omit) {
    var q = new URLSearchParams();
    var all = Object.assign({}, state.filters, extra || {});
    Object.keys(all).forEach(function (k) {
      if ((omit || []).indexOf(k) >= 0) return;
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

  function showError(message) {
    var box = $("error");
    box.hidden = !message;
    box.textContent = message || "";
  }

  window.rasad = {
    TYPES: TYPES.map(function (t) { return t[0]; }), PRECISION: PRECISION,
    precisionKey: precisionKey, colour: colour, $: $, el: el, svg: svg, clip: clip, name: name,
    escapeHTML: escapeHTML, state: state, query: query, getJSON: getJSON, showError: showError
  };
})();
