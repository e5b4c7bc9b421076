// Cold start: fetch + compile + instantiate the wasm, then the first annotate of a release.
// The page is loaded with the HTTP cache disabled; the result lands in window.__result.
// With `?warm`, `warmUp()` runs between instantiation and the first annotate (as the page's
// worker does while the reader pastes): the figures then split the first call's set-up cost
// from the annotation itself.
const RELEASE =
  "Zentara Bio announced Phase 2 results: ZB-4417 (velotuzumab) at 6 mg/kg every three weeks " +
  "with pembrolizumab produced an objective response rate of 38% in 42 patients with metastatic " +
  "breast cancer; it was well tolerated.";
const warm = new URLSearchParams(location.search).has("warm");
const t0 = performance.now();
const mod = await import("/www/pkg/release_annotator.js");
const t1 = performance.now();
await mod.default();
const t2 = performance.now();
if (warm) mod.warmUp();
const tw = performance.now();
const entities = mod.annotate(RELEASE);
const t3 = performance.now();
window.__result = {
  glue_ms: t1 - t0,
  init_ms: t2 - t1,
  warm_up_ms: tw - t2,
  first_annotate_ms: t3 - tw,
  cold_start_ms: t3 - t0,
  entities: entities.length,
};
document.getElementById("status").textContent = "done";
