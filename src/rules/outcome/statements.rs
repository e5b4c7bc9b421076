//! Negated safety statements over a list of things measured or watched for: "no clinically
//! meaningful changes in vital signs or ECG parameters", "no cases of hepatitis, pancreatitis
//! or angioedema". The statement runs from "no" to the end of the list; a clause after the
//! list ("including ...", "were observed", "in either arm") stays outside.

use super::PHRASE_PRIORITY;

/// Below the phrases grown from a head: on a tie in length, their richer attributes win.
const PRIORITY: u8 = PHRASE_PRIORITY - 1;
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use std::sync::LazyLock;

/// "no clinically relevant changes in ", "no cases of ", "no new episodes of ".
static OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b[Nn]o\s(?:(?:(?i:clinically)\s)?(?i:meaningful|relevant|significant|important|notable)\s)?(?i:changes?|abnormalit(?:y|ies)|shifts?|trends?)\s(?i:in|of)\s|\b[Nn]o\s(?:(?i:new|reported|confirmed)\s)?(?i:cases?|episodes?|instances?|reports?)\sof\s",
    )
    .unwrap_or_else(|e| panic!("OPENER: {e}"))
});

/// Words that end the list: a verb, a preposition that opens a qualifier, a determiner that
/// opens a new clause.
const STOP: &[&str] = &[
    "including",
    "such",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "been",
    "with",
    "without",
    "at",
    "in",
    "across",
    "between",
    "compared",
    "versus",
    "vs",
    "during",
    "through",
    "after",
    "over",
    "from",
    "relative",
    "among",
    "observed",
    "reported",
    "seen",
    "noted",
    "identified",
    "occurred",
    "the",
    "a",
    "an",
    "there",
    "no",
    "which",
    "that",
    "while",
    "whereas",
    "but",
    "as",
    "for",
    "to",
    "on",
    "per",
    "either",
    "both",
    "any",
    "all",
    "treated",
    "patients",
    "participants",
    "subjects",
    "its",
    "their",
    "our",
    "his",
    "her",
    "this",
    "these",
    "those",
];

/// Most tokens a list may hold.
const MAX_TOKENS: usize = 14;

/// The end of the noun list that starts `s`: words joined by spaces, commas, "or", "and",
/// "/", stopping before a stop word or punctuation other than a comma.
fn list_end(s: &str) -> usize {
    let mut end = 0;
    let mut i = 0;
    let mut tokens = 0;
    let mut pending_join = true;
    let bytes = s.as_bytes();
    while tokens < MAX_TOKENS {
        // the next word
        let rest = &s[i..];
        let wlen = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '–' | '/' | '(' | ')' | '\'')))
            .unwrap_or(rest.len());
        if wlen == 0 {
            break;
        }
        let word = &rest[..wlen];
        let lower = word.to_ascii_lowercase();
        if STOP.contains(&lower.as_str()) || word.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        // brackets must balance inside the word run
        if word.matches('(').count() != word.matches(')').count() {
            break;
        }
        let joiner = matches!(lower.as_str(), "or" | "and" | "nor");
        if joiner {
            if pending_join {
                break;
            }
            pending_join = true;
        } else {
            pending_join = false;
            end = i + wlen;
        }
        tokens += 1;
        i += wlen;
        // the separator after the word: one space, or ", "
        match bytes.get(i) {
            Some(b' ') => i += 1,
            Some(b',') if bytes.get(i + 1) == Some(&b' ') && !joiner => {
                i += 2;
                pending_join = true;
            }
            _ => break,
        }
    }
    end
}

/// A verb of change before what it changes: "reduced", "lowered".
static CHANGE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:reduced|reduces|lowered|lowers|decreased|decreases|increased|increases|improved|improves|slowed|slows)\s",
    )
    .unwrap_or_else(|e| panic!("CHANGE_VERB: {e}"))
});

/// " by 38%", " by up to 18%", " by a mean of 1.2 points".
static BY_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\sby\s(?:(?i:up to|approximately|about|more than|nearly|an average of|a mean of|a median of)\s)?[-−]?\d+(?:\.\d+)?\s?(?:%|(?i:percent|percentage points?|points?|letters|mmHg|mg/dL|g/dL|mmol/L|seconds|meters|metres|centiloids|microns)\b|µm\b|kPa\b|mL/min/1\.73\s?m(?:²|2\b)|mL\b|log10\b)")
        .unwrap_or_else(|e| panic!("BY_VALUE: {e}"))
});

/// Words of business, not of biology: "reduced its workforce by 35%", "lowered costs by 20%".
const BUSINESS: &[&str] = &[
    "workforce",
    "headcount",
    "costs",
    "cost",
    "expenses",
    "spending",
    "burn",
    "revenue",
    "revenues",
    "sales",
    "price",
    "prices",
    "staff",
    "employees",
    "shares",
    "debt",
    "loss",
    "losses",
    "guidance",
    "share",
    "stock",
    "market",
    "cash",
    "income",
    "earnings",
    "margin",
    "margins",
    "inventory",
    "orders",
    "bookings",
    "customers",
    "subscribers",
    "production",
    "capacity",
    "enrollment",
    "enrolment",
];

/// The end of the measured thing that starts `s` and runs up to " by": at most seven words,
/// no stop word, no business word. `None` when no " by <value>" closes it.
fn measure_by_value(s: &str) -> Option<usize> {
    let mut i = 0;
    for _ in 0..7 {
        let rest = &s[i..];
        let wlen = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '–' | '/' | '(' | ')' | '\'')))
            .unwrap_or(rest.len());
        if wlen == 0 {
            return None;
        }
        let lower = rest[..wlen].to_ascii_lowercase();
        let l = lower.trim_matches(|c: char| matches!(c, '(' | ')'));
        if (STOP.contains(&l) && l != "the") || BUSINESS.contains(&l) || l == "by" {
            return None;
        }
        i += wlen;
        if let Some(m) = BY_VALUE.find(&s[i..]) {
            return Some(i + m.end());
        }
        if s.as_bytes().get(i) != Some(&b' ') {
            return None;
        }
        i += 1;
    }
    None
}

/// "reduced plasma NfL by 38%": a continuous measure changed by a value, from the verb to the
/// value, and a second measure coordinated with it ("and serum X by 12%") as its own span.
fn change_by_value(text: &str, out: &mut Vec<Candidate>) {
    if !text.contains(" by ") {
        return;
    }
    for m in CHANGE_VERB.find_iter(text) {
        let Some(len) = measure_by_value(&text[m.end()..]) else {
            continue;
        };
        let end = m.end() + len;
        out.push(change(Span::new(m.start(), end)));
        if let Some(r) = text.get(end..).and_then(|r| r.strip_prefix(" and ")) {
            if let Some(len2) = measure_by_value(r) {
                let start2 = end + " and ".len();
                out.push(change(Span::new(start2, start2 + len2)));
            }
        }
    }
}

/// " remained stable", " was unchanged", " stayed largely stable" after a measure.
static STABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?i:remained|remains|remain|stayed|was|were)\s(?:(?i:generally|largely|broadly|essentially)\s)?(?i:stable|unchanged)\b")
        .unwrap_or_else(|e| panic!("STABLE: {e}"))
});

/// Physiological measures whose stability is a safety result: "kidney function", "liver
/// enzymes", "blood pressure", "platelet counts".
const STABLE_SUBJECTS: &[&str] = &[
    "function",
    "enzymes",
    "pressure",
    "counts",
    "count",
    "parameters",
    "signs",
    "levels",
    "weight",
    "fraction",
    "markers",
];

/// Most words of the measure before " remained stable".
const STABLE_WORDS: usize = 4;

/// Most words of a measure changed by a value ("Hammersmith Infant Neurological Examination
/// (HINE) score").
const CHANGE_WORDS: usize = 6;

/// The start of the measure that ends at `end` ("Kidney function", "mean left ventricular
/// ejection fraction"): letters and hyphens back to a stop word, punctuation or a business
/// word. `None` unless its last word names a physiological measure.
fn stable_subject(text: &str, end: usize) -> Option<usize> {
    subject_before(text, end, STABLE_SUBJECTS, STABLE_WORDS)
}

/// Measures whose change by a value is a result: "serum IgE levels", "plasma neurofilament
/// light chain", "antibody titers".
const CHANGE_SUBJECTS: &[&str] = &[
    "function",
    "pressure",
    "counts",
    "count",
    "levels",
    "level",
    "concentration",
    "concentrations",
    "titers",
    "titres",
    "chain",
    "score",
    "scores",
    "volume",
    "excretion",
    "fraction",
    "markers",
    "biomarkers",
    "thickness",
    "density",
    "growth",
    "intensity",
    "fractures",
    "plaque",
    "size",
    "frequency",
    "episodes",
    "attacks",
    "activity",
    "burden",
    "load",
];

/// The measure that ends at `end` ("Kidney function", "mean left ventricular ejection
/// fraction"), as for [`stable_subject`], whose last word is one of `heads`.
fn subject_before(text: &str, end: usize, heads: &[&str], max_words: usize) -> Option<usize> {
    let mut start = end;
    for k in 0..max_words {
        let before = &text[..start];
        let wstart = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
            .last()
            .map_or(start, |(i, _)| i);
        if wstart == start {
            break;
        }
        let lower = before[wstart..].to_ascii_lowercase();
        // "the share count": a business figure, whatever measure noun ends it
        if BUSINESS.contains(&lower.as_str()) {
            return None;
        }
        if STOP.contains(&lower.as_str())
            || matches!(lower.as_str(), "and" | "or" | "of" | "by")
            || lower.starts_with(|c: char| c.is_ascii_digit())
        {
            break;
        }
        if k == 0
            && !heads.contains(&lower.as_str())
            && !(measure_abbreviation(&before[wstart..]) && heads == CHANGE_SUBJECTS)
        {
            return None;
        }
        start = wstart;
        if !text[..start].ends_with(' ') {
            break;
        }
        if k + 1 < max_words {
            // step over the space only when another word may follow
            let prev = text[..start - 1].chars().next_back();
            // "urinary glycosaminoglycan (uGAG) levels": the measure's abbreviation inside it
            if prev == Some(')') {
                match abbreviation_before(text, start - 1) {
                    Some(open) => {
                        start = open;
                        continue;
                    }
                    None => break,
                }
            }
            if !prev.is_some_and(|c| c.is_alphanumeric() || c == '-') {
                break;
            }
            start -= 1;
        }
    }
    // the space stepped over, when the walk ended on it
    let start = start + text[start..end].len() - text[start..end].trim_start().len();
    (start < end).then_some(start)
}

/// The end of the word before " (ABBR)" that ends at `close` (one past the ')'), when the
/// parentheses hold one short abbreviation.
fn abbreviation_before(text: &str, close: usize) -> Option<usize> {
    let head = text.get(..close - 1)?;
    let open = head.rfind('(')?;
    let inner = &head[open + 1..];
    let ok = (2..=12).contains(&inner.len())
        && inner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && inner.bytes().any(|b| b.is_ascii_uppercase());
    let word_end = open.checked_sub(1)?;
    (ok && text[..open].ends_with(' ') && text[..word_end].ends_with(|c: char| c.is_alphanumeric()))
        .then_some(word_end)
}

/// Abbreviations of business figures, never a measured quantity of patients.
const BUSINESS_ABBREVIATIONS: &[&str] = &["EBITDA", "EPS", "OPEX", "CAPEX", "SGA", "ARR", "GAAP", "COGS"];

/// A short abbreviation that names a measured quantity ("TTR", "IgE", "NfL", "HbA1c"): two to
/// six letters or digits, starting with a capital, two capitals at least.
fn measure_abbreviation(w: &str) -> bool {
    (2..=6).contains(&w.len())
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.bytes().all(|b| b.is_ascii_alphanumeric())
        && w.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !BUSINESS_ABBREVIATIONS.contains(&w)
}

/// "kidney function remained stable": a measure that did not change, from the measure to
/// "stable".
fn stable_measure(text: &str, out: &mut Vec<Candidate>) {
    if !(text.contains("stable") || text.contains("unchanged")) {
        return;
    }
    for m in STABLE.find_iter(text) {
        let Some(start) = stable_subject(text, m.start()) else {
            continue;
        };
        out.push(
            Candidate::new(Label::Outcome, Span::new(start, m.end()), "outcome.safety")
                .priority(PRIORITY)
                .attrs(Attrs {
                    kind: Some("safety"),
                    ..Attrs::default()
                }),
        );
    }
}

/// " were reduced", " declined", " rose": a verb of change after the measure it changes.
static SUBJECT_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(?:(?i:was|were|is|are)\s)?(?i:reduced|lowered|decreased|declined|fell|dropped|increased|rose|improved|slowed)\b")
        .unwrap_or_else(|e| panic!("SUBJECT_CHANGE: {e}"))
});

/// "Serum IgE levels declined by 70%": a measure changed by a value, from the measure to the
/// value.
fn subject_change_by_value(text: &str, out: &mut Vec<Candidate>) {
    if !text.contains(" by ") {
        return;
    }
    for m in SUBJECT_CHANGE.find_iter(text) {
        let Some(by) = BY_VALUE.find(&text[m.end()..]) else {
            continue;
        };
        let Some(start) = subject_before(text, m.start(), CHANGE_SUBJECTS, CHANGE_WORDS) else {
            continue;
        };
        out.push(change(Span::new(start, m.end() + by.end())));
    }
}

/// Finds negated safety statements and changes of a measure by a value in `text`.
pub(super) fn scan(text: &str, out: &mut Vec<Candidate>) {
    change_by_value(text, out);
    subject_change_by_value(text, out);
    stable_measure(text, out);
    if !(text.contains("no ") || text.contains("No ")) {
        return;
    }
    for m in OPENER.find_iter(text) {
        let len = list_end(&text[m.end()..]);
        if len == 0 {
            continue;
        }
        let end = m.end() + len;
        out.push(
            Candidate::new(Label::Outcome, Span::new(m.start(), end), "outcome.safety")
                .priority(PRIORITY)
                .attrs(Attrs {
                    kind: Some("safety"),
                    negated: Some(true),
                    ..Attrs::default()
                }),
        );
    }
}

/// A change of a measure by a value ("reduced LDL-C by 52%") as an efficacy OUTCOME.
fn change(span: Span) -> Candidate {
    Candidate::new(Label::Outcome, span, "outcome.change")
        .priority(PRIORITY)
        .attrs(Attrs {
            kind: Some("efficacy"),
            ..Attrs::default()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan(t, &mut out);
        out.iter().map(|c| &t[c.span.start..c.span.end]).collect()
    }

    #[test]
    fn lists_end_before_clauses() {
        assert_eq!(
            spans(
                "There were no clinically relevant changes in heart rate, blood pressure or ECG intervals."
            ),
            ["no clinically relevant changes in heart rate, blood pressure or ECG intervals"]
        );
        assert_eq!(
            spans("and no meaningful changes in haematology parameters, including neutrophil counts"),
            ["no meaningful changes in haematology parameters"]
        );
        assert_eq!(
            spans("no cases of hepatitis were observed"),
            ["no cases of hepatitis"]
        );
        assert_eq!(spans("no cases of 12 patients"), Vec::<&str>::new());
    }

    #[test]
    fn changes_by_value_need_a_measure_and_a_value() {
        assert_eq!(
            spans("it lowered fasting glucose by 12% overall"),
            ["lowered fasting glucose by 12%"]
        );
        assert_eq!(spans("it reduced headcount by 12%"), Vec::<&str>::new());
        assert_eq!(spans("it reduced glucose by week 12"), Vec::<&str>::new());
    }

    #[test]
    fn stable_measures_need_a_physiological_subject() {
        assert_eq!(
            spans("Overall, renal function remained stable through week 24."),
            ["renal function remained stable"]
        );
        assert_eq!(
            spans("Mean left ventricular ejection fraction was unchanged."),
            ["left ventricular ejection fraction was unchanged"]
        );
        assert_eq!(
            spans("Headcount remained stable in the quarter."),
            Vec::<&str>::new()
        );
        assert_eq!(spans("The outlook remained stable."), Vec::<&str>::new());
    }

    #[test]
    fn odd_text_is_safe() {
        for t in [
            "no cases of ",
            "No changes in (",
            "no cases of é, , or",
            "no changes in a",
            "reduced é by",
            "reduced x by 5",
            " remained stable",
            "é remained stable",
            "- was unchanged",
        ] {
            let _ = spans(t);
        }
    }
}
