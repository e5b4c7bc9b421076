// Benchmarks in Node.js: release-annotator's wasm (the web build, instantiated synchronously)
// and the peer libraries wink-nlp and compromise, on the same texts.
// Usage: node benches/node.mjs TEXTS.jsonl [--quick]   (prints one JSON object)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseTexts, measure } from "./common.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const [textsPath = path.join(root, "target/bench/texts.jsonl")] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const quick = process.argv.includes("--quick");
const docs = parseTexts(readFileSync(textsPath, "utf8"));

const ours = await import(path.join(root, "www/pkg/release_annotator.js"));
ours.initSync({ module: readFileSync(path.join(root, "www/pkg/release_annotator_bg.wasm")) });

const result = { ours: measure(ours.annotate, docs, { quick }) };

const peersRequire = createRequire(path.join(here, "peers/package.json"));
try {
  const winkNLP = peersRequire("wink-nlp");
  const model = peersRequire("wink-eng-lite-web-model");
  const full = winkNLP(model);
  const tokenizerOnly = winkNLP(model, []);
  result["wink-nlp"] = measure((t) => full.readDoc(t).entities().out(), docs, { scaling: false, quick });
  result["wink-nlp tokenizer"] = measure((t) => tokenizerOnly.readDoc(t).tokens().length(), docs, {
    scaling: false,
    quick,
  });
} catch (e) {
  result["wink-nlp"] = { error: String(e.message || e) };
}
try {
  const nlp = peersRequire("compromise");
  result.compromise = measure((t) => nlp(t).terms().length, docs, { scaling: false, quick });
} catch (e) {
  result.compromise = { error: String(e.message || e) };
}
console.log(JSON.stringify(result));
