// Throughput, latency and scaling of the wasm annotator in the browser. Served from the
// repository root by benches/browser.mjs; the result lands in window.__result.
import init, { annotate } from "/www/pkg/release_annotator.js";
import { parseTexts, measure } from "../common.mjs";

const params = new URLSearchParams(location.search);
try {
  const texts = parseTexts(await (await fetch(params.get("texts"))).text());
  await init();
  window.__result = measure(annotate, texts, { quick: params.has("quick") });
} catch (e) {
  window.__result = { error: String(e && e.stack ? e.stack : e) };
}
document.getElementById("status").textContent = "done";
