// Helpers shared by the page's end-to-end tests (tests/e2e/page*.test.mjs).
import { readFileSync } from "node:fs";
import path from "node:path";
import { WWW } from "./harness.mjs";

export const LABELS = ["DRUG", "DOSE", "SCHEDULE", "OUTCOME", "CONDITION", "PHASE", "TRIAL", "COHORT"];

/** The built-in sample release, as served. */
export const SAMPLE = readFileSync(path.join(WWW, "sample.txt"), "utf8");

/** Waits until the highlighted text shows `text` (or the input's text) and nothing is pending. */
export async function settled(page, text, timeout = 30_000) {
  await page.waitForFunction(
    (t) => {
      const input = document.getElementById("input");
      const out = document.getElementById("output");
      const want = t ?? input.value;
      return input.value === want && out.textContent === want && !out.hasAttribute("aria-busy");
    },
    text,
    { timeout },
  );
}

/** Puts `text` in the text box as a paste would (one input event) and waits for the highlights. */
export async function paste(page, text) {
  await page.fill("#input", text);
  await settled(page, text);
}

/** Loads the sample release with its button and waits for the highlights. */
export async function loadSample(page) {
  await page.click("#sample");
  await settled(page, SAMPLE);
}

/** The highlights as { label, text } in text order. */
export const marks = (page) =>
  page.$$eval("#output mark.ent", (ms) => ms.map((m) => ({ label: m.dataset.label, text: m.textContent })));

/** The legend's count per label, read from its buttons' text "LABEL (n)". */
export const legendCounts = (page) =>
  page.$$eval("#legend button", (bs) =>
    Object.fromEntries(
      bs.map((b) => {
        const m = b.textContent.trim().match(/^([A-Z]+) \((\d+)\)$/);
        return [m[1], Number(m[2])];
      }),
    ),
  );

/** What annotate() itself returns for `text`, computed inside the page from the same wasm. */
export const annotateInPage = (page, text) =>
  page.evaluate(async (t) => {
    const wasm = await import("./pkg/release_annotator.js");
    await wasm.default();
    return wasm.annotate(t);
  }, text);

/** Clicks `selector` and returns the download it starts: { name, text }. */
export async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, "utf8"), file };
}

/** WCAG contrast ratio of two CSS colours given as "rgb(r, g, b)" or "rgba(...)". */
export function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number);
    return [r, g, bl]
      .map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
