#!/usr/bin/env node
// Annotates a text file (a press release saved as text) and prints one line per entity:
//   LINE:COLUMN  LABEL  text  parsed values
// or, with --json, the entities as JSON. --labels keeps some labels only.
//
//   npm install release-annotator            (in this folder: `npm install` uses the local build)
//   node annotate-file.mjs release.txt [--labels DRUG,DOSE] [--json]
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { annotate, version } from "release-annotator";

const usage = "usage: node annotate-file.mjs FILE [--labels DRUG,DOSE,...] [--json]";
let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: { labels: { type: "string" }, json: { type: "boolean", default: false } },
  });
} catch (err) {
  console.error(`${err.message}\n${usage}`);
  process.exit(2);
}
if (args.positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}

const text = await readFile(args.positionals[0], "utf8");
const all = annotate(text);
const wanted = args.values.labels ? new Set(args.values.labels.toUpperCase().split(/[\s,]+/).filter(Boolean)) : null;
const entities = all.filter((e) => !wanted || wanted.has(e.label));

if (args.values.json) {
  // attrs.drug indexes the full list: give the drug's text instead, which survives filtering.
  const out = entities.map((e) =>
    e.attrs.drug === undefined ? e : { ...e, attrs: { ...e.attrs, drug: all[e.attrs.drug].text } },
  );
  console.log(JSON.stringify(out, null, 2));
} else {
  // Line and column (1-based, in UTF-16 code units like the offsets) of each entity.
  let line = 1;
  let lineStart = 0;
  let at = 0;
  for (const e of entities) {
    for (; at < e.start; at += 1) {
      if (text.charCodeAt(at) === 10) {
        line += 1;
        lineStart = at + 1;
      }
    }
    const { drug, ...attrs } = e.attrs;
    const values = Object.entries(attrs).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`);
    if (drug !== undefined) values.push(`drug=${all[drug].text}`);
    console.log(`${line}:${e.start - lineStart + 1}\t${e.label}\t${e.text}\t${values.join(" ")}`);
  }
  console.error(`${entities.length} entities (release-annotator ${version()})`);
}
