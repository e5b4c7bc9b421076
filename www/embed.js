// Highlights drugs, doses, schedules and outcomes in the existing content of any page.
//
//   import { annotateElement } from "./embed.js";
//   const annotation = await annotateElement(document.querySelector("article"), { labels: ["DRUG", "DOSE"] });
//   annotation.clear();
//
// or, with no script of your own, <release-annotator labels="DRUG DOSE">...</release-annotator>
// (importing this module defines the element).
//
// The page's markup is never rewritten: the text of the region is read from its text nodes
// (entities may cross <b>, <a>, <span>, ...), located with DOM Ranges and painted with the CSS
// Custom Highlight API, which changes no DOM at all. Browsers without that API get <mark>
// elements wrapped around the matching pieces of text nodes instead; clear() unwraps them and
// joins the text nodes back, so the DOM is the original one again. Text is only ever handled
// as text: nothing from the page is parsed as HTML or executed.
import init, { annotate } from "./pkg/release_annotator.js";

export { annotate };

/** Every label, in the order of the annotation guide. */
export const LABELS = Object.freeze(["DRUG", "DOSE", "SCHEDULE", "OUTCOME", "CONDITION", "PHASE", "TRIAL", "COHORT"]);

/** The highlight name of a label (`::highlight(ra-drug)`), also the class of its fallback marks. */
export const highlightName = (label) => `ra-${String(label).toLowerCase()}`;

// Translucent colours read well on light and dark pages alike.
const COLOURS = {
  DRUG: "255, 153, 51",
  DOSE: "64, 196, 64",
  SCHEDULE: "32, 190, 214",
  OUTCOME: "222, 102, 222",
  CONDITION: "226, 206, 26",
  PHASE: "118, 122, 255",
  TRIAL: "150, 150, 150",
  COHORT: "255, 92, 92",
};

/**
 * The default styles. They sit in a cascade layer, so any rule of the page (e.g.
 * `::highlight(ra-drug) { background-color: gold }`) wins over them. Kept as separate rules:
 * a browser that does not know ::highlight() drops only those.
 */
export const STYLES = [
  "@layer release-annotator {",
  "  mark.ra-mark { color: inherit; padding: 0; border-radius: 2px; }",
  ...LABELS.flatMap((label) => [
    `  ::highlight(${highlightName(label)}) { background-color: rgba(${COLOURS[label]}, 0.38); }`,
    `  mark.${highlightName(label)} { background-color: rgba(${COLOURS[label]}, 0.38); }`,
  ]),
  "}",
].join("\n");

// Never annotated: code and embedded content, form fields, and anything marked data-ra-skip.
const SKIP = "script, style, noscript, template, textarea, select, input, svg, math, iframe, object, embed, canvas, video, audio, [data-ra-skip]";

// Elements that continue the line of text around them when styles are not available.
const INLINE_TAGS = new Set(
  ("a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr output q " +
    "ruby rp rt s samp small span strike strong sub sup time tt u var wbr").split(" "),
);

// Put between the texts of two blocks (paragraphs, cells, list items, <br>): the core never
// continues an entity across U+FFFC, and entities that would are dropped anyway.
const BREAK = "\n\uFFFC\n";

let loading = null;

/**
 * Loads and compiles the WebAssembly module once; every annotation waits for it. Call it early
 * to start the download, or with the wasm's URL when it is not served next to the glue code.
 */
export function load(wasmUrl) {
  if (!loading) {
    loading = init(wasmUrl === undefined ? undefined : { module_or_path: wasmUrl }).then(() => undefined);
    loading.catch(() => {
      loading = null; // let a later call try again
    });
  }
  return loading;
}

/**
 * Annotates the text inside `root` and paints the entities.
 * options.labels: labels to show (array, or a string like "DRUG DOSE"); all when absent.
 * options.mode: "auto" (highlights where supported, else marks), "highlight" or "mark".
 * options.styles: false to leave styling to the page (see STYLES for the rules to copy).
 * options.skip: a CSS selector of more elements to leave alone.
 * Resolves to { text, entities (each with its DOM `range`), mode, clear() }.
 */
export async function annotateElement(root, options = {}) {
  await load();
  return annotateLoaded(root, options);
}

// Annotation currently shown on a root element.
const active = new WeakMap();

function annotateLoaded(root, options = {}) {
  if (!root || root.nodeType !== 1) throw new TypeError("annotateElement: root must be an element");
  const { labels, mode = "auto", styles = true, skip } = options;
  if (!["auto", "highlight", "mark"].includes(mode)) {
    throw new RangeError(`annotateElement: mode must be "auto", "highlight" or "mark", not "${mode}"`);
  }
  const wanted = parseLabels(labels);
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  const canHighlight = highlightSupported(view);
  if (mode === "highlight" && !canHighlight) {
    throw new Error("annotateElement: this browser has no CSS Custom Highlight API; use mode \"auto\" or \"mark\"");
  }
  const useHighlights = mode === "highlight" || (mode === "auto" && canHighlight);

  active.get(root)?.clear();
  const { text, segments, breaks } = collect(root, skip ? `${SKIP}, ${skip}` : SKIP, view);
  const found = text ? annotate(text) : [];
  const entities = select(found, wanted, breaks, segments);
  if (styles) injectStyles(doc);
  const undo = useHighlights ? paintHighlights(view, doc, entities) : wrapMarks(doc, entities, view);

  const annotation = {
    text,
    entities: entities.map(({ entity }) => entity),
    mode: useHighlights ? "highlight" : "mark",
    clear() {
      undo();
      if (active.get(root) === annotation) active.delete(root);
    },
  };
  active.set(root, annotation);
  return annotation;
}

function parseLabels(labels) {
  // Absent or blank (e.g. labels="" on the element): every label. An empty array: none.
  if (labels === undefined || labels === null) return null;
  const list = typeof labels === "string" ? labels.split(/[\s,]+/).filter(Boolean) : Array.from(labels);
  if (typeof labels === "string" && list.length === 0) return null;
  const set = new Set();
  for (const label of list) {
    const upper = String(label).toUpperCase();
    if (!LABELS.includes(upper)) {
      throw new RangeError(`release-annotator: unknown label "${label}" (labels: ${LABELS.join(" ")})`);
    }
    set.add(upper);
  }
  return set;
}

function highlightSupported(view) {
  return Boolean(view && view.CSS && view.CSS.highlights && typeof view.Highlight === "function");
}

function isInline(el, view) {
  if (el.localName === "br") return false;
  if (view && el.isConnected) {
    const display = view.getComputedStyle(el).display;
    if (display) return display.startsWith("inline") || display.startsWith("ruby") || display === "contents";
  }
  return INLINE_TAGS.has(el.localName) || el.localName.includes("-");
}

/**
 * The text of `root`: its text nodes in document order, with BREAK between blocks.
 * segments[i] = { node, start, end } (UTF-16 offsets into text); breaks = start of each BREAK.
 */
function collect(root, skip, view) {
  const segments = [];
  const breaks = [];
  const parts = [];
  let length = 0;
  let pendingBreak = false;
  const visit = (parent) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) {
        const data = node.data;
        if (!data) continue;
        if (pendingBreak && length > 0) {
          breaks.push(length);
          parts.push(BREAK);
          length += BREAK.length;
        }
        pendingBreak = false;
        segments.push({ node, start: length, end: length + data.length });
        parts.push(data);
        length += data.length;
      } else if (node.nodeType === 1) {
        // Editable content, skipped elements and regions annotated on their own (including every
        // <release-annotator>, even before its first pass) stay untouched.
        if (node.matches(skip) || node.isContentEditable || active.has(node) || node.localName === "release-annotator") {
          pendingBreak = true;
          continue;
        }
        const inline = isInline(node, view);
        if (!inline) pendingBreak = true;
        visit(node);
        if (!inline) pendingBreak = true;
      }
    }
  };
  visit(root);
  return { text: parts.join(""), segments, breaks };
}

// Index of the segment holding the character at `offset` (as a start) or just before it (as an end).
function locate(segments, offset, asEnd) {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid];
    if (asEnd ? offset <= s.start : offset < s.start) hi = mid - 1;
    else if (asEnd ? offset > s.end : offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Keeps the wanted entities that lie within one block and maps them to text nodes. `attrs.drug`
 * (an index into the core's array) is renumbered to index the kept entities, or removed when
 * that drug is not kept.
 */
function select(found, wanted, breaks, segments) {
  const kept = [];
  const newIndex = new Map();
  let b = 0;
  found.forEach((e, i) => {
    while (b < breaks.length && breaks[b] + BREAK.length <= e.start) b += 1;
    if (b < breaks.length && breaks[b] < e.end) return; // crosses a block boundary
    if (wanted && !wanted.has(e.label)) return;
    const first = locate(segments, e.start, false);
    const last = locate(segments, e.end, true);
    if (first < 0 || last < first) return;
    newIndex.set(i, kept.length);
    kept.push({ entity: { ...e, attrs: { ...e.attrs }, range: null }, first, last });
  });
  for (const { entity } of kept) {
    if (entity.attrs.drug === undefined) continue;
    const to = newIndex.get(entity.attrs.drug);
    if (to === undefined) delete entity.attrs.drug;
    else entity.attrs.drug = to;
  }
  for (const item of kept) {
    item.pieces = [];
    for (let i = item.first; i <= item.last; i += 1) {
      const s = segments[i];
      const from = Math.max(item.entity.start, s.start) - s.start;
      const to = Math.min(item.entity.end, s.end) - s.start;
      if (to > from) item.pieces.push({ node: s.node, from, to });
    }
  }
  return kept;
}

const styledDocuments = new WeakSet();

function injectStyles(doc) {
  if (styledDocuments.has(doc)) return;
  styledDocuments.add(doc);
  const view = doc.defaultView;
  // A constructed sheet needs no inline <style>, so a strict CSP (style-src 'self') allows it.
  if (view && typeof view.CSSStyleSheet === "function" && "adoptedStyleSheets" in doc) {
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(STYLES);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      return;
    } catch {
      // constructable sheets unsupported: fall through
    }
  }
  const style = doc.createElement("style");
  style.textContent = STYLES;
  (doc.head || doc.documentElement).append(style);
}

function paintHighlights(view, doc, kept) {
  const added = [];
  for (const { entity, pieces } of kept) {
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    const range = doc.createRange();
    range.setStart(first.node, first.from);
    range.setEnd(last.node, last.to);
    entity.range = range;
    const name = highlightName(entity.label);
    let highlight = view.CSS.highlights.get(name);
    if (!highlight) {
      highlight = new view.Highlight();
      view.CSS.highlights.set(name, highlight);
    }
    highlight.add(range);
    added.push({ name, highlight, range });
  }
  return () => {
    for (const { name, highlight, range } of added.splice(0)) {
      highlight.delete(range);
      if (highlight.size === 0 && view.CSS.highlights.get(name) === highlight) view.CSS.highlights.delete(name);
    }
  };
}

/** A short summary of an entity's parsed values, for the fallback marks' tooltips. */
function describe(e) {
  const a = e.attrs || {};
  const parts = [e.label];
  if (a.canonical) parts.push(a.canonical);
  if (a.value !== undefined) parts.push(`${a.comparator || ""}${a.value}`);
  if (a.low !== undefined) parts.push(`${a.low}–${a.high}`);
  if (a.unit) parts.push(a.unit + (a.per ? `/${a.per}` : ""));
  if (a.code) parts.push(a.code);
  if (a.measure) parts.push(a.measure);
  if (a.phase) parts.push(`phase ${a.phase}`);
  if (a.count !== undefined) parts.push(`n=${a.count}`);
  return parts.join(" · ");
}

/**
 * The fallback: splits text nodes at entity boundaries and wraps each piece of an entity in a
 * <mark>. The first piece of a split node is the node itself, so references the page holds to
 * its text nodes still point at the start of the same text; the undo joins the pieces again.
 */
function wrapMarks(doc, kept, view) {
  const cuts = new Map(); // text node -> offsets to split at
  for (const { pieces } of kept) {
    for (const { node, from, to } of pieces) {
      if (!cuts.has(node)) cuts.set(node, new Set());
      cuts.get(node).add(from).add(to);
    }
  }
  const splits = []; // { node, parts: [node, tail1, tail2, ...] }
  const partAt = new Map(); // text node -> Map(offset -> piece node)
  for (const [node, offsets] of cuts) {
    const points = [...offsets].filter((p) => p > 0 && p < node.length).sort((x, y) => x - y);
    const byOffset = new Map([[0, node]]);
    const tails = [];
    for (let k = points.length - 1; k >= 0; k -= 1) {
      const tail = node.splitText(points[k]);
      byOffset.set(points[k], tail);
      tails.unshift(tail);
    }
    partAt.set(node, byOffset);
    if (tails.length) splits.push({ node, parts: [node, ...tails] });
  }
  const marks = [];
  for (const { entity, pieces } of kept) {
    let firstText = null;
    let lastText = null;
    for (const { node, from } of pieces) {
      const piece = partAt.get(node).get(from);
      firstText ??= piece;
      lastText = piece;
      const parent = piece.parentNode;
      // Whitespace between table rows or list items cannot hold a <mark>.
      if (!parent || (!/\S/.test(piece.data) && (parent.nodeType !== 1 || !isInline(parent, view)))) continue;
      const mark = doc.createElement("mark");
      mark.className = `ra-mark ${highlightName(entity.label)}`;
      mark.dataset.raLabel = entity.label;
      mark.title = describe(entity);
      parent.insertBefore(mark, piece);
      mark.append(piece);
      marks.push(mark);
    }
    const range = doc.createRange();
    range.setStart(firstText, 0);
    range.setEnd(lastText, lastText.length);
    entity.range = range;
  }
  return () => {
    for (const mark of marks.splice(0).reverse()) {
      if (mark.parentNode) mark.replaceWith(...mark.childNodes);
    }
    for (const { node, parts } of splits.splice(0)) {
      for (const part of parts.slice(1)) {
        if (node.nextSibling !== part) break; // the page moved things meanwhile: leave them be
        node.appendData(part.data);
        part.remove();
      }
    }
  };
}

function makeElementClass() {
  /**
   * <release-annotator labels="DRUG DOSE" mode="auto">...</release-annotator>: annotates its own
   * (light DOM) content, again whenever that content or its attributes change. Fires
   * "annotated" (detail: the annotation) after each pass.
   */
  return class ReleaseAnnotatorElement extends HTMLElement {
    static observedAttributes = ["labels", "mode"];
    #annotation = null;
    #observer = new MutationObserver(() => this.#schedule());
    #generation = 0;
    #scheduled = false;

    /** The current annotation ({ text, entities, mode, clear }), or null. */
    get annotation() {
      return this.#annotation;
    }

    get entities() {
      return this.#annotation ? this.#annotation.entities : [];
    }

    connectedCallback() {
      this.#observe();
      this.#schedule();
    }

    disconnectedCallback() {
      this.#observer.disconnect();
      this.#generation += 1;
      this.#annotation?.clear();
      this.#annotation = null;
    }

    attributeChangedCallback() {
      if (this.isConnected) this.#schedule();
    }

    #observe() {
      this.#observer.observe(this, { childList: true, subtree: true, characterData: true });
    }

    #schedule() {
      if (this.#scheduled) return;
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        this.#run();
      });
    }

    async #run() {
      const generation = ++this.#generation;
      try {
        await load();
      } catch (err) {
        console.error("release-annotator: could not load the annotator", err);
        return;
      }
      if (generation !== this.#generation || !this.isConnected) return;
      // Our own DOM changes (fallback marks) must not trigger another pass.
      this.#observer.disconnect();
      try {
        this.#annotation?.clear();
        this.#annotation = null;
        this.#annotation = annotateLoaded(this, {
          labels: this.getAttribute("labels"),
          mode: this.getAttribute("mode") || "auto",
        });
      } catch (err) {
        console.error("release-annotator:", err);
        return;
      } finally {
        this.#observe();
      }
      this.dispatchEvent(new CustomEvent("annotated", { detail: this.#annotation }));
    }
  };
}

/** The custom element class (undefined outside browsers, e.g. when imported during SSR). */
export const ReleaseAnnotatorElement = typeof HTMLElement === "function" ? makeElementClass() : undefined;

if (ReleaseAnnotatorElement && typeof customElements !== "undefined" && !customElements.get("release-annotator")) {
  customElements.define("release-annotator", ReleaseAnnotatorElement);
}
