//! The command line's JSON paths as library code, so the `release-annotator` binary, its tests
//! and the fuzz target all run the same code. For native use: nothing here is reachable from
//! the wasm exports, so it adds nothing to the page's bundle.
//!
//! [`process_jsonl`] is the `--jsonl` mode: one JSON object per input line, written back with
//! `"entities"` added. It never panics and never stops at a bad line: each bad line is reported
//! on the error stream with its number, every good line is written whole, in one piece.

use crate::{annotate, to_utf16};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{self, BufRead, BufWriter, ErrorKind, Write};

/// The default longest line `--jsonl` accepts, in bytes (16 MiB); longer lines are reported and
/// skipped without being held in memory.
pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

/// Settings of [`process_jsonl`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonlOptions {
    /// Lines longer than this many bytes (without the line break) are reported and skipped.
    pub max_line_bytes: usize,
}

impl Default for JsonlOptions {
    fn default() -> JsonlOptions {
        JsonlOptions {
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

/// What [`process_jsonl`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonlSummary {
    /// Lines read, blank ones included.
    pub lines: usize,
    /// Objects written back with their entities.
    pub written: usize,
    /// Lines reported as bad.
    pub bad: usize,
    /// True when the output was closed before everything was written (for example by `head`);
    /// processing stopped there, quietly.
    pub output_closed: bool,
}

/// The JSON array of a text's entities, exactly as the JS API returns them (UTF-16 offsets).
pub fn entities_json(text: &str) -> Value {
    let entities = annotate(text);
    serde_json::to_value(to_utf16(text, &entities)).unwrap_or(Value::Array(Vec::new()))
}

/// Reads JSON Lines from `input` and writes each object back to `output` with an
/// `"entities"` field, all other fields kept in order.
///
/// A bad line (not UTF-8, not JSON, not an object, no `"text"` string, longer than
/// [`JsonlOptions::max_line_bytes`]) is reported on `errors` as `line N: reason` and skipped;
/// blank lines are skipped silently. Each output line is serialised completely before it is
/// written, so a line is never half-written. When `output` reports a broken pipe, processing
/// stops quietly and [`JsonlSummary::output_closed`] is set.
///
/// Errors: reading `input` fails, or writing `output` fails other than by a broken pipe.
/// The lines processed until then have been written.
pub fn process_jsonl<R: BufRead, W: Write, E: Write>(
    mut input: R,
    output: W,
    mut errors: E,
    options: JsonlOptions,
) -> io::Result<JsonlSummary> {
    let mut out = BufWriter::new(output);
    let mut summary = JsonlSummary::default();
    let mut buf = Vec::new();
    let mut line_out = Vec::new();
    loop {
        let read = match read_line(&mut input, &mut buf, options.max_line_bytes) {
            Ok(r) => r,
            Err(e) => {
                // Keep what was done; the read error is the caller's to report.
                finish(&mut out, &mut summary)?;
                return Err(e);
            }
        };
        let line_no = summary.lines + 1;
        let result = match read {
            Read::Eof => break,
            Read::TooLong(len) => Err(format!(
                "line is {len} bytes, longer than the limit of {} bytes (see --max-line-bytes)",
                options.max_line_bytes
            )),
            Read::Line => annotate_line(&buf, line_no == 1),
        };
        summary.lines = line_no;
        match result {
            Ok(None) => {}
            Ok(Some(value)) => {
                line_out.clear();
                if let Err(e) = serde_json::to_writer(&mut line_out, &value) {
                    let _ = writeln!(errors, "line {line_no}: cannot write the result: {e}");
                    summary.bad += 1;
                    continue;
                }
                line_out.push(b'\n');
                // One write per line, so a line is never split by an error between its parts.
                match out.write_all(&line_out) {
                    Ok(()) => summary.written += 1,
                    Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                        summary.output_closed = true;
                        return Ok(summary);
                    }
                    Err(e) => return Err(e),
                }
            }
            Err(msg) => {
                let _ = writeln!(errors, "line {line_no}: {msg}");
                summary.bad += 1;
            }
        }
    }
    finish(&mut out, &mut summary)?;
    Ok(summary)
}

fn finish<W: Write>(out: &mut BufWriter<W>, summary: &mut JsonlSummary) -> io::Result<()> {
    match out.flush() {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            summary.output_closed = true;
            Ok(())
        }
        other => other,
    }
}

enum Read {
    Eof,
    /// A whole line is in the buffer (with its line break, if it had one).
    Line,
    /// The line was longer than the limit; it was consumed but not kept. Its length in bytes.
    TooLong(usize),
}

/// Reads one line into `buf`, holding at most `max` bytes of it (plus the line break) in memory.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Read> {
    buf.clear();
    let mut total = 0usize;
    let mut too_long = false;
    // The last two bytes read, to measure the line break of a line that was not kept.
    let mut tail = [0u8; 2];
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (n, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total = total.saturating_add(n);
        tail = match &chunk[..n] {
            [.., a, b] => [*a, *b],
            [b] => [tail[1], *b],
            [] => tail,
        };
        if !too_long {
            // Room for the line break ("\r\n") beyond the limit.
            if buf.len() + n <= max.saturating_add(2) {
                buf.extend_from_slice(&chunk[..n]);
            } else {
                too_long = true;
                *buf = Vec::new();
            }
        }
        input.consume(n);
        if done {
            break;
        }
    }
    let content = total - line_break_len(if total >= 2 { &tail } else { &tail[1..] });
    Ok(if total == 0 {
        Read::Eof
    } else if too_long || content > max {
        Read::TooLong(content)
    } else {
        Read::Line
    })
}

fn line_break_len(line: &[u8]) -> usize {
    match line {
        [.., b'\r', b'\n'] => 2,
        [.., b'\n'] => 1,
        _ => 0,
    }
}

/// The object of one line with its entities; `Ok(None)` for a blank line.
fn annotate_line(raw: &[u8], first: bool) -> Result<Option<Value>, String> {
    let mut raw = &raw[..raw.len() - line_break_len(raw)];
    if first {
        raw = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(raw);
    }
    let line = std::str::from_utf8(raw)
        .map_err(|e| format!("not UTF-8 (invalid byte at column {})", e.valid_up_to() + 1))?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    let line = replace_lone_surrogates(line);
    let mut obj: Map<String, Value> = match serde_json::from_str(&line) {
        Ok(Value::Object(o)) => o,
        Ok(other) => return Err(format!("not a JSON object (found {})", kind(&other))),
        Err(e) => {
            let msg = e.to_string();
            let reason = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(r, _)| r);
            return Err(format!("invalid JSON at column {}: {reason}", e.column()));
        }
    };
    let entities = match obj.get("text") {
        Some(Value::String(t)) => entities_json(t),
        Some(other) => return Err(format!("\"text\" is not a string (found {})", kind(other))),
        None => return Err("no \"text\" field".into()),
    };
    obj.insert("entities".into(), entities);
    Ok(Some(Value::Object(obj)))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Rewrites `\uXXXX` escapes of lone UTF-16 surrogates as `\ufffd`.
///
/// JavaScript strings may hold lone surrogates and `JSON.stringify` writes them as such escapes,
/// which are not Unicode text. They become U+FFFD, as the browser's `TextEncoder` makes them:
/// one UTF-16 unit for one, so the offsets returned still index the original JS string.
pub fn replace_lone_surrogates(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    let hex_at = |i: usize| -> Option<u16> {
        let h = line.get(i..i + 4)?;
        if h.bytes().all(|b| b.is_ascii_hexdigit()) {
            u16::from_str_radix(h, 16).ok()
        } else {
            None
        }
    };
    // An escape `\uXXXX` at byte `i` (the backslash), if it is one.
    let escape_at = |i: usize| -> Option<u16> {
        if bytes.get(i) == Some(&b'\\') && bytes.get(i + 1) == Some(&b'u') {
            hex_at(i + 2)
        } else {
            None
        }
    };
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let Some(unit) = escape_at(i) else {
            // Any other escape: skip the backslash and the escaped byte (`\\`, `\"`, ...).
            i += 2;
            continue;
        };
        let high = (0xD800..0xDC00).contains(&unit);
        let low = (0xDC00..0xE000).contains(&unit);
        if high && escape_at(i + 6).is_some_and(|u| (0xDC00..0xE000).contains(&u)) {
            i += 12; // a valid pair
            continue;
        }
        if high || low {
            let s = out.get_or_insert_with(|| String::with_capacity(line.len()));
            s.push_str(&line[copied..i]);
            s.push_str("\\ufffd");
            copied = i + 6;
        }
        i += 6;
    }
    match out {
        None => Cow::Borrowed(line),
        Some(mut s) => {
            s.push_str(&line[copied..]);
            Cow::Owned(s)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8], max: usize) -> (String, String, JsonlSummary) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let options = JsonlOptions { max_line_bytes: max };
        let summary = process_jsonl(input, &mut out, &mut err, options).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
            summary,
        )
    }

    #[test]
    fn keeps_fields_and_reports_bad_lines() {
        let input = b"{\"id\":7,\"text\":\"200 mg\"}\nnot json\n{\"id\":8}\n{\"text\":3}\n\xff\n{\"text\":\"ORR\",\"x\":[1]}\n";
        let (out, err, summary) = run(input, 1000);
        let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["entities"][0]["label"], "DOSE");
        assert_eq!(lines[1]["x"][0], 1);
        assert!(
            err.contains("line 2: invalid JSON at column 2: expected ident"),
            "{err}"
        );
        assert!(err.contains("line 3: no \"text\" field"), "{err}");
        assert!(
            err.contains("line 4: \"text\" is not a string (found a number)"),
            "{err}"
        );
        assert!(
            err.contains("line 5: not UTF-8 (invalid byte at column 1)"),
            "{err}"
        );
        assert_eq!(
            summary,
            JsonlSummary {
                lines: 6,
                written: 2,
                bad: 4,
                output_closed: false
            }
        );
    }

    #[test]
    fn long_lines_are_skipped_without_being_kept() {
        let long = format!("{{\"text\":\"{}\"}}", "a".repeat(500));
        let input = format!("{long}\n{{\"text\":\"5 mg\"}}\r\n{long}");
        let (out, err, summary) = run(input.as_bytes(), 100);
        assert_eq!(out.lines().count(), 1);
        assert!(
            err.contains("line 1: line is 511 bytes, longer than the limit of 100"),
            "{err}"
        );
        assert!(err.contains("line 3: line is 511 bytes"), "{err}");
        assert_eq!((summary.written, summary.bad), (1, 2));
        // Exactly at the limit is fine, with either line break.
        let exact = "{\"text\":\"1 mg\"}";
        for input in [format!("{exact}\r\n"), format!("{exact}\n"), exact.to_string()] {
            let (out, err, _) = run(input.as_bytes(), exact.len());
            assert_eq!((out.lines().count(), err.as_str()), (1, ""), "{input:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_starts_the_first_line_only() {
        let (out, err, _) = run(
            "\u{feff}{\"text\":\"1 mg\"}\n\u{feff}{\"text\":\"1 mg\"}".as_bytes(),
            100,
        );
        assert_eq!(out.lines().count(), 1);
        assert!(err.starts_with("line 2: invalid JSON"), "{err}");
    }

    #[test]
    fn lone_surrogate_escapes_become_replacement_characters() {
        assert_eq!(
            replace_lone_surrogates(r#"{"text":"a\ud800b"}"#),
            r#"{"text":"a\ufffdb"}"#
        );
        assert_eq!(replace_lone_surrogates(r#""\udc00\ud83d""#), r#""\ufffd\ufffd""#);
        // Pairs, escaped backslashes and short escapes are left alone.
        for s in [r#""\ud83d\ude00""#, r#""\\ud800""#, r#""\ud8""#, r#""\u00e9\n""#] {
            assert!(matches!(replace_lone_surrogates(s), Cow::Borrowed(_)), "{s}");
        }
        let (out, err, _) = run(br#"{"text":"\ud800 5 mg"}"#, 100);
        assert_eq!(err, "");
        let v: Value = serde_json::from_str(&out).unwrap();
        // U+FFFD is one UTF-16 unit, like the lone surrogate it replaces.
        assert_eq!(v["entities"][0]["start"], 2);
        assert_eq!(v["text"], "\u{fffd} 5 mg");
    }

    #[test]
    fn numbers_and_field_order_pass_through_verbatim() {
        let line = r#"{"z":1e+400,"a":0.1000000000000000055511151231257827,"text":"","n":-0}"#;
        let (out, err, _) = run(line.as_bytes(), 1000);
        assert_eq!(err, "");
        assert_eq!(out, format!("{},\"entities\":[]}}\n", &line[..line.len() - 1]));
    }

    struct ClosedPipe;
    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(ErrorKind::BrokenPipe))
        }
    }

    #[test]
    fn a_closed_output_stops_quietly() {
        let input = "{\"text\":\"5 mg\"}\n".repeat(20_000);
        let mut err = Vec::new();
        let summary = process_jsonl(input.as_bytes(), ClosedPipe, &mut err, JsonlOptions::default()).unwrap();
        assert!(summary.output_closed);
        assert!(summary.lines < 20_000);
        assert!(err.is_empty());
    }
}
