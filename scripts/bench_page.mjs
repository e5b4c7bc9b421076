#!/usr/bin/env node
// Benchmark of the annotator page in Chromium: for pastes of growing size, the time until the
// highlights are shown, the annotation time (in the Web Worker), the main thread's rendering
// time, and the longest main-thread task (what a reader typing meanwhile would feel).
// Usage: node scripts/bench_page.mjs [sizes in KB, default 10 100 1000]   (needs `make build`)
import { start, openAnnotator } from "../tests/e2e/harness.mjs";

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ["10", "100", "1000"]).map(Number);
const paragraph = (i) =>
  `In cohort ${i}, 42 patients received ZB-4417 at 6 mg/kg intravenously every three weeks with ` +
  `pembrolizumab (KEYTRUDA®) 200 mg; the objective response rate was 38% in this Phase 2 study. ` +
  `Grade 3 events were uncommon and median progression-free survival was 7.4 months.\n\n`;

const env = await start();
try {
  console.log("size_kb\tentities\tshown_ms\tannotate_ms\trender_ms\tlongest_task_ms");
  for (const kb of sizes) {
    let text = "";
    for (let i = 0; text.length < kb * 1000; i++) text += paragraph(i);
    const { page } = await openAnnotator(env.browser, env.baseUrl);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: "longtask" });
      performance.clearMeasures();
    });
    const t0 = Date.now();
    // What a paste does: the whole text arrives with one input event. (Playwright's fill()
    // types it through the editor instead, which alone blocks the page for seconds.)
    await page.evaluate((t) => {
      const input = document.getElementById("input");
      input.value = t;
      input.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste" }));
    }, text);
    await page.waitForFunction(
      (n) => document.getElementById("output").textContent.length === n && !document.getElementById("output").hasAttribute("aria-busy"),
      text.length,
      { timeout: 600_000, polling: 50 },
    );
    const shown = Date.now() - t0;
    const r = await page.evaluate(() => ({
      entities: document.querySelectorAll("#output mark").length,
      annotate: Number(document.getElementById("status").dataset.ms).toFixed(0),
      render: Math.max(...performance.getEntriesByName("render").map((m) => m.duration)),
      longest: window.__longest,
    }));
    console.log([kb, r.entities, shown, r.annotate, r.render.toFixed(0), r.longest.toFixed(0)].join("\t"));
    await page.close();
  }
} finally {
  await env.close();
}
