// Opening files: .txt as they are, .html reduced to their text. HTML is parsed with DOMParser into
// a document that has no browsing context (its scripts never run, its images never load) and
// only its text is kept; nothing of it is ever inserted into the page.

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "HEAD", "CANVAS", "SELECT", "BUTTON"]);
const PARAGRAPH = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TABLE", "UL", "OL", "DL", "FIGURE", "HR"]);
const LINE = new Set(["DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "ASIDE", "NAV", "MAIN", "LI", "DT", "DD", "TR", "FIGCAPTION", "CAPTION", "ADDRESS", "FORM", "FIELDSET", "DETAILS", "SUMMARY"]);
const CELL = new Set(["TD", "TH"]);

/** The readable text of an HTML document: paragraphs separated by blank lines, cells by tabs. */
export function htmlToText(html) {
  const quiet = html
    // The parsed document inherits this page's Content-Security-Policy, which reports (and
    // blocks) every style element, style="" attribute and event handler it meets. They are
    // dropped or renamed first so the console stays clean; none of them is text anyway.
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, "$1data-x-$2$3"));
  const doc = new DOMParser().parseFromString(quiet, "text/html");
  // Text pieces, and numbers for the line breaks blocks ask for: 1 (a new line) or 2 (a blank
  // line). A run of such requests gives one break, the largest asked for.
  const out = [];
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        out.push(pre ? n.data : n.data.replace(/[ \t\n\r\f]+/g, " "));
      } else if (n.nodeType === 1) {
        const tag = n.tagName.toUpperCase();
        if (SKIP.has(tag) || n.hidden) continue;
        if (tag === "BR") {
          out.push("\n");
          continue;
        }
        const brk = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
        if (brk) out.push(brk);
        if (CELL.has(tag)) out.push("\t");
        if (tag === "IMG" && n.alt) out.push(n.alt);
        walk(n, pre || tag === "PRE" || tag === "TEXTAREA");
        if (brk) out.push(brk);
      }
    }
  };
  walk(doc.body || doc.documentElement, false);
  let text = "";
  let pending = 0;
  for (const piece of out) {
    if (typeof piece === "number") pending = Math.max(pending, piece);
    else {
      if (pending) text += "\n".repeat(pending);
      pending = 0;
      text += piece;
    }
  }
  return text
    .replace(/[ \u00a0]*\n[ \u00a0]*/g, "\n") // no spaces around line breaks
    .replace(/\n\t+/g, "\n") // nor a tab before a row's first cell
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const HTML_NAME = /\.x?html?$/i;
const TEXT_NAME = /\.(txt|text|md)$/i;

/** Whether `file` is one the page opens (by type or, when the type is missing, by name). */
export function isOpenable(file) {
  return /^text\/(plain|html|markdown)$/.test(file.type) || file.type === "application/xhtml+xml" || HTML_NAME.test(file.name) || TEXT_NAME.test(file.name);
}

/** Reads a .txt or .html file to the text to annotate; `{ text, html }` says which it was. */
export async function readFile(file) {
  const raw = await file.text();
  const html = file.type === "text/html" || file.type === "application/xhtml+xml" || HTML_NAME.test(file.name);
  return { text: html ? htmlToText(raw) : raw, html };
}
