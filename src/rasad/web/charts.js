/* Charts: events and fatalities per week (a date-range control: drag to choose dates,
 * click a week), and events and fatalities by governorate. SVG drawn here, no library. */
(function (R) {
  "use strict";

  var WEEK = 6048e5, H = 110, PAD = 18;

  function monday(iso) {
    var d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    return d;
  }

  function iso(t) { return new Date(t).toISOString().slice(0, 10); }

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

  /* ``tl``: the timeline of every date (the filters without the date range), so choosing
   * a range never collapses the axis; the chosen range is shaded over it. */
  function timeline(tl, onRange) {
    var box = R.$("timeline");
    box.textContent = "";
    var weeks = bulk(tl.weeks || []), hidden = [];
    if (tl.undated) hidden.push(tl.undated + " undated");
    if (weeks.outside) hidden.push(weeks.outside + " outside " + weeks[0].week.slice(0, 7) + " – " +
      weeks[weeks.length - 1].week.slice(0, 7));
    R.$("timeline-note").textContent = hidden.length ? "(" + hidden.join(", ") + " not shown)" : "";
    if (!weeks.length) { box.appendChild(R.el("p", { class: "hint", text: "no dated events" })); return; }
    var start = monday(weeks[0].week).getTime(), end = monday(weeks[weeks.length - 1].week).getTime();
    var n = Math.round((end - start) / WEEK) + 1, byWeek = {};
    weeks.forEach(function (w) { byWeek[w.week] = w; });
    var max = Math.max.apply(null, weeks.map(function (w) { return w.total; }));
    var maxKilled = Math.max.apply(null, weeks.map(function (w) { return w.fatalities || 0; })) || 1;
    var W = Math.max(box.clientWidth || 800, 300), bw = Math.max((W - 2) / n, 1);
    var chart = R.svg("svg", { width: W, height: H + PAD, role: "img", "aria-label": "events per week" });
    var f = R.state.filters;
    if (f.date_from || f.date_to) {  // the chosen range, shaded
      var a = f.date_from ? (monday(f.date_from).getTime() - start) / WEEK : 0;
      var b = f.date_to ? (monday(f.date_to).getTime() - start) / WEEK + 1 : n;
      chart.appendChild(R.svg("rect", { class: "range", x: Math.max(a, 0) * bw, y: 0,
        width: Math.max(Math.min(b, n) - Math.max(a, 0), 0.3) * bw, height: H }));
    }
    var line = [], lastLabel = -1e9;
    for (var i = 0; i < n; i++) {
      var key = iso(start + i * WEEK), w = byWeek[key], y = H;
      if (w) {
        R.TYPES.forEach(function (t) {
          var k = (w.by_type || {})[t];
          if (!k) return;
          var h = (k / max) * (H - 10);
          y -= h;
          chart.appendChild(R.svg("rect", { x: i * bw, y: y, width: Math.max(bw - 1, 1), height: h,
            fill: R.colour(t), class: "bar", "data-week": key }, undefined))
            .appendChild(R.svg("title", {}, "week of " + key + ": " + w.total + " events (" + k + " " + t +
              "), " + (w.fatalities || 0) + " killed"));
        });
      }
      line.push((i * bw + bw / 2).toFixed(1) + "," + (H - ((w && w.fatalities) || 0) / maxKilled * (H - 10)).toFixed(1));
      var d = new Date(start + i * WEEK);
      if (d.getUTCDate() <= 7 && i * bw - lastLabel >= 55 && i * bw < W - 45) {
        lastLabel = i * bw;
        chart.appendChild(R.svg("text", { x: i * bw, y: H + 13, class: "tick" }, key.slice(0, 7)));
      }
    }
    chart.appendChild(R.svg("polyline", { class: "fatalities", points: line.join(" ") }));
    brush(chart, start, bw, n, onRange);
    box.appendChild(chart);
  }

  /* Drag over the chart to choose a date range; a click chooses its week. */
  function brush(chart, start, bw, n, onRange) {
    var from = null, shade = null;
    function week(ev) {
      var x = ev.clientX - chart.getBoundingClientRect().left;
      return Math.max(0, Math.min(n - 1, Math.floor(x / bw)));
    }
    chart.addEventListener("mousedown", function (ev) {
      from = week(ev);
      shade = chart.appendChild(R.svg("rect", { class: "range dragging", x: from * bw, y: 0, width: bw, height: H }));
      ev.preventDefault();
    });
    chart.addEventListener("mousemove", function (ev) {
      if (from === null) return;
      var to = week(ev);
      shade.setAttribute("x", Math.min(from, to) * bw);
      shade.setAttribute("width", (Math.abs(to - from) + 1) * bw);
    });
    chart.addEventListener("mouseup", function (ev) {
      if (from === null) return;
      var to = week(ev), lo = Math.min(from, to), hi = Math.max(from, to);
      from = null;
      onRange(iso(start + lo * WEEK), iso(start + hi * WEEK + 6 * 864e5));
    });
  }

  function admin1(rows, onPick) {
    var box = R.$("admin1-chart");
    box.textContent = "";
    rows = (rows || []).slice(0, 12);
    if (!rows.length) { box.appendChild(R.el("p", { class: "hint", text: "no events with a governorate" })); return; }
    var max = Math.max.apply(null, rows.map(function (r) { return r.events; }));
    var W = Math.max(box.clientWidth || 400, 260), left = 120, rowH = 18;
    var chart = R.svg("svg", { width: W, height: rows.length * rowH + 4, role: "img",
      "aria-label": "events by governorate" });
    rows.forEach(function (r, i) {
      var g = chart.appendChild(R.svg("g", { class: "admin1-bar", "data-admin1": r.admin1,
        transform: "translate(0," + i * rowH + ")" }));
      g.appendChild(R.svg("title", {}, r.admin1 + " (" + r.country + "): " + r.events + " events, " +
        r.fatalities + " killed"));
      g.appendChild(R.svg("text", { x: left - 6, y: 13, class: "label", "text-anchor": "end" },
        R.clip(r.admin1, 18)));
      var w = Math.max((r.events / max) * (W - left - 70), 1);
      g.appendChild(R.svg("rect", { x: left, y: 3, width: w, height: rowH - 6, class: "events" }));
      g.appendChild(R.svg("text", { x: left + w + 4, y: 13, class: "value" },
        r.events + " · " + r.fatalities + "†"));
      g.addEventListener("click", function () { onPick(r.admin1); });
    });
    box.appendChild(chart);
  }

  R.charts = { timeline: timeline, admin1: admin1 };
})(window.rasad);
