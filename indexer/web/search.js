// The search page: runs the query against /api/search and shows hits, facets and documents.
"use strict";
const state = { q: "", offset: 0, limit: 10, source: "", year: "" };
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;","'":"&#39;"}[c]));

function url() {
  const p = new URLSearchParams({ q: state.q, limit: state.limit, offset: state.offset });
  if (state.source) p.set("source", state.source);
  if (state.year) { p.set("from", state.year); p.set("to", state.year); }
  return "/api/search?" + p.toString();
}

async function run() {
  if (!state.q.trim()) return;
  history.replaceState(null, "", "?" + new URLSearchParams({ q: state.q }).toString());
  $("status").textContent = "Searching…";
  const r = await fetch(url());
  const j = await r.json();
  if (!r.ok) { $("status").innerHTML = '<span class="error">' + esc(j.error) + "</span>"; $("hits").innerHTML = ""; return; }
  $("status").textContent = j.total + " result" + (j.total == 1 ? "" : "s");
  $("hits").innerHTML = j.hits.map((h) =>
    '<div class="hit"><h3><a href="#" data-id="' + esc(h.id) + '">' + esc(h.title || h.id) + "</a></h3>" +
    '<div class="meta">' + esc(h.date) + " · " + esc(h.source) + " · " + esc(h.id) + "</div>" +
    '<div class="snippet">' + (h.snippet || "") + "</div>" +
    '<div class="via">matched: ' + (h.matched || []).map((m) => esc(m.text) + " → " + esc(m.via)).join("; ") + "</div></div>").join("");
  const facet = (name, counts, key) => "<h2>" + name + "</h2>" + Object.entries(counts)
    .sort((a, b) => key == "year" ? a[0].localeCompare(b[0]) : b[1] - a[1])
    .map(([v, n]) => '<a href="#" class="' + (state[key] == v ? "on" : "") + '" data-' + key + '="' + esc(v) + '"><span>' + esc(v) + "</span><span>" + n + "</span></a>").join("");
  $("side").innerHTML = "<h2>Spellings found</h2>" +
    (j.spellings.length ? j.spellings.map((s) => '<div class="spelling"><b>' + esc(s.text) + "</b> " + s.hits + " · " + esc(s.via) + "</div>").join("") : '<div class="spelling">none on this page</div>') +
    facet("Source", j.facets.source, "source") + facet("Year", j.facets.year, "year");
  const pages = Math.ceil(j.total / state.limit), page = Math.floor(state.offset / state.limit) + 1;
  $("pager").innerHTML = pages > 1 ? (page > 1 ? '<button data-page="' + (page - 1) + '">Previous</button>' : "") +
    "<span>page " + page + " of " + pages + "</span>" + (page < pages ? '<button data-page="' + (page + 1) + '">Next</button>' : "") : "";
}

$("f").addEventListener("submit", (e) => { e.preventDefault(); state.q = $("q").value; state.offset = 0; state.source = ""; state.year = ""; run(); });
$("side").addEventListener("click", (e) => {
  const a = e.target.closest("a"); if (!a) return; e.preventDefault();
  if (a.dataset.source !== undefined) state.source = state.source == a.dataset.source ? "" : a.dataset.source;
  if (a.dataset.year !== undefined) state.year = state.year == a.dataset.year ? "" : a.dataset.year;
  state.offset = 0; run();
});
$("pager").addEventListener("click", (e) => { const b = e.target.closest("button"); if (!b) return; state.offset = (b.dataset.page - 1) * state.limit; run(); });
$("hits").addEventListener("click", async (e) => {
  const a = e.target.closest("a[data-id]"); if (!a) return; e.preventDefault();
  const r = await fetch("/api/doc/" + encodeURIComponent(a.dataset.id) + "?" + new URLSearchParams({ q: state.q }));
  const d = await r.json();
  $("doc").innerHTML = '<button class="close">Close</button><h2>' + esc(d.title || d.id) + '</h2><div class="meta">' + esc(d.date) + " · " + esc(d.source) + " · " + esc(d.id) + "</div><pre>" + (d.body || esc(d.error || "")) + "</pre>";
  $("doc").style.display = "block";
});
$("doc").addEventListener("click", (e) => { if (e.target.classList.contains("close")) $("doc").style.display = "none"; });
const start = new URLSearchParams(location.search).get("q");
if (start) { $("q").value = start; state.q = start; run(); }
