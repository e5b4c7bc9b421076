// The built package (www/pkg, wasm-pack --target web) in Node: UTF-16 offsets as JavaScript
// sees them, strings with lone surrogates, and wasm memory over 10,000 annotate() calls.
// Run by `scripts/test node` after the package is built.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PKG = path.join(ROOT, "www", "pkg");
const mod = await import(pathToFileURL(path.join(PKG, "release_annotator.js")).href);
const wasm = mod.initSync({ module: readFileSync(path.join(PKG, "release_annotator_bg.wasm")) });
const { annotate } = mod;

const LABELS = new Set(["DRUG", "DOSE", "SCHEDULE", "OUTCOME", "CONDITION", "PHASE", "TRIAL", "COHORT"]);

/** `s` with each lone surrogate replaced by U+FFFD, written out independently of TextEncoder. */
function wellFormed(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    out += c >= 0xd800 && c <= 0xdfff ? "\ufffd" : s[i];
  }
  return out;
}

/** Checks the invariants of one result against the string that was passed in. */
function checkResult(text, entities) {
  assert.ok(Array.isArray(entities));
  const fixed = wellFormed(text);
  let prevEnd = 0;
  entities.forEach((e, i) => {
    const where = `entity ${i} ${JSON.stringify(e)} of ${JSON.stringify(text)}`;
    assert.ok(LABELS.has(e.label), where);
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end), where);
    assert.ok(prevEnd <= e.start && e.start < e.end && e.end <= text.length, where);
    // The offsets index the string as passed in; its text is that slice, lone surrogates
    // read as U+FFFD (one UTF-16 unit each, like the surrogate it replaces).
    assert.equal(fixed.slice(e.start, e.end), e.text, where);
    assert.equal(wellFormed(text.slice(e.start, e.end)), e.text, where);
    if (e.attrs.drug !== undefined) assert.equal(entities[e.attrs.drug]?.label, "DRUG", where);
    prevEnd = e.end;
  });
}

test("UTF-16 offsets are right after astral characters", () => {
  const text = "😀𝔘𝔫𝔦 👩‍👩‍👧‍👦 🇫🇷 KEYTRUDA® 200 mg every three weeks; 𝟐𝟎𝟎 mg";
  const es = annotate(text);
  checkResult(text, es);
  const drug = es.find((e) => e.label === "DRUG");
  const dose = es.find((e) => e.label === "DOSE");
  assert.equal(drug.text, "KEYTRUDA");
  assert.equal(drug.start, text.indexOf("KEYTRUDA"));
  assert.equal(dose.text, "200 mg");
  assert.equal(dose.start, text.indexOf("200 mg"));
  assert.equal(text.slice(dose.start, dose.end), "200 mg");
});

test("lone surrogates do not crash and offsets still slice the original string", () => {
  const text = "\ud800 KEYTRUDA® \udc00200 mg \ud83d once daily \ude00 ORR 45% \ud83d";
  // What crosses the boundary: TextEncoder turns each lone surrogate into U+FFFD.
  assert.equal(new TextDecoder().decode(new TextEncoder().encode(text)), wellFormed(text));
  const es = annotate(text);
  checkResult(text, es);
  const labels = es.map((e) => `${e.label}:${e.text}`);
  assert.ok(labels.includes("DRUG:KEYTRUDA"), labels.join(", "));
  assert.ok(labels.includes("SCHEDULE:once daily"), labels.join(", "));
  const daily = es.find((e) => e.text === "once daily");
  assert.equal(text.slice(daily.start, daily.end), "once daily");
});

// A small deterministic generator (mulberry32), so failures reproduce.
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "KEYTRUDA®", "200 mg", "mg/m²", "3.2 mg/kg", "every three weeks", "once daily", "ORR 45%", "Phase 2",
  "MK-3475", "pembrolizumab", "NCT01234567", "54 patients", ". ", ", ", " ", " ", "\n", "😀", "👩‍👩‍👧",
  "🇫🇷", "e\u0301", "دواء", "\u202e", "\u0000", "\ufeff", "\u00a0", "\ud800", "\udfff", "\ud83d", "𝟐",
];

test("random strings with astral characters and lone surrogates keep every invariant", () => {
  const rand = rng(20240611);
  for (let n = 0; n < 2000; n++) {
    let text = "";
    const parts = Math.floor(rand() * 40);
    for (let k = 0; k < parts; k++) {
      text +=
        rand() < 0.8
          ? PIECES[Math.floor(rand() * PIECES.length)]
          : String.fromCharCode(Math.floor(rand() * 0x10000)); // any UTF-16 unit, surrogates too
    }
    checkResult(text, annotate(text));
  }
});

test("wasm memory stays bounded over 10,000 annotate calls", () => {
  const release =
    "Northwind Bio reported Phase 1b/2 data for NW-2207 at 3 mg/kg IV every three weeks plus " +
    "KEYTRUDA® 200 mg Q3W in 48 patients; ORR was 41.5% and median PFS 7.4 months 😀. ";
  const texts = [release.repeat(4), "\ud800 5 mg " + "x".repeat(500), "", "😀".repeat(100), release];
  const run = (calls) => {
    let entities = 0;
    for (let i = 0; i < calls; i++) entities += annotate(texts[i % texts.length]).length;
    return entities;
  };
  run(50); // warm up: the allocator takes what one round of these texts needs
  const before = wasm.memory.buffer.byteLength;
  const entities = run(10_000);
  const after = wasm.memory.buffer.byteLength;
  console.log(`wasm memory: ${before} bytes before, ${after} after 10,000 calls (${entities} entities)`);
  assert.ok(entities > 50_000, `${entities} entities`);
  // A leak of even 30 bytes a call would grow memory by more than this.
  assert.ok(after - before <= 256 * 1024, `memory grew from ${before} to ${after} bytes`);
});
