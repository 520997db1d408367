// The search page: runs the query against /api/search and /api/facets and shows hits,
// facets, the timeline and spellings charts (charts.js), downloads and documents. The
// page's URL holds the query, its filters, the result page and the open document, so
// that any view can be shared as a link. Served at /static/search.js.
"use strict";

const pageSize = 10;
const exportLimit = 1000;  // the server's --max-export default: /api/export's cap
const state = { q: "", source: "", from: "", to: "", page: 1, doc: "" };
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c]));

// --- the URL: the whole state of the page -------------------------------------------

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.q = p.get("q") || "";
  state.source = p.get("source") || "";
  state.from = p.get("from") || "";
  state.to = p.get("to") || "";
  state.page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
  state.doc = p.get("doc") || "";
}

function stateParams(withPage) {
  const p = new URLSearchParams({ q: state.q });
  if (state.source) p.set("source", state.source);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  if (withPage && state.page > 1) p.set("page", state.page);
  return p;
}

function writeUrl() {
  const p = stateParams(true);
  if (state.doc) p.set("doc", state.doc);
  const url = "?" + p.toString();
  if (url !== location.search) history.pushState(null, "", url);
}

// Query parameters of the API for the current filters.
function apiParams(extra) {
  const p = stateParams(false);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p.toString();
}

// --- searching ------------------------------------------------------------------------

async function getJson(url) {
  const r = await fetch(url);
  const j = await r.json();
  if (!r.ok) throw new Error(j.error || r.statusText);
  return j;
}

// The explanation of the last query asked for: { q, answer: a promise of its JSON }.
const explained = { q: null, answer: null };

// Searches started: only the latest draws what it gets (an older one answering late would
// show another query's results). The page is aria-busy until the latest has drawn all.
let runs = 0;

async function run() {
  if (!state.q.trim()) return;
  const mine = ++runs;
  const current = () => mine === runs;
  document.body.setAttribute("aria-busy", "true");
  try {
    await runSearch(current);
  } finally {
    if (current()) document.body.setAttribute("aria-busy", "false");
  }
}

async function runSearch(current) {
  $("q").value = state.q;
  $("status").textContent = "Searching…";
  const offset = (state.page - 1) * pageSize;
  const search = getJson("/api/search?" + apiParams({ limit: pageSize, offset }));
  const facets = getJson("/api/facets?" + apiParams());
  // How the query was read changes with the query only, not with its page or filters.
  if (explained.q !== state.q) {
    explained.q = state.q;
    explained.answer = getJson("/api/explain?" + new URLSearchParams({ q: state.q }));
    explained.answer.catch(() => {});  // shown below, or not at all when the search fails
  }
  let j;
  try {
    j = await search;
  } catch (e) {
    if (!current()) return;
    $("status").innerHTML = '<span class="error">' + esc(e.message) + "</span>";
    $("hits").innerHTML = $("pager").innerHTML = "";
    return;
  }
  if (!current()) return;
  showHits(j);
  showSide(j);
  showPager(j.total);
  showFilters(j.total);
  const answer = explained.answer;
  try {
    const why = await answer;
    if (!current()) return;
    showNotJoined(why);
  } catch (e) {
    if (!current()) return;
    $("not-joined").innerHTML = '<span class="error">' + esc(e.message) + "</span>";
  }
  try {
    const f = await facets;
    if (!current()) return;
    showCharts(f);
  } catch (e) {
    if (!current()) return;
    $("timeline").innerHTML = '<span class="error">' + esc(e.message) + "</span>";
    $("spellings-chart").innerHTML = "";
  }
  if (state.doc) await openDoc(state.doc, false);
}

function showHits(j) {
  // The API marks an estimate (total_exact false): never shown as a count.
  $("status").textContent = (j.total_exact === false ? "about " : "") + j.total + " result" + (j.total == 1 ? "" : "s");
  showDidYouMean(j.did_you_mean);
  $("hits").innerHTML = j.hits.map((h) =>
    '<div class="hit"><h3><a href="#" data-id="' + esc(h.id) + '">' + esc(h.title || h.id) + "</a></h3>" +
    '<div class="meta">' + esc(h.date) + " · " + esc(h.source) + " · " + esc(h.id) + (h.page ? " · page " + h.page : "") + "</div>" +
    '<div class="snippet">' + (h.snippet || "") + "</div>" +
    '<div class="via">matched: ' + (h.matched || []).map((m) => esc(m.text) + " → " + esc(m.via)).join("; ") + "</div></div>").join("");
}

// A word of the query in few documents, and close spellings in many more: the query
// with the closest, as a link that runs it, and each word's suggestions.
function showDidYouMean(d) {
  if (!d) return;
  const names = d.names.map((n) => esc(n.text) + ": " + n.suggestions.map((s) =>
    esc(titleCase(s.spelling)) + " " + esc(s.documents) + " (" + esc(s.differences) + ")").join(", ")).join("; ");
  $("status").insertAdjacentHTML("beforeend", (d.query ? ' · did you mean <a href="#" id="did-you-mean" data-q="' +
    esc(d.query) + '">' + esc(d.query) + "</a>?" : "") + ' <span class="note">' + names + "</span>");
}

function showSide(j) {
  const facet = (name, counts, key) => "<h2>" + name + "</h2>" + Object.entries(counts)
    .sort((a, b) => key == "year" ? a[0].localeCompare(b[0]) : b[1] - a[1])
    .map(([v, n]) => {
      const on = key == "year" ? state.from == v && state.to == v : state.source == v;
      return '<a href="#" class="' + (on ? "on" : "") + '" data-' + key + '="' + esc(v) + '"><span>' + esc(v) + "</span><span>" + n + "</span></a>";
    }).join("");
  $("side").innerHTML = "<h2>Spellings found</h2>" +
    (j.spellings.length ? j.spellings.map((s) => '<div class="spelling"><b>' + esc(s.text) + "</b> " + s.hits + " · " + esc(s.via) + "</div>").join("") : '<div class="spelling">none on this page</div>') +
    '<div id="not-joined"></div>' +
    facet("Source", j.facets.source, "source") + facet("Year", j.facets.year, "year") +
    '<h2>Download</h2><div class="downloads">' +
    '<a id="dl-csv" download href="/api/export?' + esc(apiParams({ format: "csv" })) + '">CSV</a> · ' +
    '<a id="dl-json" download href="/api/export?' + esc(apiParams({ format: "json" })) + '">JSON</a>' +
    '<div class="note">all results (up to ' + exportLimit + '), with snippets and matched spellings</div></div>';
}

// The spellings in the index close to a name of the query that it was not read as, and
// why (/api/explain): Berry for Berri, an English word.
function showNotJoined(e) {
  const rows = [];
  for (const w of e.words) {
    for (const r of w.not_joined || []) {
      rows.push('<div class="spelling"><b>' + esc(titleCase(r.spelling)) + "</b> " + esc(r.documents) + " · not " +
        esc(w.text) + ": " + esc(r.reason) + " (" + esc(r.differences) + ", " + esc(r.cost.toFixed(2)) + ")</div>");
    }
  }
  $("not-joined").innerHTML = rows.length ? "<h2>Close spellings not joined</h2>" + rows.join("") : "";
}

function titleCase(s) {
  return s.replace(/(^| )[a-z]/g, (c) => c.toUpperCase());
}

function showPager(total) {
  const pages = Math.ceil(total / pageSize), page = state.page;
  $("pager").innerHTML = pages > 1 ? (page > 1 ? '<button data-page="' + (page - 1) + '">Previous</button>' : "") +
    "<span>page " + page + " of " + pages + "</span>" + (page < pages ? '<button data-page="' + (page + 1) + '">Next</button>' : "") : "";
}

function showFilters() {
  const parts = [];
  if (state.source) parts.push("source " + esc(state.source));
  if (state.from || state.to) parts.push("dates " + esc(state.from || "…") + (state.to != state.from ? " to " + esc(state.to || "…") : ""));
  $("filters").innerHTML = parts.length ? "Showing " + parts.join(", ") + ' <button id="clear">Clear filters</button>' : "";
}

function showCharts(f) {
  const picked = TigrisCharts.timeline($("timeline"), f.timeline, state.from, state.to, pickPeriod);
  $("timeline-note").textContent = (picked.unit === "year" ? "Per year" : "Per month") +
    (f.undated ? "; " + f.undated + " undated not shown" : "") + ". Click a bar to show its documents; shift-click another to show the range.";
  TigrisCharts.spellings($("spellings-chart"), f, picked.unit, picked.keys);
}

// A timeline bar: show its period, or stretch the chosen range to it (shift).
function pickPeriod(period, extend) {
  if (extend && (state.from || state.to)) {
    const ends = [state.from || period, state.to || period, period].sort();
    state.from = ends[0];
    state.to = ends[2];
  } else if (state.from == period && state.to == period) {
    state.from = state.to = "";
  } else {
    state.from = state.to = period;
  }
  state.page = 1;
  navigate();
}

// Shows the state: a new search, filter or page closes the document view.
function navigate() {
  state.doc = "";
  $("doc").style.display = "none";
  writeUrl();
  run();
}

// --- the document view: every spelling highlighted, next and previous match ----------

const docNav = { marks: [], at: -1 };

async function openDoc(id, push) {
  state.doc = id;
  if (push) writeUrl();
  let d;
  try {
    d = await getJson("/api/doc/" + encodeURIComponent(id) + "?" + new URLSearchParams({ q: state.q }));
  } catch (e) {
    d = { id, error: e.message };
  }
  let page = 1;
  const body = (d.body || esc(d.error || "")).replace(/\f/g, () => '<span class="pagebreak">page ' + (++page) + "</span>");
  $("doc").innerHTML =
    '<div class="docbar"><button id="doc-prev" title="previous match (p)">◀ Previous</button>' +
    '<span id="doc-count"></span><button id="doc-next" title="next match (n)">Next ▶</button>' +
    '<a id="doc-link" href="' + esc(location.href) + '">link to this view</a><button class="close">Close</button></div>' +
    "<h2>" + esc(d.title || d.id) + '</h2><div class="meta">' + esc(d.date || "") + " · " + esc(d.source || "") + " · " + esc(d.id) + "</div>" +
    (d.matched && d.matched.length ? '<div class="via">spellings: ' + d.matched.map((m) => esc(m.text) + " → " + esc(m.via)).join("; ") + "</div>" : "") +
    "<pre>" + body + "</pre>";
  $("doc").style.display = "block";
  docNav.marks = [...$("doc").querySelectorAll("pre b")];
  docNav.at = -1;
  moveMatch(1);
}

// Moves to the next (+1) or previous (-1) highlighted spelling, around the ends.
function moveMatch(step) {
  const marks = docNav.marks;
  if (!marks.length) { $("doc-count").textContent = "no matches"; return; }
  if (docNav.at >= 0) marks[docNav.at].classList.remove("current");
  docNav.at = (docNav.at + step + marks.length) % marks.length;
  const mark = marks[docNav.at];
  mark.classList.add("current");
  mark.scrollIntoView({ block: "center" });
  const breaks = [...$("doc").querySelectorAll(".pagebreak")].filter((b) => b.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING);
  $("doc-count").textContent = "match " + (docNav.at + 1) + " of " + marks.length + (breaks.length ? " · page " + (breaks.length + 1) : "");
}

function closeDoc() {
  $("doc").style.display = "none";
  state.doc = "";
  writeUrl();
}

// --- events -----------------------------------------------------------------------------

$("f").addEventListener("submit", (e) => {
  e.preventDefault();
  Object.assign(state, { q: $("q").value, source: "", from: "", to: "", page: 1 });
  navigate();
});
$("side").addEventListener("click", (e) => {
  const a = e.target.closest("a");
  if (!a || a.hasAttribute("download")) return;
  e.preventDefault();
  if (a.dataset.source !== undefined) state.source = state.source == a.dataset.source ? "" : a.dataset.source;
  if (a.dataset.year !== undefined) {
    const on = state.from == a.dataset.year && state.to == a.dataset.year;
    state.from = state.to = on ? "" : a.dataset.year;
  }
  state.page = 1;
  navigate();
});
$("filters").addEventListener("click", (e) => {
  if (e.target.id !== "clear") return;
  Object.assign(state, { source: "", from: "", to: "", page: 1 });
  navigate();
});
$("status").addEventListener("click", (e) => {
  if (e.target.id !== "did-you-mean") return;
  e.preventDefault();
  Object.assign(state, { q: e.target.dataset.q, page: 1 });
  navigate();
});
$("pager").addEventListener("click", (e) => {
  const b = e.target.closest("button");
  if (!b) return;
  state.page = +b.dataset.page;
  navigate();
});
$("hits").addEventListener("click", (e) => {
  const a = e.target.closest("a[data-id]");
  if (!a) return;
  e.preventDefault();
  openDoc(a.dataset.id, true);
});
$("doc").addEventListener("click", (e) => {
  if (e.target.classList.contains("close")) closeDoc();
  if (e.target.id === "doc-next") moveMatch(1);
  if (e.target.id === "doc-prev") moveMatch(-1);
});
document.addEventListener("keydown", (e) => {
  if ($("doc").style.display !== "block" || e.target.tagName === "INPUT") return;
  if (e.key === "n") moveMatch(1);
  if (e.key === "p") moveMatch(-1);
  if (e.key === "Escape") closeDoc();
});
window.addEventListener("popstate", () => {
  readUrl();
  if (!state.doc) $("doc").style.display = "none";
  run();
});

readUrl();
run();
