//! Linear-time benchmark: `cargo bench --bench linear [-- --quick] [-- NAME...]`.
//!
//! Annotates release-like text and pathological inputs at 1 KB, 100 KB, 1 MB and 10 MB and
//! prints MB/s for each size, measured in CPU time of the benchmark's thread where Linux
//! provides it (so that other processes on shared cores do not distort the figures). Time
//! proportional to size shows as a flat row. The last column is the exponent e of
//! time ~ size^e from 100 KB to the largest size (1 is linear, 2 quadratic); rows above 1.3
//! are flagged. It then times the exact inputs named in the reliability requirements (100,000
//! digits, a megabyte of "mg/mg/mg", a 5 MB line with no spaces, 50,000 "®" in a row, a 10 MB
//! release).
//!
//! `--quick` stops at 1 MB. Names filter the rows (substring match). A size whose time,
//! projected linearly from the previous size, exceeds the budget (`--budget SECONDS`, default
//! 120) is skipped and shown as `>Ns`, so that a slow build cannot hang the run. The run exits
//! with status 1 when a row is flagged.

use std::hint::black_box;
use std::time::{Duration, Instant};

const KB: usize = 1_000;
const MB: usize = 1_000_000;
const SIZES: [usize; 4] = [KB, 100 * KB, MB, 10 * MB];
/// Time growing faster than size^1.3 between 100 KB and the largest size is flagged: linear
/// code stays near 1 (cache effects on entity-dense text add a little), quadratic code is 2.
const MAX_EXPONENT: f64 = 1.3;
/// The shortest timed batch: small inputs are annotated repeatedly for at least this long.
const BATCH: Duration = Duration::from_millis(200);
/// Default longest single measurement; `--budget SECONDS` changes it.
const BUDGET: Duration = Duration::from_secs(120);

/// Release-like sentences (written for this benchmark), with non-ASCII characters.
const RELEASE: &[&str] = &[
    "Northwind Therapeutics today announced topline results from the Phase 2b HARBOR-2 trial (NCT0{n}) of NW-{n} in 128 patients with metastatic colorectal cancer. ",
    "Patients received NW-{n} at 3 mg/kg intravenously every three weeks in combination with KEYTRUDA® (pembrolizumab) 200 mg Q3W. ",
    "The objective response rate (ORR) was 41.{n}% and the median progression-free survival was 7.4 months (HR 0.62; 95% CI, 0.48–0.81; p<0.001). ",
    "The most common adverse events were nausea, fatigue and rash; dose-limiting toxicities were seen in two patients at 240 mg/m². ",
    "A randomized Phase III study of oral AB-{n} 10 mg once daily versus placebo will enrol approximately 600 participants. ",
    "Dr. Jane Roe, M.D., Chief Medical Officer, said: “These data support the recommended phase 2 dose of 150 µg.” ",
    "Trastuzumab deruxtecan 5.4 mg/kg Q3W and olaparib 300 mg BID were well tolerated — no new safety signals 😀. ",
    "\nForward-looking statements: this release contains statements about plans, timelines and expectations.\n",
];

fn release(len: usize) -> String {
    let mut s = String::with_capacity(len + 512);
    let mut n = 1000u32;
    while s.len() < len {
        for t in RELEASE {
            s.push_str(&t.replace("{n}", &n.to_string()));
        }
        n += 7;
    }
    truncate(s, len)
}

/// `unit` repeated to `len` bytes (cut at a char boundary).
fn repeat(unit: &str, len: usize) -> String {
    truncate(unit.repeat(len / unit.len() + 1), len)
}

fn truncate(mut s: String, len: usize) -> String {
    let mut end = len.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// Distinct drug-like codes, each its own alias group: "AB-10000 AB-10001 ...".
fn distinct_codes(len: usize) -> String {
    let mut s = String::with_capacity(len + 32);
    let mut i = 10_000u64;
    while s.len() < len {
        s.push_str(&format!("QX-{i} "));
        i += 1;
    }
    truncate(s, len)
}

type Make = fn(usize) -> String;

const INPUTS: &[(&str, Make)] = &[
    ("release text", release),
    ("digits", |n| repeat("0123456789", n)),
    ("mg/mg/mg", |n| repeat("mg/", n)),
    ("no spaces", |n| {
        repeat("KEYTRUDA®200mg/m²ORR45%(NCT01234567)MK-3475,", n)
    }),
    ("®®®", |n| repeat("®", n)),
    ("((((", |n| repeat("(", n)),
    ("----", |n| repeat("-", n)),
    ("1 mg 1 mg", |n| repeat("1 mg ", n)),
    ("sentences: drug + dose", |n| {
        repeat("Give XR-2041 10 mg daily. ", n)
    }),
    ("one sentence: drugs + doses", |n| repeat("XR-2041 10 mg, ", n)),
    ("distinct drug codes", distinct_codes),
    ("sentence: doses, then a drug", |n| {
        let mut s = repeat("1 mg, ", n.saturating_sub(8));
        s.push_str("XR-2041.");
        s
    }),
    ("phase 2 dose / phase 2", |n| {
        repeat("recommended phase 2 dose phase 2 ", n)
    }),
    ("abbreviations: Dr. A. vs.", |n| repeat("Dr. A. vs. B. ", n)),
    ("white space", |n| repeat(" \t \n", n)),
    ("modifier run: metastatic ...", |n| repeat("metastatic ", n)),
    ("modifier run: multiple ...", |n| repeat("multiple relapsed ", n)),
    ("digit groups: 1,000,000,...", |n| repeat("1,000", n)),
    ("decimals: 1.2.3.4...", |n| repeat("1.2", n)),
    ("phase I/II/I/II...", |n| repeat("Phase I/II/", n)),
    ("emoji ZWJ + flags", |n| repeat("👩‍👩‍👧‍👦🇫🇷🏳️‍🌈", n)),
    ("Arabic + combining", |n| {
        repeat("دواء ١٠ ملغ e\u{301}\u{302} ", n)
    }),
];

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

/// Time this thread has run on a CPU, from /proc/thread-self/schedstat (Linux): unlike wall
/// time it does not grow when other processes share the cores. `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(s.split_whitespace().next()?.parse().ok()?))
}

/// Elapsed CPU time since `start` (or wall time where CPU time is not available).
fn elapsed(start: (Instant, Option<Duration>)) -> Duration {
    match (start.1, cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => start.0.elapsed(),
    }
}

fn now() -> (Instant, Option<Duration>) {
    (Instant::now(), cpu_time())
}

/// Best time per call over a few batches of `text`, each batch at least `BATCH` long.
fn time(text: &str) -> (Duration, usize) {
    let batches = if text.len() >= MB { 1 } else { 3 };
    let mut best = Duration::MAX;
    let mut entities = 0;
    for _ in 0..batches {
        let t0 = now();
        let mut iters = 0u32;
        while iters == 0 || elapsed(t0) < BATCH {
            entities = black_box(release_annotator::annotate(black_box(text))).len();
            iters += 1;
        }
        best = best.min(elapsed(t0) / iters);
    }
    (best, entities)
}

fn label(size: usize) -> String {
    if size >= MB {
        format!("{} MB", size / MB)
    } else {
        format!("{} KB", size / KB)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let quick = args.iter().any(|a| a == "--quick");
    let budget = args
        .iter()
        .position(|a| a == "--budget")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse::<u64>().ok())
        .map_or(BUDGET, Duration::from_secs);
    let filters: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--budget"))
        .map(|(_, a)| a)
        .collect();
    let mut skipped_any = false;
    let sizes: Vec<usize> = SIZES.into_iter().filter(|&s| !quick || s <= MB).collect();
    let selected = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()));

    let clock = if cpu_time().is_some() {
        "CPU time of the thread"
    } else {
        "wall time"
    };
    println!("MB/s of annotate() by input size (native, this build's profile; {clock})\n");
    print!("{:<30}", "input");
    for &s in &sizes {
        print!("{:>11}", label(s));
    }
    println!("{:>10}  entities at largest", "exponent");
    let mut flagged = Vec::new();
    for &(name, make) in INPUTS.iter().filter(|(n, _)| selected(n)) {
        print!("{name:<30}");
        let mut rates = Vec::new();
        let mut last: Option<(usize, Duration)> = None;
        let mut entities = 0;
        for &size in &sizes {
            if let Some((prev_size, prev_time)) = last {
                // Even at linear growth this size would take longer than the budget.
                let projected = prev_time.as_secs_f64() * size as f64 / prev_size as f64;
                if projected > budget.as_secs_f64() {
                    print!("{:>11}", format!(">{projected:.0}s"));
                    skipped_any = true;
                    continue;
                }
            }
            let text = make(size);
            let (d, n) = time(&text);
            entities = n;
            let rate = mb_per_s(text.len(), d);
            rates.push((size, rate));
            last = Some((size, d));
            print!("{rate:>11.1}");
            use std::io::Write;
            let _ = std::io::stdout().flush();
        }
        // Time grows as size^e: e = 1 is linear, 2 quadratic. From 100 KB to the largest size.
        let base = rates.iter().find(|(s, _)| *s == 100 * KB);
        let top = rates.last();
        let e = match (base, top) {
            (Some(&(s0, r0)), Some(&(s1, r1))) if s1 > s0 && r0 > 0.0 && r1 > 0.0 => {
                let (t0, t1) = (s0 as f64 / r0, s1 as f64 / r1);
                (t1 / t0).ln() / (s1 as f64 / s0 as f64).ln()
            }
            _ => f64::NAN,
        };
        let flag = if e > MAX_EXPONENT { "  <- not linear" } else { "" };
        if !flag.is_empty() {
            flagged.push(name);
        }
        println!("{e:>10.2}  {entities}{flag}");
    }

    println!("\nInputs named in the reliability requirements\n");
    let named: [(&str, String); 6] = [
        ("100,000 digits", repeat("9", 100_000)),
        ("1 MB of \"mg/mg/mg\"", repeat("mg/", MB)),
        (
            "5 MB line with no spaces",
            repeat("KEYTRUDA®200mg/m²ORR45%(NCT01234567)MK-3475,", 5 * MB),
        ),
        ("50,000 \"®\" in a row", "®".repeat(50_000)),
        ("1 MB of \"1 mg \"", repeat("1 mg ", MB)),
        ("10 MB release text", release(10 * MB)),
    ];
    println!("{:<30}{:>12}{:>12}{:>11}", "input", "bytes", "ms", "MB/s");
    for (name, text) in named.iter().filter(|(n, _)| selected(n) || filters.is_empty()) {
        if quick && text.len() > MB {
            continue;
        }
        let (d, _) = time(text);
        println!(
            "{name:<30}{:>12}{:>12.2}{:>11.1}",
            text.len(),
            d.as_secs_f64() * 1e3,
            mb_per_s(text.len(), d)
        );
    }
    if skipped_any {
        println!("\n>Ns: skipped, a linear projection from the previous size exceeds the budget (--budget)");
    }
    if !flagged.is_empty() {
        println!("\nnot linear: {}", flagged.join(", "));
        std::process::exit(1);
    }
}
