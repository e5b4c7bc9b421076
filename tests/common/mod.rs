//! Invariants every result of `annotate` must hold, whatever the text. Shared by the property
//! tests, the regression tests and the fuzz targets (which include this file by path).

#![allow(dead_code)]

use release_annotator::{to_utf16, Entity, Label};

/// Checks the entities `annotate(text)` returned; the error says which invariant broke.
///
/// - every span is non-empty, inside the text, on `char` boundaries, with no white space at
///   either edge, and `text` is exactly its slice;
/// - spans are sorted by start and disjoint;
/// - `attrs.drug` is the index of a DRUG entity; every number in `attrs` is finite;
/// - the UTF-16 offsets equal an independent count of UTF-16 units before each edge.
pub fn check(text: &str, entities: &[Entity]) -> Result<(), String> {
    let mut prev_end = 0usize;
    for (i, e) in entities.iter().enumerate() {
        let (s, t) = (e.span.start, e.span.end);
        let at = || format!("entity {i} {:?} {}..{}", e.label, s, t);
        if s >= t {
            return Err(format!("{}: empty span", at()));
        }
        if t > text.len() {
            return Err(format!("{}: past the end of a {}-byte text", at(), text.len()));
        }
        if !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            return Err(format!("{}: not on char boundaries", at()));
        }
        if text[s..t] != e.text {
            return Err(format!("{}: text {:?} != slice {:?}", at(), e.text, &text[s..t]));
        }
        if e.text.starts_with(char::is_whitespace) || e.text.ends_with(char::is_whitespace) {
            return Err(format!("{}: white space at an edge of {:?}", at(), e.text));
        }
        if i > 0 && s < prev_end {
            return Err(format!(
                "{}: starts before the previous entity ends ({prev_end})",
                at()
            ));
        }
        prev_end = t;
        if let Some(d) = e.attrs.drug {
            match entities.get(d) {
                Some(target) if target.label == Label::Drug => {}
                Some(target) => return Err(format!("{}: attrs.drug = {d} is a {:?}", at(), target.label)),
                None => return Err(format!("{}: attrs.drug = {d} out of range", at())),
            }
        }
        let a = &e.attrs;
        let mut numbers = vec![a.value, a.low, a.high];
        numbers.extend(a.ci.map(|[l, h]| [Some(l), Some(h)]).unwrap_or_default());
        numbers.push(a.p.as_ref().map(|p| p.value));
        if numbers.into_iter().flatten().any(|n| !n.is_finite()) {
            return Err(format!("{}: a number in attrs is not finite: {a:?}", at()));
        }
    }
    let js = to_utf16(text, entities);
    if js.len() != entities.len() {
        return Err("to_utf16 changed the number of entities".into());
    }
    // UTF-16 units before each byte offset, from `encode_utf16` char by char.
    let mut units = vec![usize::MAX; text.len() + 1];
    let mut n = 0;
    for (b, c) in text.char_indices() {
        units[b] = n;
        n += c.encode_utf16(&mut [0u16; 2]).len();
    }
    units[text.len()] = n;
    for (i, (j, e)) in js.iter().zip(entities).enumerate() {
        let (start, end) = (units[e.span.start], units[e.span.end]);
        if (j.start, j.end) != (start, end) {
            return Err(format!(
                "entity {i}: UTF-16 offsets {}..{} but counting gives {start}..{end}",
                j.start, j.end
            ));
        }
        if j.text != e.text || j.label != e.label {
            return Err(format!("entity {i}: to_utf16 changed the text or label"));
        }
    }
    Ok(())
}

/// Annotates `text` and panics with the broken invariant and the text if any fails.
pub fn assert_invariants(text: &str) -> Vec<Entity> {
    let entities = release_annotator::annotate(text);
    if let Err(msg) = check(text, &entities) {
        panic!("{msg}\ntext: {text:?}\nentities: {entities:#?}");
    }
    entities
}

/// Fuzz input for `annotate`: bytes read as UTF-8 with replacement characters.
pub fn check_annotate_bytes(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data);
    let entities = release_annotator::annotate(&text);
    check(&text, &entities).map_err(|m| format!("{m}\ntext: {text:?}"))
}

/// Runs the `--jsonl` path on `data` (with a small line limit, so that limit is exercised too)
/// and checks what it wrote:
///
/// - it read every line, and every line is either written, reported or blank;
/// - every output line is one whole JSON object whose `"entities"` are those of its `"text"`;
/// - every report names a line, in increasing order, and no line is both written and reported.
pub fn check_jsonl(data: &[u8]) -> Result<(), String> {
    use release_annotator::cli::{entities_json, process_jsonl, JsonlOptions};
    use serde_json::Value;

    let options = JsonlOptions { max_line_bytes: 2048 };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let summary =
        process_jsonl(data, &mut out, &mut err, options).map_err(|e| format!("in-memory I/O failed: {e}"))?;
    let lines = data.split(|&b| b == b'\n').count() - usize::from(data.ends_with(b"\n") || data.is_empty());
    if summary.lines != lines {
        return Err(format!("read {} lines of {lines}", summary.lines));
    }
    let out = String::from_utf8(out).map_err(|_| "output is not UTF-8".to_string())?;
    let err = String::from_utf8(err).map_err(|_| "errors are not UTF-8".to_string())?;
    if out.lines().count() != summary.written || err.lines().count() != summary.bad {
        return Err(format!("summary {summary:?} does not match the output"));
    }
    if summary.written + summary.bad > lines || summary.output_closed {
        return Err(format!("summary {summary:?} for {lines} lines"));
    }
    let mut last = 0usize;
    for l in err.lines() {
        let n: usize = l
            .strip_prefix("line ")
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("report names no line: {l:?}"))?;
        if n <= last || n > lines {
            return Err(format!("report out of order or range: {l:?}"));
        }
        last = n;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        return Err("the last output line is not whole".into());
    }
    for l in out.lines() {
        let v: Value =
            serde_json::from_str(l).map_err(|e| format!("output line is not JSON ({e}): {l:?}"))?;
        let text = v
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("output line has no text: {l:?}"))?;
        if v.get("entities") != Some(&entities_json(text)) {
            return Err(format!("entities differ from those of the text: {l:?}"));
        }
    }
    Ok(())
}
