/* The views: the sortable events table, the article with its evidence highlighted, an
 * incident's reports side by side, and the paste-an-article box. */
(function (R) {
  "use strict";

  var PAGE = 50;

  /* ---------------------------------------------------------------- table */

  function drawTable(page) {
    var body = document.querySelector("#events-table tbody");
    body.textContent = "";
    page.items.forEach(function (e) {
      var loc = e.location || {};
      var src = e.n_sources && e.incident_id
        ? R.el("button", { type: "button", class: "incident-link", "data-incident": e.incident_id,
          title: "incident " + e.incident_id + ": its reports side by side", text: String(e.n_sources) })
        : R.el("span", { text: e.n_sources || "" });
      var tr = R.el("tr", { "data-id": e.id, "data-doc": e.doc_id, tabindex: "0" }, [
        R.el("td", { text: (e.date && e.date.value) || "" }),
        R.el("td", {}, [R.el("span", { class: "chip", style: "background:" + R.colour(e.type), text: e.type })]),
        R.el("td", { text: e.modality || "" }),
        R.el("td", { text: loc.name || loc.name_ar || "", title: [loc.admin1, loc.country].filter(Boolean).join(", ") }),
        R.el("td", { text: R.name(e.actor1) }),
        R.el("td", { text: R.name(e.actor2) }),
        R.el("td", { text: e.fatalities === null || e.fatalities === undefined ? "" : e.fatalities }),
        R.el("td", { text: e.outlet || "" }),
        R.el("td", {}, [src]),
        R.el("td", { class: "evidence", dir: "rtl", lang: "ar", text: R.clip((e.evidence && e.evidence.text) || "", 110) })
      ]);
      var open = function () { openDocument(e.doc_id, e.id); R.map.show(e.id); };
      tr.addEventListener("click", function (ev) {
        if (ev.target.classList.contains("incident-link")) openIncident(e.incident_id);
        else open();
      });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
      body.appendChild(tr);
    });
    R.state.total = page.total;
    R.$("count").textContent = page.total;
    R.$("count").dataset.total = page.total;
    var last = Math.min(page.offset + page.items.length, page.total);
    R.$("page-info").textContent = page.total ? (page.offset + 1) + "–" + last + " of " + page.total : "none";
    R.$("prev").disabled = page.offset <= 0;
    R.$("next").disabled = last >= page.total;
    document.querySelectorAll("#events-table th[data-sort]").forEach(function (th) {
      var key = th.dataset.sort, s = R.state.sort;
      th.setAttribute("aria-sort", s === key ? "ascending" : s === "-" + key ? "descending" : "none");
    });
  }

  function loadTable() {
    return R.getJSON("/events?" + R.query({ limit: PAGE, offset: R.state.offset, sort: R.state.sort }))
      .then(drawTable);
  }

  /* A header click sorts by its column: first descending for numbers and dates, then the other way. */
  function sortBy(key) {
    var s = R.state.sort, numeric = ["date", "fatalities", "sources"].indexOf(key) >= 0;
    var first = numeric ? "-" + key : key, second = numeric ? key : "-" + key;
    R.state.sort = s === first ? second : first;
    R.state.offset = 0;
    R.saveURL();
    return loadTable();
  }

  /* ------------------------------------------------------------- incident */

  function openIncident(id) {
    return R.getJSON("/incidents/" + encodeURIComponent(id)).then(function (inc) {
      R.state.incident = id;
      R.saveURL();
      var panel = R.$("incident-panel");
      panel.hidden = false;
      var d = inc.date || {};
      R.$("incident-title").textContent = "Incident · " + inc.type + " · " + (d.value || "undated");
      var place = inc.location || {};
      R.$("incident-meta").textContent = [place.name || place.name_ar, place.admin1, place.country]
        .filter(Boolean).join(", ") + " · " + inc.n_sources + " outlets, " + (inc.n_documents || (inc.members || []).length) +
        " reports side by side" + (inc.fatalities_min !== undefined && inc.fatalities_min !== null
          ? " · fatalities " + inc.fatalities_min + (inc.fatalities_max !== inc.fatalities_min ? "–" + inc.fatalities_max : "") : "");
      var box = R.$("incident-reports");
      box.textContent = "";
      (inc.members || []).forEach(function (e) {
        var loc = e.location || {};
        var card = R.el("div", { class: "report", "data-id": e.id }, [
          R.el("div", { class: "report-head" }, [
            R.el("strong", { text: e.outlet || "unknown outlet" }), " · " + (e.published || ""),
            R.el("div", { class: "hint", text: [e.type, (e.date && e.date.value), loc.name || loc.name_ar,
              e.fatalities ? e.fatalities + " killed" : null, R.name(e.actor1)].filter(Boolean).join(" · ") })]),
          R.el("p", { class: "report-evidence", dir: "rtl", lang: "ar", text: (e.evidence && e.evidence.text) || "" })
        ]);
        var read = R.el("button", { type: "button", class: "report-open", text: "read the article" });
        read.addEventListener("click", function () { openDocument(e.doc_id, e.id); });
        card.appendChild(read);
        box.appendChild(card);
      });
      panel.scrollIntoView({ block: "nearest" });
    }).catch(function (err) { R.showError("Could not load the incident: " + err.message); });
  }

  function closeIncident() {
    R.$("incident-panel").hidden = true;
    R.state.incident = null;
    R.saveURL();
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
      var node = R.el(classes.indexOf("ev") >= 0 ? "mark" : "span",
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
    R.$("article-empty").hidden = true;
    R.$("article").hidden = false;
    R.$("article-title").textContent = doc.title || doc.id;
    var meta = R.$("article-meta");
    meta.textContent = "";
    meta.appendChild(document.createTextNode(
      [doc.outlet, doc.published, doc.id].filter(Boolean).join(" · ")));
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(R.el("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank", text: "source" }));
    }
    var text = doc.text || "", n = text.length, spans = [];
    var list = R.$("article-events");
    list.textContent = "";
    (doc.events || []).forEach(function (e) {
      var ev = e.evidence;
      if (valid(ev, n)) spans.push({ start: ev.start, end: ev.end, cls: "ev", event: e.id, title: e.type + " · " + e.modality });
      [e.actor1, e.actor2].forEach(function (a) {
        if (valid(a, n)) spans.push({ start: a.start, end: a.end, cls: "actor", title: R.name(a) });
      });
      if (valid(e.location, n)) spans.push({ start: e.location.start, end: e.location.end, cls: "place", title: e.location.name });
      var loc = e.location || {};
      var li = R.el("li", { "data-id": e.id, class: e.id === selected ? "active" : "" }, [
        R.el("span", { class: "chip", style: "background:" + R.colour(e.type), text: e.type }),
        " " + [e.mode, e.modality, (e.date && e.date.value), loc.name, R.name(e.actor1),
          e.fatalities ? e.fatalities + " killed" : null].filter(Boolean).join(" · ")
      ]);
      li.addEventListener("click", function () { selectEvidence(e.id); });
      list.appendChild(li);
    });
    (doc.actors || []).forEach(function (a) {
      if (valid(a, n)) spans.push({ start: a.start, end: a.end, cls: "actor", title: R.name(a) });
    });
    (doc.places || []).forEach(function (p) {
      if (valid(p, n)) spans.push({ start: p.start, end: p.end, cls: "place", title: p.name });
    });
    var box = R.$("article-text");
    box.textContent = "";
    box.appendChild(markText(text, spans));
    if (!(doc.events || []).length) list.appendChild(R.el("li", { class: "hint", text: "no events found" }));
    selectEvidence(selected || ((doc.events || [])[0] || {}).id);
  }

  function selectEvidence(id) {
    R.state.selected = id;
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
      var panel = R.$("article-panel");
      panel.scrollTop += first.getBoundingClientRect().top - panel.getBoundingClientRect().top - 80;
    }
  }

  function openDocument(docId, eventId) {
    return R.getJSON("/documents/" + encodeURIComponent(docId)).then(function (doc) {
      renderArticle(doc, eventId);
      R.state.event = eventId || null;
      R.saveURL();
    }).catch(function (err) {
      R.$("article-empty").hidden = false;
      R.$("article-empty").textContent = "Could not load the article: " + err.message;
    });
  }

  /* ------------------------------------------------------------ paste box */

  function extract(ev) {
    ev.preventDefault();
    var status = R.$("paste-status");
    var body = { text: R.$("paste-text").value, title: null };
    if (R.$("paste-published").value) body.published = R.$("paste-published").value;
    status.textContent = "extracting…";
    R.getJSON("/extract", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (doc) {
      doc.title = "Pasted article";
      renderArticle(doc);
      status.textContent = doc.events.length + " event" + (doc.events.length === 1 ? "" : "s") + " found";
      status.dataset.events = doc.events.length;
    }).catch(function (err) { status.textContent = "error: " + err.message; });
  }

  R.views = {
    PAGE: PAGE, loadTable: loadTable, sortBy: sortBy, openDocument: openDocument,
    openIncident: openIncident, closeIncident: closeIncident, extract: extract, markText: markText
  };
})(window.rasad);
