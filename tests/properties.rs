//! Property tests: `annotate` and its helpers on arbitrary Unicode, release-like text and
//! arbitrary bytes. The invariants live in `tests/common/mod.rs` (shared with the regression
//! tests and the fuzz targets).
//!
//! Case counts are set per property below; `PROPTEST_CASES=N` overrides them all, e.g.
//! `PROPTEST_CASES=20000 cargo test --release --test properties` for a long run.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use release_annotator::cli::{entities_json, process_jsonl, JsonlOptions};
use release_annotator::offsets::utf16_to_bytes;
use release_annotator::resolve::{resolve, Candidate};
use release_annotator::{annotate, text::sentences, Label, Span};
use serde_json::Value;

/// Phrases of the domain, written for these tests.
const DOMAIN: &[&str] = &[
    "mg/m²",
    "KEYTRUDA®",
    "ORR 45%",
    "ORR of 45.5%",
    "Phase 2",
    "Phase I/IIa",
    "phase 1b/2",
    "NCT01234567",
    "every three weeks",
    "once daily",
    "twice-daily",
    "Q3W",
    "BID",
    "200 mg",
    "3.2 mg/kg",
    "10-240 mg/m²",
    "≥ 5 mg",
    "<=10 mg",
    "µg",
    "μg",
    "mcg",
    "IU",
    "mL",
    "MK-3475",
    "ABBV-399",
    "BAY 94-9343",
    "mRNA-1273",
    "T-DM1",
    "pembrolizumab",
    "trastuzumab  emtansine",
    "velotuzumab",
    "Ozempic™",
    "Kadcyla(R)",
    "KEYNOTE-189",
    "DESTINY-Breast04",
    "54 patients",
    "n=44",
    "approximately 600 participants",
    "metastatic breast cancer",
    "multiple myeloma",
    "type 2 diabetes",
    "PFS",
    "progression-free survival",
    "overall survival (OS)",
    "median OS was 10.4 months",
    "HR 0.62",
    "95% CI, 0.48–0.81",
    "p<0.001",
    "Dr.",
    "vs.",
    "e.g.",
    "Inc.",
    "(SC)",
    "subcutaneously",
    "intravenous (IV)",
    "orally",
    "recommended phase 2 dose",
    "well-tolerated",
    "dose-limiting toxicities",
    "complete response",
    "in combination with",
    "plus",
    "A + B",
    "5,000",
    "1,234.5",
    "2.5",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "/",
    "-",
    "–",
    "—",
    "%",
    "®",
    "™",
    "²",
    "'s",
    "’s",
    "\"",
];

/// Characters and sequences that break naive text handling.
const UNICODE: &[&str] = &[
    "\u{0}",
    "e\u{301}",
    "a\u{301}\u{302}\u{303}\u{304}",
    "\u{20DD}",
    "😀",
    "👩\u{200D}👩\u{200D}👧\u{200D}👦",
    "🇫🇷",
    "🏳\u{FE0F}\u{200D}🌈",
    "👍🏽",
    "1\u{FE0F}\u{20E3}",
    "دواء ١٠ ملغ",
    "תרופה",
    "\u{202E}",
    "\u{200F}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{A0}",
    "\u{202F}",
    "\u{2028}",
    "\r\n",
    "１２３ｍｇ",
    "İ",
    "ẞ",
    "ﬃ",
    "\u{212A}",
    "ſ",
    "ΣΑΣ",
    "中文药物",
    "\u{10FFFF}",
    "\u{FFFD}",
];

const SPACE: &[&str] = &[" ", " ", " ", "  ", "\n", "\t", "\n\n", ". ", ", ", "; "];

/// A proptest config with `n` cases unless PROPTEST_CASES is set.
fn cases(n: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = n;
    }
    c
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>().prop_map(String::from),
        4 => prop::sample::select(DOMAIN).prop_map(String::from),
        3 => prop::sample::select(UNICODE).prop_map(String::from),
        3 => prop::sample::select(SPACE).prop_map(String::from),
        2 => "[0-9]{1,12}(?:[.,][0-9]{1,4})?",
        1 => "[0-9]{20,400}",
        // Very long tokens: one character repeated, or a long word.
        1 => (any::<char>(), 1..1500usize).prop_map(|(c, n)| c.to_string().repeat(n)),
        1 => (prop::sample::select(DOMAIN), 1..100usize).prop_map(|(w, n)| w.repeat(n)),
        1 => "[A-Za-z]{20,400}",
    ]
}

/// Arbitrary Unicode text mixed with domain words, digits, punctuation and white space.
fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..48).prop_map(|v| v.concat())
}

/// Release-like text: domain phrases separated by spaces and sentence breaks, so that drugs,
/// doses and schedules share sentences and get linked.
fn release_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        8 => prop::sample::select(DOMAIN).prop_map(String::from),
        2 => "[a-z]{1,10}",
        1 => prop::sample::select(UNICODE).prop_map(String::from),
    ];
    let sep = prop::sample::select(&[" ", " ", " ", " ", ". ", ", ", "\n", " of ", " at "][..]);
    prop::collection::vec((word, sep), 0..80).prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect())
}

/// Arbitrary bytes, read as UTF-8 with replacement characters.
fn lossy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), 0..1000).prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The checks every text gets.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let entities = annotate(text);
    common::check(text, &entities).map_err(|m| TestCaseError::fail(format!("{m}\ntext: {text:?}")))?;
    prop_assert_eq!(&annotate(text), &entities, "annotate is not deterministic");
    // utf16_to_bytes inverts the UTF-16 offsets.
    let js = release_annotator::to_utf16(text, &entities);
    let offsets: Vec<usize> = js.iter().flat_map(|e| [e.start, e.end]).collect();
    let bytes: Vec<usize> = entities.iter().flat_map(|e| [e.span.start, e.span.end]).collect();
    prop_assert_eq!(utf16_to_bytes(text, &offsets), bytes);
    Ok(())
}

proptest! {
    #![proptest_config(cases(512))]
    #[test]
    fn invariants_hold_on_arbitrary_unicode(text in unicode_text()) {
        check_all(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(512))]
    #[test]
    fn invariants_hold_on_release_like_text(text in release_text()) {
        check_all(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(512))]
    #[test]
    fn invariants_hold_on_arbitrary_bytes(text in lossy_text()) {
        check_all(&text)?;
    }

    #[test]
    fn sentences_are_sorted_disjoint_trimmed_and_on_char_boundaries(text in unicode_text()) {
        let mut prev_end = 0;
        for s in sentences(&text) {
            prop_assert!(s.start < s.end && s.end <= text.len(), "{s:?}");
            prop_assert!(prev_end <= s.start, "{s:?} overlaps the previous sentence");
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            let t = &text[s.start..s.end];
            prop_assert_eq!(t, t.trim());
            prev_end = s.end;
        }
    }

    #[test]
    fn resolve_keeps_a_maximal_set_of_disjoint_candidates(
        raw in prop::collection::vec((0..200usize, 0..30usize, 0..4u8, 0..8usize), 0..120)
    ) {
        let cands: Vec<Candidate> = raw
            .iter()
            .map(|&(start, len, priority, label)| {
                Candidate::new(Label::ALL[label], Span::new(start, start + len), "test").priority(priority)
            })
            .collect();
        let kept = resolve(cands.clone());
        for w in kept.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "{:?} / {:?}", w[0].span, w[1].span);
        }
        for c in &kept {
            prop_assert!(!c.span.is_empty() && cands.contains(c));
        }
        // Every candidate left out clashes with a kept one that is at least as long.
        for c in cands.iter().filter(|c| !c.span.is_empty() && !kept.contains(c)) {
            prop_assert!(
                kept.iter().any(|k| k.span.overlaps(&c.span) && k.span.len() >= c.span.len()),
                "{:?} dropped without a reason", c.span
            );
        }
    }
}

/// One input line for the JSONL property: a good object, or one of the ways a line goes bad.
fn jsonl_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => release_text().prop_map(|t| serde_json::json!({ "id": 1, "text": t }).to_string().into_bytes()),
        2 => unicode_text().prop_map(|t| serde_json::json!({ "text": t, "z": [null] }).to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>().prop_filter("no newline", |b| *b != b'\n'), 0..200),
        1 => Just(b"{\"text\": 12}".to_vec()),
        1 => Just(b"{\"txt\": \"5 mg\"}".to_vec()),
        1 => Just(b"{\"text\": \"\\ud800 5 mg\"}".to_vec()),
        1 => Just(b"   ".to_vec()),
    ]
}

proptest! {
    #![proptest_config(cases(256))]
    #[test]
    fn jsonl_writes_every_good_line_and_names_every_bad_one(
        lines in prop::collection::vec(jsonl_line(), 0..12),
        crlf in any::<bool>(),
    ) {
        let mut input = Vec::new();
        for l in &lines {
            input.extend_from_slice(l);
            input.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let summary = process_jsonl(&input[..], &mut out, &mut err, JsonlOptions::default()).unwrap();
        let out = String::from_utf8(out).unwrap();
        let err = String::from_utf8(err).unwrap();
        prop_assert_eq!(summary.lines, lines.len());
        prop_assert_eq!(out.lines().count(), summary.written);
        prop_assert_eq!(err.lines().count(), summary.bad);
        let blank = lines.iter().filter(|l| std::str::from_utf8(l).is_ok_and(|s| s.trim().is_empty())).count();
        prop_assert_eq!(summary.written + summary.bad + blank, lines.len());
        for (n, l) in out.lines().enumerate() {
            let v: Value = serde_json::from_str(l).map_err(|e| TestCaseError::fail(format!("line {n}: {e}")))?;
            let text = v["text"].as_str().unwrap();
            prop_assert_eq!(&v["entities"], &entities_json(text));
        }
        for l in err.lines() {
            prop_assert!(l.starts_with("line "), "{}", l);
        }
    }
}
