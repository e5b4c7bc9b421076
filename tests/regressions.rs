//! Inputs that once broke an invariant (found by the property tests or the fuzzers), replayed
//! on every test run. Each file in tests/regressions/annotate/ is fed to `annotate` and each
//! file in tests/regressions/jsonl/ to the `--jsonl` path, exactly as the fuzz targets do; the
//! table below holds the short ones inline.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

/// Short inputs, with what they once did.
const ANNOTATE: &[(&str, &str)] = &[
    (
        "\u{a0}. ",
        "panicked: sentence splitting sliced inside a 2-byte no-break space",
    ),
    ("\u{85}. ", "panicked: the same with U+0085 NEXT LINE"),
    (
        "a\u{2028}Dr. Next",
        "panicked: the same with a 3-byte line separator",
    ),
    ("1e999 mg", "checked: an exponent is not part of a dose number"),
    (
        "ORR of 45.5%, 95% CI, 0.48–0.81 ",
        "an OUTCOME span ended with the space after its CI",
    ),
];

fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(dir);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no regression inputs in {}", dir.display());
    out
}

#[test]
fn annotate_regressions_hold_every_invariant() {
    for (text, what) in ANNOTATE {
        if let Err(msg) = common::check_annotate_bytes(text.as_bytes()) {
            panic!("{what}: {msg}");
        }
    }
    for (name, data) in files("annotate") {
        if let Err(msg) = common::check_annotate_bytes(&data) {
            panic!("{name}: {msg}");
        }
    }
}

#[test]
fn jsonl_regressions_hold_every_invariant() {
    for (name, data) in files("jsonl") {
        if let Err(msg) = common::check_jsonl(&data) {
            panic!("{name}: {msg}");
        }
    }
}

#[test]
fn amounts_too_long_for_a_float_never_give_infinity() {
    // 1e100 is a (silly) float; 1e320 and beyond are not: no value rather than infinity.
    let es = common::assert_invariants(&format!("1{} mg of X", "0".repeat(100)));
    assert_eq!(es[0].attrs.value, Some(1e100));
    for zeros in [320, 400, 5000] {
        for e in common::assert_invariants(&format!("1{} mg of X", "0".repeat(zeros))) {
            assert!(e.attrs.value.is_none_or(f64::is_finite), "{zeros}: {e:?}");
        }
    }
}
