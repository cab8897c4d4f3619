// Lagebild page: fetches the JSON API and draws the network, timeline, boards and evidence.
// Article text and every other field from the store are untrusted: they reach the DOM only
// through createElement/textContent (never innerHTML), and links only when they are http(s).
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const MAX_NODES = 60;          // beyond this the drawing is a hairball; the busiest are kept
  const EVENT_LIMIT = 500;
  const state = { since: "", until: "", type: "", group: "actor", focus: null, events: [], seq: 0 };

  const $ = (id) => document.getElementById(id);

  // Build an element; strings among the children become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "onclick") node.addEventListener("click", v);
      else node.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  async function api(path, params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) qs.set(k, v);
    const url = path + (qs.toString() ? "?" + qs : "");
    const res = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(path + ": HTTP " + res.status);
    return res.json();
  }

  function status(msg, isError) {
    const s = $("status");
    s.textContent = msg || "";
    s.className = isError ? "error" : "";
  }

  // -- field helpers: the API returns plain rows; these read them tolerantly ---------------------
  const codes = (side) => (side || []).map((p) => (typeof p === "string" ? p : p.code)).filter(Boolean);
  const uniq = (xs) => [...new Set(xs)];
  const who = (ev) => uniq(codes(ev.actor)).join(", ") || "?";
  const whom = (ev) => uniq(codes(ev.recipient)).join(", ");
  const evType = (ev) => (Array.isArray(ev.event) ? ev.event[0] : ev.event) || "";
  const span = (x) => x.evidence && typeof x.evidence === "object"
    ? { start: x.evidence.start, end: x.evidence.end, text: x.evidence.text }
    : { start: x.evidence_start, end: x.evidence_end, text: x.evidence_text };
  const articleId = (x) => x.article_id ?? (x.article && x.article.id);
  const dyadKey = (a, b) => [a, b].sort().join("-");

  function safeLink(url, label) {
    // Only web links become anchors: a javascript: or data: URL in an article stays inert text.
    try {
      const u = new URL(url, window.location.href);
      if (u.protocol === "http:" || u.protocol === "https:") {
        return el("a", { href: u.href, target: "_blank", rel: "noopener noreferrer" }, label || u.href);
      }
    } catch (e) { /* not a URL */ }
    return el("span", {}, label || String(url));
  }

  // -- network -------------------------------------------------------------------------------
  // A small Fruchterman-Reingold layout: nodes repel, edges pull, a weak pull to the centre
  // keeps islands on screen. Deterministic start (a circle) so the same data draws the same.
  function layout(nodes, edges, w, h) {
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({
      x: w / 2 + (w / 3) * Math.cos((2 * Math.PI * i) / Math.max(n, 1)),
      y: h / 2 + (h / 3) * Math.sin((2 * Math.PI * i) / Math.max(n, 1)),
    }));
    if (n < 2) return pos.map(() => ({ x: w / 2, y: h / 2 }));
    const index = new Map(nodes.map((nd, i) => [nd.id, i]));
    const k = 0.9 * Math.sqrt((w * h) / n);
    const links = edges.map((e) => [index.get(e.source), index.get(e.target), e]).filter((l) => l[0] !== undefined && l[1] !== undefined);
    let temp = w / 8;
    const steps = 300;
    for (let s = 0; s < steps; s++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          let d = Math.hypot(dx, dy) || 0.01;
          const f = (k * k) / d;
          dx /= d; dy /= d;
          disp[i].x += dx * f; disp[i].y += dy * f;
          disp[j].x -= dx * f; disp[j].y -= dy * f;
        }
      }
      for (const [a, b, e] of links) {
        let dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
        const d = Math.hypot(dx, dy) || 0.01;
        const f = ((d * d) / k) * (1 + Math.log1p(e.events || 1) / 3);
        dx /= d; dy /= d;
        disp[a].x -= dx * f; disp[a].y -= dy * f;
        disp[b].x += dx * f; disp[b].y += dy * f;
      }
      for (let i = 0; i < n; i++) {
        disp[i].x += (w / 2 - pos[i].x) * 0.05 * k / 10;
        disp[i].y += (h / 2 - pos[i].y) * 0.05 * k / 10;
        const d = Math.hypot(disp[i].x, disp[i].y) || 0.01;
        const step = Math.min(d, temp);
        pos[i].x += (disp[i].x / d) * step;
        pos[i].y += (disp[i].y / d) * step;
      }
      temp = Math.max(1, temp * 0.985);
    }
    // fit into the view with a margin for labels
    const m = 36;
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (w - 2 * m) / Math.max(x1 - x0, 1), sy = (h - 2 * m) / Math.max(y1 - y0, 1);
    return pos.map((p) => ({ x: m + (p.x - x0) * sx, y: m + (p.y - y0) * sy }));
  }

  // Cooperation green, conflict red, mixed grey in between.
  function edgeColour(e) {
    const c = e.cooperation || 0, k = e.conflict || 0;
    if (c + k === 0) return "#8a8f99";
    const r = (c - k) / (c + k);
    const mix = (a, b, t) => Math.round(a + (b - a) * t);
    const grey = [138, 143, 153], green = [46, 139, 87], red = [192, 57, 43];
    const to = r >= 0 ? green : red, t = Math.abs(r);
    return `rgb(${mix(grey[0], to[0], t)},${mix(grey[1], to[1], t)},${mix(grey[2], to[2], t)})`;
  }

  function renderNetwork(net) {
    const g = $("graph");
    clear(g);
    const W = 800, H = 520;
    let nodes = (net.nodes || []).slice().sort((a, b) => (b.events || 0) - (a.events || 0) || String(a.id).localeCompare(String(b.id)));
    const total = nodes.length;
    nodes = nodes.slice(0, MAX_NODES);
    const keep = new Set(nodes.map((n) => n.id));
    const edges = (net.edges || []).filter((e) => keep.has(e.source) && keep.has(e.target) && e.source !== e.target);
    $("graph-note").textContent = total === 0 ? "No events between actors in this selection."
      : total > MAX_NODES ? `Showing the ${MAX_NODES} most active of ${total} actors.` : "";
    if (!nodes.length) return;
    const pos = layout(nodes, edges, W, H);
    const at = new Map(nodes.map((n, i) => [n.id, pos[i]]));
    const maxEv = Math.max(1, ...edges.map((e) => e.events || 1));
    const edgeLayer = svg("g", { class: "edges" }), nodeLayer = svg("g", { class: "nodes" });
    for (const e of edges) {
      const a = at.get(e.source), b = at.get(e.target);
      const line = svg("line", {
        class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        stroke: edgeColour(e), "stroke-width": (1.5 + 7 * Math.sqrt((e.events || 1) / maxEv)).toFixed(1),
        "data-source": e.source, "data-target": e.target, "data-dyad": dyadKey(e.source, e.target),
        "data-events": e.events || 0,
      });
      const t = svg("title");
      t.textContent = `${e.source} – ${e.target}: ${e.events || 0} events (${e.cooperation || 0} cooperative, ${e.conflict || 0} conflictual)`;
      line.append(t);
      line.addEventListener("click", () => setFocus({ kind: "dyad", a: e.source, b: e.target }));
      edgeLayer.append(line);
    }
    const maxN = Math.max(1, ...nodes.map((n) => n.events || 1));
    for (const n of nodes) {
      const p = at.get(n.id);
      const r = 6 + 12 * Math.sqrt((n.events || 1) / maxN);
      const isState = (n.kind || "country") === "country" || n.kind === "state";
      const node = svg("g", { class: "node " + (isState ? "state" : "org"), "data-id": n.id, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`, tabindex: 0 });
      node.append(isState ? svg("circle", { r: r.toFixed(1) })
        : svg("rect", { x: -r, y: -r, width: 2 * r, height: 2 * r, rx: 4 }));
      const label = svg("text", { x: r + 3, y: 4 });
      label.textContent = n.id;
      const t = svg("title");
      t.textContent = `${n.label || n.id} (${n.kind || "actor"}): ${n.events || 0} events`;
      node.append(label, t);
      const pick = () => setFocus({ kind: "actor", code: n.id });
      node.addEventListener("click", pick);
      node.addEventListener("keydown", (ev) => { if (ev.key === "Enter") pick(); });
      nodeLayer.append(node);
    }
    g.append(edgeLayer, nodeLayer);
    markGraphFocus();
  }

  function markGraphFocus() {
    const f = state.focus;
    for (const e of document.querySelectorAll("#graph .edge")) {
      const on = !f || (f.kind === "dyad" ? e.dataset.dyad === dyadKey(f.a, f.b)
        : e.dataset.source === f.code || e.dataset.target === f.code);
      e.classList.toggle("dim", !on);
      e.classList.toggle("selected", !!f && on);
    }
    for (const n of document.querySelectorAll("#graph .node")) {
      const id = n.dataset.id;
      const on = !f || (f.kind === "dyad" ? id === f.a || id === f.b : true);
      n.classList.toggle("dim", !on);
      n.classList.toggle("selected", !!f && (f.kind === "actor" ? id === f.code : on));
    }
  }

  // -- timeline ------------------------------------------------------------------------------
  function setFocus(f) {
    state.focus = f;
    markGraphFocus();
    loadTimeline();
  }

  function focusLabel(f) {
    return f.kind === "dyad" ? `${f.a} – ${f.b}` : f.code;
  }

  function eventMatchesFocus(ev) {
    const f = state.focus;
    if (!f) return true;
    const a = codes(ev.actor), r = codes(ev.recipient), all = a.concat(r);
    if (f.kind === "actor") return all.includes(f.code);
    return (a.includes(f.a) && r.includes(f.b)) || (a.includes(f.b) && r.includes(f.a));
  }

  async function loadTimeline() {
    const focus = $("focus");
    clear(focus);
    if (state.focus) {
      focus.append("Showing: " + focusLabel(state.focus), el("button", { type: "button", onclick: () => setFocus(null) }, "Show all"));
    }
    const base = { since: state.since, until: state.until, type: state.type, limit: EVENT_LIMIT };
    // the API filters one side at a time; a focus covers both sides (and both directions)
    const f = state.focus;
    const sides = !f ? [{}]
      : f.kind === "actor" ? [{ actor: f.code }, { recipient: f.code }]
        : [{ actor: f.a, recipient: f.b }, { actor: f.b, recipient: f.a }];
    const seq = ++state.seq;   // a later click wins over a slower earlier answer
    try {
      const pages = await Promise.all(sides.map((s) => api("events", Object.assign({}, base, s))));
      if (seq !== state.seq) return;
      const byId = new Map();
      for (const page of pages) for (const e of page) byId.set(e.id, e);
      const evs = [...byId.values()];
      state.events = evs.filter(eventMatchesFocus);
      renderTimeline();
      renderDyadChart();
    } catch (err) { status(String(err), true); }
  }

  function groupKeys(ev) {
    const a = uniq(codes(ev.actor)), r = uniq(codes(ev.recipient));
    if (state.group === "actor") return a.length ? a : ["?"];
    if (!r.length) return a.map((x) => `${x} –`);
    const keys = [];
    for (const x of a) for (const y of r) if (x !== y) keys.push([x, y].sort().join(" – "));
    return keys.length ? uniq(keys) : [a.join(", ") + " (internal)"];
  }

  function renderTimeline() {
    const box = $("timeline");
    clear(box);
    const groups = new Map();
    for (const ev of state.events) for (const k of groupKeys(ev)) {
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(ev);
    }
    if (!groups.size) { box.append(el("p", { class: "note" }, "No events in this selection.")); return; }
    const ordered = [...groups.entries()].sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]));
    for (const [key, evs] of ordered) {
      evs.sort((x, y) => (!x.date - !y.date) || String(x.date || "").localeCompare(String(y.date || "")));   // undated last
      const list = el("ol", { class: "events" });
      for (const ev of evs) list.append(el("li", {}, eventButton(ev)));
      box.append(el("div", { class: "group" }, el("h3", {}, key, el("span", { class: "count" }, `${evs.length} event${evs.length === 1 ? "" : "s"}`)), list));
    }
    if (state.events.length >= EVENT_LIMIT) box.append(el("p", { class: "note" }, `First ${EVENT_LIMIT} events shown; narrow the date range.`));
  }

  function eventButton(ev) {
    const sp = span(ev);
    const target = whom(ev);
    const b = el("button", {
      type: "button", class: `event q-${ev.quad || "none"}`, "data-event-id": ev.id, title: "Show evidence",
      onclick: () => { selectEvent(b); showEvidence({ kind: "event", item: ev }); },
    },
    el("span", { class: "date" }, ev.date || "undated"),
    el("span", { class: "etype" }, evType(ev)),
    el("span", {},
      el("span", { class: "who" }, who(ev) + (target ? " → " + target : "")),
      ev.status && ev.status !== "occurred" ? el("span", { class: "status" }, ev.status) : null,
      el("span", { class: "snippet" }, sp.text || "")));
    return b;
  }

  function selectEvent(button) {
    for (const x of document.querySelectorAll(".event.selected")) x.classList.remove("selected");
    button.classList.add("selected");
  }

  async function renderDyadChart() {
    const box = $("dyad-chart");
    clear(box);
    const f = state.focus;
    if (!f || f.kind !== "dyad") return;
    try {
      const rows = await api(`dyads/${encodeURIComponent(f.a)}/${encodeURIComponent(f.b)}`, { since: state.since, until: state.until });
      const series = rows.items || rows.series || rows;
      if (!Array.isArray(series) || !series.length) return;
      const max = Math.max(1, ...series.map((r) => (r.cooperation || 0) + (r.conflict || 0)));
      const bars = el("div", { class: "bars", role: "img", "aria-label": "Events per month" });
      for (const r of series) {
        const c = el("span", { class: "c" }), k = el("span", { class: "k" });
        c.style.height = `${(60 * (r.cooperation || 0)) / max}px`;
        k.style.height = `${(60 * (r.conflict || 0)) / max}px`;
        bars.append(el("div", { class: "bar", title: `${r.period}: ${r.cooperation || 0} cooperative, ${r.conflict || 0} conflictual` }, c, k));
      }
      box.append(bars, el("div", { class: "bars-caption" },
        `${f.a} – ${f.b} by month, ${series[0].period} to ${series[series.length - 1].period} (green cooperation, red conflict)`));
    } catch (err) { status(String(err), true); }
  }

  // -- evidence ------------------------------------------------------------------------------
  // The article text split into three text nodes around a <mark>: the text is never parsed.
  function highlighted(text, start, end) {
    const box = el("div", { class: "article-text", lang: "" });
    const ok = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end;
    if (!ok) { box.append(document.createTextNode(text)); return { box, mark: null }; }
    const mark = el("mark", {}, text.slice(start, end));
    box.append(document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)));
    return { box, mark };
  }

  function describe(sel) {
    const x = sel.item;
    if (sel.kind === "event") {
      const target = whom(x);
      return `${evType(x)}: ${who(x)}${target ? " → " + target : ""}` + (x.date ? ` (${x.date})` : "") +
        (x.status && x.status !== "occurred" ? ` [${x.status}]` : "");
    }
    if (sel.kind === "commitment") return commitmentLine(x);
    if (sel.kind === "relation") return relationLine(x);
    return x.title || "Article";
  }

  async function showEvidence(sel) {
    const box = $("evidence");
    clear(box);
    const id = articleId(sel.item);
    box.append(el("p", { class: "note" }, "Loading…"));
    let art;
    try { art = await api(`articles/${encodeURIComponent(id)}`); } catch (err) {
      clear(box); box.append(el("p", { class: "error" }, String(err))); return;
    }
    clear(box);
    const sp = sel.kind === "article" ? (sel.span || {}) : span(sel.item);
    const meta = el("p", { class: "meta" },
      art.published ? "Published " + art.published : "No date",
      art.source ? " · " + art.source : "",
      art.language ? " · " + art.language : "",
      art.url ? " · " : "", art.url ? safeLink(art.url, "source link") : null);
    box.append(el("h3", { class: "title" }, art.title || art.doc_id || `Article ${id}`), meta);
    if (sel.kind !== "article") {
      box.append(el("p", { class: "what" }, describe(sel)));
      if (sp.text) box.append(el("blockquote", { class: "sentence", lang: art.language || "" }, sp.text));
    }
    const { box: text, mark } = highlighted(art.text || "", sp.start, sp.end);
    if (art.language) text.setAttribute("lang", art.language);
    box.append(text);
    // scroll the text box (not the page) so the marked sentence sits in its upper third
    if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3);
  }

  // -- commitments and relations -------------------------------------------------------------
  const list = (xs) => (Array.isArray(xs) ? xs.join(", ") : xs || "?");

  function commitmentLine(c) {
    const q = c.quantity && (c.quantity.text || [c.quantity.amount, c.quantity.unit].filter(Boolean).join(" "));
    const to = c.recipient && c.recipient.length ? ` → ${list(c.recipient)}` : "";
    return `${list(c.actor)}${to}: ${c.action}` + (c.object ? ` ${c.object}` : "") + (q ? ` (${q})` : "");
  }

  function relationLine(r) {
    const subject = list(r.subject);
    const named = r.name && !subject.includes(r.name) ? ` “${r.name}”` : "";
    return `${subject} ${r.type}` + (r.object ? ` ${r.object}` : "") + named + (r.role ? ` as ${r.role}` : "");
  }

  function card(kind, cls, line, small, item) {
    return el("li", {}, el("button", { type: "button", class: `card ${cls}`, onclick: () => showEvidence({ kind, item }) },
      line, el("span", { class: "small" }, small)));
  }

  function renderCommitments(rows) {
    const cols = { open: $("c-open"), fulfilled: $("c-fulfilled"), broken: $("c-broken") };
    Object.values(cols).forEach(clear);
    for (const c of rows) {
      const st = c.status === "made" || c.status === "reaffirmed" || c.status === "open" ? "open" : c.status;
      const col = cols[st];
      if (!col) continue;
      const bits = [c.status, c.deadline ? "by " + c.deadline : "", c.condition ? "if " + c.condition : ""].filter(Boolean);
      col.append(card("commitment", st, commitmentLine(c), bits.join(" · "), c));
    }
    for (const [k, col] of Object.entries(cols)) if (!col.firstChild) col.append(el("li", { class: "note" }, `None ${k}.`));
  }

  function renderRelations(rows) {
    const box = $("relations");
    clear(box);
    const by = new Map();
    for (const r of rows) { if (!by.has(r.type)) by.set(r.type, []); by.get(r.type).push(r); }
    if (!by.size) { box.append(el("p", { class: "note" }, "No standing relations stored.")); return; }
    const order = ["treaty", "treaty-covers", "member-of", "claims", "rejects-claim", "partnership", "leader-of"];
    const keys = [...by.keys()].sort((a, b) => ((order.indexOf(a) + 99) % 99) - ((order.indexOf(b) + 99) % 99) || a.localeCompare(b));
    for (const k of keys) {
      const ul = el("ul");
      for (const r of by.get(k)) {
        const valid = [r.valid_from ? "from " + r.valid_from : "", r.valid_to ? "to " + r.valid_to : ""].filter(Boolean).join(" ");
        ul.append(card("relation", "relation", relationLine(r), valid || (r.note || ""), r));
      }
      box.append(el("div", {}, el("h3", {}, `${k} (${by.get(k).length})`), ul));
    }
  }

  // -- search --------------------------------------------------------------------------------
  async function runSearch(q) {
    const panel = $("results-panel"), ol = $("results");
    clear(ol);
    panel.hidden = false;
    try {
      const res = await api("search", { q, limit: 50 });
      const hits = res.items || res.hits || res;
      if (!hits.length) ol.append(el("li", { class: "note" }, `Nothing found for “${q}”.`));
      for (const h of hits) {
        // a hit carries the offset of its first match; the match is as long as the query
        const sp = h.start >= 0 ? { start: h.start, end: h.end ?? h.start + q.length } : {};
        const item = Object.assign({}, h, { article_id: articleId(h) ?? h.id });
        ol.append(el("li", {}, el("button", { type: "button", class: "hit", onclick: () => showEvidence({ kind: "article", item, span: sp }) },
          el("span", { class: "title" }, h.title || h.doc_id || `Article ${item.article_id}`),
          el("span", { class: "snippet" }, h.snippet || ""))));
      }
      panel.scrollIntoView({ block: "nearest" });
    } catch (err) { status(String(err), true); }
  }

  // -- wiring --------------------------------------------------------------------------------
  async function loadAll() {
    status("Loading…");
    try {
      const [net, comm, rel, st] = await Promise.all([
        api("network", { since: state.since, until: state.until, type: state.type }),
        api("commitments"), api("relations"), api("stats"),
      ]);
      renderNetwork(net);
      renderCommitments(comm.items || comm);
      renderRelations(rel.items || rel);
      $("stats").textContent = `${st.articles} articles · ${st.events} events · ${st.commitments} commitments · ${st.relations} relations`;
      await loadTimeline();
      status("");
    } catch (err) { status(String(err), true); }
  }

  async function init() {
    try {
      const types = await api("event-types");
      const sel = $("type");
      for (const t of types) sel.append(el("option", { value: t.name }, t.name));
    } catch (err) { status(String(err), true); }
    $("filters").addEventListener("submit", (ev) => {
      ev.preventDefault();
      state.since = $("since").value; state.until = $("until").value; state.type = $("type").value;
      loadAll();
    });
    $("reset").addEventListener("click", () => {
      $("since").value = ""; $("until").value = ""; $("type").value = "";
      Object.assign(state, { since: "", until: "", type: "", focus: null });
      loadAll();
    });
    $("group").addEventListener("change", () => { state.group = $("group").value; renderTimeline(); });
    $("search").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const q = $("q").value.trim();
      if (q) runSearch(q);
    });
    $("close-results").addEventListener("click", () => { $("results-panel").hidden = true; });
    await loadAll();
    document.body.dataset.ready = "1";   // tests wait for this
  }

  document.addEventListener("DOMContentLoaded", init);
})();
