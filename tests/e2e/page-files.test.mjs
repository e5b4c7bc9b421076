// End-to-end: opening .txt and .html files with the file picker and by drag and drop.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openAnnotator } from "./harness.mjs";
import { settled, marks } from "./page-helpers.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

const TXT = "Zentara Bio 😀 dosed ZB-4417 at 6 mg/kg every three weeks in 42 patients.\r\nSecond line.";

// A release saved from a web page: markup, a script, styles, an image that would call home, a
// table and entities split across tags.
const HTML = `<!doctype html><html><head><title>Title is not text</title>
<style>body { color: red }</style><script>window.__pwned = true</script>
<link rel="stylesheet" href="http://203.0.113.9/x.css"></head>
<body><nav>Menu</nav><h1 style="color:red">Zentara Bio reports <em>Phase 2</em> data</h1>
<p>Patients received <b>ZB-4417</b> at 6&nbsp;mg/kg
   intravenously every three weeks.<br>The objective response rate was 38%.</p>
<img src="http://203.0.113.9/pixel.gif" onerror="window.__pwned = true" alt="">
<table><tr><th>Arm</th><th>Dose</th></tr><tr><td>A</td><td>200 mg</td></tr></table>
<ul><li>pembrolizumab &amp; KEYTRUDA&reg;</li><li>&lt;script&gt; stays text</li></ul>
<noscript>no script text</noscript><template><p>template text</p></template>
<p hidden>hidden text</p></body></html>`;

const HTML_TEXT = [
  "Menu",
  "",
  "Zentara Bio reports Phase 2 data",
  "",
  "Patients received ZB-4417 at 6\u00a0mg/kg intravenously every three weeks.",
  "The objective response rate was 38%.",
  "",
  "Arm\tDose",
  "A\t200 mg",
  "",
  "pembrolizumab & KEYTRUDA®",
  "<script> stays text",
].join("\n");

/** Watches for any request that leaves the page's own server. */
function outside(page) {
  const seen = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(env.baseUrl) && !/^(data|blob):/.test(r.url())) seen.push(r.url());
  });
  return seen;
}

test("the file picker opens a .txt file", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await page.setInputFiles("#file", { name: "zentara.txt", mimeType: "text/plain", buffer: Buffer.from(TXT) });
  const text = TXT.replace(/\r\n/g, "\n"); // a text box keeps line feeds only
  await settled(page, text);
  assert.match(await page.textContent("#status"), /Opened zentara\.txt/);
  const got = await marks(page);
  assert.ok(got.some((m) => m.label === "DRUG" && m.text === "ZB-4417"), JSON.stringify(got));
  assert.ok(got.some((m) => m.label === "DOSE" && m.text === "6 mg/kg"));
  // Exports are named after the file.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  assert.equal(download.suggestedFilename(), "zentara.csv");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the file picker opens an .html file as its text only, running and loading nothing", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  const away = outside(page);
  await page.evaluate(() => (window.__pwned = false));
  await page.setInputFiles("#file", { name: "release.html", mimeType: "text/html", buffer: Buffer.from(HTML) });
  await settled(page, HTML_TEXT);
  assert.match(await page.textContent("#status"), /Opened release\.html \(reduced to its text\)/);
  const got = await marks(page);
  assert.ok(got.some((m) => m.label === "DRUG" && m.text === "KEYTRUDA"), JSON.stringify(got));
  assert.ok(got.some((m) => m.label === "SCHEDULE" && m.text === "every three weeks"));
  assert.ok(got.some((m) => m.label === "PHASE" && m.text === "Phase 2"));
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.equal(await page.$$eval("main img, main script, main em, main b, main h1 ~ h1", (n) => n.length), 0);
  assert.deepEqual(away, []);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Drops `files` ({ name, type, text }) on `selector` the way a browser does. */
async function drop(page, selector, files) {
  return page.evaluate(
    ([sel, fs]) => {
      const dt = new DataTransfer();
      for (const f of fs) dt.items.add(new File([f.text], f.name, { type: f.type }));
      const target = document.querySelector(sel);
      const over = new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true });
      target.dispatchEvent(over);
      const highlighted = document.getElementById("drop").classList.contains("dragging");
      const dropped = new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true });
      target.dispatchEvent(dropped);
      return { accepted: over.defaultPrevented, handled: dropped.defaultPrevented, highlighted };
    },
    [selector, files],
  );
}

test("dropping an .html file on the text box opens it as text", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  const away = outside(page);
  await page.evaluate(() => (window.__pwned = false));
  const r = await drop(page, "#input", [{ name: "dropped.html", type: "text/html", text: HTML }]);
  assert.deepEqual(r, { accepted: true, handled: true, highlighted: true });
  await settled(page, HTML_TEXT);
  assert.equal(await page.$eval("#drop", (d) => d.classList.contains("dragging")), false);
  assert.match(await page.textContent("#status"), /Opened dropped\.html/);
  assert.ok((await marks(page)).some((m) => m.label === "DRUG" && m.text === "ZB-4417"));
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.deepEqual(away, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("dropping a .txt file anywhere on the page opens it; other files are refused", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await drop(page, "#summary", [{ name: "notes.txt", type: "text/plain", text: TXT }]);
  await settled(page, TXT.replace(/\r\n/g, "\n"));
  assert.ok((await marks(page)).some((m) => m.label === "COHORT" && m.text === "42 patients"));

  // A file of another kind leaves the text as it is and says why.
  await drop(page, "#input", [{ name: "chart.png", type: "image/png", text: "\x89PNG" }]);
  await page.waitForFunction(() => /chart\.png is not a \.txt or \.html file/.test(document.getElementById("status").textContent));
  assert.equal(await page.inputValue("#input"), TXT.replace(/\r\n/g, "\n"));
  // A file without a type is judged by its name.
  await drop(page, "#input", [{ name: "untyped.htm", type: "", text: "<p>KEYTRUDA&reg; 200&nbsp;mg</p>" }]);
  await settled(page, "KEYTRUDA® 200\u00a0mg");
  assert.deepEqual(errors, []);
  await page.close();
});
