// End-to-end: annotateElement() and <release-annotator> from www/embed.js on fixture pages
// that carry the site's strict CSP, once with the CSS Custom Highlight API and once without it
// (removed before the page loads, so the <mark> fallback runs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start } from "./harness.mjs";
import { MODES, openFixture, cspViolations } from "./embed-fixture.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const REGION = `<div id="region">
  <h3>Trial update</h3>
  <p>Patients received <a href="#hx">HX-3071</a> at <b>3.2</b> mg/kg every <span class="t">three weeks</span>.</p>
  <p>The objective <b>response rate</b> was 41% in 86 patients.</p>
</div>
<div id="other"><p>Others received pembrolizumab 200 mg.</p></div>`;

for (const [mode, removeHighlightApi] of MODES) {
  test(`[${mode}] entities crossing <b>, <a> and <span> are found and painted as one range each`, async () => {
    const { page, errors } = await openFixture(env.browser, env.baseUrl, REGION, { removeHighlightApi });
    const got = await page.evaluate(async () => {
      const root = document.getElementById("region");
      const html = root.innerHTML;
      const annotation = await ra.annotateElement(root);
      return {
        ...__summary(annotation),
        domChanged: root.innerHTML !== html,
        highlights: __highlights(),
        marks: __marks(root),
        otherMarks: document.querySelectorAll("#other mark").length,
      };
    });
    assert.equal(got.mode, mode);
    const find = (label, text) => got.entities.find((e) => e.label === label && e.text.startsWith(text));
    for (const e of got.entities) assert.equal(e.range, e.text, "each range selects exactly the entity's text");

    const dose = find("DOSE", "3.2 mg/kg");
    assert.ok(dose, JSON.stringify(got.entities));
    assert.deepEqual([dose.startHost, dose.endHost, dose.crosses], ["b", "p", ["b"]]);
    const schedule = find("SCHEDULE", "every three weeks");
    assert.deepEqual([schedule.startHost, schedule.endHost, schedule.crosses], ["p", "span", ["span"]]);
    const outcome = find("OUTCOME", "objective response rate");
    assert.deepEqual(outcome.crosses, ["b"]);
    assert.equal(find("DRUG", "HX-3071").startHost, "a");
    assert.equal(got.otherMarks, 0, "nothing outside the root is touched");

    if (mode === "highlight") {
      assert.equal(got.domChanged, false, "the Highlight API leaves the DOM alone");
      assert.deepEqual(got.highlights["ra-dose"], ["3.2 mg/kg"]);
      assert.deepEqual(got.highlights["ra-schedule"], ["every three weeks"]);
      assert.deepEqual(got.highlights["ra-drug"], ["HX-3071"]);
      assert.deepEqual(got.marks, []);
    } else {
      assert.equal(got.highlights, null, "the Highlight API was removed");
      const doseMarks = got.marks.filter((m) => m.label === "DOSE");
      assert.deepEqual(doseMarks, [
        { label: "DOSE", text: "3.2", parent: "b" },
        { label: "DOSE", text: " mg/kg", parent: "p" },
      ]);
      assert.deepEqual(
        got.marks.filter((m) => m.label === "SCHEDULE"),
        [
          { label: "SCHEDULE", text: "every ", parent: "p" },
          { label: "SCHEDULE", text: "three weeks", parent: "span" },
        ],
      );
      assert.deepEqual(got.marks.find((m) => m.label === "DRUG"), { label: "DRUG", text: "HX-3071", parent: "a" });
    }
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`[${mode}] clear() restores the original DOM: same nodes, same text`, async () => {
    const { page } = await openFixture(env.browser, env.baseUrl, REGION, { removeHighlightApi });
    const got = await page.evaluate(async () => {
      const root = document.getElementById("region");
      const other = document.getElementById("other");
      const nodes = __nodes(root);
      const data = nodes.map((n) => (n.nodeType === 3 ? n.data : n.nodeName));
      const html = root.innerHTML;
      const annotation = await ra.annotateElement(root);
      const kept = await ra.annotateElement(other);
      const during = { html: root.innerHTML !== html, nodes: __nodes(root).length !== nodes.length };
      annotation.clear();
      annotation.clear(); // a second call changes nothing
      const after = __nodes(root);
      return {
        count: annotation.entities.length,
        during,
        sameNodes: after.length === nodes.length && after.every((n, i) => n === nodes[i]),
        sameData: after.every((n, i) => (n.nodeType === 3 ? n.data : n.nodeName) === data[i]),
        sameHtml: root.innerHTML === html,
        marksLeft: root.querySelectorAll("mark").length,
        highlights: __highlights(),
        otherEntities: kept.entities.map((e) => e.text),
        otherMarks: __marks(other).map((m) => m.text),
      };
    });
    assert.ok(got.count >= 5, `entities: ${got.count}`);
    assert.deepEqual(got.during, mode === "highlight" ? { html: false, nodes: false } : { html: true, nodes: true });
    assert.equal(got.sameNodes, true, "the very same node objects, in the same order");
    assert.equal(got.sameData, true);
    assert.equal(got.sameHtml, true);
    assert.equal(got.marksLeft, 0);
    // The other region's annotation is still shown.
    assert.deepEqual(got.otherEntities, ["pembrolizumab", "200 mg"]);
    if (mode === "highlight") {
      assert.deepEqual(got.highlights, { "ra-drug": ["pembrolizumab"], "ra-dose": ["200 mg"] });
    } else {
      assert.deepEqual(got.otherMarks, ["pembrolizumab", "200 mg"]);
    }
    await page.close();
  });

  test(`[${mode}] annotating a root again replaces its annotation`, async () => {
    const { page } = await openFixture(env.browser, env.baseUrl, REGION, { removeHighlightApi });
    const got = await page.evaluate(async () => {
      const root = document.getElementById("region");
      const html = root.innerHTML;
      const first = await ra.annotateElement(root);
      const once = { marks: __marks(root).length, highlights: __highlights() };
      const second = await ra.annotateElement(root);
      const twice = { marks: __marks(root).length, highlights: __highlights() };
      const nested = root.querySelectorAll("mark mark").length;
      second.clear();
      return { once, twice, nested, same: first.entities.length === second.entities.length, restored: root.innerHTML === html };
    });
    assert.deepEqual(got.twice, got.once);
    assert.equal(got.nested, 0);
    assert.equal(got.same, true);
    assert.equal(got.restored, true);
    await page.close();
  });

  test(`[${mode}] options.labels picks the labels, and links a dose to its drug only when the drug is shown`, async () => {
    const { page } = await openFixture(env.browser, env.baseUrl, REGION, { removeHighlightApi });
    const got = await page.evaluate(async () => {
      const root = document.getElementById("region");
      const view = __summary;
      const painted = () => [...new Set([...Object.keys(__highlights() || {}), ...__marks(root).map((m) => m.label)])];
      const doseSchedule = await ra.annotateElement(root, { labels: "dose schedule" });
      const a = { ...view(doseSchedule), painted: painted() };
      const drugDose = await ra.annotateElement(root, { labels: ["DRUG", "DOSE"] });
      const b = { ...view(drugDose), painted: painted() };
      const blank = (await ra.annotateElement(root, { labels: "  " })).entities.length;
      const all = (await ra.annotateElement(root)).entities.length;
      const none = (await ra.annotateElement(root, { labels: [] })).entities.length;
      let error = null;
      try {
        await ra.annotateElement(root, { labels: ["DRUGS"] });
      } catch (err) {
        error = `${err.name}: ${err.message}`;
      }
      return { a, b, error, blank, all, none };
    });
    assert.deepEqual(
      got.a.entities.map((e) => [e.label, e.text, e.drug]),
      [
        ["DOSE", "3.2 mg/kg", undefined],
        ["SCHEDULE", "every three weeks", undefined],
      ],
    );
    const painted = (p) => p.map((x) => x.toLowerCase().replace(/^ra-/, "")).sort();
    assert.deepEqual(painted(got.a.painted), ["dose", "schedule"]);
    assert.deepEqual(
      got.b.entities.map((e) => [e.label, e.text, e.drug]),
      [
        ["DRUG", "HX-3071", undefined],
        ["DOSE", "3.2 mg/kg", 0],
      ],
    );
    assert.deepEqual(painted(got.b.painted), ["dose", "drug"]);
    assert.match(got.error, /^RangeError: .*unknown label "DRUGS"/);
    assert.ok(got.all >= 5, `all labels: ${got.all}`);
    assert.equal(got.blank, got.all, "a blank string means every label");
    assert.equal(got.none, 0, "an empty array means none");
    await page.close();
  });

  test(`[${mode}] text that looks like HTML stays text, and a javascript: link is never followed`, async () => {
    const body = `<div id="region">
      <p>&lt;script&gt;window.__pwned = "script"&lt;/script&gt; Patients got 5 mg of nivolumab
      &lt;img src=x onerror="window.__pwned = 'img'"&gt; every two weeks.</p>
      <p><a id="js" href="javascript:window.__pwned='link'">nivolumab 240 mg</a> and
      <span title="&lt;img src=x onerror=window.__pwned=1&gt;">KEYTRUDA 200 mg</span></p>
    </div>`;
    const { page, errors } = await openFixture(env.browser, env.baseUrl, body, { removeHighlightApi });
    const url = page.url();
    const got = await page.evaluate(async () => {
      const root = document.getElementById("region");
      const text = root.textContent;
      const annotation = await ra.annotateElement(root);
      await new Promise((r) => setTimeout(r, 300));
      return {
        texts: annotation.entities.map((e) => `${e.label}:${e.text}`),
        linkMarks: [...document.querySelectorAll("#js mark")].map((m) => m.textContent),
        pwned: window.__pwned,
        elements: root.querySelectorAll("script, img, iframe, object").length,
        sameText: root.textContent === text,
        href: document.getElementById("js").getAttribute("href"),
      };
    });
    assert.ok(got.texts.includes("DOSE:5 mg"), JSON.stringify(got.texts));
    assert.ok(got.texts.includes("DRUG:nivolumab"));
    assert.ok(got.texts.includes("DOSE:240 mg"), "the entity inside the javascript: link is annotated");
    if (mode === "mark") assert.deepEqual(got.linkMarks, ["nivolumab", "240 mg"]);
    assert.equal(got.pwned, undefined, "nothing ran");
    assert.equal(got.elements, 0, "no element was created from the text");
    assert.equal(got.sameText, true);
    assert.equal(got.href, "javascript:window.__pwned='link'");
    assert.equal(page.url(), url);
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test("text of separate blocks never forms one entity; code, form fields and editable content are skipped", async () => {
  const body = `<div id="blocks"><p>dosed at 3.2</p><p>mg/kg weekly</p><ul><li>every three</li><li>weeks</li></ul>
    <table><tr><td>given at 25</td><td>mg</td></tr></table>line with 40<br>mg daily</div>
    <div id="skips"><p>Patients received pembrolizumab 200 mg.</p>
    <script type="text/plain">pembrolizumab 300 mg</script><noscript>pembrolizumab 400 mg</noscript>
    <textarea>pembrolizumab 500 mg</textarea><select><option>pembrolizumab 600 mg</option></select>
    <div contenteditable="true">pembrolizumab 700 mg</div><aside data-ra-skip>pembrolizumab 800 mg</aside>
    <section class="mine">pembrolizumab 900 mg</section></div>`;
  const { page } = await openFixture(env.browser, env.baseUrl, body);
  const got = await page.evaluate(async () => {
    const blocks = await ra.annotateElement(document.getElementById("blocks"));
    const skips = await ra.annotateElement(document.getElementById("skips"), { skip: ".mine" });
    const parents = (e) => [e.range.startContainer.parentElement, e.range.endContainer.parentElement];
    return {
      blocks: blocks.entities.map((e) => `${e.label}:${e.text}`),
      oneBlock: blocks.entities.every((e) => {
        const [a, b] = parents(e);
        return a === b;
      }),
      skips: skips.entities.map((e) => `${e.label}:${e.text}`),
    };
  });
  assert.equal(got.oneBlock, true, JSON.stringify(got.blocks));
  for (const e of got.blocks) assert.doesNotMatch(e, /3\.2|every three|25|40/, e);
  assert.ok(got.blocks.includes("SCHEDULE:weekly"), JSON.stringify(got.blocks));
  assert.deepEqual(got.skips, ["DRUG:pembrolizumab", "DOSE:200 mg"]);
  await page.close();
});

// Decodes two PNG screenshots in the page and returns the share of pixels that differ and the
// average colour of the differing pixels in the second one.
async function pixelChange(page, beforePng, afterPng) {
  return page.evaluate(
    async ([a, b]) => {
      const pixels = async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext("2d");
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [p, q] = [await pixels(a), await pixels(b)];
      let changed = 0;
      const sum = [0, 0, 0];
      for (let i = 0; i < p.length; i += 4) {
        if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) {
          changed += 1;
          for (let c = 0; c < 3; c += 1) sum[c] += q[i + c];
        }
      }
      return { share: changed / (p.length / 4), colour: sum.map((s) => Math.round(s / Math.max(changed, 1))) };
    },
    [beforePng.toString("base64"), afterPng.toString("base64")],
  );
}

for (const [mode, removeHighlightApi] of MODES) {
  test(`[${mode}] the default styles paint the entity, and only it, under the strict CSP`, async () => {
    const body = `<p id="line">Quarterly update: the study drug is pembrolizumab</p>`;
    const { page } = await openFixture(env.browser, env.baseUrl, body, { removeHighlightApi });
    // CSSOM changes are allowed by the CSP (unlike style attributes in markup).
    const rects = await page.evaluate(() => {
      const line = document.getElementById("line");
      Object.assign(line.style, { font: "32px/1.4 sans-serif", color: "#000", background: "#fff", margin: "20px" });
      const rect = (word) => {
        const text = line.firstChild;
        const at = text.data.indexOf(word);
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + word.length);
        const r = range.getBoundingClientRect();
        return { x: Math.floor(r.x), y: Math.floor(r.y), width: Math.ceil(r.width), height: Math.ceil(r.height) };
      };
      return { drug: rect("pembrolizumab"), plain: rect("Quarterly update") };
    });
    const shots = async () => [await page.screenshot({ clip: rects.drug }), await page.screenshot({ clip: rects.plain })];
    const [drugBefore, plainBefore] = await shots();
    const painted = await page.evaluate(async () => {
      const annotation = await ra.annotateElement(document.getElementById("line"));
      return annotation.entities.map((e) => e.text);
    });
    assert.deepEqual(painted, ["pembrolizumab"]);
    const [drugAfter, plainAfter] = await shots();
    const drug = await pixelChange(page, drugBefore, drugAfter);
    const plain = await pixelChange(page, plainBefore, plainAfter);
    assert.ok(drug.share > 0.5, `share of the drug's pixels painted: ${drug.share}`);
    const [r, g, b] = drug.colour;
    assert.ok(r > g && g > b, `the DRUG colour is orange, got rgb(${drug.colour})`);
    assert.equal(plain.share, 0, "text outside the entity is not painted");
    assert.deepEqual(await cspViolations(page), []);
    await page.close();
  });

  test(`[${mode}] <release-annotator> annotates its content, follows its attributes and content, cleans up`, async () => {
    const body = `<p>In short: <release-annotator id="el" labels="DRUG DOSE">HX-3071 at 3.2 mg/kg every three weeks</release-annotator>.</p>`;
    const { page, errors } = await openFixture(env.browser, env.baseUrl, body, { removeHighlightApi });
    await page.waitForFunction(() => document.getElementById("el").annotation !== null);
    const state = () =>
      page.evaluate(() => {
        const el = document.getElementById("el");
        const marks = __marks(el).map((m) => `${m.label}:${m.text}`);
        const highlights = Object.entries(__highlights() || {}).flatMap(([k, v]) => v.map((t) => `${k}:${t}`));
        return {
          entities: el.entities.map((e) => `${e.label}:${e.text}`),
          painted: [...marks, ...highlights].sort(),
          mode: el.annotation?.mode,
        };
      });
    // Runs `change` in the page, then waits for the element's next "annotated" event.
    const after = async (change, arg) => {
      await page.evaluate(() => {
        const el = document.getElementById("el");
        window.__next = new Promise((resolve) => el.addEventListener("annotated", () => resolve(true), { once: true }));
      });
      await page.evaluate(change, arg);
      await page.evaluate(() => window.__next);
    };
    const setLabels = (labels) => document.getElementById("el").setAttribute("labels", labels);

    let s = await state();
    assert.equal(s.mode, mode);
    assert.deepEqual(s.entities, ["DRUG:HX-3071", "DOSE:3.2 mg/kg"]);
    const paint = (label, text) => (mode === "mark" ? `${label}:${text}` : `ra-${label.toLowerCase()}:${text}`);
    assert.deepEqual(s.painted, [paint("DOSE", "3.2 mg/kg"), paint("DRUG", "HX-3071")].sort());

    await after(setLabels, "schedule dose");
    s = await state();
    assert.deepEqual(s.entities, ["DOSE:3.2 mg/kg", "SCHEDULE:every three weeks"]);

    await after(() => document.getElementById("el").append(" then 10 mg/kg daily"));
    s = await state();
    assert.deepEqual(s.entities, [
      "DOSE:3.2 mg/kg",
      "SCHEDULE:every three weeks",
      "DOSE:10 mg/kg",
      "SCHEDULE:daily",
    ]);
    assert.equal(s.painted.length, 4);

    // Its own changes (marks) do not make it run again.
    const extra = await page.evaluate(async () => {
      const el = document.getElementById("el");
      let runs = 0;
      el.addEventListener("annotated", () => (runs += 1));
      await new Promise((r) => setTimeout(r, 400));
      return runs;
    });
    assert.equal(extra, 0);

    // A bad attribute is reported, and the old highlights go.
    await page.evaluate(setLabels, "DRUGZ");
    await page.waitForFunction(() => document.getElementById("el").annotation === null);
    assert.ok(errors.some((e) => e.includes('unknown label "DRUGZ"')), JSON.stringify(errors));
    s = await state();
    assert.deepEqual(s.painted, []);

    // Removed from the page: everything is cleaned up; its text is intact.
    await after(setLabels, "DOSE");
    const removed = await page.evaluate(() => {
      const el = document.getElementById("el");
      const before = __marks(el).length + Object.keys(__highlights() || {}).length;
      el.remove();
      return {
        before,
        after: __marks(el).length + Object.keys(__highlights() || {}).length,
        text: el.textContent,
        textNodes: el.childNodes.length,
      };
    });
    assert.ok(removed.before > 0);
    assert.equal(removed.after, 0);
    assert.equal(removed.text, "HX-3071 at 3.2 mg/kg every three weeks then 10 mg/kg daily");
    assert.equal(removed.textNodes, 2, "split text nodes are joined again");
    assert.deepEqual(await cspViolations(page), []);
    await page.close();
  });
}

for (const [mode, removeHighlightApi] of MODES) {
  test(`[${mode}] a region around a <release-annotator> leaves the element's content to the element`, async () => {
    const body = `<div id="outer"><p>Arm A: pembrolizumab 200 mg.</p></div>`;
    const { page } = await openFixture(env.browser, env.baseUrl, body, { removeHighlightApi });
    const got = await page.evaluate(async () => {
      // The element arrives together with the region's annotation, before its own first pass.
      const el = document.createElement("release-annotator");
      el.id = "el";
      el.setAttribute("labels", "DOSE");
      const p = document.createElement("p");
      p.textContent = "Arm B: nivolumab 240 mg.";
      el.append(p);
      const outerRoot = document.getElementById("outer");
      outerRoot.append(el);
      const annotated = new Promise((r) => el.addEventListener("annotated", r, { once: true }));
      const outer = await ra.annotateElement(outerRoot);
      await annotated;
      return {
        outer: outer.entities.map((e) => `${e.label}:${e.text}`),
        element: el.entities.map((e) => `${e.label}:${e.text}`),
        nested: document.querySelectorAll("mark mark").length,
      };
    });
    assert.deepEqual(got, { outer: ["DRUG:pembrolizumab", "DOSE:200 mg"], element: ["DOSE:240 mg"], nested: 0 });
    await page.close();
  });
}
