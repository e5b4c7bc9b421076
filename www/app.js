// The annotator page: annotate the pasted text and render it with one <mark> per entity.
// Text is only ever inserted as text nodes, never as HTML.
import init, { annotate } from "./pkg/release_annotator.js";

export const LABELS = ["DRUG", "DOSE", "SCHEDULE", "OUTCOME", "CONDITION", "PHASE", "TRIAL", "COHORT"];

const input = document.getElementById("input");
const output = document.getElementById("output");
const status = document.getElementById("status");
const legend = document.getElementById("legend");

/** Short human-readable summary of an entity's parsed values. */
export function describe(e) {
  const a = e.attrs || {};
  const parts = [e.label];
  if (a.canonical) parts.push(a.canonical);
  if (a.value !== undefined) parts.push(`${a.comparator || ""}${a.value}`);
  if (a.low !== undefined) parts.push(`${a.low}–${a.high}`);
  if (a.unit) parts.push(a.unit + (a.per ? `/${a.per}` : ""));
  if (a.code) parts.push(a.code);
  if (a.measure) parts.push(a.measure);
  if (a.phase) parts.push(`phase ${a.phase}`);
  if (a.count !== undefined) parts.push(`n=${a.count}`);
  return parts.join(" · ");
}

/** Renders `text` into `root` with the entities highlighted. */
export function render(root, text, entities) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const e of entities) {
    if (e.start > at) frag.append(text.slice(at, e.start));
    const mark = document.createElement("mark");
    mark.className = `ent ent-${e.label.toLowerCase()}`;
    mark.dataset.label = e.label;
    mark.title = describe(e);
    mark.textContent = text.slice(e.start, e.end);
    frag.append(mark);
    at = e.end;
  }
  if (at < text.length) frag.append(text.slice(at));
  root.replaceChildren(frag);
}

function renderLegend(counts) {
  legend.replaceChildren(
    ...LABELS.map((label) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `swatch ent-${label.toLowerCase()}`;
      li.append(swatch, `${label} (${counts[label] || 0})`);
      return li;
    }),
  );
}

function update() {
  const text = input.value;
  const t0 = performance.now();
  const entities = annotate(text);
  const ms = performance.now() - t0;
  render(output, text, entities);
  const counts = {};
  for (const e of entities) counts[e.label] = (counts[e.label] || 0) + 1;
  renderLegend(counts);
  status.textContent = `${entities.length} entities in ${ms.toFixed(1)} ms`;
}

await init();
input.addEventListener("input", update);
update();
document.body.dataset.ready = "true";
