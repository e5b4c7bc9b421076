// End-to-end: accessibility (axe-core, contrast of every label colour, landmarks, keyboard, focus),
// dark mode, phone width, offline operation, and the README's screenshots.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { start, openAnnotator, ROOT, WWW } from "./harness.mjs";
import { LABELS, SAMPLE, settled, paste, loadSample, contrast } from "./page-helpers.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = path.join(ROOT, "docs", "screenshots");

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Runs axe-core (injected from node_modules, no network) on the page. */
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(() =>
    axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }),
  );
}
const summary = (results) =>
  results.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");

for (const scheme of ["light", "dark"]) {
  for (const [device, width] of [["desktop", 1280], ["phone", 375]]) {
    test(`axe finds no WCAG 2.2 AA or best-practice issue (${scheme}, ${device})`, async () => {
      const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      await loadSample(page);
      let r = await axe(page);
      assert.equal(r.violations.length, 0, summary(r.violations));
      // Every text's contrast could be decided (nothing left "incomplete"), except highlights
      // that wrap onto several lines: axe cannot place their background (their box overlaps
      // the neighbouring lines), and the label colours' contrast is checked below for them.
      const undecided = [];
      for (const v of r.incomplete.filter((v) => v.id === "color-contrast")) {
        for (const n of v.nodes) {
          const wrapped = await page.evaluate(
            (sel) => {
              const el = document.querySelector(sel);
              return !!el && el.matches("mark.ent") && el.getClientRects().length > 1;
            },
            n.target.join(" "),
          );
          if (!wrapped) undecided.push(n.target.join(" "));
        }
      }
      assert.deepEqual(undecided, [], summary(r.incomplete));
      // Again with a tooltip open and the share box shown.
      await page.locator("#output mark.ent-dose").first().focus();
      await page.evaluate(() => (document.getElementById("share-box").hidden = false));
      r = await axe(page);
      assert.equal(r.violations.length, 0, summary(r.violations));
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
}

/** Contrast of the text on each label colour (the highlight and its name tag), per theme. */
async function labelContrasts(page) {
  const colours = await page.evaluate((labels) => {
    const out = document.getElementById("output");
    return labels.map((label) => {
      const m = document.createElement("mark");
      m.className = `ent ent-${label.toLowerCase()}`;
      m.dataset.label = label;
      m.textContent = "190 mg/m2";
      out.append(m);
      const c = getComputedStyle(m);
      const tag = getComputedStyle(m, "::after");
      const r = { label, fg: c.color, bg: c.backgroundColor, tag: tag.color, tagText: tag.content };
      m.remove();
      return r;
    });
  }, LABELS);
  return colours.map((c) => ({ ...c, text: contrast(c.fg, c.bg), tagRatio: contrast(c.tag, c.bg) }));
}

test("text on every label colour meets WCAG AA (4.5:1) in light and dark, by system or by toggle", async () => {
  const seen = new Set();
  for (const [scheme, toggle] of [["light", false], ["dark", false], ["light", true], ["dark", true]]) {
    const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
    await page.emulateMedia({ colorScheme: scheme });
    await loadSample(page);
    if (toggle) await page.click("#theme");
    const dark = await page.evaluate(() => document.getElementById("theme").getAttribute("aria-pressed") === "true");
    assert.equal(dark, (scheme === "dark") !== toggle);
    for (const c of await labelContrasts(page)) {
      assert.notEqual(c.bg, "rgba(0, 0, 0, 0)", `${c.label} has a colour`);
      assert.ok(c.text >= 4.5, `${c.label} text ${c.fg} on ${c.bg}: ${c.text.toFixed(2)}`);
      assert.ok(c.tagRatio >= 4.5, `${c.label} name tag: ${c.tagRatio.toFixed(2)}`);
      assert.equal(c.tagText, `"${c.label}"`);
      seen.add(`${dark}:${c.bg}`);
    }
    // The rest of the page's text, and the focus ring against the background (3:1).
    const pairs = await page.evaluate(() => {
      const cs = (sel, pseudo) => getComputedStyle(document.querySelector(sel), pseudo);
      const card = cs(".card").backgroundColor;
      return {
        body: [cs("body").color, cs("body").backgroundColor],
        hint: [cs(".hint").color, card],
        status: [cs("#status").color, card],
        link: [cs("button.goto").color, card],
        chip: [cs(".chip").color, cs(".chip").backgroundColor],
        focus: [cs("body").getPropertyValue("--focus").trim(), cs("body").backgroundColor],
        tip: [cs("#tip").color, cs("#tip").backgroundColor],
      };
    });
    const hex = (h) => (h.startsWith("#") ? `rgb(${[1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).join(",")})` : h);
    for (const [name, [fg, bg]] of Object.entries(pairs)) {
      const need = name === "focus" ? 3 : 4.5;
      assert.ok(contrast(hex(fg), hex(bg)) >= need, `${name}: ${fg} on ${bg} (${scheme}, toggled ${toggle})`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  // Light and dark really use different palettes, eight colours each.
  assert.equal(seen.size, 16);
});

test("landmarks, headings and names: the page's structure is announced", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  const s = await page.evaluate(() => {
    const name = (el) => {
      const by = el.getAttribute("aria-labelledby");
      if (by) return by.split(" ").map((id) => document.getElementById(id)?.textContent.trim()).join(" ");
      return (el.getAttribute("aria-label") || el.textContent || "").trim();
    };
    const labelled = (el) =>
      el.labels?.length ? el.labels[0].textContent.trim() : el.getAttribute("aria-label") || "";
    return {
      lang: document.documentElement.lang,
      title: document.title,
      banner: document.querySelectorAll("body > header").length,
      main: document.querySelectorAll("main").length,
      contentinfo: document.querySelectorAll("body > footer").length,
      outsideLandmarks: [...document.body.children].filter(
        (el) => !el.matches("header, main, footer, script, a.skip"),
      ).length,
      regions: [...document.querySelectorAll("section")].map(name),
      headings: [...document.querySelectorAll("h1, h2, h3")].map((h) => Number(h.tagName[1])),
      unnamedButtons: [...document.querySelectorAll("button")].filter((b) => !name(b)).length,
      unlabelledFields: [...document.querySelectorAll("textarea, input:not([type=file])")].filter((i) => !labelled(i))
        .length,
      fileButton: name(document.getElementById("open")),
      tooltipRole: document.getElementById("tip").getAttribute("role"),
      statusRole: document.getElementById("status").getAttribute("role"),
      legendPressed: [...document.querySelectorAll("#legend button")].map((b) => b.getAttribute("aria-pressed")),
      tableHeaders: [...document.querySelectorAll("table.ents")].every(
        (t) => t.querySelectorAll("th[scope=col]").length === 2 && t.getAttribute("aria-labelledby"),
      ),
    };
  });
  assert.equal(s.lang, "en");
  assert.match(s.title, /release-annotator/);
  assert.deepEqual([s.banner, s.main, s.contentinfo, s.outsideLandmarks], [1, 1, 1, 0]);
  assert.deepEqual(s.regions, ["Release text", "Highlighted", "Summary", "Export and share", "Entities"]);
  assert.equal(s.headings[0], 1);
  assert.equal(s.headings.filter((h) => h === 1).length, 1);
  for (let i = 1; i < s.headings.length; i++) assert.ok(s.headings[i] <= s.headings[i - 1] + 1, "no skipped level");
  assert.equal(s.unnamedButtons, 0);
  assert.equal(s.unlabelledFields, 0);
  assert.match(s.fileButton, /Open a \.txt or \.html file/);
  assert.equal(s.tooltipRole, "tooltip");
  assert.equal(s.statusRole, "status");
  assert.deepEqual(s.legendPressed, LABELS.map(() => "true"));
  assert.equal(s.tableHeaders, true);
  assert.deepEqual(errors, []);
  await page.close();
});

test("every control is reached with Tab, in order, with a visible focus ring", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  await loadSample(page);
  // Start from the top of the page, as after loading it.
  await page.mouse.click(2, 2);
  const order = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const c = getComputedStyle(el);
      return {
        id: el.id || el.dataset.label || el.className || el.tagName,
        mark: el.matches("#output mark"),
        ring: c.outlineStyle !== "none" && parseFloat(c.outlineWidth) >= 2,
      };
    });
    order.push(f.mark ? "mark" : f.id);
    assert.ok(f.ring, `focus ring on ${f.id}`);
  }
  const expected = [
    "skip", "theme", "sample", "open", "clear", "input", ...LABELS, "tags", "mark",
    "export-json", "export-csv", "export-ann", "export-txt", "copy-html", "share", "goto",
  ];
  assert.deepEqual(order.slice(0, expected.length), expected);
  // The skip link jumps past the controls to the highlighted text.
  await page.keyboard.press("Control+Home");
  await page.focus("a.skip");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.matches("#output mark")), true);
  // Space on a legend button toggles its label.
  await page.focus('#legend button[data-label="DRUG"]');
  await page.keyboard.press("Space");
  assert.equal(await page.getAttribute('#legend button[data-label="DRUG"]', "aria-pressed"), "false");
  assert.deepEqual(errors, []);
  await page.close();
});

test("dark mode follows the system and the toggle, and the choice is remembered", async () => {
  const context = await env.browser.newContext({ colorScheme: "dark" });
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await page.getAttribute("#theme", "aria-pressed"), "true");
  const darkBg = await bg();
  assert.ok(contrast(darkBg, "rgb(0, 0, 0)") < 2, `dark background ${darkBg}`);
  await page.click("#theme");
  assert.equal(await page.getAttribute("#theme", "aria-pressed"), "false");
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  const lightBg = await bg();
  assert.ok(contrast(lightBg, "rgb(255, 255, 255)") < 1.2, `light background ${lightBg}`);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  assert.equal(await bg(), lightBg);
  await page.click("#theme");
  assert.equal(await bg(), darkBg);
  assert.deepEqual(errors, []);
  await context.close();
});

test("at phone widths nothing scrolls sideways, even with long unbroken words", async () => {
  const { page, errors } = await openAnnotator(env.browser, env.baseUrl);
  for (const width of [375, 320]) {
    await page.setViewportSize({ width, height: 740 });
    await paste(page, `${SAMPLE}\nSee https://example.invalid/${"x".repeat(300)} and ${"ZB-4417/".repeat(40)}6 mg/kg`);
    await page.hover("#output mark.ent-dose");
    const w = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      output: document.getElementById("output").scrollWidth - document.getElementById("output").clientWidth,
      tip: document.getElementById("tip").getBoundingClientRect().right,
    }));
    assert.ok(w.doc <= w.view, `page ${w.doc}px wide in a ${w.view}px view`);
    assert.equal(w.output, 0);
    assert.ok(w.tip <= w.view, `tooltip ends at ${w.tip}px`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("works offline: every request stays on the page's own server, under a strict CSP", async () => {
  const context = await env.browser.newContext();
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  const { page, errors } = await openAnnotator(context, env.baseUrl);
  await loadSample(page);
  await page.click("#export-json");
  await page.locator("#output mark").first().hover();
  assert.ok(requests.length > 0);
  const away = requests.filter((u) => !u.startsWith(env.baseUrl) && !/^(data|blob):/.test(u));
  assert.deepEqual(away, []);
  // No web fonts, no inline script or style in the markup, and a CSP that forbids them.
  assert.equal(await page.evaluate(() => document.fonts.size), 0);
  const html = readFileSync(path.join(WWW, "index.html"), "utf8");
  assert.doesNotMatch(html, /\sstyle=|<style|\son[a-z]+=/i);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i);
  assert.doesNotMatch(html, /https?:\/\//);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(csp, /style-src 'self';/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*|https?:/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (buf) => [buf.readUInt32BE(16), buf.readUInt32BE(20)];

test("screenshots for the README: desktop and phone, light and dark", async () => {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"]) {
    for (const [device, width, height] of [["desktop", 1280, 960], ["phone", 390, 844]]) {
      const context = await env.browser.newContext({
        colorScheme: scheme,
        viewport: { width, height },
        deviceScaleFactor: 1,
        reducedMotion: "reduce",
      });
      const { page, errors } = await openAnnotator(context, env.baseUrl);
      await loadSample(page);
      await settled(page, SAMPLE);
      // The phone shows the highlighted text; the desktop the whole page from its top.
      await page.evaluate((phone) => {
        if (phone) document.getElementById("output-h").scrollIntoView();
        else scrollTo(0, 0);
      }, device === "phone");
      await page.locator("#output mark.ent-drug", { hasText: "KEYTRUDA" }).first().hover();
      await page.waitForSelector("#tip:not([hidden])");
      const file = path.join(SHOTS, `${device}-${scheme}.png`);
      const shot = await page.screenshot({ path: file });
      assert.deepEqual(pngSize(shot), [width, height]);
      assert.ok(shot.length > 20_000, `${file} has content`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  }
});
