// Pure functions over the API's entities: parsed values as text, the release summary, and the
// export formats (JSON, CSV, brat standoff, HTML), plus the share-link fragment codec.
// No DOM access here, so the module also runs in Node for unit tests.

export const LABELS = ["DRUG", "DOSE", "SCHEDULE", "OUTCOME", "CONDITION", "PHASE", "TRIAL", "COHORT"];

/** What each label means, in words (legend titles, table captions). */
export const LABEL_HELP = {
  DRUG: "drug names, codes and brands",
  DOSE: "administered amounts",
  SCHEDULE: "frequencies and routes",
  OUTCOME: "efficacy and safety results",
  CONDITION: "diseases and indications",
  PHASE: "trial phases",
  TRIAL: "trial names and registry ids",
  COHORT: "patient counts",
};

/** A number as written in data (no locale grouping, no trailing zeros). */
export function num(n) {
  return typeof n === "number" && Number.isFinite(n) ? String(n) : String(n ?? "");
}

function amount(a) {
  let v = "";
  if (a.low !== undefined && a.high !== undefined) v = `${num(a.low)}–${num(a.high)}`;
  else if (a.value !== undefined) v = num(a.value);
  if (v && a.comparator) v = `${a.comparator}${v}`;
  return v;
}

/** An outcome's unit after its number: "45.5 %", "9.1 months". */
const unitSuffix = (unit) => (unit ? ` ${unit}` : "");

/** The entity's parsed value in short form: "190 mg/m2", "Q3W", "ORR 45.5 %", "pembrolizumab". */
export function valueText(e) {
  const a = e.attrs || {};
  switch (e.label) {
    case "DRUG":
      return a.canonical || "";
    case "DOSE": {
      const v = amount(a);
      const unit = (a.unit || "") + (a.per ? `/${a.per}` : "");
      return [v, unit].filter(Boolean).join(" ");
    }
    case "SCHEDULE":
      return a.code || "";
    case "OUTCOME": {
      const v = amount(a);
      const parts = [a.negated ? "not met:" : "", a.measure || "", v ? v + unitSuffix(a.unit) : ""];
      return parts.filter(Boolean).join(" ");
    }
    case "PHASE":
      return a.phase ? `Phase ${a.phase}` : "";
    case "TRIAL":
      return a.nct || "";
    case "COHORT":
      return a.count !== undefined ? `n = ${num(a.count)}` : "";
    default:
      return "";
  }
}

/** Surface forms of the drug group `group` (distinct, in text order). */
function groupNames(entities, group) {
  const seen = new Map();
  for (const x of entities) {
    if (x.label === "DRUG" && x.attrs?.group === group) {
      const k = x.text.toLowerCase();
      if (!seen.has(k)) seen.set(k, x.text);
    }
  }
  return [...seen.values()];
}

/** The drug an entity (DOSE/SCHEDULE) is linked to, as "name (canonical)", or "". */
export function linkedDrug(e, entities) {
  const i = e.attrs?.drug;
  const d = Number.isInteger(i) ? entities[i] : undefined;
  if (!d || d.label !== "DRUG") return "";
  const c = d.attrs?.canonical;
  return c && c.toLowerCase() !== d.text.toLowerCase() ? `${d.text} (${c})` : d.text;
}

const KNOWN = new Set(["kind", "canonical", "group", "value", "low", "high", "unit", "per", "comparator", "code", "drug", "measure", "ci", "p", "negated", "phase", "nct", "count"]);

/** The entity's parsed values as [name, value] rows (tooltip and table), most useful first. */
export function details(e, entities = []) {
  const a = e.attrs || {};
  const rows = [];
  const add = (k, v) => v !== undefined && v !== "" && rows.push([k, String(v)]);
  switch (e.label) {
    case "DRUG":
      add("canonical name", a.canonical);
      add("type", a.kind);
      if (a.group !== undefined) {
        const others = groupNames(entities, a.group).filter((n) => n.toLowerCase() !== e.text.toLowerCase());
        if (others.length) add("also named", others.join(", "));
      }
      break;
    case "DOSE":
      add("amount", valueText(e));
      add("drug", linkedDrug(e, entities));
      break;
    case "SCHEDULE":
      add(a.kind === "route" ? "route" : "code", a.code);
      if (a.kind && a.kind !== "route") add("type", a.kind);
      add("drug", linkedDrug(e, entities));
      break;
    case "OUTCOME":
      if (amount(a)) add("result", [a.measure, amount(a) + unitSuffix(a.unit)].filter(Boolean).join(" "));
      else add("measure", a.measure);
      if (Array.isArray(a.ci)) add("95% CI", `${num(a.ci[0])}–${num(a.ci[1])}`);
      if (a.p) add("p", `${a.p.comparator === "=" ? "= " : `${a.p.comparator} `}${num(a.p.value)}`);
      if (a.negated) add("negated", "yes");
      add("type", a.kind);
      break;
    case "PHASE":
      add("phase", a.phase);
      break;
    case "TRIAL":
      add("registry id", a.nct);
      break;
    case "COHORT":
      add("patients", a.count);
      break;
  }
  for (const [k, v] of Object.entries(a)) {
    if (!KNOWN.has(k)) add(k, typeof v === "object" ? JSON.stringify(v) : v);
  }
  return rows;
}

/** One line for a table cell or a note: the parsed values, "; "-separated. */
export function detailLine(e, entities) {
  return details(e, entities)
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
}

const distinct = (items, key = (x) => x.toLowerCase()) => {
  const seen = new Map();
  for (const x of items) if (x && !seen.has(key(x))) seen.set(key(x), x);
  return [...seen.values()];
};

/** The form written most often (the first of equals), e.g. "ostralimab" over a headline's "Ostralimab". */
function mostCommon(names) {
  const n = new Map();
  for (const x of names) n.set(x, (n.get(x) || 0) + 1);
  return [...n].reduce((best, x) => (x[1] > best[1] ? x : best))[0];
}

/**
 * The release at a glance: drugs (canonical name, aliases, doses and schedules linked to them),
 * outcomes with their values, phases, conditions, trials and patient counts.
 */
export function summarize(entities) {
  const drugs = new Map();
  const keyOf = (d) =>
    d.attrs?.group !== undefined ? `g${d.attrs.group}` : `n${(d.attrs?.canonical || d.text).toLowerCase()}`;
  for (const d of entities) {
    if (d.label !== "DRUG") continue;
    const k = keyOf(d);
    if (!drugs.has(k)) drugs.set(k, { canonical: "", names: [], doses: [], schedules: [] });
    const g = drugs.get(k);
    g.canonical ||= d.attrs?.canonical || "";
    g.names.push(d.text);
  }
  for (const e of entities) {
    if (e.label !== "DOSE" && e.label !== "SCHEDULE") continue;
    const d = entities[e.attrs?.drug];
    if (!d || d.label !== "DRUG") continue;
    const g = drugs.get(keyOf(d));
    const v = e.label === "DOSE" ? e.text : e.attrs?.code ? `${e.attrs.code}` : e.text;
    (e.label === "DOSE" ? g.doses : g.schedules).push(v);
  }
  const byLabel = (label) => entities.filter((e) => e.label === label);
  return {
    drugs: [...drugs.values()].map((g) => {
      const name = g.canonical || mostCommon(g.names);
      return {
        name,
        canonical: g.canonical,
        aliases: distinct(g.names).filter((n) => n.toLowerCase() !== name.toLowerCase()),
        doses: distinct(g.doses),
        schedules: distinct(g.schedules),
      };
    }),
    outcomes: distinct(
      byLabel("OUTCOME").map((e) => {
        const v = valueText(e);
        return v && /\d/.test(v) ? `${v} (${e.text})` : e.text;
      }),
    ),
    phases: distinct(byLabel("PHASE").map((e) => valueText(e) || e.text)),
    conditions: distinct(byLabel("CONDITION").map((e) => e.text)),
    trials: distinct(byLabel("TRIAL").map((e) => e.text)),
    patients: distinct(
      byLabel("COHORT").map((e) => (e.attrs?.count !== undefined ? num(e.attrs.count) : e.text)),
      (x) => x,
    ),
  };
}

// ---- exports ---------------------------------------------------------------------------------

/** JSON export: exactly the API's `Entity[]`. */
export function toJSON(entities) {
  return JSON.stringify(entities, null, 2) + "\n";
}

export const CSV_COLUMNS = [
  "label", "start", "end", "text", "rule", "kind", "canonical", "group", "value", "low", "high",
  "unit", "per", "comparator", "code", "drug", "measure", "ci_low", "ci_high", "p_comparator",
  "p_value", "negated", "phase", "nct", "count", "attrs_json",
];

function csvCell(v) {
  if (v === undefined || v === null) return "";
  let s = String(v);
  // Text that a spreadsheet would run as a formula is kept as text.
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV export (RFC 4180, CRLF): one row per entity; offsets in UTF-16 units as in the API. */
export function toCSV(entities) {
  const rows = [CSV_COLUMNS.join(",")];
  for (const e of entities) {
    const a = e.attrs || {};
    const row = {
      ...a,
      label: e.label,
      start: e.start,
      end: e.end,
      text: e.text,
      rule: e.rule,
      ci_low: a.ci?.[0],
      ci_high: a.ci?.[1],
      p_comparator: a.p?.comparator,
      p_value: a.p?.value,
      attrs_json: JSON.stringify(a),
    };
    rows.push(CSV_COLUMNS.map((c) => csvCell(typeof row[c] === "object" ? undefined : row[c])).join(","));
  }
  return rows.join("\r\n") + "\r\n";
}

/**
 * Maps UTF-16 offsets to Unicode code point offsets: `map[i]` is the code point index of UTF-16
 * index i (a lone surrogate counts as one code point, as it does once written as UTF-8).
 */
export function codePointMap(text) {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) map[++i] = cp;
    }
    cp++;
  }
  map[text.length] = cp;
  return map;
}

/**
 * brat standoff (.ann) for `text`: one T line per entity with code point offsets (brat counts
 * characters, not UTF-16 units), split into fragments at line breaks as brat requires, and an
 * AnnotatorNotes line with the parsed values.
 */
export function toBrat(text, entities) {
  const cp = codePointMap(text);
  const lines = [];
  let n = 0;
  for (const e of entities) {
    const frags = [];
    const re = /[^\r\n]+/g;
    const span = text.slice(e.start, e.end);
    for (let m; (m = re.exec(span)); ) {
      const s = e.start + m.index;
      const t = s + m[0].length;
      frags.push([cp[s], cp[t], m[0]]);
    }
    if (!frags.length) continue;
    n++;
    const offsets = frags.map(([s, t]) => `${s} ${t}`).join(";");
    lines.push(`T${n}\t${e.label} ${offsets}\t${frags.map((f) => f[2]).join(" ")}`);
    const note = [valueText(e), detailLine(e, entities)].filter(Boolean).join(" | ");
    if (note) lines.push(`#${n}\tAnnotatorNotes T${n}\t${note.replace(/[\t\r\n]+/g, " ")}`);
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}

const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHTML = (s) => String(s).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * The highlighted text as standalone HTML (for the clipboard): inline colours from `colours`
 * (label -> CSS colour), only the labels in `visible`, every piece of text escaped.
 */
export function toHTML(text, entities, { colours = {}, visible = new Set(LABELS), fg = "#1a1a1a" } = {}) {
  let at = 0;
  let out = "";
  for (const e of entities) {
    if (!visible.has(e.label) || e.start < at) continue;
    out += escapeHTML(text.slice(at, e.start));
    const title = [e.label, valueText(e)].filter(Boolean).join(": ");
    const bg = colours[e.label] ? `background:${colours[e.label]};` : "";
    out += `<mark data-label="${e.label}" title="${escapeHTML(title)}" style="${bg}color:${fg}">${escapeHTML(text.slice(e.start, e.end))}</mark>`;
    at = e.end;
  }
  out += escapeHTML(text.slice(at));
  return `<div style="white-space:pre-wrap">${out}</div>`;
}

// ---- share links -----------------------------------------------------------------------------

function toBase64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The URL fragment (without "#") that carries `text`: "z=" + base64url(deflate-raw(UTF-8)). */
export async function encodeFragment(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  return `z=${toBase64url(packed)}`;
}

/**
 * The text carried by a URL fragment ("#z=..." compressed, or "#t=..." percent-encoded), or
 * null when the fragment carries none or is damaged.
 */
export async function decodeFragment(hash) {
  const h = hash.replace(/^#/, "");
  try {
    if (h.startsWith("z=")) {
      const bytes = await pipe(fromBase64url(h.slice(2)), new DecompressionStream("deflate-raw"));
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    }
    if (h.startsWith("t=")) return decodeURIComponent(h.slice(2));
  } catch {
    return null;
  }
  return null;
}
