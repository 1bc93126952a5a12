// Loads the newsgraph page in headless Chromium, asks "Who deported whom?", and checks the
// results table, the drawn graph and the evidence panel; writes a screenshot.
//
//   node tests/browser/page.mjs BASE_URL SCREENSHOT.png
import { chromium } from "playwright-core";

const [base, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const fail = (message) => {
  console.error(message);
  process.exitCode = 1;
};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base + "/", { waitUntil: "load" });
  await page.fill("#question", "Who deported whom?");
  await page.click("#ask-form button");
  await page.waitForSelector("#results-table tbody tr", { timeout: 15000 });
  const rows = await page.$$eval("#results-table tbody tr", (trs) =>
    trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)),
  );
  const deportations = rows.filter((r) => r[0] === "Deportation" && r[1] === "Cambodia");
  if (deportations.length !== 3) fail(`expected 3 deportations by Cambodia, got ${JSON.stringify(rows)}`);
  const patients = deportations.map((r) => r[2]).sort().join(" | ");
  for (const needle of ["119", "93", "59"]) {
    if (!patients.includes(needle)) fail(`no deportation of ${needle} in ${patients}`);
  }
  // The graph: cytoscape drew a canvas with nodes and edges.
  await page.waitForSelector("#graph canvas", { timeout: 10000 });
  const graph = await page.$eval("#graph", (g) => ({ nodes: Number(g.dataset.nodes), edges: Number(g.dataset.edges) }));
  if (!(graph.nodes >= 3 && graph.edges >= 3)) fail(`graph too small: ${JSON.stringify(graph)}`);
  // Evidence sentences, with names highlighted and links to their documents.
  const evidence = await page.$$eval(".evidence-sentence", (qs) => qs.map((q) => q.textContent));
  if (!evidence.some((t) => t.includes("deport"))) fail(`no evidence sentence about a deportation: ${evidence.slice(0, 3)}`);
  const marks = await page.$$eval(".evidence-sentence mark", (ms) => ms.map((m) => m.textContent));
  if (!marks.some((m) => m.includes("Cambodia"))) fail(`no highlighted mention of Cambodia: ${marks.slice(0, 5)}`);
  const links = await page.$$eval("#evidence a", (as) => as.map((a) => a.getAttribute("href")));
  if (!links.length || !links.every((h) => h.startsWith("document?id="))) fail(`bad source links: ${links}`);
  await page.screenshot({ path: screenshot, fullPage: true });
  // The SPARQL box runs an example query.
  await page.click("details summary");
  await page.selectOption("#examples", { label: "who-deported-whom" });
  await page.click("#sparql-form button");
  await page.waitForFunction(() => /rows?$/.test(document.getElementById("status").textContent), null, { timeout: 10000 });
  if (errors.length) fail(`page errors: ${errors}`);
  console.log(`ok: ${deportations.length} deportations, graph ${graph.nodes} nodes / ${graph.edges} edges, ${evidence.length} evidence sentences`);
} finally {
  await browser.close();
}
