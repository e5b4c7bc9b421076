// Combines the benchmark results in DIR (native.json, node.json, browser.json, dner.json,
// bundle.json, machine.json) into one JSON file and a Markdown table.
// Usage: node benches/report.mjs DIR OUT.json   (prints the Markdown table)
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

const [dir, outJson] = process.argv.slice(2);
const read = (name) => {
  const p = path.join(dir, name);
  return existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : null;
};
const native = read("native.json");
const node = read("node.json");
const browser = read("browser.json");
const dner = read("dner.json");
const bundle = read("bundle.json");
const machine = read("machine.json");
const results = { machine, native, node, browser, peers_python: dner, bundle };
writeFileSync(outJson, JSON.stringify(results, null, 2) + "\n");

const f = (x, d = 1) => (typeof x === "number" && Number.isFinite(x) ? x.toFixed(d) : "n/a");
const kb = (b) => (typeof b === "number" ? `${(b / 1024).toFixed(1)} KB` : "n/a");
const rows = [];
const row = (what, value, target = "", met = null) =>
  rows.push(`| ${what} | ${value} | ${target} | ${met === null ? "" : met ? "yes" : "**no**"} |`);
const spread = (s) => {
  if (!s) return null;
  const v = Object.values(s);
  return Math.max(...v) / Math.min(...v);
};
const scal = (s) =>
  s ? `${f(s["1KB"])} / ${f(s["100KB"])} / ${f(s["10MB"])} MB/s (max/min ${f(spread(s), 2)}x)` : "n/a";

row("native throughput", `${f(native?.mb_per_s)} MB/s`, ">= 100 MB/s", native ? native.mb_per_s >= 100 : null);
row("native latency, median release", `${f(native?.latency_us_median)} µs`);
row("native latency, 4 KB release", `${f(native?.latency_us_4kb)} µs`);
row("wasm in Node throughput", `${f(node?.ours?.mb_per_s)} MB/s`);
row("wasm in Node latency, 4 KB release", `${f(node?.ours?.latency_us_4kb)} µs`);
const cr = browser?.ours;
row("wasm in Chromium throughput", `${f(cr?.mb_per_s)} MB/s`, ">= 30 MB/s", cr ? cr.mb_per_s >= 30 : null);
row("wasm in Chromium latency, median release", `${f(cr?.latency_us_median)} µs`);
row("wasm in Chromium latency, 4 KB release", `${f(cr?.latency_us_4kb)} µs`, "< 200 µs", cr ? cr.latency_us_4kb < 200 : null);
row(
  "cold start in Chromium (fetch + compile + instantiate + first annotate)",
  `${f(browser?.cold?.cold_start_ms)} ms`,
  "< 50 ms",
  browser?.cold ? browser.cold.cold_start_ms < 50 : null,
);
row(
  "cold start, parts: compile + instantiate / first annotate",
  `${f(browser?.cold?.init_ms)} ms / ${f(browser?.cold?.first_annotate_ms)} ms`,
);
row(
  "page: warmUp() in the worker after instantiation / first annotate after it",
  `${f(browser?.cold?.warm_up_ms)} ms / ${f(browser?.cold?.first_annotate_after_warm_up_ms)} ms`,
);
if (bundle) {
  row("bundle: .wasm raw / gzip", `${kb(bundle.wasm_raw)} / ${kb(bundle.wasm_gzip)}`);
  row("bundle: JS glue raw / gzip", `${kb(bundle.js_raw)} / ${kb(bundle.js_gzip)}`);
  const total = bundle.wasm_gzip + bundle.js_gzip;
  row("bundle: wasm + JS, gzip", kb(total), "<= 400 KB", total <= 400 * 1024);
}
for (const [name, s] of [["native", native?.scaling_mb_per_s], ["wasm in Node", node?.ours?.scaling_mb_per_s], ["wasm in Chromium", cr?.scaling_mb_per_s]]) {
  row(`scaling, ${name}: 1 KB / 100 KB / 10 MB`, scal(s), "within 2x", s ? spread(s) <= 2 : null);
}
const ours = node?.ours?.mb_per_s;
for (const peer of ["wink-nlp", "wink-nlp tokenizer", "compromise"]) {
  const p = node?.[peer];
  if (p && !p.error) row(`peer (Node): ${peer}`, `${f(p.mb_per_s, 2)} MB/s; ours (wasm in Node) is ${f(ours / p.mb_per_s)}x`);
  else if (p) row(`peer (Node): ${peer}`, `not measured: ${p.error}`);
}
if (dner && !dner.error)
  row("peer (Python): drug-named-entity-recognition", `${f(dner.mb_per_s, 2)} MB/s; ours (native) is ${f(native?.mb_per_s / dner.mb_per_s)}x`);

const m = machine || {};
console.log(`Machine: ${m.cpu || "?"}, ${m.cores || "?"} cores; ${m.rustc || ""}; Node ${m.node || "?"}; ${browser?.chromium ? "Chromium " + browser.chromium : ""}; ${m.date || ""}.`);
console.log(`Texts: ${native?.texts ?? "?"} releases (${kb(native?.bytes)}), generated${m.dev ? " plus the dev set" : ""}.\n`);
console.log("| measure | result | target | met |\n|---|---|---|---|");
console.log(rows.join("\n"));
