// End-to-end: the annotator page in Chromium, as a reader uses it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openAnnotator } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function paste(page, text) {
  await page.fill("#input", text);
  await page.waitForFunction(
    (t) => document.getElementById("output").textContent === t,
    text,
  );
}

const marks = (page) =>
  page.$$eval("#output mark", (ms) => ms.map((m) => ({ label: m.dataset.label, text: m.textContent })));

test("pasting a release highlights drugs, doses, schedules and outcomes", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  const release =
    "Acme Bio today announced Phase 2 results for ACM-1234 given at 3.2 mg/kg every three weeks " +
    "with pembrolizumab (KEYTRUDA®). The objective response rate was 41% in 54 patients.";
  await paste(page, release);
  const got = await marks(page);
  const has = (label, text) => got.some((m) => m.label === label && m.text === text);
  assert.ok(has("DRUG", "ACM-1234"), JSON.stringify(got));
  assert.ok(has("DRUG", "pembrolizumab"));
  assert.ok(has("DRUG", "KEYTRUDA"));
  assert.ok(has("DOSE", "3.2 mg/kg"));
  assert.ok(has("SCHEDULE", "every three weeks"));
  assert.ok(has("PHASE", "Phase 2"));
  assert.ok(has("COHORT", "54 patients"));
  assert.ok(got.some((m) => m.label === "OUTCOME" && m.text.startsWith("objective response rate")));
  // The legend shows the counts.
  const legend = await page.textContent("#legend");
  assert.match(legend, /DRUG \(3\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("offsets stay right after non-ASCII text and emoji", async () => {
  const { page } = await openAnnotator(env.browser, env.baseUrl);
  const text = "😀 Ω² µ® — patients got 190 mg/m² then 100 µg of SAR566658 😀 once daily";
  await paste(page, text);
  const got = await marks(page);
  assert.deepEqual(
    got.filter((m) => m.label !== "OUTCOME"),
    [
      { label: "DOSE", text: "190 mg/m²" },
      { label: "DOSE", text: "100 µg" },
      { label: "DRUG", text: "SAR566658" },
      { label: "SCHEDULE", text: "once daily" },
    ],
  );
  // The rendered text is the pasted text, unchanged.
  assert.equal(await page.textContent("#output"), text);
  await page.close();
});

test("pasted HTML shows as text and never runs", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await page.evaluate(() => {
    window.__pwned = false;
  });
  const text = '<b>bold?</b> 5 mg <script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">';
  await paste(page, text);
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.equal(await page.$$eval("#output b, #output script, #output img", (n) => n.length), 0);
  assert.equal(await page.textContent("#output"), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test("screenshot of the page for the README", async () => {
  const { page } = await openAnnotator(env.browser, env.baseUrl);
  await page.setViewportSize({ width: 1100, height: 760 });
  await paste(
    page,
    "Zentara Bio today announced positive topline results from the Phase 2 ZEN-201 trial of ZB-4417 " +
      "(velotuzumab) given at 6 mg/kg intravenously every three weeks in 42 patients with metastatic " +
      "breast cancer. The objective response rate was 38% with a median progression-free survival of " +
      "7.4 months; ZB-4417 was well tolerated.",
  );
  const { mkdirSync } = await import("node:fs");
  const path = (await import("node:path")).default;
  const { ROOT } = await import("./harness.mjs");
  mkdirSync(path.join(ROOT, "docs"), { recursive: true });
  const shot = await page.screenshot({ path: path.join(ROOT, "docs", "screenshot.png"), fullPage: true });
  assert.ok(shot.length > 10_000);
  await page.close();
});
