//! Native throughput and latency of `annotate`, on the benchmark texts.
//!
//! `cargo bench --bench throughput [-- TEXTS.jsonl]` (default `target/bench/texts.jsonl`, made by
//! `scripts/gen_releases.py`; `scripts/bench` makes it and runs everything). Prints a summary
//! on stderr and one JSON object on stdout.

use release_annotator::annotate;
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `f` repeatedly for at least `min` (and at least `min_runs` times); returns seconds per run.
fn time_per_run(min: Duration, min_runs: u32, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    let mut runs = 0u32;
    while runs < min_runs || start.elapsed() < min {
        f();
        runs += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(runs)
}

/// The first `bytes` of `text`, cut back to a char boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Concatenates texts until `size` bytes.
fn sized(texts: &[String], size: usize) -> String {
    let mut s = String::with_capacity(size + 4096);
    while s.len() < size {
        for t in texts {
            s.push_str(t);
            s.push_str("\n\n");
            if s.len() >= size {
                break;
            }
        }
    }
    prefix(&s, size).to_string()
}

/// `text` cut into inputs of about `size` bytes, each ending at a white-space character (so no
/// word is split), in order; together they are exactly `text`.
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let head = prefix(rest, size.max(4));
        let cut = if head.len() == rest.len() {
            head.len()
        } else {
            match head.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
                Some((i, c)) if i > 0 => i + c.len_utf8(),
                _ => head.len(),
            }
        };
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "target/bench/texts.jsonl".into());
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}\nmake it with: python3 scripts/gen_releases.py --out {path}");
        std::process::exit(2);
    });
    let docs: Vec<Value> = data
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let texts: Vec<String> = docs
        .iter()
        .filter_map(|d| d["text"].as_str().map(str::to_string))
        .collect();
    let generated: Vec<String> = docs
        .iter()
        .filter(|d| d["source"] == "generated")
        .filter_map(|d| d["text"].as_str().map(str::to_string))
        .collect();
    let total_bytes: usize = texts.iter().map(String::len).sum();
    let entities: usize = texts.iter().map(|t| annotate(t).len()).sum();

    // Throughput over the whole set.
    let secs = time_per_run(Duration::from_secs(2), 3, || {
        for t in &texts {
            black_box(annotate(black_box(t)));
        }
    });
    let mbps = total_bytes as f64 / secs / 1e6;

    // Latency per release (generated releases, ~3.5 KB each): median over releases.
    let per_release: Vec<f64> = generated
        .iter()
        .take(50)
        .map(|t| time_per_run(Duration::from_millis(20), 5, || drop(black_box(annotate(t)))) * 1e6)
        .collect();
    let latency_us = median(per_release);
    let four_kb = sized(&generated, 4096);
    let latency_4kb_us = time_per_run(Duration::from_millis(300), 10, || {
        drop(black_box(annotate(&four_kb)))
    }) * 1e6;

    // Scaling: the same text annotated as inputs of 1 KB, 100 KB and 10 MB. The 1 KB and
    // 100 KB inputs are the first 1 MB of the 10 MB text cut into pieces, so the sizes differ
    // and the content does not (the 10 MB text repeats the same releases).
    let big = sized(&generated, 10_000_000);
    let first_mb = prefix(&big, 1_000_000);
    let mut scaling = serde_json::Map::new();
    for (name, size) in [("1KB", 1_000usize), ("100KB", 100_000), ("10MB", 10_000_000)] {
        let inputs = if size >= big.len() {
            vec![big.as_str()]
        } else {
            pieces(first_mb, size)
        };
        let bytes: usize = inputs.iter().map(|t| t.len()).sum();
        let s = time_per_run(Duration::ZERO, 2, || {
            for t in &inputs {
                drop(black_box(annotate(t)));
            }
        });
        scaling.insert(name.into(), json!(bytes as f64 / s / 1e6));
    }

    eprintln!(
        "native: {} texts, {:.1} KB, {} entities; {:.1} MB/s; {:.1} us per release (median), {:.1} us per 4 KB",
        texts.len(),
        total_bytes as f64 / 1e3,
        entities,
        mbps,
        latency_us,
        latency_4kb_us
    );
    eprintln!("native scaling MB/s: {}", Value::Object(scaling.clone()));
    println!(
        "{}",
        json!({
            "texts": texts.len(),
            "bytes": total_bytes,
            "entities": entities,
            "mb_per_s": mbps,
            "latency_us_median": latency_us,
            "latency_us_4kb": latency_4kb_us,
            "scaling_mb_per_s": scaling,
        })
    );
}
