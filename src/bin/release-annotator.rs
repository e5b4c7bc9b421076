//! `release-annotator`: the native command line.
//!
//! ```text
//! release-annotator [FILE...]          entities of each text (stdin when no file) as JSON
//! release-annotator --jsonl            JSON Lines in ({"text": ...}), same objects out with "entities"
//! release-annotator eval GOLD.jsonl [--json]   strict and overlap P/R/F1 per label
//! ```

use release_annotator::eval::{Counts, Labelled, Scorer};
use release_annotator::{annotate, to_utf16};
use serde_json::{json, Map, Value};
use std::fs;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  release-annotator [FILE...]              print the entities of each text as JSON (stdin when no FILE)
  release-annotator --jsonl                read JSON Lines with a \"text\" field on stdin, write each
                                           object back with an \"entities\" field
  release-annotator eval GOLD.jsonl [--json]
                                           score against gold spans: strict and overlap P/R/F1";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(true)
        }
        Some("--version" | "-V") => {
            println!("release-annotator {}", env!("CARGO_PKG_VERSION"));
            Ok(true)
        }
        Some("--jsonl") if args.len() == 1 => {
            jsonl(io::stdin().lock(), &mut io::stdout().lock(), &mut io::stderr())
        }
        Some("eval") => match &args[1..] {
            [gold] => eval(gold, false),
            [gold, flag] | [flag, gold] if flag == "--json" => eval(gold, true),
            _ => Err(format!("eval takes one gold file and optionally --json\n{USAGE}")),
        },
        Some(a) if a.starts_with('-') && a != "-" => Err(format!("unknown option {a}\n{USAGE}")),
        _ => files(&args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(msg) => {
            eprintln!("release-annotator: {msg}");
            ExitCode::from(2)
        }
    }
}

/// The JSON array of a text's entities, exactly as the JS API returns them.
fn entities_json(text: &str) -> Value {
    let entities = annotate(text);
    serde_json::to_value(to_utf16(text, &entities)).unwrap_or(Value::Null)
}

fn read_text(path: &str) -> Result<String, String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("stdin: {e}"))?;
        buf
    } else {
        fs::read(path).map_err(|e| format!("{path}: {e}"))?
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn files(paths: &[String]) -> Result<bool, String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if paths.is_empty() {
        let text = read_text("-")?;
        writeln!(out, "{}", entities_json(&text)).map_err(|e| e.to_string())?;
        return out.flush().map(|_| true).map_err(|e| e.to_string());
    }
    let mut ok = true;
    for path in paths {
        match read_text(path) {
            Ok(text) => {
                let v = if paths.len() == 1 {
                    entities_json(&text)
                } else {
                    json!({ "file": path, "entities": entities_json(&text) })
                };
                writeln!(out, "{v}").map_err(|e| e.to_string())?;
            }
            Err(msg) => {
                eprintln!("release-annotator: {msg}");
                ok = false;
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(ok)
}

/// Reads JSON Lines from `input`; writes each good line back with `"entities"` set. Bad lines
/// are reported on `errors` with their line number; the result is `Ok(false)` if any was bad.
fn jsonl(mut input: impl BufRead, output: &mut impl Write, errors: &mut impl Write) -> Result<bool, String> {
    let mut out = BufWriter::new(output);
    let mut all_good = true;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("reading stdin: {e}"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(s) => s.trim_end_matches(['\n', '\r']),
            Err(e) => {
                let _ = writeln!(
                    errors,
                    "line {line_no}: not UTF-8 (invalid byte at column {})",
                    e.valid_up_to() + 1
                );
                all_good = false;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match annotate_line(line) {
            Ok(v) => {
                // One write per line, so a line is never half-written.
                let mut s = v.to_string();
                s.push('\n');
                out.write_all(s.as_bytes())
                    .map_err(|e| format!("writing stdout: {e}"))?;
            }
            Err(msg) => {
                let _ = writeln!(errors, "line {line_no}: {msg}");
                all_good = false;
            }
        }
    }
    out.flush().map_err(|e| format!("writing stdout: {e}"))?;
    Ok(all_good)
}

fn annotate_line(line: &str) -> Result<Value, String> {
    let mut obj: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err("not a JSON object".into()),
        Err(e) => return Err(format!("invalid JSON: {e}")),
    };
    let entities = match obj.get("text") {
        Some(Value::String(t)) => entities_json(t),
        Some(_) => return Err("\"text\" is not a string".into()),
        None => return Err("no \"text\" field".into()),
    };
    obj.insert("entities".into(), entities);
    Ok(Value::Object(obj))
}

fn eval(path: &str, as_json: bool) -> Result<bool, String> {
    let data = read_text(path)?;
    let mut scorer = Scorer::new();
    let mut docs = 0;
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: invalid JSON: {e}", i + 1))?;
        let text = doc["text"]
            .as_str()
            .ok_or_else(|| format!("{path}:{}: no \"text\" string", i + 1))?;
        let gold: Vec<Labelled> = doc["entities"]
            .as_array()
            .ok_or_else(|| format!("{path}:{}: no \"entities\" array", i + 1))?
            .iter()
            .map(|e| {
                Some(Labelled {
                    label: e["label"].as_str()?.to_string(),
                    start: usize::try_from(e["start"].as_u64()?).ok()?,
                    end: usize::try_from(e["end"].as_u64()?).ok()?,
                })
            })
            .collect::<Option<_>>()
            .ok_or_else(|| format!("{path}:{}: an entity lacks label/start/end", i + 1))?;
        let entities = annotate(text);
        let pred: Vec<Labelled> = to_utf16(text, &entities)
            .into_iter()
            .map(|e| Labelled {
                label: e.label.as_str().to_string(),
                start: e.start,
                end: e.end,
            })
            .collect();
        scorer.add(&gold, &pred);
        docs += 1;
    }
    if as_json {
        let row = |c: &Counts| {
            json!({
                "gold": c.gold, "pred": c.pred,
                "strict": c.strict(), "overlap": c.overlap(),
            })
        };
        let labels: Map<String, Value> = scorer.labels().iter().map(|(k, c)| (k.clone(), row(c))).collect();
        println!(
            "{}",
            json!({ "documents": docs, "labels": labels, "micro": row(&scorer.micro()) })
        );
    } else {
        println!("{docs} documents: {path}");
        println!(
            "{:<10} {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}",
            "label", "gold", "pred", "P", "R", "F1", "ovl P", "ovl R", "ovl F1"
        );
        let print = |name: &str, c: &Counts| {
            let (s, o) = (c.strict(), c.overlap());
            println!(
                "{:<10} {:>5} {:>5}   {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}",
                name, c.gold, c.pred, s.precision, s.recall, s.f1, o.precision, o.recall, o.f1
            );
        };
        for (label, c) in scorer.labels() {
            print(label, c);
        }
        print("micro", &scorer.micro());
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> (String, String, bool) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let ok = jsonl(input, &mut out, &mut err).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
            ok,
        )
    }

    #[test]
    fn jsonl_keeps_fields_and_reports_bad_lines() {
        let input = b"{\"id\":7,\"text\":\"200 mg\"}\nnot json\n{\"id\":8}\n{\"text\":3}\n\xff\n{\"text\":\"ORR\",\"x\":[1]}\n";
        let (out, err, ok) = run(input);
        assert!(!ok);
        let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], 7);
        assert_eq!(lines[0]["entities"][0]["label"], "DOSE");
        assert_eq!(lines[1]["x"][0], 1);
        assert!(err.contains("line 2: invalid JSON"), "{err}");
        assert!(err.contains("line 3: no \"text\" field"), "{err}");
        assert!(err.contains("line 4: \"text\" is not a string"), "{err}");
        assert!(err.contains("line 5: not UTF-8"), "{err}");
    }
}
