// Cold start: fetch + compile + instantiate the wasm, then the first annotate of a release.
// The page is loaded with the HTTP cache disabled; the result lands in window.__result.
const RELEASE =
  "Zentara Bio announced Phase 2 results: ZB-4417 (velotuzumab) at 6 mg/kg every three weeks " +
  "with pembrolizumab produced an objective response rate of 38% in 42 patients with metastatic " +
  "breast cancer; it was well tolerated.";
const t0 = performance.now();
const mod = await import("/www/pkg/release_annotator.js");
const t1 = performance.now();
await mod.default();
const t2 = performance.now();
const entities = mod.annotate(RELEASE);
const t3 = performance.now();
window.__result = {
  glue_ms: t1 - t0,
  init_ms: t2 - t1,
  first_annotate_ms: t3 - t2,
  cold_start_ms: t3 - t0,
  entities: entities.length,
};
document.getElementById("status").textContent = "done";
