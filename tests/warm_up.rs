//! `warm_up` compiles every pattern the rules use on real releases: after it, annotating the
//! table cases, the project's own releases and the dev set (when ../shared is present)
//! compiles no new pattern. One test in its own binary, so no other test compiles patterns
//! in the same process while it counts.

// Native: the list of patterns is read in the process that compiled them.
#![cfg(not(target_arch = "wasm32"))]

use release_annotator::{annotate, re, warm_up, Label};
use std::collections::BTreeSet;
use std::path::Path;

fn texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let mut cases: Vec<_> = std::fs::read_dir(root.join("tests/cases"))
        .expect("tests/cases")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    cases.sort();
    for path in cases {
        let table: toml::Value =
            toml::from_str(&std::fs::read_to_string(&path).expect("case file")).expect("toml");
        for case in table["case"].as_array().expect("[[case]] list") {
            texts.push(case["text"].as_str().expect("case text").to_string());
        }
    }
    let dev = root.join("../shared/corpus/dev.jsonl");
    for path in [root.join("tests/data/own_releases.jsonl"), dev] {
        let Ok(jsonl) = std::fs::read_to_string(&path) else {
            continue; // the dev set is absent from a fresh clone
        };
        for line in jsonl.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            texts.push(v["text"].as_str().expect("text field").to_string());
        }
    }
    texts
}

#[test]
fn warm_up_leaves_no_pattern_to_compile() {
    let texts = texts();
    assert!(texts.len() > 600, "only {} texts", texts.len());
    assert_eq!(re::compiled(), 0, "nothing has run yet");

    let found = warm_up();
    let after_warm_up = re::compiled();
    check_call_sites(&re::call_sites());
    if !check_pattern_list(&re::seen()) {
        // This build's trees come from the list as it was; the next build reads the new one.
        assert_eq!(re::unlisted(), 0, "patterns missing from data/patterns.txt");
    }
    assert!(found > 50, "the sample release yields only {found} entities");
    assert!(
        after_warm_up > 100,
        "warm_up compiled only {after_warm_up} patterns"
    );

    let mut labels = BTreeSet::new();
    for text in &texts {
        labels.extend(annotate(text).into_iter().map(|e| e.label));
    }
    assert_eq!(labels.len(), Label::ALL.len(), "the texts cover every label");
    assert_eq!(
        re::compiled(),
        after_warm_up,
        "patterns compiled after warm_up: extend data/warm_up.txt to reach the rules that \
         compiled them, then run scripts/patterns"
    );
}

/// `data/patterns.txt` lists exactly the patterns `warm_up` compiles (all the rules' patterns,
/// as the test above shows): `build.rs` prebuilds their trees, and the wasm, which has no
/// pattern parser, can compile no other. `RA_WRITE_PATTERNS=1` rewrites the list
/// (`scripts/patterns`), and returns true.
fn check_pattern_list(seen: &[String]) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/patterns.txt");
    for p in seen {
        assert!(
            !p.contains('\n'),
            "a pattern with a line break cannot be listed: {p:?}"
        );
    }
    let mut text = seen.join("\n");
    text.push('\n');
    let write = std::env::var("RA_WRITE_PATTERNS").is_ok_and(|v| v == "1");
    if write {
        std::fs::write(&path, &text).expect("write data/patterns.txt");
    }
    let listed = std::fs::read_to_string(&path).expect("data/patterns.txt");
    let listed: BTreeSet<&str> = listed.lines().collect();
    let seen_set: BTreeSet<&str> = seen.iter().map(String::as_str).collect();
    let missing: Vec<_> = seen_set.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&seen_set).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "data/patterns.txt is out of date (run scripts/patterns): \
         not listed {missing:#?}, no longer used {stale:#?}"
    );
    write
}

/// `warm_up` reaches every call of `Regex::new` in the library's code (outside the pattern
/// engine itself and the unit tests at the end of each file), so the patterns it compiles are
/// all the patterns the rules can compile: none is left out of `data/patterns.txt` because no
/// sample text happened to reach its rule.
fn check_call_sites(reached: &[(String, u32)]) {
    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    let mut calls = Vec::new();
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("src/re/") || rel.starts_with("src/bin/") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source file");
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.contains("Regex::new(") && !line.trim_start().starts_with("//") {
                calls.push((rel.clone(), i as u32 + 1));
            }
        }
    }
    assert!(calls.len() > 40, "only {} calls of Regex::new found", calls.len());
    let missed: Vec<_> = calls.iter().filter(|c| !reached.contains(c)).collect();
    assert!(
        missed.is_empty(),
        "warm_up does not reach these calls of Regex::new: extend data/warm_up.txt, \
         then run scripts/patterns: {missed:#?}"
    );
}
