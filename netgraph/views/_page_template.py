"""The HTML, CSS and JavaScript of the interactive page (filled by :mod:`netgraph.views.html`).

Placeholders are ``@NAME@`` and are filled in one pass (values are never searched again).
Everything a stranger can write (names, titles, evidence) reaches the page either escaped by
Python (title, summary, legend) or inside the JSON block, and the script puts it on screen with
``textContent`` only, or draws it on the canvas.
"""

from __future__ import annotations

__all__: list[str] = []

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="netgraph (vis-network @VIS_VERSION@ bundled with pyvis)">
<title>@TITLE@</title>
<style>.vis-network:focus{outline:none}@VIS_CSS@</style>
<style>
html,body{margin:0;height:100%;background:#fff;color:#1f2937;
  font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{min-height:@MIN_HEIGHT@}
#ng-app{display:flex;height:100%;min-height:@MIN_HEIGHT@}
#ng-side{flex:0 0 360px;max-width:45%;box-sizing:border-box;overflow:auto;padding:12px 14px;
  border-right:1px solid #e5e7eb;background:#fafafa}
#ng-stage{position:relative;flex:1 1 auto;min-width:0}
#ng-graph{position:absolute;inset:0}
#ng-side h1{font-size:17px;margin:0 0 4px;overflow-wrap:anywhere}
#ng-side p{margin:0 0 8px;color:#4b5563}
#ng-omitted{font-size:12.5px;color:#6b7280}
#ng-search{position:relative;margin:6px 0 8px}
#ng-q{width:100%;box-sizing:border-box;padding:6px 8px;font:inherit;border:1px solid #d1d5db;
  border-radius:6px;background:#fff}
#ng-hits{list-style:none;margin:2px 0 0;padding:0}
#ng-hits li{padding:3px 6px;cursor:pointer;border-radius:4px;overflow-wrap:anywhere}
#ng-hits li:hover,#ng-hits li.ng-on{background:#e5e7eb}
#ng-hits li small{color:#6b7280}
#ng-buttons{display:flex;gap:6px;flex-wrap:wrap;margin:0 0 8px}
#ng-buttons button{font:inherit;font-size:13px;padding:4px 9px;border:1px solid #d1d5db;
  border-radius:6px;background:#fff;cursor:pointer}
#ng-buttons button[aria-pressed="true"]{background:#1f2937;color:#fff;border-color:#1f2937}
#ng-paths{list-style:none;margin:0 0 10px;padding:0}
.ng-path{border:1px solid #e5e7eb;border-left:5px solid var(--c);border-radius:6px;
  background:#fff;margin:0 0 8px;padding:6px 8px;cursor:pointer}
.ng-path:focus{outline:2px solid var(--c)}
.ng-path.ng-focused{box-shadow:0 0 0 2px var(--c)}
.ng-path-head{display:flex;gap:6px;align-items:baseline;font-weight:600}
.ng-path-head .ng-rank{color:var(--c)}
.ng-path-head .ng-prob{margin-left:auto;font-weight:400;color:#374151;white-space:nowrap}
.ng-hops{list-style:none;margin:4px 0 0;padding:0}
.ng-hop{padding:2px 0 2px 8px;border-left:2px solid #e5e7eb;margin:2px 0;font-size:13px}
.ng-hop:hover{background:#f3f4f6}
.ng-hop .ng-s{font-variant-numeric:tabular-nums;font-weight:600}
.ng-hop .ng-ev{color:#4b5563;display:block;overflow-wrap:anywhere}
.ng-hop.ng-weak{border-left-color:#dc2626}
.ng-weak-tag{color:#b91c1c;font-size:11.5px;font-weight:600;text-transform:uppercase;
  letter-spacing:.02em;margin-left:4px}
#ng-legend summary{cursor:pointer;font-weight:600;font-size:13px;color:#374151}
#ng-legend ul{list-style:none;margin:4px 0 0;padding:0}
#ng-legend li{display:flex;align-items:center;gap:6px;margin:2px 0;font-size:13px;
  overflow-wrap:anywhere}
.ng-sw{flex:none;display:inline-block;width:12px;height:12px;border-radius:50%;
  border:1px solid rgba(0,0,0,.15)}
.ng-sw.ng-diamond{border-radius:1px;transform:rotate(45deg) scale(.85)}
.ng-sw.ng-line{border-radius:2px;height:4px;width:16px;border:0}
.ng-sw.ng-dim{opacity:.35}
#ng-tip{position:absolute;display:none;pointer-events:none;z-index:3;max-width:380px;
  padding:6px 9px;background:#fff;border:1px solid #d1d5db;border-radius:6px;
  box-shadow:0 2px 8px rgba(0,0,0,.15);overflow-wrap:anywhere;font-size:13px}
#ng-tip .ng-head{font-weight:600;margin-bottom:3px}
#ng-tip table{border-collapse:collapse}
#ng-tip th{text-align:left;font-weight:400;color:#6b7280;padding:0 8px 0 0;vertical-align:top}
#ng-tip td{padding:0}
@media (max-width:700px){#ng-app{flex-direction:column}#ng-side{flex:0 0 auto;max-width:none;
  max-height:45%;border-right:0;border-bottom:1px solid #e5e7eb}}
</style>
</head>
<body>
<div id="ng-app">
<aside id="ng-side">
<h1>@TITLE@</h1>
<p id="ng-summary">@SUMMARY@</p>
<div id="ng-search"><input id="ng-q" type="search" autocomplete="off" spellcheck="false"
 placeholder="Find a person or company" aria-label="Find a person or company"><ul id="ng-hits"></ul></div>
<div id="ng-buttons">@BUTTONS@</div>
<p id="ng-omitted"></p>
<ol id="ng-paths" aria-label="Warm paths, best first"></ol>
<details id="ng-legend" open><summary>Legend</summary>
<ul>@LEGEND@</ul>
</details>
</aside>
<main id="ng-stage"><div id="ng-graph" role="img" aria-label="@TITLE@"></div>
<div id="ng-tip" role="tooltip"></div></main>
</div>
<script type="application/json" id="ng-data">@DATA@</script>
<script>@VIS_JS@</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ng-data").textContent);
  function expand(c) {
    return c.items.map(function (r) {
      var look = c.styles[r.s];
      for (var k in look) { if (!(k in r)) { r[k] = look[k]; } }
      if (!r.paths) { r.paths = []; }
      if (r.highlighted === undefined) { r.highlighted = false; }
      if (r.dimmed === undefined) { r.dimmed = false; }
      return r;
    });
  }
  var views = {paths: data.pathView,
               network: {nodes: expand(data.network.nodes), edges: expand(data.network.edges)}};
  var current = data.pathView ? "paths" : "network";
  var nodes = new vis.DataSet(views[current].nodes);
  var edges = new vis.DataSet(views[current].edges);
  var box = document.getElementById("ng-graph");
  var network = new vis.Network(box, {nodes: nodes, edges: edges}, data.options);
  var ng = window.netgraph = {network: network, nodes: nodes, edges: edges, meta: data.meta,
                              paths: data.paths, drawn: false, firstDrawMs: null,
                              focusedPath: null, found: null};
  var moved = false;
  network.once("afterDrawing", function () {
    ng.drawn = true;
    ng.firstDrawMs = performance.now();
    // Labels are measured by the first drawing: frame the view again with them inside.
    if (!moved && current === "paths") { frame(); }
    document.body.setAttribute("data-drawn", "1");
  });
  network.on("dragStart", function () { moved = true; });
  network.on("zoom", function () { moved = true; });

  // ---------------------------------------------------------------- colours
  function rgba(hex, a) {
    var h = String(hex || "#999999").replace("#", "");
    return "rgba(" + parseInt(h.slice(0, 2), 16) + "," + parseInt(h.slice(2, 4), 16) + "," +
      parseInt(h.slice(4, 6), 16) + "," + a + ")";
  }
  function restyle() {
    var k = ng.focusedPath, inPaths = current === "paths";
    var nu = nodes.get().map(function (n) {
      var on = k === null ? null : (n.paths || []).indexOf(k) >= 0;
      var base = n.base || (n.base = {color: n.color, font: n.font, borderWidth: n.borderWidth});
      if (on === null) {
        return {id: n.id, focused: false, color: base.color, font: base.font,
                borderWidth: base.borderWidth};
      }
      if (on) {
        var c = data.paths[k - 1].color;
        return {id: n.id, focused: true, borderWidth: 6,
                color: {background: rgba(n.hex, 1), border: c,
                        highlight: {background: rgba(n.hex, 1), border: c},
                        hover: {background: rgba(n.hex, 1), border: c}},
                font: Object.assign({}, base.font, {color: "#111827", strokeColor: "#ffffff"})};
      }
      var a = inPaths ? 0.15 : 0.08;
      return {id: n.id, focused: false, borderWidth: base.borderWidth,
              color: {background: rgba(n.hex, a), border: rgba(n.bhex, a),
                      highlight: {background: rgba(n.hex, 1), border: "#0f172a"},
                      hover: {background: rgba(n.hex, 1), border: "#0f172a"}},
              font: Object.assign({}, base.font, {color: rgba("#1f2937", 0.25),
                                                  strokeColor: rgba("#ffffff", 0.25)})};
    });
    nodes.update(nu);
    var eu = edges.get().map(function (e) {
      var on = k === null ? null : (e.paths || []).indexOf(k) >= 0;
      var base = e.base || (e.base = {color: e.color, width: e.width, font: e.font});
      if (on === null) { return {id: e.id, focused: false, color: base.color, width: base.width}; }
      if (on) {
        var c = data.paths[k - 1].color;
        return {id: e.id, focused: true, width: Math.max(base.width, 5),
                color: {color: c, highlight: c, hover: c}};
      }
      return {id: e.id, focused: false, width: base.width,
              color: {color: rgba(e.hex || "#64748b", 0.07)}};
    });
    edges.update(eu);
    var items = document.querySelectorAll("#ng-paths > li");
    for (var i = 0; i < items.length; i++) {
      var f = k === i + 1;
      items[i].classList.toggle("ng-focused", f);
      items[i].setAttribute("aria-pressed", f ? "true" : "false");
    }
  }

  // ---------------------------------------------------------------- views
  function frame() {
    var ids = nodes.getIds();
    if (!ids.length) { return; }
    if (current === "paths") {
      // The box of the nodes and their labels (once drawn), with a margin; labels stay
      // readable: the zoom is at least 0.75 (18 px labels: 13.5 px on screen).
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      ids.forEach(function (id) {
        var b = network.getBoundingBox(id), p = network.getPosition(id);
        if (!b || !isFinite(b.left)) { b = {left: p.x - 20, right: p.x + 20, top: p.y - 20,
                                            bottom: p.y + 20}; }
        x0 = Math.min(x0, b.left); x1 = Math.max(x1, b.right);
        y0 = Math.min(y0, b.top); y1 = Math.max(y1, b.bottom);
      });
      var w = box.clientWidth || 800, h = box.clientHeight || 600;
      var s = Math.min((w - 40) / Math.max(x1 - x0, 1), (h - 40) / Math.max(y1 - y0, 1));
      s = Math.min(Math.max(s, 0.75), 1.25);
      network.moveTo({position: {x: (x0 + x1) / 2, y: (y0 + y1) / 2}, scale: s,
                      animation: false});
    } else if (data.paths.length) {
      // The wider network opens on the paths and the people around them.
      var on = nodes.getIds({filter: function (n) { return n.highlighted; }});
      network.fit({nodes: on, animation: false});
      network.moveTo({scale: network.getScale() * 0.6, animation: false});
    } else {
      network.fit({animation: false});
    }
  }
  var omitted = document.getElementById("ng-omitted");
  var toggle = document.getElementById("ng-wider");
  function setView(v) {
    if (!views[v] || v === current) { return current; }
    current = v;
    hide();
    nodes.clear();
    edges.clear();
    nodes.add(views[v].nodes.map(function (n) { delete n.base; return n; }));
    edges.add(views[v].edges.map(function (e) { delete e.base; return e; }));
    if (ng.focusedPath !== null) { restyle(); }
    frame();
    note();
    return current;
  }
  function note() {
    omitted.textContent = current === "paths" ? data.meta.note_paths : data.meta.note_network;
    if (toggle) {
      toggle.setAttribute("aria-pressed", current === "network" ? "true" : "false");
      toggle.textContent = current === "network" ? "Show only the paths"
        : "Show the wider network";
    }
  }
  if (toggle) {
    toggle.addEventListener("click", function () {
      setView(current === "paths" ? "network" : "paths");
    });
  }
  ng.view = function () { return current; };
  ng.setView = setView;

  // ---------------------------------------------------------------- the path panel
  var list = document.getElementById("ng-paths");
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function focusPath(k) {
    ng.focusedPath = (k === null || ng.focusedPath === k) ? null : k;
    restyle();
    if (ng.focusedPath !== null) {
      var ids = nodes.getIds({filter: function (n) {
        return (n.paths || []).indexOf(ng.focusedPath) >= 0; }});
      if (ids.length && current === "network") {
        network.fit({nodes: ids, animation: false});
      }
    }
    return ng.focusedPath;
  }
  ng.focusPath = focusPath;
  data.paths.forEach(function (p, i) {
    var li = el("li", "ng-path");
    li.style.setProperty("--c", p.color);
    li.tabIndex = 0;
    li.setAttribute("role", "button");
    li.setAttribute("aria-pressed", "false");
    li.setAttribute("data-rank", String(p.rank));
    if (p.probability !== null) { li.setAttribute("data-probability", String(p.probability)); }
    var head = el("div", "ng-path-head");
    head.appendChild(el("span", "ng-rank", "#" + p.rank));
    head.appendChild(el("span", "ng-via", p.headline));
    if (p.probability !== null) {
      head.appendChild(el("span", "ng-prob", "chance " + p.probability.toFixed(2)));
    }
    li.appendChild(head);
    var hops = el("ol", "ng-hops");
    p.hops.forEach(function (h) {
      var hi = el("li", "ng-hop" + (h.weakest ? " ng-weak" : ""));
      hi.appendChild(document.createTextNode(h.from + " \u2192 " + h.to + " "));
      if (h.strength !== null) { hi.appendChild(el("span", "ng-s", h.strength.toFixed(2))); }
      if (h.weakest) { hi.appendChild(el("span", "ng-weak-tag", "weakest link")); }
      if (h.evidence) { hi.appendChild(el("span", "ng-ev", h.evidence)); }
      hi.title = h.evidence || "";
      hi.addEventListener("mouseenter", function () {
        if (h.edge && edges.get(h.edge)) { network.selectEdges([h.edge]); }
      });
      hi.addEventListener("mouseleave", function () { network.unselectAll(); });
      hops.appendChild(hi);
    });
    li.appendChild(hops);
    li.addEventListener("click", function () { focusPath(i + 1); });
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); focusPath(i + 1); }
    });
    list.appendChild(li);
  });
  var clear = document.getElementById("ng-all");
  if (clear) { clear.addEventListener("click", function () { focusPath(null); }); }

  // ---------------------------------------------------------------- search
  // Names are folded in Python exactly as the library folds them (netgraph's name_key);
  // the query is folded the same way here: case, accents, apostrophes, punctuation, spaces.
  function fold(q) {
    return String(q).normalize("NFKD").replace(/[\\u0300-\\u036f\\u1ab0-\\u1aff\\u20d0-\\u20ff]/g, "")
      .toLowerCase().replace(/'/g, "").replace(/[^\\p{L}\\p{N}_\\s]/gu, " ")
      .replace(/\\s+/g, " ").trim();
  }
  ng.fold = fold;
  var q = document.getElementById("ng-q"), hits = document.getElementById("ng-hits");
  function find(text) {
    var f = fold(text);
    if (!f) { return []; }
    var out = [];
    data.search.forEach(function (s) {
      var at = s[2].indexOf(f);
      if (at >= 0) { out.push([at === 0 ? 0 : (s[2].indexOf(" " + f) >= 0 ? 1 : 2), s]); }
    });
    out.sort(function (a, b) { return a[0] - b[0] || (a[1][1] < b[1][1] ? -1 : 1); });
    return out.slice(0, 8).map(function (x) { return x[1]; });
  }
  ng.find = function (text) { return find(text).map(function (s) { return s[0]; }); };
  function focusNode(id) {
    if (!nodes.get(id)) {
      if (!views.network.nodes.some(function (n) { return n.id === id; })) { return null; }
      setView("network");
    }
    ng.found = id;
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1.1), animation: false});
    var p = network.canvasToDOM(network.getPosition(id));
    show(nodes.get(id), p);
    return id;
  }
  ng.focusNode = focusNode;
  function render() {
    while (hits.firstChild) { hits.removeChild(hits.firstChild); }
    find(q.value).forEach(function (s, i) {
      var li = el("li", i === 0 ? "ng-on" : "", s[1]);
      if (s[3]) { li.appendChild(el("small", null, " \u00b7 " + s[3])); }
      li.addEventListener("click", function () { focusNode(s[0]); });
      hits.appendChild(li);
    });
  }
  q.addEventListener("input", render);
  q.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var f = find(q.value);
      if (f.length) { focusNode(f[0][0]); }
    } else if (ev.key === "Escape") { q.value = ""; render(); }
  });

  // ---------------------------------------------------------------- tooltips
  var tip = document.getElementById("ng-tip");
  function hide() { tip.style.display = "none"; }
  function show(item, pointer) {
    if (!item || !item.info) { hide(); return; }
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    tip.appendChild(el("div", "ng-head", item.info.head));
    var table = document.createElement("table");
    item.info.rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.appendChild(el("th", null, r[0]));
      tr.appendChild(el("td", null, r[1]));
      table.appendChild(tr);
    });
    tip.appendChild(table);
    tip.style.display = "block";
    var x = pointer.x + 14, y = pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > box.clientWidth) { x = Math.max(0, pointer.x - w - 14); }
    if (y + h > box.clientHeight) { y = Math.max(0, pointer.y - h - 14); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  network.on("hoverNode", function (p) { show(nodes.get(p.node), p.pointer.DOM); });
  function label(key) {
    var t = String(key).replace(/_/g, " ").trim();
    return t.charAt(0).toUpperCase() + t.slice(1);
  }
  function value(v) {
    if (typeof v === "number") {
      return Number.isInteger(v) ? v.toLocaleString("en-US") : v.toFixed(2);
    }
    return String(v);
  }
  function edgeItem(id) {
    var e = edges.get(id);
    if (!e) { return null; }
    if (!e.info) {
      var a = nodes.get(e.from), b = nodes.get(e.to);
      e.info = {head: (a ? a.label : "") + " \\u2014 " + (b ? b.label : ""),
                rows: Object.keys(e.ev || {}).map(function (k) {
                  return [label(k), value(e.ev[k])];
                })};
    }
    return e;
  }
  network.on("hoverEdge", function (p) { show(edgeItem(p.edge), p.pointer.DOM); });
  network.on("blurNode", hide);
  network.on("blurEdge", hide);
  network.on("dragStart", hide);
  network.on("zoom", hide);
  network.on("click", function (p) {
    if (p.nodes.length) { show(nodes.get(p.nodes[0]), p.pointer.DOM); }
    else if (p.edges.length) { show(edgeItem(p.edges[0]), p.pointer.DOM); }
    else { hide(); }
  });
  note();
  frame();
})();
</script>
</body>
</html>
"""
