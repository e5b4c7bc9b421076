//! Runs `annotate` over a texts file many times (for profilers such as callgrind).
//! `cargo run --release --example profile_annotate -- TEXTS.jsonl [ROUNDS]`
//!
//! One warm-up round (which compiles the patterns) runs first, then ROUNDS rounds inside
//! `measured`, so a steady-state profile needs no subtraction:
//! `valgrind --tool=callgrind --toggle-collect='*measured*' target/release/examples/profile_annotate TEXTS.jsonl 2`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "target/bench/texts.jsonl".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let data = std::fs::read_to_string(&path).expect("texts file");
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let warm = warm_up(&texts);
    let n = measured(&texts, rounds);
    println!("{warm} entities in the warm-up round; {n} in {rounds} rounds of {bytes} bytes");
}

#[inline(never)]
fn warm_up(texts: &[String]) -> usize {
    texts.iter().map(|t| release_annotator::annotate(t).len()).sum()
}

#[inline(never)]
fn measured(texts: &[String], rounds: usize) -> usize {
    let mut n = 0;
    for _ in 0..rounds {
        for t in texts {
            n += release_annotator::annotate(t).len();
        }
    }
    n
}
