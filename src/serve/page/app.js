// The analyst's page: a question (through /ask) or a SPARQL query (through /sparql), a
// results table, the answer's actors drawn with cytoscape, and the evidence sentences with
// the answer's names highlighted and a link to each source document.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function setStatus(text, isError = false) {
  const s = $("status");
  s.textContent = text;
  s.className = isError ? "error" : "";
}

function patientText(p) {
  if (p == null) return "";
  if (typeof p === "string") return p;
  const parts = [];
  if (p.count != null) parts.push(p.count);
  parts.push(p.nationality ? `nationals of ${p.nationality}` : "people");
  return parts.join(" ");
}

function table(columns, rows) {
  const head = el("tr", {}, ...columns.map((c) => el("th", {}, c)));
  const body = rows.map((r) => el("tr", {}, ...r.map((v) => el("td", {}, v))));
  return el("table", { id: "results-table" }, el("thead", {}, head), el("tbody", {}, ...body));
}

// The sentence with every name of the answer marked.
function highlighted(text, names) {
  const wanted = names.filter((n) => n && n.length > 1).sort((a, b) => b.length - a.length);
  const out = el("span");
  let rest = text;
  while (rest.length > 0) {
    let best = null;
    for (const n of wanted) {
      const i = rest.toLowerCase().indexOf(n.toLowerCase());
      if (i >= 0 && (best === null || i < best.i)) best = { i, n };
    }
    if (best === null) { out.append(rest); break; }
    out.append(rest.slice(0, best.i), el("mark", {}, rest.slice(best.i, best.i + best.n.length)));
    rest = rest.slice(best.i + best.n.length);
  }
  return out;
}

function showEvidence(items) {
  const box = $("evidence");
  box.replaceChildren();
  if (items.length === 0) { box.append(el("p", { class: "hint" }, "No evidence for this result.")); return; }
  for (const { ev, names, label } of items) {
    const link = el("a", { href: `document?id=${encodeURIComponent(ev.doc)}`, target: "_blank" }, ev.doc);
    box.append(
      el("div", { class: "source" }, label, " — ", link, ` (sentence ${ev.sentence}, bytes ${ev.start}–${ev.end})`),
      el("blockquote", { class: "evidence-sentence" }, highlighted(ev.text || "", names)),
    );
  }
}

let cy = null;
function drawGraph(nodes, edges) {
  const elements = [
    ...nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind } })),
    ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, label: e.label } })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $("graph"),
    elements,
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#4b79a8", color: "#1d2430", "font-size": 11, "text-wrap": "wrap", "text-max-width": 120 } },
      { selector: "node[kind = 'group']", style: { "background-color": "#d9822b", shape: "round-rectangle" } },
      { selector: "node[kind = 'place']", style: { "background-color": "#5a9e5a", shape: "diamond" } },
      { selector: "edge", style: { label: "data(label)", "curve-style": "bezier", "target-arrow-shape": "triangle", "font-size": 9, width: 2, "line-color": "#9aa7b8", "target-arrow-color": "#9aa7b8" } },
    ],
    layout: { name: elements.length > 2 ? "cose" : "grid", animate: false },
  });
  $("graph").dataset.nodes = String(nodes.length);
  $("graph").dataset.edges = String(edges.length);
}

function showAnswers(data) {
  const answers = Array.isArray(data.answers) ? data.answers : [];
  if (data.path) return showPath(data.path);
  const rows = answers.map((a) => [a.type, a.agent ?? "", patientText(a.patient), a.partner ?? "", a.place ?? "", a.date ?? "", a.count ?? "", a.evidence.length]);
  const box = $("results");
  box.replaceChildren(table(["event", "agent", "patient", "partner", "place", "date", "count", "sources"], rows));
  if (data.total != null) box.append(el("p", {}, `Total: ${data.total}`));
  const nodes = new Map();
  const edges = [];
  const node = (label, kind) => { if (!nodes.has(label)) nodes.set(label, { id: `n${nodes.size}`, label, kind }); return nodes.get(label).id; };
  const evidence = [];
  answers.forEach((a) => {
    const names = [a.agent, typeof a.patient === "string" ? a.patient : a.patient?.nationality, a.partner, a.place];
    const label = `${a.type}: ${a.agent ?? "?"} → ${patientText(a.patient) || a.partner || "?"}`;
    const from = a.agent ? node(a.agent, "actor") : null;
    const toLabel = patientText(a.patient) || a.partner;
    const to = toLabel ? node(toLabel, typeof a.patient === "object" && a.patient ? "group" : "actor") : null;
    const edgeLabel = [a.type, a.count, a.date].filter((x) => x != null).join(" ");
    if (from && to) edges.push({ source: from, target: to, label: edgeLabel });
    if (a.place && (from || to)) edges.push({ source: from || to, target: node(a.place, "place"), label: "in" });
    a.evidence.forEach((ev) => evidence.push({ ev, names, label }));
  });
  drawGraph([...nodes.values()], edges);
  showEvidence(evidence);
  setStatus(`${answers.length} answer${answers.length === 1 ? "" : "s"}`);
}

function showPath(steps) {
  $("results").replaceChildren(table(["from", "role", "to"], steps.map((s) => [s.from, s.role, s.to])));
  const nodes = new Map();
  const node = (label) => { if (!nodes.has(label)) nodes.set(label, { id: `n${nodes.size}`, label, kind: "actor" }); return nodes.get(label).id; };
  const edges = steps.map((s) => ({ source: node(s.from), target: node(s.to), label: s.role }));
  drawGraph([...nodes.values()], edges);
  showEvidence(steps.flatMap((s) => s.evidence.map((ev) => ({ ev, names: [s.from, s.to], label: `${s.from} — ${s.role} — ${s.to}` }))));
  setStatus(steps.length ? `a chain of ${steps.length} steps` : "no connection found");
}

async function ask(question) {
  setStatus("asking…");
  const response = await fetch(`ask?q=${encodeURIComponent(question)}`);
  const data = await response.json();
  if (!response.ok) { setStatus(data.error || response.statusText, true); return; }
  showAnswers(data);
}

function termText(t) {
  if (!t) return "";
  return t.type === "uri" ? `<${t.value}>` : t.value;
}

async function runSparql(query) {
  setStatus("running…");
  const response = await fetch("sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    body: query,
  });
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) { setStatus(await response.text(), true); return; }
  if (!type.includes("json")) {
    $("results").replaceChildren(el("pre", {}, await response.text()));
    setStatus("graph result");
    return;
  }
  const data = await response.json();
  if ("boolean" in data) { $("results").replaceChildren(el("p", {}, String(data.boolean))); setStatus("done"); return; }
  const vars = data.head.vars;
  const rows = data.results.bindings.map((b) => vars.map((v) => termText(b[v])));
  $("results").replaceChildren(table(vars, rows));
  setStatus(`${rows.length} row${rows.length === 1 ? "" : "s"}`);
}

async function loadExamples() {
  const response = await fetch("examples");
  if (!response.ok) return;
  const examples = await response.json();
  const select = $("examples");
  select.append(el("option", { value: "" }, "choose an example…"));
  examples.forEach((x, i) => select.append(el("option", { value: String(i) }, x.name)));
  select.addEventListener("change", () => { if (select.value !== "") $("sparql").value = examples[Number(select.value)].query; });
}

$("ask-form").addEventListener("submit", (e) => { e.preventDefault(); ask($("question").value).catch((err) => setStatus(String(err), true)); });
$("sparql-form").addEventListener("submit", (e) => { e.preventDefault(); runSparql($("sparql").value).catch((err) => setStatus(String(err), true)); });
loadExamples();
