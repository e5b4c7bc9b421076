// Shared set-up for the embed tests: pages opened with or without the CSS Custom Highlight API,
// and fixture pages served from the same origin as www/ (same CSP as the site's pages).
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** The two ways the embed paints: [name, remove the Highlight API before the page loads]. */
export const MODES = [
  ["highlight", false],
  ["mark", true],
];

// Runs in the page before any of its scripts: records CSP violations, optionally removes the
// Highlight API, and installs helpers for the tests.
function prepare(removeHighlightApi) {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
  if (removeHighlightApi) {
    delete window.Highlight;
    if (window.CSS) delete window.CSS.highlights;
  }
  // Every node under root, in document order.
  window.__nodes = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
    const out = [];
    for (let n = walker.currentNode; n; n = walker.nextNode()) out.push(n);
    return out;
  };
  // Highlight name -> texts of its ranges, or null when the API is absent.
  window.__highlights = () =>
    window.CSS && CSS.highlights ? Object.fromEntries([...CSS.highlights].map(([k, h]) => [k, [...h].map(String)])) : null;
  // A JSON-friendly view of an annotation: each entity with the elements its range starts and
  // ends in (marks of the fallback skipped) and the elements it crosses.
  window.__summary = (annotation) => {
    const host = (node) => {
      let el = node.nodeType === 1 ? node : node.parentElement;
      while (el.localName === "mark") el = el.parentElement;
      return el.localName;
    };
    return {
      mode: annotation.mode,
      entities: annotation.entities.map((e) => ({
        label: e.label,
        text: e.text,
        range: e.range.toString(),
        startHost: host(e.range.startContainer),
        endHost: host(e.range.endContainer),
        crosses: [...e.range.cloneContents().querySelectorAll("a, b, span")].map((el) => el.localName),
        drug: e.attrs.drug,
      })),
    };
  };
  // Fallback marks under root: [{ label, text, parent }].
  window.__marks = (root) =>
    [...root.querySelectorAll("mark.ra-mark")].map((m) => ({
      label: m.dataset.raLabel,
      text: m.textContent,
      parent: m.parentElement.localName,
    }));
}

/**
 * Opens `url`; returns { page, errors } (console errors, page errors). `fixture`: serve this
 * body at `url` instead; `setup(page)`: runs before the page loads (e.g. more routes).
 */
export async function openPage(browser, url, { removeHighlightApi = false, fixture = null, setup = null } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.addInitScript(prepare, removeHighlightApi);
  if (fixture !== null) {
    await page.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: fixturePage(fixture) }),
    );
  }
  if (setup) await setup(page);
  await page.goto(url);
  return { page, errors };
}

function fixturePage(body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="icon" href="data:,"><title>fixture</title></head>
<body>${body}</body></html>`;
}

/**
 * Opens a fixture page whose body is `body` (served at <base>/__fixture.html), imports
 * /embed.js as window.ra and waits for the wasm.
 */
export async function openFixture(browser, baseUrl, body, options = {}) {
  const opened = await openPage(browser, `${baseUrl}/__fixture.html`, { ...options, fixture: body });
  await opened.page.evaluate(async () => {
    window.ra = await import("/embed.js");
    await window.ra.load();
  });
  return opened;
}

/** CSP violations recorded in the page. */
export const cspViolations = (page) => page.evaluate(() => window.__cspViolations);
