// The npm package as a user gets it: `npm pack` of target/npm/package (built by scripts/package),
// `npm install <tarball>` into a fresh project with no network, then annotate from Node.js
// (ES module and CommonJS), resolve every export, run the Node example, and load the packaged
// embed.js in a page from a plain <script type="module">.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, start } from "./harness.mjs";
import { openPage } from "./embed-fixture.mjs";

const run = promisify(execFile);
const PACKAGE_DIR = path.join(ROOT, "target", "npm", "package");
const TEXT = "Patients received pembrolizumab 200 mg every three weeks; 12 patients also got HX-3071 at 3.2 mg/kg.";
const EXPECTED = [
  "DRUG:pembrolizumab",
  "DOSE:200 mg",
  "SCHEDULE:every three weeks",
  "COHORT:12 patients",
  "DRUG:HX-3071",
  "DOSE:3.2 mg/kg",
];

let tmp;
let project;
let installed;
let packed;

/** Runs a Node.js script file written into the consumer project; returns its stdout. */
async function node(name, source, args = []) {
  writeFileSync(path.join(project, name), source);
  const { stdout } = await run(process.execPath, [...args, name], { cwd: project });
  return stdout;
}

before(async () => {
  if (!existsSync(path.join(PACKAGE_DIR, "package.json"))) {
    throw new Error("target/npm/package is missing: run `scripts/package --web www/pkg` (scripts/test e2e does)");
  }
  tmp = mkdtempSync(path.join(tmpdir(), "ra-npm-"));
  const env = { ...process.env, npm_config_cache: path.join(tmp, "npm-cache"), npm_config_update_notifier: "false" };
  const { stdout } = await run("npm", ["pack", PACKAGE_DIR, "--pack-destination", tmp, "--json", "--silent"], { env });
  [packed] = JSON.parse(stdout);
  project = path.join(tmp, "consumer");
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // --offline: the package has no dependencies, so installing it needs no registry.
  await run(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", path.join(tmp, packed.filename)],
    { cwd: project, env },
  );
  installed = path.join(project, "node_modules", "release-annotator");
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("npm pack holds both builds, one .wasm, the types, embed.js and the README", () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const f of [
    "package.json",
    "README.md",
    "LICENSE",
    "embed.js",
    "embed.d.ts",
    "web/release_annotator.js",
    "web/release_annotator.d.ts",
    "web/release_annotator_bg.wasm",
    "node/release_annotator.js",
    "node/release_annotator.d.ts",
    "node/index.mjs",
    "node/index.d.mts",
    "node/package.json",
  ]) {
    assert.ok(files.includes(f), `${f} in ${JSON.stringify(files)}`);
  }
  assert.deepEqual(
    files.filter((f) => f.endsWith(".wasm")),
    ["web/release_annotator_bg.wasm"],
    "the node build shares the web build's .wasm",
  );
  assert.ok(!files.some((f) => f.endsWith(".gitignore") || f.endsWith(".log")), JSON.stringify(files));
  const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
  const cargo = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(manifest.name, "release-annotator");
  assert.equal(manifest.version, /^version = "([^"]+)"/m.exec(cargo)[1]);
  assert.equal(manifest.license, "MIT");
  assert.match(manifest.description, /press releases/);
  assert.deepEqual(manifest.dependencies ?? {}, {});
  assert.match(readFileSync(path.join(installed, "README.md"), "utf8"), /^# release-annotator/);
});

test("Node.js annotates through the installed package, as an ES module and as CommonJS", async () => {
  const esm = await node(
    "esm.mjs",
    `import init, { annotate, version } from "release-annotator";
     await init(); // a no-op in Node.js, kept for code shared with browsers
     console.log(JSON.stringify({
       resolved: import.meta.resolve("release-annotator"),
       version: version(),
       entities: annotate(${JSON.stringify(TEXT)}).map((e) => e.label + ":" + e.text),
     }));`,
  );
  const got = JSON.parse(esm);
  assert.match(got.resolved, /node_modules\/release-annotator\/node\/index\.mjs$/);
  assert.deepEqual(got.entities, EXPECTED);
  assert.match(got.version, /^\d+\.\d+\.\d+/);

  const cjs = await node(
    "cjs.cjs",
    `const { annotate } = require("release-annotator");
     const e = annotate(${JSON.stringify(TEXT)});
     console.log(JSON.stringify({ resolved: require.resolve("release-annotator"), entities: e.map((x) => x.label + ":" + x.text), dose: e[1] }));`,
  );
  const c = JSON.parse(cjs);
  assert.match(c.resolved, /node_modules\/release-annotator\/node\/release_annotator\.js$/);
  assert.deepEqual(c.entities, EXPECTED);
  assert.deepEqual(c.dose.attrs, { value: 200, unit: "mg", drug: 0 });
  assert.equal(TEXT.slice(c.dose.start, c.dose.end), "200 mg");
});

test("every export resolves to a file of the package, types included, under each condition", async () => {
  const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
  const targets = [];
  const walk = (value) => {
    if (typeof value === "string") targets.push(value);
    else for (const v of Object.values(value)) walk(v);
  };
  walk(manifest.exports);
  for (const key of ["main", "module", "types"]) targets.push(manifest[key]);
  assert.ok(targets.filter((t) => /\.d\.m?ts$/.test(t)).length >= 4, JSON.stringify(targets));
  for (const t of targets) assert.ok(existsSync(path.join(installed, t)), `${t} exists`);

  const types = (f) => readFileSync(path.join(installed, f), "utf8");
  assert.match(types("web/release_annotator.d.ts"), /export function annotate\(text: string\): Entity\[\];/);
  assert.match(types("web/release_annotator.d.ts"), /export interface Entity \{/);
  assert.match(types("node/release_annotator.d.ts"), /export function annotate\(text: string\): Entity\[\];/);
  assert.match(types("node/index.d.mts"), /export \* from "\.\/release_annotator\.js";/);
  assert.match(types("embed.d.ts"), /export function annotateElement\(root: Element, options\?: AnnotateOptions\): Promise<Annotation>;/);

  // Bundlers for the browser resolve the web build; it also runs in Node when given the bytes.
  const browser = await node(
    "browser.mjs",
    `import { readFileSync } from "node:fs";
     import { fileURLToPath } from "node:url";
     const resolved = import.meta.resolve("release-annotator");
     const { initSync, annotate } = await import("release-annotator");
     initSync({ module: readFileSync(fileURLToPath(import.meta.resolve("release-annotator/web/release_annotator_bg.wasm"))) });
     console.log(JSON.stringify({ resolved, entities: annotate(${JSON.stringify(TEXT)}).map((e) => e.label + ":" + e.text) }));`,
    ["--conditions=browser"],
  );
  const b = JSON.parse(browser);
  assert.match(b.resolved, /node_modules\/release-annotator\/web\/release_annotator\.js$/);
  assert.deepEqual(b.entities, EXPECTED);

  // embed.js imports in Node.js (server-side rendering) without touching the DOM.
  const embed = await node(
    "embed.mjs",
    `const m = await import("release-annotator/embed");
     console.log(JSON.stringify({ resolved: import.meta.resolve("release-annotator/embed"), fn: typeof m.annotateElement,
       element: typeof m.ReleaseAnnotatorElement, labels: m.LABELS.length, styles: m.STYLES.includes("::highlight(ra-drug)") }));`,
  );
  const { resolved, ...rest } = JSON.parse(embed);
  assert.match(resolved, /node_modules\/release-annotator\/embed\.js$/);
  assert.deepEqual(rest, { fn: "function", element: "undefined", labels: 8, styles: true });
});

test("the Node example annotates a text file", async () => {
  const example = path.join(ROOT, "examples", "node");
  copyFileSync(path.join(example, "annotate-file.mjs"), path.join(project, "annotate-file.mjs"));
  copyFileSync(path.join(example, "release.txt"), path.join(project, "release.txt"));
  const { stdout: lines, stderr } = await run(process.execPath, ["annotate-file.mjs", "release.txt"], { cwd: project });
  assert.match(lines, /^4:67\tDOSE\t3\.2 mg\/kg\tvalue=3\.2 unit=mg per=kg drug=\S+$/m);
  assert.match(lines, /^5:18\tDRUG\tpembrolizumab\tkind=generic canonical=pembrolizumab/m);
  assert.match(stderr, /^\d+ entities \(release-annotator \d+\.\d+\.\d+\)$/m);
  const { stdout: json } = await run(process.execPath, ["annotate-file.mjs", "release.txt", "--labels", "dose", "--json"], {
    cwd: project,
  });
  const text = readFileSync(path.join(project, "release.txt"), "utf8");
  const doses = JSON.parse(json);
  assert.deepEqual(
    doses.map((e) => [e.label, e.text, e.attrs.drug]),
    [
      ["DOSE", "3.2 mg/kg", doses[0].attrs.drug],
      ["DOSE", "1 mg", "semaglutide"],
    ],
  );
  assert.match(doses[0].attrs.drug, /^(HX-3071|velotuzumab)$/);
  for (const e of doses) assert.equal(text.slice(e.start, e.end), e.text);
  await assert.rejects(run(process.execPath, ["annotate-file.mjs"], { cwd: project }), (err) => err.code === 2);
});

test("the packaged embed.js works from a plain <script type=module> under a strict CSP", async () => {
  const env = await start();
  try {
    // The installed package's files, served at /vendor/release-annotator/ as a static site would.
    const types = { ".js": "text/javascript", ".wasm": "application/wasm" };
    const vendor = (page) =>
      page.route(`${env.baseUrl}/vendor/release-annotator/**`, async (route) => {
        const rel = new URL(route.request().url()).pathname.replace("/vendor/release-annotator/", "");
        await route.fulfill({ contentType: types[path.extname(rel)], body: await readFile(path.join(installed, rel)) });
      });
    const { page, errors } = await openPage(env.browser, `${env.baseUrl}/__package.html`, {
      setup: vendor,
      fixture: `<script type="module" src="/vendor/release-annotator/embed.js"></script>
        <p>Summary: <release-annotator labels="drug schedule">patients got <b>pembrolizumab</b> 200 mg every three weeks</release-annotator></p>`,
    });
    await page.waitForFunction(() => document.querySelector("release-annotator").annotation !== null);
    const got = await page.evaluate(() => ({
      entities: document.querySelector("release-annotator").entities.map((e) => `${e.label}:${e.text}`),
      highlights: [...CSS.highlights.keys()].sort(),
      violations: window.__cspViolations,
    }));
    assert.deepEqual(got, {
      entities: ["DRUG:pembrolizumab", "SCHEDULE:every three weeks"],
      highlights: ["ra-drug", "ra-schedule"],
      violations: [],
    });
    assert.deepEqual(errors, []);
  } finally {
    await env.close();
  }
});
