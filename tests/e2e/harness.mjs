// Shared set-up for the end-to-end tests: a static server for www/ and Debian's Chromium
// driven by playwright-core (which never downloads a browser).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WWW = path.join(ROOT, "www");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Also used by benches/browser.mjs and scripts/lexicon-cost.mjs, through launchChromium().
const ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Debian's Chromium, headless, without network side traffic (override with $CHROMIUM). */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, ms = 10000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

/** Starts the static server and the browser; returns { baseUrl, browser, close }. */
export async function start() {
  if (!existsSync(path.join(WWW, "pkg", "release_annotator_bg.wasm"))) {
    throw new Error("www/pkg is missing: run `make build` (wasm-pack build --target web --out-dir www/pkg)");
  }
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", "--bind", "127.0.0.1", String(port), "--directory", WWW], {
    stdio: "ignore",
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseUrl}/index.html`);
  const browser = await launchChromium();
  return {
    baseUrl,
    browser,
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

/** Opens `page` on the annotator and waits until the wasm is ready; collects console errors. */
export async function openAnnotator(browser, baseUrl, pathAndHash = "/index.html") {
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(baseUrl + pathAndHash);
  await page.waitForSelector("body[data-ready=true]");
  return { page, errors };
}
