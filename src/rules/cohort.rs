//! COHORT: patient counts with their qualifiers ("34 patients", "n=44", "more than 600 people",
//! "thirty-four patients", "43 evaluable patients", "145-patient" study), with `count` parsed,
//! spelled-out numbers included.
//!
//! Not a cohort: ratios ("1 in 8 women", "29/70 patients"), rates ("per 100,000 people"),
//! years ("in 2024 patients"), money, exposure units ("100 patient-years") and counts fused
//! into another token ("COVID-19 patients").

use super::context::{head, last_word, parse_number, tail, Words};
use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::resolve::Candidate;
use regex::Regex;
use std::sync::LazyLock;

const NUMBER_WORD: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million";

/// Words allowed between the number and the noun ("43 evaluable patients", "12 healthy adult
/// volunteers", "20 heavily pretreated patients").
const MODIFIERS: &str = r"evaluable|[a-z]+-evaluable|eligible|adult|pediatric|paediatric|adolescent|additional|enrolled|treated|randomi[sz]ed|healthy|new|consecutive|heavily|pre-?treated|previously|untreated|treatment-na[iï]ve|na[iï]ve|newly|diagnosed|elderly|older|younger|male|female|pregnant|hospitali[sz]ed|dosed|evaluated|assessable|infected|symptomatic|asymptomatic|high-risk|critically|ill|other|more|total|unique|clinical|trial|study|Japanese|Chinese|Korean|Taiwanese|Asian|Caucasian|European|American|U\.S\.|US";

const NOUN: &str = r"patients?|participants?|subjects?|people|persons?|individuals?|adults?|children|child|adolescents?|infants?|volunteers?|women|men|woman|man|babies|newborns?|neonates?|girls|boys";

/// A count ending at a patient noun: run on the text just before each such noun.
static COHORT: LazyLock<Regex> = LazyLock::new(|| {
    let words = format!(r"(?:{NUMBER_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{NUMBER_WORD}))*");
    let number = format!(
        r"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+(?:thousand|million))?|{words})"
    );
    let qual = r"(?:more\s+than|over|approximately|approx\.|about|nearly|almost|up\s+to|at\s+least|around|roughly|some|an\s+estimated|fewer\s+than|less\s+than|under|a\s+further|another)";
    let pattern = format!(
        r"(?i)(?:(?P<q>\b{qual}\s+|[~≥≤><]\s*)?\b(?P<n>{number})(?:\s+(?:{MODIFIERS})){{0,3}}\s+(?:{NOUN})|\b(?P<h>\d{{1,3}}(?:,\d{{3}})*|{words})-(?:patient|subject|participant|person))$"
    );
    Regex::new(&pattern).expect("cohort pattern")
});

/// "n=44", "N = 1,234", run at each word "n".
static N_EQUALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[nN]\s?=\s?(?P<eq>\d{1,3}(?:,\d{3})+|\d+)\b").expect("n= pattern")
});

/// The patient nouns that end a count.
fn is_noun(w: &str) -> bool {
    matches!(
        w,
        "patient" | "patients" | "participant" | "participants" | "subject" | "subjects" | "people"
            | "person" | "persons" | "individual" | "individuals" | "adult" | "adults" | "children"
            | "child" | "adolescent" | "adolescents" | "infant" | "infants" | "volunteer"
            | "volunteers" | "women" | "men" | "woman" | "man" | "babies" | "newborn" | "newborns"
            | "neonate" | "neonates" | "girls" | "boys"
    )
}

/// Before the number: a ratio ("1 in", "3 out of every"), a rate ("per", "every") or money.
static BAD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:\d[\d,.]*|one|a)\s+(?:in|out\s+of(?:\s+every)?|of\s+every)|\bper|\bevery|\bfor\s+every|[$€£¥]|\b(?:USD|EUR|GBP))\s*$")
        .expect("cohort left-context pattern")
});

const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "since", "during", "until", "by", "through", "from", "before", "after", "of",
];

/// Finds COHORT candidates in `doc`.
pub fn scan(doc: &Doc, words: &Words, out: &mut Vec<Candidate>) {
    let text = doc.text;
    for &(start, end) in &words.toks {
        let w = &words.lower[start..end];
        if w == "n" {
            if let Some(c) = N_EQUALS.captures(head(text, start, 24)) {
                if let (Some(m), Some(eq)) = (c.get(0), c.name("eq")) {
                    if !tail(text, start, 1).ends_with(|c: char| c.is_alphanumeric()) {
                        push(out, Span::new(start, start + m.end()), parse_number(eq.as_str()));
                    }
                }
            }
            continue;
        }
        if !is_noun(w) {
            continue;
        }
        let window = tail(text, end, 120);
        let base = end - window.len();
        let Some(caps) = COHORT.captures(window) else { continue };
        let Some(m) = caps.get(0) else { continue };
        let Some(num) = caps.name("n").or_else(|| caps.name("h")) else {
            continue;
        };
        let span_start = base + m.start();
        let before = tail(text, span_start, 32);
        // Fused into another token: "COVID-19 patients", "29/70 patients", "1.5 patients".
        if let Some(c) = before.chars().next_back() {
            if c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ',' | '_' | '‐' | '–' | ':') {
                continue;
            }
        }
        if BAD_BEFORE.is_match(before) {
            continue;
        }
        // Exposure units: "100 patient-years", "patient-months".
        if text[end..].starts_with('-') {
            continue;
        }
        let n = num.as_str();
        if caps.name("q").is_none() && is_year(n) {
            let prev = last_word(before).to_ascii_lowercase();
            if YEAR_PREPOSITIONS.contains(&prev.as_str()) || before.trim_end().is_empty() {
                continue;
            }
        }
        push(out, Span::new(span_start, end), parse_number(n));
    }
}

fn push(out: &mut Vec<Candidate>, span: Span, count: Option<u64>) {
    let attrs = Attrs {
        count,
        ..Attrs::default()
    };
    out.push(
        Candidate::new(Label::Cohort, span, "cohort")
            .priority(4)
            .attrs(attrs),
    );
}

/// A four-digit number that reads as a year (1900-2099), without a thousands comma.
fn is_year(n: &str) -> bool {
    n.len() == 4
        && n.bytes().all(|b| b.is_ascii_digit())
        && (n.starts_with("19") || n.starts_with("20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cohorts(text: &str) -> Vec<(String, Option<u64>)> {
        let doc = Doc::new(text);
        let mut out = Vec::new();
        scan(&doc, &Words::new(text), &mut out);
        out.iter()
            .map(|c| (text[c.span.start..c.span.end].to_string(), c.attrs.count))
            .collect()
    }

    #[test]
    fn counts_with_qualifiers_and_words() {
        assert_eq!(cohorts("in 5,000 patients"), vec![("5,000 patients".into(), Some(5000))]);
        assert_eq!(cohorts("thirty-four patients"), vec![("thirty-four patients".into(), Some(34))]);
        assert_eq!(cohorts("(n=44)"), vec![("n=44".into(), Some(44))]);
        assert_eq!(
            cohorts("nearly 1.2 million people"),
            vec![("nearly 1.2 million people".into(), Some(1_200_000))]
        );
    }

    #[test]
    fn ratios_years_and_money_are_not_cohorts() {
        assert!(cohorts("about 1 in 8 women").is_empty());
        assert!(cohorts("responses in 12/40 patients").is_empty());
        assert!(cohorts("In 2023 patients were enrolled").is_empty());
        assert!(cohorts("a $40 patient assistance fee").is_empty());
        assert!(cohorts("over 100 patient-years of exposure").is_empty());
        assert!(cohorts("COVID-19 patients").is_empty());
    }
}
