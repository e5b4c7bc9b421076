// Shared helpers for the JavaScript benchmarks (Node and the browser): texts, sizes, timing.

/** Parses benchmark texts (JSON Lines with "text" and "source"). */
export function parseTexts(jsonl) {
  return jsonl
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

const encoder = new TextEncoder();
export const utf8Bytes = (s) => encoder.encode(s).length;

/** Concatenates texts (separated by blank lines) to `size` UTF-8 bytes, cut at a code point. */
export function sized(texts, size) {
  const parts = [];
  let bytes = 0;
  while (bytes < size) {
    for (const t of texts) {
      parts.push(t, "\n\n");
      bytes += utf8Bytes(t) + 2;
      if (bytes >= size) break;
    }
  }
  const buf = encoder.encode(parts.join(""));
  let end = size;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(buf.subarray(0, end));
}

/** `text` cut into inputs of about `size` UTF-8 bytes, each ending at a white-space character
 * (no word is split), in order; together they are exactly `text`. */
export function pieces(text, size) {
  const out = [];
  let start = 0;
  while (start < text.length) {
    // UTF-16 length approximates UTF-8 bytes closely enough for mostly ASCII text.
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const ws = text.slice(start, end).search(/\s\S*$/);
      if (ws > 0) end = start + ws + 1;
      // Do not split a surrogate pair.
      if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Seconds per run of `fn`, run for at least `minMs` and `minRuns` times after one warm-up. */
export function timePerRun(fn, minMs = 1000, minRuns = 3) {
  fn();
  let runs = 0;
  const t0 = performance.now();
  while (runs < minRuns || performance.now() - t0 < minMs) {
    fn();
    runs++;
  }
  return (performance.now() - t0) / 1000 / runs;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Throughput, latency and scaling of `annotate` over `docs`, as one object. */
export function measure(annotate, docs, { scaling = true, quick = false } = {}) {
  const texts = docs.map((d) => d.text);
  const generated = docs.filter((d) => d.source === "generated").map((d) => d.text);
  const bytes = texts.reduce((n, t) => n + utf8Bytes(t), 0);
  const secs = timePerRun(() => {
    for (const t of texts) annotate(t);
  }, quick ? 500 : 2000);
  const per = generated.slice(0, 50).map((t) => timePerRun(() => annotate(t), 20, 5) * 1e6);
  const fourKb = sized(generated, 4096);
  const out = {
    texts: texts.length,
    bytes,
    mb_per_s: bytes / secs / 1e6,
    latency_us_median: median(per),
    latency_us_4kb: timePerRun(() => annotate(fourKb), 300, 10) * 1e6,
  };
  if (scaling) {
    // The same text annotated as inputs of 1 KB, 100 KB and 10 MB: the 1 KB and 100 KB inputs
    // are the first 1 MB of the 10 MB text cut into pieces, so only the size differs.
    out.scaling_mb_per_s = {};
    const big = sized(generated, 1e7);
    const firstMb = sized([big], 1e6);
    for (const [name, size] of [["1KB", 1e3], ["100KB", 1e5], ["10MB", 1e7]]) {
      const inputs = size >= 1e7 ? [big] : pieces(firstMb, size);
      const bytes = inputs.reduce((n, t) => n + utf8Bytes(t), 0);
      const s = timePerRun(() => {
        for (const t of inputs) annotate(t);
      }, 0, 2);
      out.scaling_mb_per_s[name] = bytes / s / 1e6;
    }
  }
  return out;
}
