// Browser test: drives the search page in Debian's headless Chromium. Types one
// spelling and expects a result that uses another spelling, highlighted; saves a
// screenshot. Usage: node search_page.mjs TIGRIS_BINARY FIXTURES_JSONL WORK_DIR
// Exits 77 (skipped) when Chromium or playwright-core is not installed.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
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
execFileSync(binary, ["index", "--quiet", "--index", work + "/index", fixtures]);
const server = spawn(binary, ["serve", "--index", work + "/index", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const port = await new Promise((resolve, reject) => {
  createInterface({ input: server.stdout }).once("line", (line) => resolve(line.split(":").pop().replace("/", "")));
  server.once("exit", (code) => reject(new Error("server exited with " + code)));
});

let failed = false;
const check = (ok, what) => {
  console.log((ok ? "ok: " : "FAILED: ") + what);
  if (!ok) failed = true;
};
const browser = await playwright.chromium.launch({
  executablePath: chromium,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(`http://127.0.0.1:${port}/`);
  check((await page.title()) === "tigris search", "the page loads");
  await page.fill("#q", "Moqtada");
  await page.press("#q", "Enter");
  await page.waitForSelector(".hit");
  const highlighted = await page.$$eval(".hit .snippet b", (bs) => bs.map((b) => b.textContent));
  check(highlighted.includes("Moqtada al-Sadr"), "the spelling typed is highlighted: " + JSON.stringify(highlighted));
  check(highlighted.some((t) => t.startsWith("Moktada")), "another spelling, Moktada, is found and highlighted");
  const status = await page.textContent("#status");
  check(status === "2 results", "two results: " + status);
  const spellings = await page.textContent("#side");
  check(spellings.includes("Spellings found") && spellings.includes("Moktada as-Sadr"), "the spellings panel lists them");
  await page.screenshot({ path: work + "/search_page.png", fullPage: true });
  await page.click(".hit h3 a");
  await page.waitForSelector("#doc pre b");
  check((await page.textContent("#doc pre b")).length > 0, "the document view highlights the spelling");
  console.log("screenshot: " + work + "/search_page.png");
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
console.log(failed ? "0 passed, 1 failed" : "1 passed, 0 failed");
process.exit(failed ? 1 : 0);
