//! DOSE: administered amounts with their units, ranges and per-weight / per-area forms.

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::resolve::Candidate;
use crate::text::at_word_boundaries;
use regex::Regex;
use std::sync::LazyLock;

/// A number: `200`, `2.5`, `5,000`.
const NUM: &str = r"\d+(?:,\d{3})*(?:\.\d+)?";

/// Units and their normalised names, longest spellings first within a family.
const UNITS: &[(&str, &str)] = &[
    ("mg", "mg"),
    ("µg", "ug"),
    ("μg", "ug"),
    ("ug", "ug"),
    ("mcg", "ug"),
    ("ng", "ng"),
    ("g", "g"),
    ("IU", "IU"),
    ("U", "U"),
    ("mL", "mL"),
    ("ml", "mL"),
];

static DOSE: LazyLock<Regex> = LazyLock::new(|| {
    let units: Vec<String> = UNITS.iter().map(|(u, _)| regex::escape(u)).collect();
    Regex::new(&format!(
        r"(?P<cmp>≥|≤|>=|<=|>|<)?\s*(?P<low>{NUM})(?:\s*(?:-|–|—|to)\s*(?P<high>{NUM}))?\s*(?P<unit>{})(?:\s*/\s*(?P<per>kg|m²|m2))?",
        units.join("|")
    ))
    .unwrap()
});

fn parse_num(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// Finds DOSE candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    for caps in DOSE.captures_iter(text) {
        let (Some(all), Some(low), Some(unit)) = (caps.get(0), caps.name("low"), caps.name("unit")) else {
            continue;
        };
        let start = caps.name("cmp").map_or(low.start(), |c| c.start());
        let span = Span::new(start, all.end());
        if !at_word_boundaries(text, span) {
            continue;
        }
        let mut attrs = Attrs {
            unit: UNITS.iter().find(|(u, _)| *u == unit.as_str()).map(|(_, n)| *n),
            per: caps
                .name("per")
                .map(|p| if p.as_str() == "kg" { "kg" } else { "m2" }),
            comparator: caps.name("cmp").map(|c| match c.as_str() {
                "≥" | ">=" => ">=",
                "≤" | "<=" => "<=",
                ">" => ">",
                _ => "<",
            }),
            ..Attrs::default()
        };
        match caps.name("high") {
            Some(high) => {
                attrs.low = parse_num(low.as_str());
                attrs.high = parse_num(high.as_str());
            }
            None => attrs.value = parse_num(low.as_str()),
        }
        out.push(
            Candidate::new(Label::Dose, span, "dose.amount")
                .priority(5)
                .attrs(attrs),
        );
    }
}
