// The annotator page. Text typed, pasted, dropped or restored from a link is annotated in a Web
// Worker (engine.js) and rendered here: highlights, legend, tooltip, entity tables, summary and
// exports. Text is only ever inserted as text nodes or textContent, never parsed as HTML.
import { Engine } from "./engine.js";
import { isOpenable, readFile } from "./files.js";
import {
  LABELS,
  LABEL_HELP,
  decodeFragment,
  detailLine,
  details,
  encodeFragment,
  summarize,
  toBrat,
  toCSV,
  toHTML,
  toJSON,
} from "./format.js";

const $ = (id) => document.getElementById(id);
const input = $("input");
const output = $("output");
const status = $("status");
const legend = $("legend");
const tables = $("tables");
const summaryBox = $("summary");
const tip = $("tip");
const main = $("main");

/** Rows shown per label in the entity tables before "Show all". */
const ROWS_SHOWN = 100;
/** Items shown per line of the summary before "and N more". */
const SUMMARY_ITEMS = 12;
/** Files larger than this are refused (a press release is a few tens of KB). */
const MAX_FILE = 20 * 1024 * 1024;
const THEME_KEY = "release-annotator-theme";

const state = {
  text: "", // the text the rendered entities belong to
  entities: [],
  hidden: new Set(), // labels switched off in the legend
  name: "release", // base name of exported files
  busy: false, // an annotation is scheduled or running
  notice: "", // said before the next result (e.g. "Opened x.html.")
  runs: 0, // annotations rendered so far
  idle: [], // resolvers waiting for the rendering to catch up with the input
};

const engine = new Engine();
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
const el = (tag, props = {}, ...children) => {
  const n = Object.assign(document.createElement(tag), props);
  n.append(...children);
  return n;
};
const say = (msg) => {
  status.textContent = msg;
};

// ---- annotation pipeline ---------------------------------------------------------------------

let timer = 0;
/** Annotates the input after a short pause in typing (longer for long texts). */
function schedule(now = false) {
  clearTimeout(timer);
  state.busy = true;
  output.setAttribute("aria-busy", "true");
  const n = input.value.length;
  timer = setTimeout(run, now ? 0 : n > 50_000 ? 300 : n > 5_000 ? 150 : 60);
}

async function run() {
  const text = input.value;
  const result = text ? await engine.annotate(text) : { entities: [], ms: 0 };
  if (result) apply(text, result);
}

function apply(text, { entities, ms, error }) {
  const t0 = performance.now();
  state.text = text;
  state.entities = entities;
  state.runs++;
  hideTip(true);
  renderOutput(text, entities);
  updateLegend(entities);
  renderTables(entities);
  renderSummary(entities);
  document.body.dataset.runs = String(state.runs);
  performance.measure("render", { start: t0 }); // read by scripts/bench_page.mjs
  let msg;
  if (error) msg = `The annotator failed on this text: ${error}`;
  else if (text) msg = `${entities.length} ${entities.length === 1 ? "entity" : "entities"} found.`;
  else msg = "Ready. Paste a release, open a file or load the sample.";
  say(state.notice ? `${state.notice} ${msg}` : msg);
  status.title = text ? `Annotated in ${ms.toFixed(0)} ms (${engine.mode === "worker" ? "in a Web Worker" : "on the main thread"}).` : "";
  status.dataset.ms = ms.toFixed(1); // read by scripts/bench_page.mjs
  if (text === input.value) {
    state.notice = "";
    state.busy = false;
    output.removeAttribute("aria-busy");
    for (const resolve of state.idle.splice(0)) resolve();
  }
}

/** Resolves once the rendered entities belong to the text in the input. */
const upToDate = () => (state.busy ? new Promise((r) => state.idle.push(r)) : Promise.resolve());

// ---- highlighted text ------------------------------------------------------------------------

/** The highlighted text is cut into blocks of about this many characters (see renderOutput). */
const BLOCK = 3000;
/** The <mark> elements in text order (entity order), for keyboard moves. */
let markList = [];

/**
 * Renders the text with one <mark> per entity. The text is cut into blocks right after a line
 * break, so a long text lays out block by block and the blocks off screen are skipped
 * (content-visibility in style.css); the blocks hold the text unchanged, line breaks included.
 */
function renderOutput(text, entities) {
  const blocks = [];
  let block = document.createElement("div");
  let size = 0;
  const addText = (s) => {
    const cut = size + s.length > BLOCK ? s.lastIndexOf("\n") : -1;
    if (cut < 0) {
      block.append(s);
      size += s.length;
      return;
    }
    block.append(s.slice(0, cut + 1));
    blocks.push(block);
    block = document.createElement("div");
    block.append(s.slice(cut + 1));
    size = s.length - cut - 1;
  };
  markList = [];
  let at = 0;
  entities.forEach((e, i) => {
    if (e.start < at || e.end > text.length) return;
    if (e.start > at) addText(text.slice(at, e.start));
    const m = document.createElement("mark");
    m.className = `ent ent-${e.label.toLowerCase()}`;
    m.dataset.label = e.label;
    m.dataset.i = String(i);
    m.tabIndex = -1;
    m.textContent = text.slice(e.start, e.end);
    block.append(m);
    size += m.textContent.length;
    markList.push(m);
    at = e.end;
  });
  if (at < text.length) addText(text.slice(at));
  blocks.push(block);
  for (const b of blocks) b.className = "block";
  output.replaceChildren(...blocks);
  roving = null;
  setRoving(nextVisible(-1, 1));
}

const visible = (m) => m && !state.hidden.has(m.dataset.label);
const markOf = (i) => markList.find((m) => m.dataset.i === String(i));

/** The first shown highlight after position `k` of markList in direction `dir` (±1). */
function nextVisible(k, dir) {
  for (let j = k + dir; j >= 0 && j < markList.length; j += dir) if (visible(markList[j])) return markList[j];
  return null;
}

// Keyboard: one highlight is in the tab order (roving tabindex); arrows move between highlights.
let roving = null;
function setRoving(m) {
  if (roving && roving !== m) roving.tabIndex = -1;
  roving = m;
  if (m) m.tabIndex = 0;
  // Without a highlight to focus, the text box itself takes focus so it can be scrolled.
  if (m || !state.text) output.removeAttribute("tabindex");
  else output.tabIndex = 0;
}

function focusMark(m, scroll = true) {
  setRoving(m);
  m.focus({ preventScroll: !scroll });
}

output.addEventListener("keydown", (ev) => {
  const m = ev.target.closest?.("mark.ent");
  if (ev.key === "Escape") return hideTip(true);
  if (!m) return;
  let target = null;
  const k = markList.indexOf(m);
  if (ev.key === "ArrowRight" || ev.key === "ArrowDown") target = nextVisible(k, 1);
  else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") target = nextVisible(k, -1);
  else if (ev.key === "Home") target = nextVisible(-1, 1);
  else if (ev.key === "End") target = nextVisible(markList.length, -1);
  else if (ev.key === "Enter") {
    // Enter on a highlight goes to its row in the entity table.
    const row = tables.querySelector(`button.goto[data-i="${m.dataset.i}"]`);
    if (row) {
      ev.preventDefault();
      row.focus();
    }
    return;
  } else return;
  ev.preventDefault();
  if (target) focusMark(target);
});

// ---- tooltip ---------------------------------------------------------------------------------

let tipFor = null;
let hideTimer = 0;

function showTip(m) {
  clearTimeout(hideTimer);
  const e = state.entities[Number(m.dataset.i)];
  if (!e || !visible(m)) return;
  if (tipFor && tipFor !== m) tipFor.removeAttribute("aria-describedby");
  tipFor = m;
  const head = el(
    "p",
    { className: "tip-head" },
    el("span", { className: `tag ent-${e.label.toLowerCase()}`, textContent: e.label }),
    " ",
    el("strong", { textContent: e.text }),
  );
  const dl = el("dl");
  for (const [k, v] of [...details(e, state.entities), ["rule", e.rule]]) {
    dl.append(el("dt", { textContent: k }), el("dd", { textContent: v }));
  }
  tip.replaceChildren(head, dl);
  tip.hidden = false;
  m.setAttribute("aria-describedby", "tip");
  placeTip(m);
}

function placeTip(m) {
  const r = m.getClientRects()[0] || m.getBoundingClientRect();
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const vw = document.documentElement.clientWidth;
  const left = Math.max(8, Math.min(r.left, vw - width - 8));
  const below = r.bottom + 6;
  const top = below + height > innerHeight && r.top - height - 6 > 0 ? r.top - height - 6 : below;
  tip.style.left = `${left + scrollX}px`;
  tip.style.top = `${top + scrollY}px`;
}

function hideTip(now = false) {
  clearTimeout(hideTimer);
  const hide = () => {
    // A focused highlight keeps its tooltip after the pointer leaves.
    const f = document.activeElement;
    if (!now && f?.matches?.("mark.ent") && output.contains(f) && f !== tipFor) return showTip(f);
    if (!now && f === tipFor) return;
    tip.hidden = true;
    tipFor?.removeAttribute("aria-describedby");
    tipFor = null;
  };
  if (now) hide();
  else hideTimer = setTimeout(hide, 250);
}

output.addEventListener("mouseover", (ev) => {
  const m = ev.target.closest?.("mark.ent");
  if (m) showTip(m);
});
output.addEventListener("mouseout", (ev) => {
  const m = ev.target.closest?.("mark.ent");
  if (m && !m.contains(ev.relatedTarget) && !tip.contains(ev.relatedTarget)) hideTip();
});
tip.addEventListener("mouseenter", () => clearTimeout(hideTimer));
tip.addEventListener("mouseleave", () => hideTip());
output.addEventListener("focusin", (ev) => {
  const m = ev.target.closest?.("mark.ent");
  if (m) {
    setRoving(m);
    showTip(m);
  }
});
output.addEventListener("focusout", (ev) => {
  if (!output.contains(ev.relatedTarget)) hideTip(true);
});
document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !tip.hidden) hideTip(true);
});
addEventListener("resize", () => hideTip(true));
// The tooltip follows its highlight when the text box scrolls (e.g. after a table row is chosen).
output.addEventListener("scroll", () => tipFor && !tip.hidden && placeTip(tipFor), { passive: true });

// ---- legend ----------------------------------------------------------------------------------

const chips = new Map();
for (const label of LABELS) {
  const count = el("span", { className: "count", textContent: "(0)" });
  const b = el(
    "button",
    { type: "button", className: "chip", title: `${label}: ${LABEL_HELP[label]}. Press to show or hide.` },
    el("span", { className: `swatch ent-${label.toLowerCase()}`, ariaHidden: "true" }),
    `${label} `,
    count,
  );
  b.dataset.label = label;
  b.setAttribute("aria-pressed", "true");
  b.addEventListener("click", () => toggleLabel(label));
  chips.set(label, { button: b, count });
  legend.append(el("li", {}, b));
}

function updateLegend(entities) {
  const counts = Object.fromEntries(LABELS.map((l) => [l, 0]));
  for (const e of entities) counts[e.label] = (counts[e.label] || 0) + 1;
  for (const [label, { count }] of chips) count.textContent = `(${counts[label]})`;
}

function toggleLabel(label) {
  const hide = !state.hidden.has(label);
  if (hide) state.hidden.add(label);
  else state.hidden.delete(label);
  chips.get(label).button.setAttribute("aria-pressed", String(!hide));
  main.classList.toggle(`hide-${label.toLowerCase()}`, hide);
  if (tipFor && !visible(tipFor)) hideTip(true);
  if (!visible(roving)) setRoving(nextVisible(-1, 1));
}

$("tags").addEventListener("change", (ev) => output.classList.toggle("tags", ev.target.checked));

// ---- entity tables ---------------------------------------------------------------------------

function renderTables(entities) {
  const byLabel = new Map(LABELS.map((l) => [l, []]));
  entities.forEach((e, i) => byLabel.get(e.label)?.push(i));
  const groups = [];
  for (const [label, idx] of byLabel) {
    if (!idx.length) continue;
    const id = `group-${label.toLowerCase()}`;
    const body = el("tbody");
    const fill = (n) => {
      body.replaceChildren(
        ...idx.slice(0, n).map((i) => {
          const e = entities[i];
          const tr = el(
            "tr",
            {},
            el("td", {}, el("button", { type: "button", className: "goto", textContent: e.text })),
            el("td", { textContent: detailLine(e, entities) }),
          );
          tr.firstChild.firstChild.dataset.i = String(i);
          return tr;
        }),
      );
    };
    fill(ROWS_SHOWN);
    const table = el(
      "table",
      { className: "ents" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: "Text" }), el("th", { scope: "col", textContent: "Parsed values" }))),
      body,
    );
    table.setAttribute("aria-labelledby", id);
    const group = el(
      "div",
      { className: `group group-${label.toLowerCase()}` },
      el("h3", { id }, el("span", { className: `swatch ent-${label.toLowerCase()}`, ariaHidden: "true" }), `${label} `, el("span", { className: "count", textContent: `(${idx.length})` })),
      table,
    );
    if (idx.length > ROWS_SHOWN) {
      const more = el("button", { type: "button", className: "btn more", textContent: `Show all ${idx.length}` });
      more.addEventListener("click", () => {
        fill(idx.length);
        more.remove();
      });
      group.append(more);
    }
    groups.push(group);
  }
  if (!groups.length) groups.push(el("p", { className: "hint", textContent: "No entities yet." }));
  tables.replaceChildren(...groups);
}

tables.addEventListener("click", (ev) => {
  const row = ev.target.closest?.("tr");
  const b = row?.querySelector("button.goto");
  if (b) goTo(Number(b.dataset.i));
});

/** Scrolls to the highlight of entity `i`, focuses it (its tooltip opens) and flashes it. */
function goTo(i) {
  const m = markOf(i);
  if (!m) return;
  m.scrollIntoView({ block: "center", inline: "nearest", behavior: reducedMotion.matches ? "auto" : "smooth" });
  focusMark(m, false);
  m.classList.remove("flash");
  void m.offsetWidth; // restart the animation
  m.classList.add("flash");
  setTimeout(() => m.classList.remove("flash"), 1600);
}

// ---- summary ---------------------------------------------------------------------------------

function list(items, render = (x) => x) {
  const ul = el("ul");
  for (const x of items.slice(0, SUMMARY_ITEMS)) ul.append(el("li", {}, render(x)));
  if (items.length > SUMMARY_ITEMS) ul.append(el("li", { className: "hint", textContent: `and ${items.length - SUMMARY_ITEMS} more` }));
  return ul;
}

function renderSummary(entities) {
  const s = summarize(entities);
  const dl = el("dl", { className: "summary" });
  const row = (term, items, render) => {
    if (items.length) dl.append(el("dt", { textContent: term }), el("dd", {}, list(items, render)));
  };
  row("Drugs", s.drugs, (d) => {
    const f = document.createDocumentFragment();
    f.append(el("strong", { textContent: d.name }));
    if (d.aliases.length) f.append(` (also ${d.aliases.join(", ")})`);
    const facts = [];
    if (d.doses.length) facts.push(`dose ${d.doses.join(", ")}`);
    if (d.schedules.length) facts.push(`schedule ${d.schedules.join(", ")}`);
    if (facts.length) f.append(el("span", { className: "facts", textContent: facts.join("; ") }));
    return f;
  });
  row("Outcomes", s.outcomes);
  row("Phase", s.phases);
  row("Condition", s.conditions);
  row("Trial", s.trials);
  row("Patients", s.patients);
  summaryBox.replaceChildren(
    dl.childElementCount ? dl : el("p", { className: "hint", textContent: "The release's drugs, doses, outcomes and trial facts appear here." }),
  );
}

// ---- opening text: sample, files, drag and drop ----------------------------------------------

function setText(text, name, notice = "") {
  input.value = text;
  state.name = name;
  state.notice = notice;
  schedule(true);
}

$("sample").addEventListener("click", async () => {
  try {
    const r = await fetch("sample.txt");
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    setText(await r.text(), "sample-release");
  } catch (e) {
    say(`The sample could not be loaded (${e.message}).`);
  }
});

$("clear").addEventListener("click", () => {
  setText("", "release");
  input.focus();
});

async function openFile(file) {
  if (!file) return;
  if (!isOpenable(file)) return say(`${file.name} is not a .txt or .html file.`);
  if (file.size > MAX_FILE) return say(`${file.name} is too large (over 20 MB).`);
  try {
    const { text, html } = await readFile(file);
    setText(text, file.name.replace(/\.[^.]*$/, "") || "release", `Opened ${file.name}${html ? " (reduced to its text)" : ""}.`);
  } catch (e) {
    say(`${file.name} could not be read (${e.message}).`);
  }
}

const fileInput = $("file");
$("open").addEventListener("click", () => fileInput.click());
fileInput.addEventListener("change", () => {
  openFile(fileInput.files[0]);
  fileInput.value = "";
});

// A file dropped anywhere on the page is opened; text dragged into the text box is left alone.
const drop = $("drop");
const hasFiles = (ev) => [...(ev.dataTransfer?.types || [])].includes("Files");
for (const type of ["dragenter", "dragover"]) {
  document.addEventListener(type, (ev) => {
    if (!hasFiles(ev)) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = "copy";
    drop.classList.add("dragging");
  });
}
document.addEventListener("dragleave", (ev) => {
  if (!ev.relatedTarget) drop.classList.remove("dragging");
});
document.addEventListener("drop", (ev) => {
  drop.classList.remove("dragging");
  if (!hasFiles(ev)) return;
  ev.preventDefault();
  openFile(ev.dataTransfer.files[0]);
});

// ---- export, copy, share ---------------------------------------------------------------------

function download(ext, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { href: url, download: `${state.name}.${ext}` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(`Saved ${state.name}.${ext}.`);
}

const exporter = (ext, type, make) => async () => {
  await upToDate();
  download(ext, type, make());
};
$("export-json").addEventListener("click", exporter("json", "application/json", () => toJSON(state.entities)));
// The byte order mark lets spreadsheet programs read the UTF-8 (µ, ², ®) correctly.
$("export-csv").addEventListener("click", exporter("csv", "text/csv;charset=utf-8", () => "\ufeff" + toCSV(state.entities)));
$("export-ann").addEventListener("click", exporter("ann", "text/plain;charset=utf-8", () => toBrat(state.text, state.entities)));
$("export-txt").addEventListener("click", exporter("txt", "text/plain;charset=utf-8", () => state.text));

/**
 * Writes HTML and plain text to the clipboard. The copy event comes first: it hands the data
 * over as it is, where the async Clipboard API would re-parse the HTML inside this page (and
 * trip its Content-Security-Policy over the inline colours).
 */
async function copyRich(html, plain) {
  let done = false;
  const onCopy = (ev) => {
    ev.clipboardData.setData("text/html", html);
    ev.clipboardData.setData("text/plain", plain);
    ev.preventDefault();
    done = true;
  };
  document.addEventListener("copy", onCopy);
  try {
    document.execCommand("copy");
  } catch {
    // no execCommand: try the Clipboard API below
  } finally {
    document.removeEventListener("copy", onCopy);
  }
  if (done) return true;
  try {
    await navigator.clipboard.write([
      new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([plain], { type: "text/plain" }),
      }),
    ]);
    return true;
  } catch {
    return false;
  }
}

$("copy-html").addEventListener("click", async () => {
  await upToDate();
  const css = getComputedStyle(document.documentElement);
  const colours = Object.fromEntries(LABELS.map((l) => [l, css.getPropertyValue(`--l-${l.toLowerCase()}`).trim()]));
  const visibleLabels = new Set(LABELS.filter((l) => !state.hidden.has(l)));
  const html = toHTML(state.text, state.entities, { colours, visible: visibleLabels });
  say((await copyRich(html, state.text)) ? "Copied the highlighted text as HTML." : "Copying was blocked by the browser.");
});

const shareBox = $("share-box");
const shareUrl = $("share-url");
$("share").addEventListener("click", async () => {
  const fragment = await encodeFragment(input.value);
  history.replaceState(null, "", `#${fragment}`);
  shareUrl.value = location.href;
  shareBox.hidden = false;
  try {
    await navigator.clipboard.writeText(location.href);
    say(`Link copied (${location.href.length} characters). The text travels inside it; nothing is uploaded.`);
  } catch {
    shareUrl.select();
    say("Copy the link from the box below.");
  }
});

const BAD_LINK = "The text in this link could not be read: the link may be cut short.";

/** Loads the text a "#z=" or "#t=" fragment carries: "ok", "bad" (damaged) or "none". */
async function loadFragment() {
  if (!/^#[zt]=/.test(location.hash)) return "none";
  const text = await decodeFragment(location.hash);
  if (text === null) {
    say(BAD_LINK);
    return "bad";
  }
  setText(text, "shared-release");
  return "ok";
}
addEventListener("hashchange", loadFragment);

// ---- theme -----------------------------------------------------------------------------------

const themeButton = $("theme");
const prefersDark = matchMedia("(prefers-color-scheme: dark)");
const isDark = () => (document.documentElement.dataset.theme || (prefersDark.matches ? "dark" : "light")) === "dark";
const syncTheme = () => themeButton.setAttribute("aria-pressed", String(isDark()));
themeButton.addEventListener("click", () => {
  const next = isDark() ? "light" : "dark";
  document.documentElement.dataset.theme = next;
  try {
    localStorage.setItem(THEME_KEY, next);
  } catch {
    // not saved; the choice still holds for this visit
  }
  syncTheme();
});
prefersDark.addEventListener("change", syncTheme);
syncTheme();

// ---- start -----------------------------------------------------------------------------------

input.addEventListener("input", () => schedule());
try {
  await engine.start();
  document.body.dataset.engine = engine.mode;
  const link = await loadFragment();
  if (link !== "ok") schedule(true);
  await upToDate();
  if (link === "bad") say(BAD_LINK);
  document.body.dataset.ready = "true";
} catch (e) {
  say(`The annotator could not start in this browser (${e.message}).`);
}
