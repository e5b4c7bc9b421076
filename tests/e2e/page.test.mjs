// End-to-end: the annotator page in Chromium, as a reader uses it: typing and pasting, the
// legend, the tooltip, the entity tables and the summary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openAnnotator } from "./harness.mjs";
import { LABELS, SAMPLE, settled, paste, loadSample, marks, legendCounts } from "./page-helpers.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

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
  assert.match(await page.textContent("#status"), /\d+ entities found/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a real paste from the clipboard arrives as plain text, even when the clipboard holds HTML", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.baseUrl });
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  await page.evaluate(() => {
    window.__pwned = false;
    return navigator.clipboard.write([
      new ClipboardItem({
        "text/html": new Blob(["<p><b>KEYTRUDA</b> 200 mg</p>"], { type: "text/html" }),
        "text/plain": new Blob(["<b>KEYTRUDA</b> at 200 mg <img src=x onerror=window.__pwned=true>"], { type: "text/plain" }),
      }),
    ]);
  });
  await page.focus("#input");
  await page.keyboard.press("Control+V");
  const text = "<b>KEYTRUDA</b> at 200 mg <img src=x onerror=window.__pwned=true>";
  await settled(page, text);
  const got = await marks(page);
  assert.ok(got.some((m) => m.label === "DRUG" && m.text === "KEYTRUDA"), JSON.stringify(got));
  assert.ok(got.some((m) => m.label === "DOSE" && m.text === "200 mg"), JSON.stringify(got));
  assert.equal(await page.$$eval("#output b, #output img, #output p", (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("highlights follow typing with no button to press", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await page.focus("#input");
  await page.keyboard.type("Patients received 200 mg");
  await settled(page, "Patients received 200 mg");
  assert.deepEqual(await marks(page), [{ label: "DOSE", text: "200 mg" }]);
  await page.keyboard.type(" of pembrolizumab every three weeks");
  await settled(page, "Patients received 200 mg of pembrolizumab every three weeks");
  const got = await marks(page);
  assert.ok(got.some((m) => m.label === "DRUG" && m.text === "pembrolizumab"), JSON.stringify(got));
  assert.ok(got.some((m) => m.label === "SCHEDULE" && m.text === "every three weeks"));
  // Deleting text removes its highlights.
  await page.fill("#input", "Patients received");
  await settled(page, "Patients received");
  assert.deepEqual(await marks(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a 100 KB paste is annotated off the main thread and typing goes on meanwhile", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.baseUrl });
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  // The annotation runs in a Web Worker: the page itself never loads the wasm.
  assert.equal(await page.getAttribute("body", "data-engine"), "worker");
  const paragraph =
    "In cohort N, 42 patients received ZB-4417 at 6 mg/kg intravenously every three weeks with " +
    "pembrolizumab (KEYTRUDA®) 200 mg; the objective response rate was 38% in this Phase 2 study.\n\n";
  let big = "";
  for (let i = 0; big.length < 100_000; i++) big += paragraph.replace("N", String(i));
  const runsBefore = Number(await page.getAttribute("body", "data-runs"));
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  await page.focus("#input");
  await page.keyboard.press("Control+V");
  // Keep typing straight away: every key lands, in order, whatever the annotator is doing.
  const typed = " Then 9 mg/kg of velotuzumab once daily.";
  await page.keyboard.type(typed);
  const final = big + typed;
  assert.equal(await page.inputValue("#input"), final);
  await settled(page, final, 120_000);
  // The typed tail is highlighted too, and the burst of input events was coalesced.
  const got = await marks(page);
  assert.deepEqual(got.slice(-3), [
    { label: "DOSE", text: "9 mg/kg" },
    { label: "DRUG", text: "velotuzumab" },
    { label: "SCHEDULE", text: "once daily" },
  ]);
  const runs = Number(await page.getAttribute("body", "data-runs")) - runsBefore;
  assert.ok(runs >= 1 && runs < typed.length, `${runs} renderings for ${typed.length + 1} input events`);
  const counts = await legendCounts(page);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), got.length);
  // The highlighted text is laid out in blocks cut after line breaks (off-screen blocks are
  // skipped by the browser), and the blocks hold the text unchanged.
  const blocks = await page.$$eval("#output > .block", (bs) => bs.map((b) => b.textContent));
  assert.ok(blocks.length > 10, `${blocks.length} blocks`);
  assert.ok(blocks.slice(0, -1).every((b) => b.endsWith("\n")));
  assert.equal(blocks.join(""), final);
  const wasmOnMainThread = await page.evaluate(() =>
    performance.getEntriesByType("resource").some((r) => r.name.endsWith(".wasm")),
  );
  assert.equal(wasmOnMainThread, false);
  // Only the first rows of a long table are built until asked for.
  assert.equal(await page.$$eval(".group-drug tbody tr", (r) => r.length), 100);
  await page.click(".group-drug button.more");
  assert.equal(await page.$$eval(".group-drug tbody tr", (r) => r.length), counts.DRUG);
  assert.deepEqual(errors, []);
  await context.close();
});

test("without module workers the page annotates on the main thread", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.Worker = undefined;
  });
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  assert.equal(await page.getAttribute("body", "data-engine"), "main");
  await paste(page, "ZB-4417 was given at 6 mg/kg every three weeks.");
  assert.deepEqual(await marks(page), [
    { label: "DRUG", text: "ZB-4417" },
    { label: "DOSE", text: "6 mg/kg" },
    { label: "SCHEDULE", text: "every three weeks" },
  ]);
  assert.deepEqual(errors, []);
  await context.close();
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
  const text =
    '<b>bold?</b> 5 mg <script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">' +
    ' KEYTRUDA® <svg onload="window.__pwned=true"></svg> "><iframe srcdoc="x"></iframe> pembrolizumab';
  await paste(page, text);
  await page.hover("#output mark.ent-drug");
  await page.waitForSelector("#tip:not([hidden])");
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.equal(await page.$$eval("main b, main script, main img, main svg, main iframe, #tip b", (n) => n.length), 0);
  assert.equal(await page.textContent("#output"), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the legend counts each label and switches it on and off", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  const got = await marks(page);
  const counts = await legendCounts(page);
  assert.deepEqual(Object.keys(counts), LABELS);
  for (const label of LABELS) {
    assert.equal(counts[label], got.filter((m) => m.label === label).length, label);
  }
  for (const label of ["DRUG", "DOSE", "SCHEDULE", "PHASE", "COHORT"]) assert.ok(counts[label] > 0, label);

  const dose = 'mark.ent-dose';
  const bg = (sel) => page.$eval(sel, (m) => getComputedStyle(m).backgroundColor);
  const shown = await bg(dose);
  assert.notEqual(shown, "rgba(0, 0, 0, 0)");
  await page.click('#legend button[data-label="DOSE"]');
  assert.equal(await page.getAttribute('#legend button[data-label="DOSE"]', "aria-pressed"), "false");
  assert.equal(await bg(dose), "rgba(0, 0, 0, 0)");
  assert.equal(await page.$eval(dose, (m) => getComputedStyle(m, "::after").content), "none");
  assert.equal(await page.isVisible(".group-dose"), false);
  // Other labels keep their colour; a hidden label shows no tooltip.
  assert.notEqual(await bg("mark.ent-drug"), "rgba(0, 0, 0, 0)");
  await page.hover(dose);
  await page.waitForTimeout(100);
  assert.equal(await page.isVisible("#tip"), false);
  // The choice holds when the text changes, and the counts still count the hidden label.
  await page.focus("#input");
  await page.keyboard.press("End");
  await page.keyboard.type(" Then 5 mg daily.");
  await settled(page);
  assert.equal(await bg(dose), "rgba(0, 0, 0, 0)");
  assert.equal((await legendCounts(page)).DOSE, counts.DOSE + 1);
  await page.click('#legend button[data-label="DOSE"]');
  assert.equal(await page.getAttribute('#legend button[data-label="DOSE"]', "aria-pressed"), "true");
  assert.equal(await bg(dose), shown);
  assert.equal(await page.isVisible(".group-dose"), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test("label names can be hidden and the highlights still differ by pattern", async () => {
  const { page } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  const after = () => page.$eval("mark.ent-drug", (m) => getComputedStyle(m, "::after").content);
  assert.equal(await after(), '"DRUG"');
  await page.uncheck("#tags");
  assert.equal(await after(), "none");
  // Without colour and names, each label still has its own border pattern.
  const patterns = await page.$$eval("#legend .swatch", (ss) =>
    ss.map((s) => {
      const c = getComputedStyle(s);
      return `${c.borderTopStyle}/${c.borderBottomStyle}`;
    }),
  );
  assert.equal(new Set(patterns).size, LABELS.length, patterns.join(" "));
  await page.close();
});

test("hover and keyboard focus show a highlight's label and parsed values", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  const tip = () => page.textContent("#tip");
  const mark = (label, text) => page.locator(`#output mark[data-label="${label}"]`, { hasText: text }).first();

  await mark("DOSE", "10 mg/kg").hover();
  await page.waitForSelector("#tip:not([hidden])");
  assert.match(await tip(), /DOSE/);
  assert.match(await tip(), /amount\s*10 mg\/kg/);
  assert.match(await tip(), /drug\s*ostralimab/);
  assert.equal(await mark("DOSE", "10 mg/kg").getAttribute("aria-describedby"), "tip");
  assert.equal(await page.getAttribute("#tip", "role"), "tooltip");

  await mark("DOSE", "500 mg/m2").hover();
  await page.waitForFunction(() => /500 mg\/m2/.test(document.getElementById("tip").textContent));
  assert.match(await tip(), /drug\s*pemetrexed/);

  await mark("DRUG", "KEYTRUDA").hover();
  await page.waitForFunction(() => /KEYTRUDA/.test(document.getElementById("tip").textContent));
  assert.match(await tip(), /canonical name\s*pembrolizumab/);
  assert.match(await tip(), /type\s*brand/);

  await mark("OUTCOME", "objective response rate").hover();
  await page.waitForFunction(() => /OUTCOME/.test(document.getElementById("tip").textContent));
  assert.match(await tip(), /ORR/);

  // Moving the pointer away hides it.
  await page.mouse.move(1, 1);
  await page.waitForSelector("#tip", { state: "hidden" });

  // Keyboard: Tab reaches one highlight, the arrows move between highlights.
  await page.focus("#tags");
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => document.activeElement.matches("#output mark.ent") && document.activeElement.textContent);
  assert.equal(first, (await marks(page))[0].text);
  assert.equal(await page.isVisible("#tip"), true);
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press("ArrowRight");
    found = await page.evaluate(() => document.activeElement.textContent === "every three weeks");
  }
  assert.ok(found, "ArrowRight reaches 'every three weeks'");
  assert.match(await tip(), /SCHEDULE/);
  assert.match(await tip(), /code\s*Q3W/);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-describedby")), "tip");
  // Only the focused highlight is in the tab order.
  assert.equal(await page.$$eval("#output mark[tabindex='0']", (m) => m.length), 1);
  // The focus is visible.
  const outline = await page.evaluate(() => {
    const c = getComputedStyle(document.activeElement);
    return { style: c.outlineStyle, width: parseFloat(c.outlineWidth) };
  });
  assert.equal(outline.style, "solid");
  assert.ok(outline.width >= 2);
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("#tip"), false);
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), (await marks(page)).at(-1).text);
  await page.keyboard.press("Home");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), first);
  // Enter goes to the highlight's row in the entity table.
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.matches("#tables button.goto")), true);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), first);
  assert.deepEqual(errors, []);
  await page.close();
});

test("clicking an entity row scrolls to its highlight and flashes it", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await page.setViewportSize({ width: 1100, height: 600 });
  await loadSample(page);
  // The tables list every entity, grouped by label, with the parsed values.
  const groups = await page.$$eval("#tables .group h3", (hs) => hs.map((h) => h.textContent.trim()));
  const counts = await legendCounts(page);
  assert.deepEqual(
    groups,
    LABELS.filter((l) => counts[l] > 0).map((l) => `${l} (${counts[l]})`),
  );
  const row = await page.$$eval(".group-dose tbody tr", (rs) => rs.map((r) => r.textContent));
  assert.ok(row.some((r) => /10 mg\/kg.*amount: 10 mg\/kg; drug: ostralimab/.test(r)), row.join("\n"));

  const inView = (i) =>
    page.evaluate((i) => {
      const m = document.querySelector(`#output mark[data-i="${i}"]`);
      const r = m.getBoundingClientRect();
      const o = document.getElementById("output").getBoundingClientRect();
      return r.top >= o.top && r.bottom <= o.bottom && r.top >= 0 && r.bottom <= innerHeight;
    }, i);
  // The last entity of the release is out of view at first.
  const last = await page.$$eval("#tables button.goto", (bs) => Math.max(...bs.map((b) => Number(b.dataset.i))));
  assert.equal(await inView(last), false);
  // Click the row's values cell (not the button): the row is the target.
  await page.click(`#tables button.goto[data-i="${last}"] >> xpath=../../td[2]`);
  await page.waitForFunction((i) => document.activeElement === document.querySelector(`#output mark[data-i="${i}"]`), last);
  assert.equal(await page.$eval(`#output mark[data-i="${last}"]`, (m) => m.classList.contains("flash")), true);
  await page.waitForFunction(
    (i) => {
      const m = document.querySelector(`#output mark[data-i="${i}"]`).getBoundingClientRect();
      const o = document.getElementById("output").getBoundingClientRect();
      return m.top >= o.top && m.bottom <= o.bottom && m.top >= 0 && m.bottom <= innerHeight;
    },
    last,
  );
  assert.equal(await inView(last), true);
  // Its tooltip is open, next to it (it followed the scroll).
  const gap = await page.evaluate((i) => {
    const m = document.querySelector(`#output mark[data-i="${i}"]`).getBoundingClientRect();
    const t = document.getElementById("tip").getBoundingClientRect();
    return Math.min(Math.abs(t.top - m.bottom), Math.abs(m.top - t.bottom));
  }, last);
  assert.ok(gap < 20, `tooltip ${gap}px from its highlight`);
  // The flash fades, and the keyboard works the same way (Enter on the row's button).
  await page.waitForFunction((i) => !document.querySelector(`#output mark[data-i="${i}"]`).classList.contains("flash"), last);
  await page.focus('#tables button.goto[data-i="0"]');
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement === document.querySelector('#output mark[data-i="0"]'));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the summary card lists drugs with aliases, doses and schedules, outcomes and trial facts", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  const summary = await page.$$eval("#summary dt", (dts) =>
    Object.fromEntries(dts.map((dt) => [dt.textContent, [...dt.nextElementSibling.querySelectorAll("li")].map((li) => li.textContent)])),
  );
  const drug = (name) => summary.Drugs.find((d) => d.startsWith(name)) || "";
  assert.match(drug("pembrolizumab"), /also KEYTRUDA/);
  assert.match(drug("pembrolizumab"), /dose 200 mg/);
  assert.match(drug("pembrolizumab"), /schedule .*Q3W/);
  assert.match(drug("ostralimab") || drug("Ostralimab"), /dose 10 mg\/kg.*schedule .*Q3W/);
  assert.match(drug("pemetrexed"), /dose 500 mg\/m2/);
  assert.ok(drug("carboplatin"));
  // One line per drug, however many times it is named.
  assert.equal(summary.Drugs.filter((d) => d.startsWith("pembrolizumab")).length, 1);
  assert.ok(summary.Outcomes.some((o) => /objective response rate/.test(o)), summary.Outcomes.join(" | "));
  assert.ok(summary.Phase.includes("Phase 2"));
  assert.ok(summary.Condition.some((c) => /non-small cell lung cancer/.test(c)));
  assert.ok(summary.Trial.includes("NCT05500000"));
  assert.ok(summary.Patients.includes("42"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sample release is the built-in one and fills the text box", async () => {
  const { page } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  assert.equal(await page.inputValue("#input"), SAMPLE);
  assert.match(SAMPLE, /fictional/);
  await page.click("#clear");
  await settled(page, "");
  assert.deepEqual(await marks(page), []);
  await page.close();
});
