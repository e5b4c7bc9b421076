// The embedding demo (embed.html): annotateElement() on an article, with label choice and
// clear(), and the <release-annotator> element (defined by importing embed.js).
import { annotateElement } from "./embed.js";

const release = document.getElementById("release");
const status = document.getElementById("status");
const found = document.getElementById("found");
const definition = document.getElementById("definition");
const element = document.getElementById("element-demo");
const elementStatus = document.getElementById("element-status");

// The page's own behaviour, which annotating must not break.
const TERMS = {
  q3w: "Every three weeks: one dose per 21-day cycle.",
  pfs: "Progression-free survival: time until the disease worsens or the patient dies.",
};
let termClicks = 0;
for (const term of release.querySelectorAll(".term")) {
  term.addEventListener("click", () => {
    termClicks += 1;
    definition.textContent = TERMS[term.dataset.term];
    definition.dataset.clicks = String(termClicks);
  });
}

let current = null;

function chosenLabels() {
  return [...document.querySelectorAll("#labels input:checked")].map((input) => input.value);
}

async function run() {
  current = await annotateElement(release, { labels: chosenLabels() });
  const how = current.mode === "highlight" ? "CSS Custom Highlight API" : "<mark> elements";
  status.textContent = `${current.entities.length} entities, painted with ${how}`;
  found.replaceChildren(
    ...current.entities.map((e) => {
      const li = document.createElement("li");
      li.textContent = `${e.label}: ${e.text}`;
      return li;
    }),
  );
}

document.getElementById("labels").addEventListener("change", run);
document.getElementById("annotate").addEventListener("click", run);
document.getElementById("clear").addEventListener("click", () => {
  current?.clear();
  status.textContent = "Cleared: the article is back to its original DOM.";
  found.replaceChildren();
});

const elementReady = new Promise((resolve) => {
  element.addEventListener("annotated", (event) => {
    elementStatus.textContent = `${event.detail.entities.length} entities in the element`;
    resolve();
  });
});
document.getElementById("add-sentence").addEventListener("click", () => {
  const p = document.createElement("p");
  p.textContent = "A further cohort received HX-3071 at 6 mg/kg every two weeks.";
  element.append(p);
});

try {
  await run();
  await (element.annotation ? Promise.resolve() : elementReady);
  document.body.dataset.ready = "true";
} catch (err) {
  status.textContent = `The annotator could not start: ${err.message}`;
  throw err;
}
