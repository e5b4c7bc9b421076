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
use crate::re::Regex;
use crate::resolve::Candidate;
use std::sync::LazyLock;

/// "n=44", "N = 1,234", run at each word "n".
static N_EQUALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[nN]\s?=\s?(?P<eq>\d{1,3}(?:,\d{3})+|\d+)\b").expect("n= pattern"));

/// The patient nouns that end a count.
fn is_noun(w: &str) -> bool {
    matches!(
        w,
        "patient"
            | "patients"
            | "participant"
            | "participants"
            | "subject"
            | "subjects"
            | "people"
            | "person"
            | "persons"
            | "individual"
            | "individuals"
            | "adult"
            | "adults"
            | "children"
            | "child"
            | "adolescent"
            | "adolescents"
            | "infant"
            | "infants"
            | "volunteer"
            | "volunteers"
            | "women"
            | "men"
            | "woman"
            | "man"
            | "babies"
            | "newborn"
            | "newborns"
            | "neonate"
            | "neonates"
            | "girls"
            | "boys"
    )
}

/// Before the number: a ratio ("1 in", "four in", "3 out of every"), a rate ("per", "every"),
/// money, or a headcount of staff ("employs", "a workforce of").
static BAD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:^|[\s(\[])(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|a)\s+(?:in|out\s+of(?:\s+every)?|of\s+every)|\bper|\bevery|\bfor\s+every|\bemploy(?:s|ed|ing)?|\b(?:workforce|staff)\s+of|[$€£¥]|\b(?:USD|EUR|GBP))\s*$")
        .expect("cohort left-context pattern")
});

const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "since", "during", "until", "by", "through", "from", "before", "after", "of",
];

fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "evaluable"
            | "eligible"
            | "adult"
            | "pediatric"
            | "paediatric"
            | "adolescent"
            | "additional"
            | "enrolled"
            | "treated"
            | "randomized"
            | "randomised"
            | "healthy"
            | "new"
            | "consecutive"
            | "heavily"
            | "pretreated"
            | "previously"
            | "untreated"
            | "naive"
            | "naïve"
            | "newly"
            | "diagnosed"
            | "elderly"
            | "older"
            | "younger"
            | "male"
            | "female"
            | "pregnant"
            | "hospitalized"
            | "hospitalised"
            | "dosed"
            | "evaluated"
            | "assessable"
            | "infected"
            | "symptomatic"
            | "asymptomatic"
            | "other"
            | "more"
            | "total"
            | "unique"
            | "clinical"
            | "trial"
            | "study"
            | "japanese"
            | "chinese"
            | "korean"
            | "taiwanese"
            | "asian"
            | "caucasian"
            | "european"
            | "american"
            | "us"
            | "critically"
            | "ill"
    )
}

/// Parts of hyphenated modifiers ("pre-treated", "efficacy-evaluable", "high-risk").
fn is_modifier_part(w: &str) -> bool {
    matches!(
        w,
        "pre" | "treatment" | "efficacy" | "response" | "dlt" | "high" | "risk" | "low"
    ) || is_modifier(w)
}

fn is_number_word(w: &str) -> bool {
    super::context::parse_number(w).is_some() && w.bytes().all(|b| b.is_ascii_alphabetic()) && w != "a"
}

/// Finds COHORT candidates in `doc`: at each patient noun, the words before it are read
/// back: up to three modifiers, a number (digits, "5,000", "1.2 million", "thirty-four"),
/// then a qualifier ("more than", "approximately", "~").
pub fn scan(doc: &Doc, words: &Words, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let toks = &words.toks;
    let lower = words.lower.as_str();
    let w = |i: usize| &lower[toks[i].0..toks[i].1];
    let gap = |i: usize| &text[toks[i].1..toks[i + 1].0];
    let spaces = |g: &str| !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}');
    for (k, &(start, end)) in toks.iter().enumerate() {
        let word = w(k);
        if word == "n" {
            if let Some(c) = N_EQUALS.captures(head(text, start, 24)) {
                if let (Some(m), Some(eq)) = (c.get(0), c.name("eq")) {
                    if !tail(text, start, 1).ends_with(|c: char| c.is_alphanumeric()) {
                        push(out, Span::new(start, start + m.end()), parse_number(eq.as_str()));
                    }
                }
            }
            continue;
        }
        if !is_noun(word) || k == 0 {
            continue;
        }
        // Exposure units: "100 patient-years", "patient-months".
        if text[end..].starts_with('-') {
            continue;
        }
        let hyphenated = gap(k - 1) == "-";
        let mut j = k - 1; // the last word of the number
        if !hyphenated {
            let mut mods = 0;
            while mods < 3 && j > 0 {
                let g = gap(j);
                let part_of_compound = g == "-" && is_modifier_part(w(j));
                if (spaces(g) || part_of_compound)
                    && (is_modifier(w(j)) || (is_modifier_part(w(j)) && gap(j - 1) == "-"))
                {
                    if j >= 2 && gap(j - 1) == "-" && is_modifier_part(w(j - 1)) {
                        j -= 1;
                    }
                    j -= 1;
                    mods += 1;
                } else {
                    break;
                }
            }
            if !spaces(gap(j)) {
                continue;
            }
        } else if !matches!(word, "patient" | "subject" | "participant" | "person") {
            continue;
        }
        // The number, read backwards.
        let last = j;
        let mut first = j;
        let nw = w(j);
        if nw.bytes().all(|b| b.is_ascii_digit()) {
            // "5,000": groups of three after commas; "1.2": a decimal.
            while first > 0
                && matches!(gap(first - 1), "," | ".")
                && w(first - 1).bytes().all(|b| b.is_ascii_digit())
            {
                first -= 1;
            }
        } else if matches!(nw, "thousand" | "million")
            && j > 0
            && spaces(gap(j - 1))
            && w(j - 1).bytes().all(|b| b.is_ascii_digit())
        {
            first = j - 1;
            while first > 0
                && matches!(gap(first - 1), ".")
                && w(first - 1).bytes().all(|b| b.is_ascii_digit())
            {
                first -= 1;
            }
        } else if is_number_word(nw) {
            while first > 0 {
                let g = gap(first - 1);
                if (spaces(g) || g == "-") && is_number_word(w(first - 1)) {
                    first -= 1;
                } else if first > 1
                    && w(first - 1) == "and"
                    && spaces(g)
                    && spaces(gap(first - 2))
                    && is_number_word(w(first - 2))
                {
                    first -= 2;
                } else {
                    break;
                }
            }
        } else {
            continue;
        }
        let num_text = &text[toks[first].0..toks[last].1];
        // Qualifiers.
        let mut span_start = toks[first].0;
        let mut qualified = false;
        let before_num = tail(text, span_start, 24);
        let trimmed = before_num.trim_end_matches(' ');
        if let Some(c) = trimmed.chars().next_back() {
            if matches!(c, '~' | '≥' | '≤' | '>' | '<') {
                span_start -= before_num.len() - trimmed.len() + c.len_utf8();
                qualified = true;
            }
        }
        if !qualified && first > 0 && spaces(gap(first - 1)) {
            let q1 = w(first - 1);
            let q2 = if first > 1 && spaces(gap(first - 2)) {
                w(first - 2)
            } else {
                ""
            };
            let two = matches!(
                (q2, q1),
                ("more", "than")
                    | ("up", "to")
                    | ("at", "least")
                    | ("fewer", "than")
                    | ("less", "than")
                    | ("an", "estimated")
                    | ("a", "further")
            );
            if two {
                span_start = toks[first - 2].0;
                qualified = true;
            } else if matches!(
                q1,
                "over"
                    | "approximately"
                    | "about"
                    | "nearly"
                    | "almost"
                    | "around"
                    | "roughly"
                    | "some"
                    | "under"
                    | "another"
            ) {
                span_start = toks[first - 1].0;
                qualified = true;
            }
        }
        let before = tail(text, span_start, 32);
        // Fused into another token: "COVID-19 patients", "29/70 patients", "1.5 patients".
        if let Some(c) = before.chars().next_back() {
            if c.is_alphanumeric()
                || matches!(
                    c,
                    '/' | '-' | '.' | ',' | '_' | '‐' | '–' | ':' | '$' | '€' | '£' | '¥'
                )
            {
                continue;
            }
        }
        if BAD_BEFORE.is_match(before) {
            continue;
        }
        if !qualified && is_year(num_text) {
            let prev = last_word(before).to_ascii_lowercase();
            if YEAR_PREPOSITIONS.contains(&prev.as_str()) || before.trim_end().is_empty() {
                continue;
            }
        }
        // Two populations joined: "1,200 adults and adolescents", "40 men or women".
        let mut end = end;
        if k + 2 < toks.len()
            && matches!(w(k + 1), "and" | "or")
            && spaces(gap(k))
            && spaces(gap(k + 1))
            && is_noun(w(k + 2))
            && !text[toks[k + 2].1..].starts_with('-')
        {
            end = toks[k + 2].1;
        }
        push(out, Span::new(span_start, end), parse_number(num_text));
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
    n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()) && (n.starts_with("19") || n.starts_with("20"))
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
        assert_eq!(
            cohorts("in 5,000 patients"),
            vec![("5,000 patients".into(), Some(5000))]
        );
        assert_eq!(
            cohorts("thirty-four patients"),
            vec![("thirty-four patients".into(), Some(34))]
        );
        assert_eq!(cohorts("(n=44)"), vec![("n=44".into(), Some(44))]);
        assert_eq!(
            cohorts("in 2,310 adults and adolescents with asthma"),
            vec![("2,310 adults and adolescents".into(), Some(2310))]
        );
        assert_eq!(
            cohorts("60 men or women-only clinics"),
            vec![("60 men".into(), Some(60))]
        );
        assert_eq!(
            cohorts("the 80 employees and 12 patients"),
            vec![("12 patients".into(), Some(12))]
        );
        assert_eq!(
            cohorts("nearly 1.2 million people"),
            vec![("nearly 1.2 million people".into(), Some(1_200_000))]
        );
    }

    #[test]
    fn ratios_years_and_money_are_not_cohorts() {
        assert!(cohorts("about 1 in 8 women").is_empty());
        assert!(cohorts("roughly three in ten adults relapse").is_empty());
        assert!(cohorts("The company employs more than 2,500 people.").is_empty());
        assert!(cohorts("a workforce of 900 people").is_empty());
        assert!(cohorts("responses in 12/40 patients").is_empty());
        assert!(cohorts("In 2023 patients were enrolled").is_empty());
        assert!(cohorts("a $40 patient assistance fee").is_empty());
        assert!(cohorts("over 100 patient-years of exposure").is_empty());
        assert!(cohorts("COVID-19 patients").is_empty());
    }
}
