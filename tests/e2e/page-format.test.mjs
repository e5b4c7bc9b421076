// The page's pure formatting module (www/format.js) in Node: parsed values as text, the summary,
// the export formats and the share-link codec, on entities written out by hand so that every
// attribute the API documents is exercised, including those the rules do not produce yet.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CSV_COLUMNS,
  codePointMap,
  decodeFragment,
  details,
  encodeFragment,
  escapeHTML,
  summarize,
  toBrat,
  toCSV,
  toHTML,
  toJSON,
  valueText,
} from "../../www/format.js";

const ent = (label, text, attrs = {}, start = 0) => ({ label, start, end: start + text.length, text, rule: "t", attrs });

test("valueText gives the parsed value in short form", () => {
  assert.equal(valueText(ent("DOSE", "190 mg/m²", { value: 190, unit: "mg", per: "m2" })), "190 mg/m2");
  assert.equal(valueText(ent("DOSE", "10-240 mg/m²", { low: 10, high: 240, unit: "mg", per: "m2" })), "10–240 mg/m2");
  assert.equal(valueText(ent("DOSE", "≥ 5 mg", { value: 5, unit: "mg", comparator: ">=" })), ">=5 mg");
  assert.equal(valueText(ent("SCHEDULE", "every three weeks", { code: "Q3W", kind: "frequency" })), "Q3W");
  assert.equal(valueText(ent("OUTCOME", "ORR of 45.5%", { measure: "ORR", value: 45.5, unit: "%" })), "ORR 45.5 %");
  assert.equal(valueText(ent("OUTCOME", "median OS of 9.1 months", { measure: "OS", value: 9.1, unit: "months" })), "OS 9.1 months");
  assert.equal(valueText(ent("OUTCOME", "did not improve PFS", { measure: "PFS", negated: true })), "not met: PFS");
  assert.equal(valueText(ent("DRUG", "KEYTRUDA", { canonical: "pembrolizumab" })), "pembrolizumab");
  assert.equal(valueText(ent("PHASE", "Phase I/IIa", { phase: "1/2a" })), "Phase 1/2a");
  assert.equal(valueText(ent("TRIAL", "NCT01234567", { nct: "NCT01234567" })), "NCT01234567");
  assert.equal(valueText(ent("COHORT", "42 patients", { count: 42 })), "n = 42");
  assert.equal(valueText(ent("CONDITION", "breast cancer")), "");
});

test("details name the linked drug, the aliases, CI, p-value and any attribute added later", () => {
  const es = [
    ent("DRUG", "pembrolizumab", { kind: "generic", canonical: "pembrolizumab", group: 0 }),
    ent("DRUG", "KEYTRUDA", { kind: "brand", canonical: "pembrolizumab", group: 0 }),
    ent("DOSE", "200 mg", { value: 200, unit: "mg", drug: 1 }),
    ent("SCHEDULE", "IV", { kind: "route", code: "IV", drug: 0 }),
    ent("OUTCOME", "HR 0.62 (95% CI 0.5-0.77; p<0.001)", {
      measure: "HR",
      value: 0.62,
      ci: [0.5, 0.77],
      p: { comparator: "<", value: 0.001 },
      kind: "efficacy",
      arm: "A",
    }),
  ];
  const d = (i) => Object.fromEntries(details(es[i], es));
  assert.deepEqual(d(1), { "canonical name": "pembrolizumab", type: "brand", "also named": "pembrolizumab" });
  assert.deepEqual(d(2), { amount: "200 mg", drug: "KEYTRUDA (pembrolizumab)" });
  assert.deepEqual(d(3), { route: "IV", drug: "pembrolizumab" });
  assert.deepEqual(d(4), { result: "HR 0.62", "95% CI": "0.5–0.77", p: "< 0.001", type: "efficacy", arm: "A" });
  // A link to something that is not a drug is ignored rather than shown wrongly.
  assert.deepEqual(details(ent("DOSE", "5 mg", { value: 5, unit: "mg", drug: 2 }), es), [["amount", "5 mg"]]);
});

test("summarize groups drugs by alias group with their doses and schedules", () => {
  const text = "Ostralimab: ostralimab (NVL-311) 10 mg/kg Q3W; ostralimab IV; KEYTRUDA 200 mg.";
  const at = (s, from = 0) => text.indexOf(s, from);
  const es = [
    ent("DRUG", "Ostralimab", { group: 0 }, at("Ostralimab")),
    ent("DRUG", "ostralimab", { group: 0 }, at("ostralimab")),
    ent("DRUG", "NVL-311", { group: 0, kind: "code" }, at("NVL-311")),
    ent("DOSE", "10 mg/kg", { value: 10, unit: "mg", per: "kg", drug: 1 }, at("10 mg/kg")),
    ent("SCHEDULE", "Q3W", { code: "Q3W", drug: 1 }, at("Q3W")),
    ent("DRUG", "ostralimab", { group: 0 }, at("ostralimab", at("Q3W"))),
    ent("SCHEDULE", "IV", { code: "IV", drug: 5 }, at("IV")),
    ent("DRUG", "KEYTRUDA", { group: 1, canonical: "pembrolizumab" }, at("KEYTRUDA")),
    ent("DOSE", "200 mg", { value: 200, unit: "mg", drug: 7 }, at("200 mg")),
    ent("OUTCOME", "ORR of 45.5%", { measure: "ORR", value: 45.5, unit: "%" }),
    ent("OUTCOME", "well tolerated", { kind: "safety" }),
    ent("PHASE", "Phase 2", { phase: "2" }),
    ent("PHASE", "phase II", { phase: "2" }),
    ent("COHORT", "42 patients", { count: 42 }),
    ent("COHORT", "n=42", { count: 42 }),
  ];
  const s = summarize(es);
  assert.deepEqual(s.drugs, [
    { name: "ostralimab", canonical: "", aliases: ["NVL-311"], doses: ["10 mg/kg"], schedules: ["Q3W", "IV"] },
    { name: "pembrolizumab", canonical: "pembrolizumab", aliases: ["KEYTRUDA"], doses: ["200 mg"], schedules: [] },
  ]);
  assert.deepEqual(s.outcomes, ["ORR 45.5 % (ORR of 45.5%)", "well tolerated"]);
  assert.deepEqual(s.phases, ["Phase 2"]);
  assert.deepEqual(s.patients, ["42"]);
});

test("CSV quotes what needs quoting and keeps formulas from running in spreadsheets", () => {
  const es = [
    ent("DOSE", "5,000 IU", { value: 5000, unit: "IU" }),
    ent("OUTCOME", 'a "quoted"\nresult', { ci: [1, 2], p: { comparator: "=", value: 0.03 } }),
    ent("DRUG", "=HYPERLINK(1)", {}),
  ];
  const lines = toCSV(es).split("\r\n");
  assert.equal(lines[0], CSV_COLUMNS.join(","));
  assert.ok(lines[1].startsWith('DOSE,0,8,"5,000 IU",t,'));
  assert.match(toCSV(es), /OUTCOME,0,17,"a ""quoted""\nresult",t,/);
  assert.match(toCSV(es), /,1,2,'=,0.03,/);
  assert.match(lines.at(-2), /^DRUG,0,13,'=HYPERLINK\(1\),t,/);
  assert.equal(lines.at(-1), "");
});

test("code point offsets count a surrogate pair once", () => {
  const text = "a😀b\ud800c";
  assert.deepEqual([...codePointMap(text)], [0, 1, 1, 2, 3, 4, 5]);
  assert.equal(codePointMap("").length, 1);
});

test("brat lines use code point offsets, and notes carry the parsed values", () => {
  const text = "😀😀 KEYTRUDA 200 mg";
  const es = [
    ent("DRUG", "KEYTRUDA", { canonical: "pembrolizumab" }, 5),
    ent("DOSE", "200 mg", { value: 200, unit: "mg", drug: 0 }, 14),
  ];
  assert.equal(
    toBrat(text, es),
    "T1\tDRUG 3 11\tKEYTRUDA\n#1\tAnnotatorNotes T1\tpembrolizumab | canonical name: pembrolizumab\n" +
      "T2\tDOSE 12 18\t200 mg\n#2\tAnnotatorNotes T2\t200 mg | amount: 200 mg; drug: KEYTRUDA (pembrolizumab)\n",
  );
  assert.equal(toBrat("", []), "");
});

test("HTML export escapes every piece of text and shows only visible labels", () => {
  const text = '<b>"x"</b> & KEYTRUDA 200 mg';
  const es = [ent("DRUG", "KEYTRUDA", {}, 13), ent("DOSE", "200 mg", { value: 200, unit: "mg" }, 22)];
  const html = toHTML(text, es, { colours: { DRUG: "#ffd6a5" }, visible: new Set(["DRUG"]) });
  assert.equal(
    html,
    '<div style="white-space:pre-wrap">&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; ' +
      '<mark data-label="DRUG" title="DRUG" style="background:#ffd6a5;color:#1a1a1a">KEYTRUDA</mark> 200 mg</div>',
  );
  assert.equal(escapeHTML(`'&`), "&#39;&amp;");
});

test("JSON export is the entities as given", () => {
  const es = [ent("DRUG", "X", { group: 0 })];
  assert.deepEqual(JSON.parse(toJSON(es)), es);
});

test("share fragments round-trip any text, compressed, and refuse damaged ones", async () => {
  const text = `KEYTRUDA® 200 mg 😀 \ud83d\ude00 <script>x</script>\n${"every three weeks ".repeat(500)}`;
  const frag = await encodeFragment(text);
  assert.match(frag, /^z=[A-Za-z0-9_-]+$/);
  assert.ok(frag.length < text.length / 10);
  assert.equal(await decodeFragment(`#${frag}`), text);
  assert.equal(await decodeFragment(frag), text);
  assert.equal(await decodeFragment(await encodeFragment("")), "");
  assert.equal(await decodeFragment("#t=" + encodeURIComponent("6 mg/kg 😀")), "6 mg/kg 😀");
  assert.equal(await decodeFragment("#z=AAAA"), null);
  assert.equal(await decodeFragment("#t=%E0%A4%A"), null);
  assert.equal(await decodeFragment("#output"), null);
});
