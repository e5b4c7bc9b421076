//! `release-annotator`: the native command line.
//!
//! ```text
//! release-annotator [FILE...]          entities of each text (stdin when no file) as JSON
//! release-annotator --jsonl            JSON Lines in ({"text": ...}), same objects out with "entities"
//! release-annotator eval GOLD.jsonl [--json]   strict and overlap P/R/F1 per label
//! ```

use release_annotator::cli::{entities_json, process_jsonl, JsonlOptions};
use release_annotator::eval::{Counts, Labelled, Scorer};
use release_annotator::{annotate, to_utf16};
use serde_json::{json, Map, Value};
use std::fs;
use std::io::{self, BufWriter, ErrorKind, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  release-annotator [FILE...]              print the entities of each text as JSON (stdin when no FILE)
  release-annotator --jsonl [--max-line-bytes N]
                                           read JSON Lines with a \"text\" field on stdin, write each
                                           object back with an \"entities\" field; lines longer than
                                           N bytes (default 16 MiB) are reported and skipped
  release-annotator eval GOLD.jsonl [--json]
                                           score against gold spans: strict and overlap P/R/F1";

/// Why a command stopped early.
enum Stop {
    /// A message for stderr; exit status 2.
    Fail(String),
    /// Standard output was closed by its reader (`| head`): end quietly.
    OutputClosed,
}

impl From<String> for Stop {
    fn from(msg: String) -> Stop {
        Stop::Fail(msg)
    }
}

/// Maps a write error on stdout: a broken pipe ends quietly, anything else is reported.
fn out_err(e: io::Error) -> Stop {
    if e.kind() == ErrorKind::BrokenPipe {
        Stop::OutputClosed
    } else {
        Stop::Fail(format!("writing stdout: {e}"))
    }
}

fn report(msg: &str) {
    // Never panic on a closed stderr.
    let _ = writeln!(io::stderr(), "release-annotator: {msg}");
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("-h" | "--help") => print(&format!("{USAGE}\n")),
        Some("--version" | "-V") => print(&format!("release-annotator {}\n", env!("CARGO_PKG_VERSION"))),
        Some("--jsonl") => match &args[1..] {
            [] => jsonl(JsonlOptions::default()),
            [flag, n] if flag == "--max-line-bytes" => match n.parse::<usize>() {
                Ok(max_line_bytes) if max_line_bytes > 0 => jsonl(JsonlOptions { max_line_bytes }),
                _ => Err(Stop::Fail(format!(
                    "--max-line-bytes takes a positive number of bytes, not {n:?}"
                ))),
            },
            _ => Err(Stop::Fail(format!(
                "--jsonl reads stdin and takes no file\n{USAGE}"
            ))),
        },
        Some("eval") => match &args[1..] {
            [gold] => eval(gold, false),
            [gold, flag] | [flag, gold] if flag == "--json" => eval(gold, true),
            _ => Err(Stop::Fail(format!(
                "eval takes one gold file and optionally --json\n{USAGE}"
            ))),
        },
        Some(a) if a.starts_with('-') && a != "-" => Err(Stop::Fail(format!("unknown option {a}\n{USAGE}"))),
        _ => files(&args),
    };
    match result {
        Ok(true) | Err(Stop::OutputClosed) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(Stop::Fail(msg)) => {
            report(&msg);
            ExitCode::from(2)
        }
    }
}

fn print(s: &str) -> Result<bool, Stop> {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|_| out.flush())
        .map_err(out_err)?;
    Ok(true)
}

fn read_text(path: &str) -> Result<String, String> {
    let (name, bytes) = if path == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("stdin: {e}"))?;
        ("stdin", buf)
    } else {
        (path, fs::read(path).map_err(|e| format!("{path}: {e}"))?)
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn files(paths: &[String]) -> Result<bool, Stop> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if paths.is_empty() {
        let text = read_text("-")?;
        writeln!(out, "{}", entities_json(&text)).map_err(out_err)?;
        out.flush().map_err(out_err)?;
        return Ok(true);
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
                writeln!(out, "{v}").map_err(out_err)?;
            }
            Err(msg) => {
                report(&msg);
                ok = false;
            }
        }
    }
    out.flush().map_err(out_err)?;
    Ok(ok)
}

/// `--jsonl`: stdin to stdout, bad lines on stderr; exit status 1 when any line was bad.
fn jsonl(options: JsonlOptions) -> Result<bool, Stop> {
    let summary = process_jsonl(
        io::stdin().lock(),
        io::stdout().lock(),
        io::stderr().lock(),
        options,
    )
    .map_err(|e| Stop::Fail(format!("--jsonl: {e}")))?;
    if summary.bad > 0 {
        let s = if summary.bad == 1 { "" } else { "s" };
        report(&format!(
            "{} bad line{s} of {} (see above)",
            summary.bad, summary.lines
        ));
    }
    Ok(summary.bad == 0)
}

fn eval(path: &str, as_json: bool) -> Result<bool, Stop> {
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
    let mut report = String::new();
    if as_json {
        let row = |c: &Counts| {
            json!({
                "gold": c.gold, "pred": c.pred,
                "strict": c.strict(), "overlap": c.overlap(),
            })
        };
        let labels: Map<String, Value> = scorer.labels().iter().map(|(k, c)| (k.clone(), row(c))).collect();
        let v = json!({ "documents": docs, "labels": labels, "micro": row(&scorer.micro()) });
        report.push_str(&format!("{v}\n"));
    } else {
        report.push_str(&format!("{docs} documents: {path}\n"));
        report.push_str(&format!(
            "{:<10} {:>5} {:>5}   {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n",
            "label", "gold", "pred", "P", "R", "F1", "ovl P", "ovl R", "ovl F1"
        ));
        let line = |name: &str, c: &Counts| {
            let (s, o) = (c.strict(), c.overlap());
            format!(
                "{:<10} {:>5} {:>5}   {:>6.3} {:>6.3} {:>6.3}   {:>6.3} {:>6.3} {:>6.3}\n",
                name, c.gold, c.pred, s.precision, s.recall, s.f1, o.precision, o.recall, o.f1
            )
        };
        for (label, c) in scorer.labels() {
            report.push_str(&line(label, c));
        }
        report.push_str(&line("micro", &scorer.micro()));
    }
    print(&report)
}
