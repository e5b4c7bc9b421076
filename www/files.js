// Opening files: .txt as they are, .html reduced to their text. HTML is parsed with DOMParser into
// a document that has no browsing context (its scripts never run, its images never load) and
// only its text is kept; nothing of it is ever inserted into the page.

const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "HEAD", "CANVAS", "SELECT", "BUTTON"]);
const PARAGRAPH = new Set(["P", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TABLE", "UL", "OL", "DL", "FIGURE", "HR"]);
const LINE = new Set(["DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "ASIDE", "NAV", "MAIN", "LI", "DT", "DD", "TR", "FIGCAPTION", "CAPTION", "ADDRESS", "FORM", "FIELDSET", "DETAILS", "SUMMARY"]);
const CELL = new Set(["TD", "TH"]);

/** The readable text of an HTML document: paragraphs separated by blank lines, cells by tabs. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const out = [];
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        out.push(pre ? n.data : n.data.replace(/\s+/g, " "));
      } else if (n.nodeType === 1) {
        const tag = n.tagName.toUpperCase();
        if (SKIP.has(tag) || n.hidden) continue;
        if (tag === "BR") {
          out.push("\n");
          continue;
        }
        const sep = PARAGRAPH.has(tag) ? "\n\n" : LINE.has(tag) ? "\n" : CELL.has(tag) ? "\t" : "";
        out.push(sep);
        if (tag === "IMG" && n.alt) out.push(n.alt);
        walk(n, pre || tag === "PRE" || tag === "TEXTAREA");
        out.push(sep === "\t" ? "" : sep);
      }
    }
  };
  walk(doc.body || doc.documentElement, false);
  return out
    .join("")
    .replace(/[ \u00a0]*\n[ \u00a0]*/g, "\n") // no spaces around line breaks
    .replace(/\t*\n/g, "\n")
    .replace(/\n\t+/g, "\n")
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
