// Measures what the embedded drug lexicon costs the page: gzip -9 bytes of the wasm and its JS
// glue, and start-up time in Chromium (fetch + compile + instantiate, then the first and second
// annotate() calls), for two wasm-pack builds: with the lexicon and without it
// (RA_NO_LEXICON=1). scripts/lexicon-cost makes the builds and runs this file.
//
// Usage: node scripts/lexicon-cost.mjs WITH_PKG_DIR WITHOUT_PKG_DIR [RUNS]
import { createServer } from "node:http";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { launchChromium } from "../tests/e2e/harness.mjs";

const [withDir, withoutDir, runsArg] = process.argv.slice(2);
if (!withDir || !withoutDir) {
  console.error("usage: node scripts/lexicon-cost.mjs WITH_PKG_DIR WITHOUT_PKG_DIR [RUNS]");
  process.exit(2);
}
const RUNS = Number(runsArg || 9);
const VARIANTS = { with: path.resolve(withDir), without: path.resolve(withoutDir) };

// A short release written for this benchmark.
const SAMPLE = `Zelmora Bio announced that the Phase 3 study of VANTRIXA® (elrotabart-qxvn) met its
primary endpoint. Patients received elrotabart 300 mg subcutaneously every four weeks or placebo;
a second cohort received ZB-4417 in combination with pembrolizumab (KEYTRUDA®) 200 mg every three
weeks. The objective response rate was 41% (95% CI 33-49), and grade 3 or higher adverse events
occurred in 12% of 412 patients. Tirzepatide and semaglutide were allowed as background therapy.`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
<body><script type="module">
window.measure = async (variant, sample) => {
  const t0 = performance.now();
  const mod = await import("/" + variant + "/release_annotator.js");
  await mod.default();
  const t1 = performance.now();
  const first = mod.annotate(sample);
  const t2 = performance.now();
  mod.annotate(sample);
  const t3 = performance.now();
  return { init: t1 - t0, first: t2 - t1, second: t3 - t2, entities: first.length };
};
window.ready = true;
</script></body></html>`;

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

function serve() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/" || url.pathname === "/bench.html") {
      res.writeHead(200, { "content-type": "text/html", "cache-control": "no-store" });
      return res.end(PAGE);
    }
    const [, variant, file] = url.pathname.split("/");
    const dir = VARIANTS[variant];
    if (!dir || !file || file.includes("..")) {
      res.writeHead(404);
      return res.end();
    }
    try {
      const body = readFileSync(path.join(dir, file));
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function sizes(dir) {
  const files = readdirSync(dir);
  const wasm = readFileSync(path.join(dir, files.find((f) => f.endsWith("_bg.wasm"))));
  const js = readFileSync(path.join(dir, files.find((f) => f.endsWith(".js") && !f.endsWith(".d.js"))));
  const gz = (b) => gzipSync(b, { level: 9 }).length;
  return { wasm: wasm.length, wasmGz: gz(wasm), jsGz: gz(js) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
const result = {};
try {
  for (const variant of Object.keys(VARIANTS)) {
    const runs = [];
    // Alternate fresh contexts so no compiled-code cache carries over between runs.
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/bench.html`);
      await page.waitForFunction(() => window.ready === true);
      runs.push(await page.evaluate(([v, s]) => window.measure(v, s), [variant, SAMPLE]));
      await context.close();
    }
    result[variant] = {
      ...sizes(VARIANTS[variant]),
      initMs: median(runs.map((r) => r.init)),
      firstAnnotateMs: median(runs.map((r) => r.first)),
      secondAnnotateMs: median(runs.map((r) => r.second)),
      entities: runs[0].entities,
      runs: RUNS,
    };
  }
} finally {
  await browser.close();
  server.close();
}

const w = result.with;
const wo = result.without;
const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => n.toFixed(2);
console.log("variant   wasm KiB  wasm gz KiB  js gz KiB  init ms  1st annotate ms  2nd annotate ms  entities");
for (const [name, r] of Object.entries(result)) {
  console.log(
    `${name.padEnd(9)} ${kb(r.wasm).padStart(8)} ${kb(r.wasmGz).padStart(12)} ${kb(r.jsGz).padStart(10)} ` +
      `${ms(r.initMs).padStart(8)} ${ms(r.firstAnnotateMs).padStart(16)} ${ms(r.secondAnnotateMs).padStart(16)} ` +
      `${String(r.entities).padStart(9)}`,
  );
}
console.log(
  `lexicon cost: ${w.wasmGz - wo.wasmGz} bytes gzip (${kb(w.wasmGz - wo.wasmGz)} KiB); ` +
    `start-up (init + first annotate) ${ms(w.initMs + w.firstAnnotateMs)} ms vs ` +
    `${ms(wo.initMs + wo.firstAnnotateMs)} ms; page bundle (wasm + JS, gzip) ${kb(w.wasmGz + w.jsGz)} KiB`,
);
console.log(JSON.stringify(result));
