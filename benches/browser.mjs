// Benchmarks in headless Chromium (Debian's, driven by playwright-core): throughput, latency
// and scaling of the wasm annotator, and its cold start.
// Usage: node benches/browser.mjs TEXTS.jsonl [--quick]   (prints one JSON object)
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../tests/e2e/harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const args = process.argv.slice(2);
const textsPath = path.resolve(args.find((a) => !a.startsWith("--")) || path.join(root, "target/bench/texts.jsonl"));
const quick = args.includes("--quick");
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", root], {
  stdio: "ignore",
});
const base = `http://127.0.0.1:${port}`;
const browser = await launchChromium();

async function run(url, timeout) {
  const page = await browser.newPage();
  await page.route("**/*", (route) => route.continue()); // turns the HTTP cache off
  for (let i = 0; i < 50; i++) {
    try {
      await page.goto(base + url);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // server still starting
    }
  }
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout });
  const result = await page.evaluate(() => window.__result);
  await page.close();
  return result;
}

try {
  const rel = path.relative(root, textsPath);
  const throughput = await run(`/benches/browser/bench.html?texts=/${rel}${quick ? "&quick" : ""}`, 30 * 60 * 1000);
  const colds = [];
  const warms = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    colds.push(await run("/benches/browser/cold.html", 60000));
    warms.push(await run("/benches/browser/cold.html?warm", 60000));
  }
  const med = (runs, k) => runs.map((c) => c[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const cold = {
    runs: colds.length,
    cold_start_ms: med(colds, "cold_start_ms"),
    init_ms: med(colds, "init_ms"),
    first_annotate_ms: med(colds, "first_annotate_ms"),
    // The page's worker calls warmUp() right after instantiation, while the reader pastes.
    warm_up_ms: med(warms, "warm_up_ms"),
    first_annotate_after_warm_up_ms: med(warms, "first_annotate_ms"),
  };
  console.log(JSON.stringify({ chromium: (await browser.version()), ours: throughput, cold }));
} finally {
  await browser.close();
  server.kill();
}
