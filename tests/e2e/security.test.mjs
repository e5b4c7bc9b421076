// End-to-end security checks of the page: pasted HTML is shown as text and never runs, and the
// Content-Security-Policy forbids inline script while letting the wasm run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { start, openAnnotator, WWW } from "./harness.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Opens the page with a recorder of CSP violations and a canary that any payload would set. */
async function openGuarded() {
  const opened = await openAnnotator(env.browser, env.baseUrl);
  await opened.page.evaluate(() => {
    window.__pwned = [];
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
    );
  });
  return opened;
}

async function paste(page, text) {
  await page.fill("#input", text);
  await page.waitForFunction((t) => document.getElementById("output").textContent === t, text);
}

// Each payload would push its number to window.__pwned if it ran.
const PAYLOADS = [
  "<script>window.__pwned.push(1)</script>",
  '<img src=x onerror="window.__pwned.push(2)">',
  '<a href="javascript:window.__pwned.push(3)">KEYTRUDA® 200 mg</a>',
  '<svg onload="window.__pwned.push(4)"><circle r=5 /></svg>',
  '<iframe srcdoc="<script>parent.__pwned.push(5)</script>"></iframe>',
  '"><img src=x onerror=window.__pwned.push(6)> 5 mg',
  "</textarea><script>window.__pwned.push(7)</script>",
  '<body onload="window.__pwned.push(8)"><style>body{display:none}</style>',
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned.push(9)>",
  'javascript:window.__pwned.push(10) <a href="data:text/html,<script>parent.__pwned.push(11)</script>">x</a>',
];

test("pasted <script>, event handlers and javascript: links are shown as text, never run", async () => {
  const { page, errors } = await openGuarded();
  const text = `Acme reported ORR 45% with MK-3475 every three weeks. ${PAYLOADS.join(" ")} Done.`;
  await paste(page, text);
  // Give anything that was scheduled (onerror, onload, frames) time to fire.
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__pwned), []);
  // The output holds text, the page's own blocks and <mark> elements: no element from the
  // pasted markup, no event handler, no attribute that loads or links anything.
  const elements = await page.$$eval("#output *", (els) =>
    els.map((el) => ({ tag: el.tagName, attrs: el.getAttributeNames() })),
  );
  assert.ok(elements.filter((el) => el.tag === "MARK").length > 3, JSON.stringify(elements));
  const risky = ["href", "src", "srcdoc", "style", "action", "formaction", "xlink:href", "data"];
  for (const el of elements) {
    assert.ok(["MARK", "DIV"].includes(el.tag), JSON.stringify(el));
    for (const a of el.attrs) assert.ok(!a.startsWith("on") && !risky.includes(a), JSON.stringify(el));
  }
  assert.equal(await page.textContent("#output"), text);
  // The drug inside the link markup is still found, as text.
  const marks = await page.$$eval("#output mark", (ms) => ms.map((m) => `${m.dataset.label}:${m.textContent}`));
  assert.ok(marks.includes("DRUG:KEYTRUDA"), marks.join(", "));
  // Clicking every highlight navigates nowhere and runs nothing.
  const url = page.url();
  for (const mark of await page.$$("#output mark")) await mark.click();
  await page.click("#output");
  assert.equal(page.url(), url);
  assert.deepEqual(await page.evaluate(() => window.__pwned), []);
  // Nothing even tried to run: no CSP violation, no console error.
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await page.close();
});

/** The directives of the page's CSP meta, as { name: [sources] }. */
function cspOf(html) {
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  assert.ok(meta, "the page has a Content-Security-Policy meta");
  const directives = {};
  for (const part of meta[1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return { directives, at: meta.index };
}

test("the page ships a CSP that forbids inline script and allows only what wasm needs", () => {
  const html = readFileSync(path.join(WWW, "index.html"), "utf8");
  const { directives, at } = cspOf(html);
  // Only the page's own files, plus compiling the wasm: no inline script, no eval, no other host.
  assert.deepEqual([...directives["script-src"]].sort(), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives["default-src"], ["'self'"]);
  assert.deepEqual(directives["object-src"], ["'none'"]);
  assert.deepEqual(directives["base-uri"], ["'none'"]);
  for (const [name, sources] of Object.entries(directives)) {
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"]) {
      assert.ok(!sources.includes(bad), `${name} allows ${bad}`);
    }
  }
  // The policy comes before any script, and the page itself has no inline script or handler.
  const firstScript = html.search(/<script\b/i);
  assert.ok(firstScript === -1 || at < firstScript, "the CSP meta must precede every <script>");
  for (const tag of html.match(/<script\b[^>]*>/gi) || []) assert.match(tag, /\bsrc=/, tag);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, "inline event handler in index.html");
});

test("the CSP blocks injected inline script, handlers, javascript: URLs and eval; wasm still runs", async () => {
  const { page, errors } = await openGuarded();
  // A script from the page's own origin (allowed by 'self') that tries eval and Function, as
  // injected code would. (Code evaluated through the DevTools protocol is exempt from the
  // policy, so the attempt must come from a real page script.)
  await page.route("**/csp-probe.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `
        const attempt = (f) => { try { return f(); } catch (e) { return e.name; } };
        window.__probe = {
          eval: attempt(() => eval("'eval ran'")),
          fn: attempt(() => new Function("return 'Function ran'")()),
        };`,
    }),
  );
  const results = await page.evaluate(async () => {
    const probe = document.createElement("script");
    probe.src = "/csp-probe.js";
    const loaded = new Promise((r) => probe.addEventListener("load", r));
    document.body.append(probe);
    await loaded;
    const s = document.createElement("script");
    s.textContent = "window.__pwned.push('inline script')";
    document.body.append(s);
    const img = document.createElement("img");
    img.setAttribute("onerror", "window.__pwned.push('handler')");
    img.src = "data:,not-an-image";
    document.body.append(img);
    const a = document.createElement("a");
    a.href = "javascript:window.__pwned.push('javascript: URL')";
    document.body.append(a);
    a.click();
    // The smallest valid module: compiling wasm is what 'wasm-unsafe-eval' allows.
    const mod = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    await new Promise((r) => setTimeout(r, 300));
    return { ...window.__probe, wasm: mod instanceof WebAssembly.Module };
  });
  assert.deepEqual(await page.evaluate(() => window.__pwned), []);
  assert.deepEqual(results, { eval: "EvalError", fn: "EvalError", wasm: true });
  // One violation for each attempt: eval, Function, the inline script, the handler and the
  // javascript: URL.
  const violations = (await page.evaluate(() => window.__violations)).map((v) => `${v.directive} ${v.blocked}`);
  assert.deepEqual(violations.sort(), [
    "script-src eval",
    "script-src eval",
    "script-src-attr inline",
    "script-src-elem inline",
    "script-src-elem inline",
  ]);
  // The console reports the refusals, and nothing else.
  assert.ok(errors.length > 0);
  for (const e of errors) assert.match(e, /Content Security Policy/, e);
  // The annotator still works after all this.
  await paste(page, "KEYTRUDA® 200 mg");
  assert.equal(await page.$$eval("#output mark", (ms) => ms.length), 2);
  await page.close();
});
