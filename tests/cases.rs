//! Table-driven cases: every `tests/cases/*.toml` file is a list of examples, each a text with
//! the entities that must be found (with their parsed values) and those that must not.
//!
//! ```toml
//! [[case]]
//! text = "SAR566658 at 190 mg/m² every three weeks"
//! expect = [
//!   { label = "DRUG", text = "SAR566658", kind = "code" },
//!   { label = "DOSE", text = "190 mg/m²", value = 190, unit = "mg", per = "m2", drug = "SAR566658" },
//! ]
//! # labels whose entities must be exactly those listed in `expect` (default: none)
//! only = ["DOSE"]
//! # entities that must not be found: "LABEL" (no entity of that label) or "LABEL:text"
//! reject = ["DRUG:placebo"]
//! ```
//!
//! Every key of an `expect` entry other than `label` and `text` is compared with the entity's
//! `attrs`; `drug = "NAME"` means the entity is linked to a DRUG whose text is NAME, and
//! `drug = ""` that it is linked to no drug.

use release_annotator::{annotate, Entity};
use serde_json::Value as Json;
use std::path::Path;
use toml::Value;

fn attr_json(e: &Entity) -> Json {
    serde_json::to_value(&e.attrs).unwrap()
}

fn num_eq(a: &Json, b: &Value) -> bool {
    match (a.as_f64(), b) {
        (Some(x), Value::Integer(i)) => (x - *i as f64).abs() < 1e-9,
        (Some(x), Value::Float(f)) => (x - f).abs() < 1e-9,
        _ => false,
    }
}

fn value_eq(actual: &Json, expected: &Value) -> bool {
    match expected {
        Value::String(s) => actual.as_str() == Some(s),
        Value::Integer(_) | Value::Float(_) => num_eq(actual, expected),
        Value::Boolean(b) => actual.as_bool() == Some(*b),
        Value::Array(items) => actual
            .as_array()
            .is_some_and(|a| a.len() == items.len() && a.iter().zip(items).all(|(x, y)| value_eq(x, y))),
        Value::Table(t) => t.iter().all(|(k, v)| value_eq(&actual[k.as_str()], v)),
        Value::Datetime(_) => false,
    }
}

/// Checks one case; returns the problems found.
fn check_case(case: &toml::Table) -> Vec<String> {
    let Some(text) = case.get("text").and_then(Value::as_str) else {
        return vec!["case without text".into()];
    };
    let entities = annotate(text);
    let shown = || {
        entities
            .iter()
            .map(|e| format!("{}:{:?}", e.label, e.text))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut problems = Vec::new();
    let expect = case
        .get("expect")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for exp in &expect {
        let Some(exp) = exp.as_table() else {
            problems.push("expect entry is not a table".into());
            continue;
        };
        let label = exp.get("label").and_then(Value::as_str).unwrap_or("?");
        let want = exp.get("text").and_then(Value::as_str).unwrap_or("?");
        let Some(e) = entities
            .iter()
            .find(|e| e.label.as_str() == label && e.text == want)
        else {
            problems.push(format!("missing {label}:{want:?}; found [{}]", shown()));
            continue;
        };
        let attrs = attr_json(e);
        for (key, val) in exp.iter().filter(|(k, _)| *k != "label" && *k != "text") {
            let ok = if key == "drug" {
                let linked = e
                    .attrs
                    .drug
                    .and_then(|i| entities.get(i))
                    .map(|d| d.text.as_str());
                match val.as_str() {
                    Some("") => e.attrs.drug.is_none(),
                    want => want == linked,
                }
            } else {
                value_eq(&attrs[key.as_str()], val)
            };
            if !ok {
                let got = if key == "drug" {
                    format!(
                        "{:?}",
                        e.attrs.drug.and_then(|i| entities.get(i)).map(|d| &d.text)
                    )
                } else {
                    attrs[key.as_str()].to_string()
                };
                problems.push(format!("{label}:{want:?} {key}: expected {val}, got {got}"));
            }
        }
    }
    for only in case.get("only").and_then(Value::as_array).into_iter().flatten() {
        let label = only.as_str().unwrap_or("?");
        let wanted: Vec<&str> = expect
            .iter()
            .filter_map(|e| e.as_table())
            .filter(|e| e.get("label").and_then(Value::as_str) == Some(label))
            .filter_map(|e| e.get("text").and_then(Value::as_str))
            .collect();
        for e in entities.iter().filter(|e| e.label.as_str() == label) {
            if !wanted.contains(&e.text.as_str()) {
                problems.push(format!("unexpected {label}:{:?}", e.text));
            }
        }
    }
    for reject in case.get("reject").and_then(Value::as_array).into_iter().flatten() {
        let r = reject.as_str().unwrap_or("?");
        let (label, txt) = match r.split_once(':') {
            Some((l, t)) => (l, Some(t)),
            None => (r, None),
        };
        for e in entities.iter().filter(|e| e.label.as_str() == label) {
            if txt.is_none_or(|t| e.text == t) {
                problems.push(format!("rejected {label}:{:?} was found", e.text));
            }
        }
    }
    problems
}

/// Runs every case of one file; panics with all failures listed.
fn run_file(name: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(name);
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: toml::Table = src.parse().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases = doc
        .get("case")
        .and_then(Value::as_array)
        .expect("[[case]] entries");
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let case = case.as_table().expect("case table");
        for p in check_case(case) {
            let text = case.get("text").and_then(Value::as_str).unwrap_or("");
            failures.push(format!("{name} case {} ({text:?}): {p}", i + 1));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    cases.len()
}

macro_rules! case_files {
    ($($test:ident => $file:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                assert!(run_file($file) > 0, "no cases in {}", $file);
            }
        )*
    };
}

case_files! {
    drug_cases => "drug.toml",
    dose_cases => "dose.toml",
    schedule_cases => "schedule.toml",
    outcome_cases => "outcome.toml",
    context_cases => "context.toml",
    link_cases => "link.toml",
}

#[test]
fn the_harness_reports_failures() {
    let case: toml::Table = r#"
        text = "placebo 5 mg"
        expect = [{ label = "DOSE", text = "5 mg", value = 6 }, { label = "DRUG", text = "aspirin" }]
        reject = ["DOSE"]
    "#
    .parse()
    .unwrap();
    let problems = check_case(&case);
    assert_eq!(problems.len(), 3, "{problems:?}");
    // Links: to the wrong drug, and to a drug where none is expected.
    let case: toml::Table = r#"
        text = "docetaxel 75 mg/m2"
        expect = [{ label = "DOSE", text = "75 mg/m2", drug = "KEYTRUDA" }, { label = "DOSE", text = "75 mg/m2", drug = "" }]
    "#
    .parse()
    .unwrap();
    let problems = check_case(&case);
    assert_eq!(problems.len(), 2, "{problems:?}");
}
