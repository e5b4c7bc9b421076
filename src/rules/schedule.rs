//! SCHEDULE: frequencies, routes and regimen durations, with normalised codes.

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::resolve::Candidate;
use regex::Regex;

/// A parenthesised abbreviation right after a phrase belongs to it: "subcutaneous (SC)".
static ABBREV_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\A\s?\([A-Z]{2,4}\)").unwrap());
use std::sync::LazyLock;

/// `(rule id, kind, code, pattern)`: each pattern is matched on word boundaries; phrases are
/// case-insensitive, upper-case abbreviations (IV, SC, BID) are not.
const RULES: &[(&str, &str, &str, &str)] = &[
    (
        "schedule.freq",
        "frequency",
        "QD",
        r"(?i:once[- ]daily|once a day|daily)|QD",
    ),
    (
        "schedule.freq",
        "frequency",
        "BID",
        r"(?i:twice[- ]daily|twice a day)|BID",
    ),
    (
        "schedule.freq",
        "frequency",
        "TID",
        r"(?i:three times (?:daily|a day))|TID",
    ),
    (
        "schedule.freq",
        "frequency",
        "QW",
        r"(?i:once[- ]weekly|once a week|weekly)|QW",
    ),
    (
        "schedule.freq",
        "frequency",
        "Q2W",
        r"(?i:(?:once )?every (?:two|2) weeks|every other week)|Q2W",
    ),
    (
        "schedule.freq",
        "frequency",
        "Q3W",
        r"(?i:(?:once )?every (?:three|3) weeks)|Q3W",
    ),
    (
        "schedule.freq",
        "frequency",
        "Q4W",
        r"(?i:(?:once )?every (?:four|4) weeks)|Q4W",
    ),
    (
        "schedule.freq",
        "frequency",
        "QM",
        r"(?i:once[- ]monthly|once a month|monthly)",
    ),
    (
        "schedule.freq",
        "frequency",
        "Q6M",
        r"(?i:twice[- ]yearly|every six months)",
    ),
    (
        "schedule.freq",
        "frequency",
        "ONCE",
        r"(?i:single dose|single injection|one-time infusion)",
    ),
    (
        "schedule.route",
        "route",
        "IV",
        r"(?i:intravenous(?:ly)?|by infusion)|IV",
    ),
    ("schedule.route", "route", "SC", r"(?i:subcutaneous(?:ly)?)|SC"),
    ("schedule.route", "route", "PO", r"(?i:oral(?:ly)?)"),
];

static COMPILED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|&(id, _, _, pat)| {
            Regex::new(&format!(r"\b(?:{pat})\b")).unwrap_or_else(|e| panic!("rule {id}: {e}"))
        })
        .collect()
});

/// Finds SCHEDULE candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    for (re, &(id, kind, code, _)) in COMPILED.iter().zip(RULES) {
        for m in re.find_iter(doc.text) {
            let attrs = Attrs {
                kind: Some(kind),
                code: Some(code.to_string()),
                ..Attrs::default()
            };
            let end = ABBREV_AFTER
                .find(&doc.text[m.end()..])
                .map_or(m.end(), |a| m.end() + a.end());
            out.push(
                Candidate::new(Label::Schedule, Span::new(m.start(), end), id)
                    .priority(3)
                    .attrs(attrs),
            );
        }
    }
}
