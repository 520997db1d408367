// The search page, served at "/": one document, no external resources.
#include "tigris/server.h"

namespace tigris {

const std::string& search_page_html() {
    static const std::string page = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tigris search</title>
<style>
  :root { --ink:#1d2433; --muted:#5b6478; --line:#d9dde6; --accent:#0b6e69; --hl:#ffe58a; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.5 system-ui, sans-serif; color:var(--ink); background:#f6f7f9; }
  header { background:#fff; border-bottom:1px solid var(--line); padding:16px 24px; }
  header h1 { margin:0 0 8px; font-size:20px; color:var(--accent); }
  form { display:flex; gap:8px; max-width:900px; }
  #q { flex:1; font-size:17px; padding:8px 10px; border:1px solid var(--line); border-radius:6px; }
  button { font-size:15px; padding:8px 14px; border:0; border-radius:6px; background:var(--accent); color:#fff; cursor:pointer; }
  .syntax { color:var(--muted); font-size:13px; margin-top:6px; }
  main { display:grid; grid-template-columns: 220px 1fr; gap:24px; padding:16px 24px; max-width:1200px; }
  aside h2 { font-size:13px; text-transform:uppercase; color:var(--muted); margin:16px 0 4px; }
  aside a { display:flex; justify-content:space-between; color:var(--ink); text-decoration:none; padding:2px 6px; border-radius:4px; }
  aside a.on { background:var(--accent); color:#fff; }
  aside a:hover { background:#e8ecf2; }
  .spelling { font-size:13px; padding:2px 6px; }
  .hit { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; margin-bottom:10px; }
  .hit h3 { margin:0; font-size:16px; }
  .hit h3 a { color:var(--ink); text-decoration:none; } .hit h3 a:hover { text-decoration:underline; }
  .meta { color:var(--muted); font-size:13px; }
  .snippet { margin:6px 0; }
  b { background:var(--hl); font-weight:600; }
  .via { font-size:12px; color:var(--muted); }
  .pager { display:flex; gap:8px; align-items:center; margin:12px 0; }
  .error { color:#a01919; }
  #doc { position:fixed; inset:5% 10%; background:#fff; border:1px solid var(--line); border-radius:10px;
         box-shadow:0 10px 40px rgba(0,0,0,.25); padding:20px 28px; overflow:auto; display:none; }
  #doc pre { white-space:pre-wrap; font:14px/1.55 Georgia, serif; }
  #doc .close { float:right; }
</style>
</head>
<body>
<header>
  <h1>tigris</h1>
  <form id="f"><input id="q" name="q" autocomplete="off" placeholder="Jaish al-Mahdi in Basra" aria-label="query">
  <button type="submit">Search</button></form>
  <div class="syntax">Any spelling finds them all. Words, "exact phrase", AND / OR / NOT, -exclude, title:word, source:cables, date:2006..2008; JAM in capitals is an acronym, jam in lower case a word.</div>
</header>
<main>
  <aside id="side"></aside>
  <section><div id="status" class="meta"></div><div id="hits"></div><div class="pager" id="pager"></div></section>
</main>
<div id="doc" role="dialog"></div>
<script>
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
</script>
</body>
</html>
)HTML";
    return page;
}

}  // namespace tigris
