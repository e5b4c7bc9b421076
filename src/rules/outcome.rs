//! OUTCOME: response categories, time-to-event measures and their values.

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::resolve::Candidate;
use regex::Regex;
use std::sync::LazyLock;

/// `(rule id, kind, measure, phrase pattern)`; phrases are case-insensitive unless they are
/// upper-case abbreviations.
const RULES: &[(&str, &str, &str, &str)] = &[
    (
        "outcome.response",
        "efficacy",
        "CR",
        r"(?i:complete (?:response|remission)s?)|CR",
    ),
    (
        "outcome.response",
        "efficacy",
        "PR",
        r"(?i:partial (?:response|remission)s?)|PR",
    ),
    ("outcome.response", "efficacy", "SD", r"(?i:stable disease)"),
    ("outcome.response", "efficacy", "PD", r"(?i:progressive disease)"),
    (
        "outcome.response",
        "efficacy",
        "ORR",
        r"(?i:(?:objective|overall) response rate)|ORR|(?i:objective responses?)",
    ),
    (
        "outcome.response",
        "efficacy",
        "DCR",
        r"(?i:disease control rate)|DCR",
    ),
    (
        "outcome.tte",
        "efficacy",
        "PFS",
        r"(?i:progression[- ]free survival)|PFS",
    ),
    ("outcome.tte", "efficacy", "OS", r"(?i:overall survival)|OS"),
    (
        "outcome.tte",
        "efficacy",
        "DoR",
        r"(?i:duration of response)|DoR|DOR",
    ),
    ("outcome.hr", "efficacy", "HR", r"(?i:hazard ratio)"),
    (
        "outcome.endpoint",
        "efficacy",
        "endpoint",
        r"(?i:(?:primary|secondary|co-primary) (?:efficacy )?end ?points?)",
    ),
    (
        "outcome.safety",
        "safety",
        "tolerability",
        r"(?i:well[- ]tolerated)",
    ),
    (
        "outcome.safety",
        "safety",
        "DLT",
        r"(?i:dose[- ]limiting toxicit(?:y|ies))",
    ),
];

/// An abbreviation in parentheses after the phrase, then a value joined by a linking word:
/// "ORR of 45.5%", "median OS was 10.4 months".
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:\s?\([A-Za-z]{2,5}\))?(?:\s*(?:of|was|were|is|=|:)\s*(?:\d+(?:\.\d+)?\s*(?:%|percent|months?|weeks?)|\d\.\d+))?",
    )
    .unwrap()
});

static COMPILED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|&(id, _, _, pat)| {
            Regex::new(&format!(r"\b(?:{pat})\b")).unwrap_or_else(|e| panic!("rule {id}: {e}"))
        })
        .collect()
});

/// Finds OUTCOME candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    for (re, &(id, kind, measure, _)) in COMPILED.iter().zip(RULES) {
        for m in re.find_iter(text) {
            let end = TAIL.find(&text[m.end()..]).map_or(m.end(), |t| m.end() + t.end());
            let attrs = Attrs {
                kind: Some(kind),
                measure: Some(measure),
                ..Attrs::default()
            };
            out.push(
                Candidate::new(Label::Outcome, Span::new(m.start(), end), id)
                    .priority(2)
                    .attrs(attrs),
            );
        }
    }
}
