// Browser test: drives the search page in Debian's headless Chromium over the fixture
// corpus (variants.jsonl, timeline.jsonl, near_names.jsonl and the folder of PDF, HTML,
// e-mail and text files). Types one spelling and expects results that use another,
// highlighted; checks the timeline and spellings charts, that a timeline bar filters the
// results, the CSV download, the document view's match navigation and shareable link,
// and that a close spelling left apart is shown with its reason. Saves a
// screenshot (and, with TIGRIS_UPDATE_SCREENSHOT=1, the README's copy of it).
// Usage: node search_page.mjs TIGRIS_BINARY FIXTURES_DIR WORK_DIR
// Exits 77 (skipped) when Chromium or playwright-core is not installed.
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const [binary, fixtures, work] = process.argv.slice(2);
const chromium = "/usr/bin/chromium";
let playwright;
try {
  playwright = await import("playwright-core");
} catch {
  console.log("browser test: skipped: playwright-core is not installed (npm ci in tests/browser)");
  process.exit(77);
}
if (!existsSync(chromium)) {
  console.log("browser test: skipped: " + chromium + " is not installed (apt-get install chromium)");
  process.exit(77);
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
execFileSync(binary, ["index", "--quiet", "--index", work + "/index", fixtures + "/variants.jsonl",
                      fixtures + "/timeline.jsonl", fixtures + "/near_names.jsonl", fixtures + "/files"]);
const server = spawn(binary, ["serve", "--index", work + "/index", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((resolve, reject) => {
  createInterface({ input: server.stdout }).once("line", (line) => resolve(line.split(":").pop().replace("/", "")));
  server.once("exit", (code) => reject(new Error("server exited with " + code)));
});
const base = `http://127.0.0.1:${port}/`;

let passed = 0, failed = 0;
const check = (ok, what) => {
  console.log((ok ? "ok: " : "FAILED: ") + what);
  if (ok) passed++; else failed++;
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// What the result list shows: each hit's id (from its meta line).
const hitIds = (page) => page.$$eval(".hit h3 a", (as) => as.map((a) => a.dataset.id));
const status = (page) => page.textContent("#status");
// Until the latest search has drawn everything (results, panels, charts), the page is
// aria-busy: the previous query's charts are still on it.
const idle = (page) => page.waitForFunction(() => document.body.getAttribute("aria-busy") === "false");

async function spellingsTyped(page) {
  await page.goto(base);
  check((await page.title()) === "tigris search", "the page loads");
  await page.fill("#q", "Moqtada");
  await page.press("#q", "Enter");
  await idle(page);
  const highlighted = await page.$$eval(".hit .snippet b", (bs) => bs.map((b) => b.textContent));
  check(highlighted.includes("Moqtada al-Sadr"), "the spelling typed is highlighted: " + JSON.stringify(highlighted));
  check(highlighted.some((t) => t.startsWith("Moktada")), "another spelling, Moktada, is found and highlighted");
  check((await status(page)) === "2 results", "two results: " + (await status(page)));
  const side = await page.textContent("#side");
  check(side.includes("Spellings found") && side.includes("Moktada as-Sadr"), "the spellings panel lists them");
  await page.click(".hit h3 a");
  await page.waitForSelector("#doc pre b");
  check((await page.textContent("#doc pre b")).length > 0, "the document view highlights the spelling");
  await page.click("#doc .close");
}

// "Walid": 12 documents, 9 months with matches (2006-06 to 2008-03) and one undated;
// Walid written in 6 (4 months), Waleed in 7 (6 months); 6 sources.
async function charts(page) {
  await page.fill("#q", "Walid");
  await page.press("#q", "Enter");
  await idle(page);
  check((await status(page)) === "12 results", "Walid finds 12: " + (await status(page)));
  const bars = await page.$$eval("#timeline rect.bar", (rs) => rs.map((r) => r.dataset.period + "=" + r.dataset.count));
  check(same(bars, ["2006-06=1", "2007-01=1", "2007-02=2", "2007-03=1", "2007-04=1", "2007-05=2", "2007-06=1",
                    "2007-08=1", "2008-03=1"]), "the timeline has a bar per month with matches: " + JSON.stringify(bars));
  const stacks = await page.$$eval("#spellings-chart svg.over-time g.stack", (gs) => gs.map((g) => g.dataset.period));
  check(stacks.length === 9, "the spellings chart has 9 stacked bars: " + JSON.stringify(stacks));
  const segs = await page.$$eval("#spellings-chart svg.over-time rect.seg", (rs) => rs.map((r) => r.dataset.spelling));
  check(segs.filter((s) => s === "Walid").length === 4 && segs.filter((s) => s === "Waleed").length === 6,
        "Walid in 4 months, Waleed in 6: " + JSON.stringify(segs));
  const sources = await page.$$eval("#spellings-chart svg.by-source g.source-bar", (gs) => gs.map((g) => g.dataset.source));
  check(same(sources, ["cables", "email", "html", "news", "pdf", "text"]), "a bar per source: " + JSON.stringify(sources));
  const legend = await page.$$eval("#spellings-chart .legend .key", (ks) => ks.map((k) => k.textContent));
  check(same(legend, ["Walid 6", "Waleed 7"]), "the legend counts documents per spelling: " + JSON.stringify(legend));
  const note = await page.textContent("#timeline-note");
  check(note.startsWith("Per month; 1 undated not shown"), "the undated document is counted: " + note);
}

// The CSV download: every result, a row each.
async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#dl-csv")]);
  const rows = readFileSync(await dl.path(), "utf8").trimEnd().split("\r\n");
  check(rows[0] === "rank,id,title,date,source,score,page,matched,snippet", "the CSV header: " + rows[0]);
  const ids = rows.slice(1).map((r) => r.split(",")[1]).sort();
  check(same(ids, ["mail/archive.mbox#2", "reports/inquiry.pdf", "text/latin1.txt", "tl/01", "tl/02", "tl/03", "tl/04",
                   "tl/05", "tl/06", "tl/07", "tl/08", "web/article.html"]), "the CSV has a row per result: " + JSON.stringify(ids));
  const pdf = rows.find((r) => r.includes("reports/inquiry.pdf")) || "";
  check(pdf.includes(",1,Waleed (name waleed ← walid: ee/i"), "a PDF row says its page and spelling: " + pdf);
}

// Berri finds its one document; the side panel says why Berry, in the same document and
// close to it, is not one of its spellings.
async function notJoined(page) {
  await page.fill("#q", "Berri");
  await page.press("#q", "Enter");
  await idle(page);
  check((await status(page)) === "1 result", "Berri finds 1: " + (await status(page)));
  const rows = await page.$$eval("#not-joined .spelling", (ds) => ds.map((d) => d.textContent));
  check(same(rows, ["Berry 1 · not Berri: it is an English word, and they differ by more than a long vowel (y/i, 0.57)"]),
        "the panel shows the close spelling left apart, and why: " + JSON.stringify(rows));
}

// A name in no document: the status offers the closest spelling in the index, and the
// link runs the query written with it.
async function didYouMean(page) {
  await page.fill("#q", "Moqtadda");
  await page.press("#q", "Enter");
  await idle(page);
  const offered = await status(page);
  check(offered.startsWith("0 results · did you mean Moqtada?") && offered.includes("moqtadda: Moqtada 1 (d/dd)"),
        "a name in no document is offered the closest spelling: " + offered);
  await page.click("#did-you-mean");
  await idle(page);
  check((await page.inputValue("#q")) === "Moqtada" && /[?&]q=Moqtada(&|$)/.test(page.url()),
        "the link runs the query with it: " + page.url());
  check((await status(page)) === "2 results", "and finds its documents: " + (await status(page)));
}

async function timelineFilters(page) {
  await page.click('#timeline rect.bar[data-period="2007-05"]');
  await idle(page);
  check(same((await hitIds(page)).sort(), ["tl/06", "tl/07"]), "a timeline bar shows its month's documents");
  check(page.url().includes("from=2007-05&to=2007-05"), "the URL holds the filter: " + page.url());
  const on = await page.$$eval("#timeline rect.bar.on", (rs) => rs.map((r) => r.dataset.period));
  const all = await page.$$eval("#timeline rect.bar", (rs) => rs.length);
  check(same(on, ["2007-05"]) && all === 9, "the timeline still shows every month, the chosen one marked");
  await page.click('#timeline rect.bar[data-period="2007-02"]', { modifiers: ["Shift"] });
  await idle(page);
  check((await status(page)) === "6 results", "the range's documents: " + (await status(page)));
  check(page.url().includes("from=2007-02&to=2007-05"), "shift-click stretches the range: " + page.url());
}

// The document view from a shared link: next and previous move between highlights.
async function documentNavigation(page) {
  await page.goto(base + "?q=Walid&doc=tl%2F03");
  await page.waitForSelector("#doc pre b.current");
  const current = () => page.$$eval("#doc pre b", (bs) => bs.findIndex((b) => b.classList.contains("current")));
  check((await page.textContent("#doc-count")) === "match 1 of 3", "a shared link opens the document at its first match");
  check((await page.$$eval("#doc pre b", (bs) => bs.length)) === 3 && (await current()) === 0, "three highlights, the first current");
  await page.click("#doc-next");
  check((await current()) === 1 && (await page.textContent("#doc-count")) === "match 2 of 3", "next moves to the second");
  await page.click("#doc-next");
  await page.click("#doc-next");
  check((await current()) === 0, "next from the last goes round to the first");
  await page.click("#doc-prev");
  check((await current()) === 2 && (await page.textContent("#doc-count")) === "match 3 of 3", "previous goes round to the last");
  await page.keyboard.press("p");
  check((await current()) === 1, "the p key moves back");
  // Both spellings highlighted; a PDF's page.
  await page.goto(base + "?q=Walid&doc=tl%2F08");
  await page.waitForSelector("#doc pre b.current");
  const marks = await page.$$eval("#doc pre b", (bs) => bs.map((b) => b.textContent));
  check(same(marks, ["Walid", "Waleed"]), "every spelling of the name is highlighted: " + JSON.stringify(marks));
  await page.goto(base + "?q=Hasan&doc=reports%2Finquiry.pdf");
  await page.waitForSelector("#doc pre b.current");
  check((await page.textContent("#doc-count")) === "match 1 of 1 · page 2", "a PDF's match says its page");
}

const browser = await playwright.chromium.launch({
  executablePath: chromium,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(10000);  // a step that fails fails fast
  await spellingsTyped(page);
  await charts(page);
  await page.screenshot({ path: work + "/search_page.png" });
  console.log("screenshot: " + work + "/search_page.png");
  if (process.env.TIGRIS_UPDATE_SCREENSHOT === "1") {
    const copy = join(dirname(fileURLToPath(import.meta.url)), "search-page.png");
    copyFileSync(work + "/search_page.png", copy);
    console.log("screenshot copied to " + copy);
  }
  await download(page);
  await timelineFilters(page);
  await documentNavigation(page);
  await notJoined(page);
  await didYouMean(page);
} catch (e) {
  check(false, "the page answers in time: " + e.message);
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(passed + " passed, " + failed + " failed");
process.exit(failed ? 1 : 0);
