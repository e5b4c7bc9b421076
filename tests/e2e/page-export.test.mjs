// End-to-end: every export of the page (JSON, CSV, brat standoff, copy as HTML) and share links,
// read back and checked against what annotate() returns for the same text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { start, openAnnotator } from "./harness.mjs";
import { LABELS, settled, paste, loadSample, marks, annotateInPage, downloadOf } from "./page-helpers.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

// Emoji and other non-BMP characters before the entities make UTF-16 and code point offsets
// differ; the comma and quotes make CSV quote its cells.
const RELEASE =
  "😀 Zentara Bio 🧬 reported: patients got 190 mg/m² of SAR566658 𝔸 once daily, then 5,000 IU " +
  'with pembrolizumab (KEYTRUDA®) 200 mg every three weeks; "ZB-4417, 6 mg/kg" in the Phase 2 ' +
  "trial of 42 patients.\nThe objective response rate was 38%.";

/** A small RFC 4180 parser: rows of cells. */
function parseCSV(s) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && s[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  assert.equal(cell + row.join(""), "", "the CSV ends with CRLF");
  return rows;
}

test("JSON export is exactly the API's Entity[]", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await paste(page, RELEASE);
  const { name, text } = await downloadOf(page, "#export-json");
  assert.equal(name, "release.json");
  const exported = JSON.parse(text);
  assert.deepEqual(exported, await annotateInPage(page, RELEASE));
  assert.ok(exported.length >= 8);
  for (const e of exported) {
    assert.deepEqual(Object.keys(e).sort(), ["attrs", "end", "label", "rule", "start", "text"]);
    assert.ok(LABELS.includes(e.label));
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start < e.end);
    assert.equal(RELEASE.slice(e.start, e.end), e.text);
    assert.equal(typeof e.rule, "string");
    assert.equal(typeof e.attrs, "object");
    if (e.attrs.drug !== undefined) assert.equal(exported[e.attrs.drug].label, "DRUG");
  }
  // The marks on the page are the same entities.
  assert.deepEqual(
    await marks(page),
    exported.map((e) => ({ label: e.label, text: e.text })),
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test("CSV export has one row per entity with offsets, text and parsed values", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await paste(page, RELEASE);
  const entities = await annotateInPage(page, RELEASE);
  const { name, text } = await downloadOf(page, "#export-csv");
  assert.equal(name, "release.csv");
  assert.equal(text[0], "\ufeff", "a byte order mark for spreadsheet programs");
  const [header, ...rows] = parseCSV(text.slice(1));
  assert.deepEqual(header.slice(0, 5), ["label", "start", "end", "text", "rule"]);
  assert.equal(rows.length, entities.length);
  const col = (row, c) => row[header.indexOf(c)];
  rows.forEach((row, i) => {
    const e = entities[i];
    assert.equal(row.length, header.length);
    assert.equal(col(row, "label"), e.label);
    assert.equal(Number(col(row, "start")), e.start);
    assert.equal(Number(col(row, "end")), e.end);
    assert.equal(col(row, "text"), e.text);
    assert.equal(col(row, "rule"), e.rule);
    assert.deepEqual(JSON.parse(col(row, "attrs_json")), e.attrs);
    if (e.attrs.value !== undefined) assert.equal(Number(col(row, "value")), e.attrs.value);
    if (e.attrs.code !== undefined) assert.equal(col(row, "code"), e.attrs.code);
    if (e.attrs.canonical !== undefined) assert.equal(col(row, "canonical"), e.attrs.canonical);
  });
  // A cell with a comma survives the quoting.
  assert.ok(rows.some((r) => col(r, "text") === "5,000 IU"), "the 5,000 IU dose");
  assert.ok(rows.some((r) => col(r, "code") === "Q3W"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("brat export: .ann offsets count characters (code points) and match the .txt", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await paste(page, RELEASE);
  const entities = await annotateInPage(page, RELEASE);
  const ann = await downloadOf(page, "#export-ann");
  const txt = await downloadOf(page, "#export-txt");
  assert.equal(ann.name, "release.ann");
  assert.equal(txt.name, "release.txt");
  assert.equal(txt.text, RELEASE);
  const chars = [...txt.text];
  const lines = ann.text.trimEnd().split("\n");
  const tLines = lines.filter((l) => l.startsWith("T"));
  assert.equal(tLines.length, entities.length);
  let shifted = 0;
  tLines.forEach((line, i) => {
    const m = line.match(/^T(\d+)\t([A-Z]+) (\d+) (\d+)\t(.*)$/);
    assert.ok(m, line);
    const [, id, label, s, e, text] = m;
    assert.equal(Number(id), i + 1);
    assert.equal(label, entities[i].label);
    assert.equal(chars.slice(Number(s), Number(e)).join(""), text, line);
    assert.equal(text, entities[i].text);
    if (Number(s) !== entities[i].start) shifted++;
  });
  // The emoji before them move every entity: UTF-16 offsets would have been wrong.
  assert.equal(shifted, entities.length);
  // Notes carry the parsed values and point at existing entities.
  const notes = lines.filter((l) => l.startsWith("#"));
  assert.ok(notes.length > 0);
  for (const n of notes) assert.match(n, /^#(\d+)\tAnnotatorNotes T\1\t\S/);
  assert.ok(notes.some((n) => /Q3W/.test(n)));
  // brat itself reads the files with Python, where string indices are code points.
  const check = `
import sys
txt = open(sys.argv[1], encoding="utf-8").read()
for line in open(sys.argv[2], encoding="utf-8"):
    if line.startswith("T"):
        tid, ann, text = line.rstrip("\\n").split("\\t")
        label, s, e = ann.split(" ")
        assert txt[int(s):int(e)] == text, (line, txt[int(s):int(e)])
print("ok")`;
  assert.equal(execFileSync("python3", ["-c", check, txt.file, ann.file], { encoding: "utf8" }).trim(), "ok");
  assert.deepEqual(errors, []);
  await page.close();
});

test("brat export splits an entity that crosses a line break into fragments", async () => {
  const { page } = await openAnnotator(env.browser, env.baseUrl);
  // The rules seldom make such a span, so the page's own format module is given one.
  const ann = await page.evaluate(async () => {
    const { toBrat } = await import("./format.js");
    const text = "💊 KEYTRUDA\nplus";
    return toBrat(text, [{ label: "DRUG", start: 3, end: 16, text: "KEYTRUDA\nplus", rule: "r", attrs: {} }]);
  });
  assert.equal(ann, "T1\tDRUG 2 10;11 15\tKEYTRUDA plus\n");
  await page.close();
});

test("copy as HTML puts highlighted HTML and the plain text on the clipboard", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.baseUrl });
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  const text = `<img src=x onerror="window.__pwned=true"> & ${RELEASE}`;
  await page.evaluate(() => (window.__pwned = false));
  await paste(page, text);
  await page.click('#legend button[data-label="PHASE"]'); // hidden labels are copied as plain text
  await page.click("#copy-html");
  await page.waitForFunction(() => /Copied/.test(document.getElementById("status").textContent));
  const clip = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read({ unsanitized: ["text/html"] });
    const get = async (t) => (await item.getType(t)).text();
    return { types: item.types, html: await get("text/html"), plain: await get("text/plain") };
  });
  assert.ok(clip.types.includes("text/html") && clip.types.includes("text/plain"));
  assert.equal(clip.plain, text);
  assert.match(clip.html, /&lt;img src=x onerror=&quot;window.__pwned=true&quot;&gt; &amp; /);
  // Parsed (in a blank page, outside the annotator's CSP), the HTML has the text and one
  // coloured <mark> per shown entity.
  const blank = await context.newPage();
  const parsed = await blank.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    return {
      text: doc.body.textContent,
      imgs: doc.querySelectorAll("img").length,
      marks: [...doc.querySelectorAll("mark")].map((m) => ({
        label: m.dataset.label,
        text: m.textContent,
        style: m.getAttribute("style"),
        title: m.title,
      })),
    };
  }, clip.html);
  assert.equal(parsed.text, text);
  assert.equal(parsed.imgs, 0);
  const shown = (await annotateInPage(page, text)).filter((e) => e.label !== "PHASE");
  assert.deepEqual(
    parsed.marks.map(({ label, text }) => ({ label, text })),
    shown.map((e) => ({ label: e.label, text: e.text })),
  );
  for (const m of parsed.marks) assert.match(m.style, /^background:#[0-9a-f]{6};color:#[0-9a-f]{6}$/, `${m.label} has its colour`);
  assert.ok(parsed.marks.some((m) => m.label === "SCHEDULE" && /Q3W/.test(m.title)));
  assert.equal(await page.evaluate(() => window.__pwned), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link carries the text in its fragment and restores it", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.baseUrl });
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  const text = `${RELEASE}\n\n<script>window.__pwned = true</script> ✓ ${"ZB-4417 at 6 mg/kg. ".repeat(200)}`;
  await paste(page, text);
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.click("#share");
  await page.waitForFunction(() => /Link copied/.test(document.getElementById("status").textContent));
  const link = await page.inputValue("#share-url");
  assert.equal(link, await page.evaluate(() => navigator.clipboard.readText()));
  assert.ok(link.startsWith(`${env.baseUrl}/index.html#z=`), link.slice(0, 80));
  assert.match(link.split("#")[1], /^z=[A-Za-z0-9_-]+$/);
  // Compressed: the repeated text makes the link much shorter than the text.
  assert.ok(link.length < text.length, `${link.length} < ${text.length}`);
  // Sharing made no request: the text stays on this machine.
  assert.deepEqual(requests, []);

  const other = await openAnnotator(context, env.baseUrl, link.slice(env.baseUrl.length));
  await other.page.evaluate(() => (window.__pwned = false));
  await settled(other.page, text);
  assert.equal(await other.page.inputValue("#input"), text);
  assert.deepEqual(await marks(other.page), await marks(page));
  assert.equal(await other.page.evaluate(() => window.__pwned), false);
  assert.deepEqual(other.errors, []);

  // A hand-written #t= link works too, and so does changing the fragment of an open page.
  await other.page.evaluate(() => (location.hash = "#t=" + encodeURIComponent("KEYTRUDA® 200 mg 😀")));
  await settled(other.page, "KEYTRUDA® 200 mg 😀");
  assert.deepEqual((await marks(other.page)).map((m) => m.text), ["KEYTRUDA", "200 mg"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a damaged share link says so and leaves the page usable", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl, "/index.html#z=not-deflate-data");
  assert.match(await page.textContent("#status"), /could not be read/);
  assert.equal(await page.inputValue("#input"), "");
  await paste(page, "ZB-4417 at 6 mg/kg");
  assert.deepEqual((await marks(page)).map((m) => m.label), ["DRUG", "DOSE"]);
  assert.deepEqual(errors, []);
  await page.close();
});

test("exports of an opened file are named after it, and exports wait for the latest text", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  const json = await downloadOf(page, "#export-json");
  assert.equal(json.name, "sample-release.json");
  // Type and export at once: the export holds the text as typed, not the previous one.
  await page.focus("#input");
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Patients then got 7 mg/kg of ZB-4417.");
  const late = await downloadOf(page, "#export-json");
  const entities = JSON.parse(late.text);
  assert.ok(entities.some((e) => e.text === "7 mg/kg"), "the typed dose is exported");
  await settled(page);
  assert.deepEqual(errors, []);
  await page.close();
});
