// End-to-end: the embedding demo (www/embed.html) as a visitor uses it, with the CSS Custom
// Highlight API and without it (removed before the page loads: the <mark> fallback).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start } from "./harness.mjs";
import { MODES, openPage, cspViolations } from "./embed-fixture.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

async function openDemo(removeHighlightApi) {
  const opened = await openPage(env.browser, `${env.baseUrl}/embed.html`, { removeHighlightApi });
  await opened.page.waitForSelector("body[data-ready=true]");
  return opened;
}

// Runs in the page: what is painted inside `selector`, as "LABEL:text" (one item per range, or
// per run of marks of one entity).
function painted(selector) {
  const root = document.querySelector(selector);
  if (window.CSS && CSS.highlights) {
    const out = [];
    for (const [name, highlight] of CSS.highlights) {
      for (const range of highlight) {
        if (root.contains(range.commonAncestorContainer)) out.push(`${name.slice(3).toUpperCase()}:${range}`);
      }
    }
    return out.sort();
  }
  return __marks(root)
    .map((m) => `${m.label}:${m.text}`)
    .sort();
}

for (const [mode, removeHighlightApi] of MODES) {
  test(`[${mode}] the demo highlights the article, across <b>, <a> and <span>`, async () => {
    const { page, errors } = await openDemo(removeHighlightApi);
    const status = await page.textContent("#status");
    assert.match(status, mode === "highlight" ? /CSS Custom Highlight API/ : /<mark> elements/);
    const got = await page.evaluate(painted, "#release");
    if (mode === "highlight") {
      for (const item of ["DOSE:3.2 mg/kg", "SCHEDULE:every three weeks", "DRUG:HX-3071", "DRUG:pembrolizumab", "DRUG:KEYTRUDA"]) {
        assert.ok(got.includes(item), `${item} in ${JSON.stringify(got)}`);
      }
      const crossing = await page.evaluate(() => {
        const range = [...CSS.highlights.get("ra-dose")].find((r) => String(r) === "3.2 mg/kg");
        return [range.startContainer.parentElement.localName, range.endContainer.parentElement.localName];
      });
      assert.deepEqual(crossing, ["b", "p"]);
    } else {
      for (const item of ["DOSE:3.2", "DOSE: mg/kg", "SCHEDULE:every ", "SCHEDULE:three weeks", "DRUG:HX-3071"]) {
        assert.ok(got.includes(item), `${item} in ${JSON.stringify(got)}`);
      }
    }
    // The list of entities found comes from the returned entities.
    const found = await page.$$eval("#found li", (lis) => lis.map((li) => li.textContent));
    assert.ok(found.includes("DOSE: 3.2 mg/kg"), JSON.stringify(found));
    assert.ok(found.some((f) => f.startsWith("OUTCOME: objective response rate")));
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`[${mode}] links and click handlers in the article still work once it is annotated`, async () => {
    const { page, errors } = await openDemo(removeHighlightApi);
    // The click lands on the highlighted text: a <mark> in the fallback, the term itself otherwise.
    const target = async (selector) =>
      page.$eval(selector, (el) => {
        const r = el.getClientRects()[0]; // its first line box
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2).localName;
      });
    // Where to click: the middle of the element's first line box (it may wrap).
    const firstLine = (selector) =>
      page.$eval(selector, (el) => {
        const [first] = el.getClientRects();
        const box = el.getBoundingClientRect();
        return { x: first.x - box.x + first.width / 2, y: first.y - box.y + first.height / 2 };
      });
    const term = '#release .term[data-term="q3w"]';
    await page.locator(term).scrollIntoViewIfNeeded();
    assert.equal(await target(term), mode === "mark" ? "mark" : "span");
    await page.click(term, { position: await firstLine(term) });
    assert.match(await page.textContent("#definition"), /^Every three weeks/);
    await page.click('#release .term[data-term="pfs"]');
    assert.match(await page.textContent("#definition"), /^Progression-free survival/);
    assert.equal(await page.getAttribute("#definition", "data-clicks"), "2");

    const link = '#release a[href="#about-hx-3071"]';
    assert.equal(await target(link), mode === "mark" ? "mark" : "a");
    await page.click(link, { position: await firstLine(link) });
    assert.equal(await page.evaluate(() => location.hash), "#about-hx-3071");
    await page.click('#release a[href="#about-pembrolizumab"]');
    assert.equal(await page.evaluate(() => location.hash), "#about-pembrolizumab");
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`[${mode}] the label choice and Clear button of the demo`, async () => {
    const { page } = await openDemo(removeHighlightApi);
    const labelsOf = async () => [...new Set((await page.evaluate(painted, "#release")).map((p) => p.split(":")[0]))].sort();
    assert.ok((await labelsOf()).includes("DRUG"));
    const before = await page.textContent("#status");
    await page.uncheck('#labels input[value="DRUG"]');
    await page.waitForFunction((s) => document.getElementById("status").textContent !== s, before);
    const labels = await labelsOf();
    assert.ok(!labels.includes("DRUG"), JSON.stringify(labels));
    assert.ok(labels.includes("DOSE") && labels.includes("SCHEDULE"), JSON.stringify(labels));

    await page.click("#clear");
    assert.deepEqual(await page.evaluate(painted, "#release"), []);
    // The article is exactly as the HTML file has it.
    const same = await page.evaluate(async () => {
      const source = await (await fetch("embed.html")).text();
      const original = new DOMParser().parseFromString(source, "text/html").getElementById("release");
      return original.innerHTML === document.getElementById("release").innerHTML;
    });
    assert.equal(same, true);
    await page.close();
  });

  test(`[${mode}] the demo's <release-annotator> shows its labels and follows new content`, async () => {
    const { page, errors } = await openDemo(removeHighlightApi);
    const labelsOf = (items) => [...new Set(items.map((p) => p.split(":")[0]))].sort();
    const got = await page.evaluate(painted, "#element-demo");
    assert.deepEqual(labelsOf(got), ["DOSE", "DRUG", "SCHEDULE"]);
    assert.ok(got.includes("DOSE:15 mg"), JSON.stringify(got));
    const count = await page.evaluate(() => document.getElementById("element-demo").entities.length);
    await page.click("#add-sentence");
    await page.waitForFunction((n) => document.getElementById("element-demo").entities.length > n, count);
    const now = await page.evaluate(painted, "#element-demo");
    assert.ok(now.includes("DOSE:6 mg/kg"), JSON.stringify(now));
    assert.match(await page.textContent("#element-status"), /entities in the element/);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
