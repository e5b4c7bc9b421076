//! DRUG: lexicon names, development codes, INN stems and the ®/™ brand cue.

use super::{compile, Doc};
use crate::entity::{Attrs, Label, Span};
use crate::lexicon;
use crate::resolve::Candidate;
use crate::text::{at_word_boundaries, char_before, is_word_char};
use regex::Regex;
use std::sync::LazyLock;

/// Development-code patterns: `(rule id, regex)`.
const CODE_RULES: &[(&str, &str)] = &[
    // SAR566658, MLN2704, MK-3475, ABBV-399, AMG 334, BAY 94-9343, mRNA-1273, HS-110
    (
        "drug.code",
        r"\b(?:[A-Z]{2,5}|mRNA|[A-Z][a-z][A-Z]{1,3})(?:-| )?\d{3,7}(?:-\d{2,5})?\b|\bBAY \d{2}-\d{4}\b",
    ),
    // T-DM1, DS-8201a: letters, hyphen, letters and digits
    ("drug.code", r"\b[A-Z]{1,3}-[A-Z]{1,3}\d{1,4}[a-z]?\b"),
];

/// INN stems that mark a generic name on their own: `-mab`, `-tinib`, ...
const STEMS: &[&str] = &[
    "mab",
    "tinib",
    "ciclib",
    "parib",
    "rafenib",
    "lisib",
    "vedotin",
    "tansine",
    "tecan",
    "siran",
    "glutide",
    "gliflozin",
    "gliptin",
    "zomib",
    "lidomide",
    "platin",
    "taxel",
    "rubicin",
    "leucel",
    "sertib",
    "degib",
];

static CODES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| compile(CODE_RULES));
static STEM_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<&str> = STEMS.to_vec();
    Regex::new(&format!(r"\b[A-Za-z][a-z]{{3,}}(?:{})\b", alts.join("|"))).unwrap()
});
static BRAND_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Z][A-Za-z0-9\-]{2,}(?:®|™|\(R\)|\(TM\))").unwrap());

/// Codes and capitalised words that look like drugs but are not.
const NOT_CODES: &[&str] = &[
    "COVID", "NCT", "ISO", "SARS", "ESMO", "ASCO", "ASH", "AACR", "EADV", "FY", "NASDAQ", "NYSE", "TSE",
    "LSE", "EU", "US", "CEO", "BLA", "NDA", "IND", "MAA", "PDUFA",
];

/// Words that end in a drug stem but are ordinary English ("treatment", "segment", "comment").
const NOT_STEM_WORDS: &[&str] = &[
    "treatment",
    "segment",
    "comment",
    "development",
    "assessment",
    "management",
    "statement",
    "enrollment",
    "enrolment",
    "improvement",
    "agreement",
    "investment",
    "payment",
    "environment",
    "achievement",
    "requirement",
    "measurement",
    "commitment",
    "department",
    "announcement",
    "advancement",
    "replacement",
    "engagement",
    "placement",
    "settlement",
    "equipment",
    "experiment",
    "document",
    "moment",
    "element",
    "supplement",
    "argument",
    "peptide",
    "nucleotide",
    "oligonucleotide",
    "polypeptide",
    "tide",
    "establishment",
    "retirement",
    "impairment",
    "endorsement",
    "recruitment",
    "government",
    "refinement",
    "alignment",
    "judgment",
    "judgement",
    "instrument",
    "adjustment",
    "pediment",
    "sediment",
    "sentiment",
    "reimbursement",
    "involvement",
    "employment",
    "fragment",
    "concept",
    "except",
    "accept",
    "intercept",
    "percept",
    "receptor",
];

/// Finds DRUG candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    // Lexicon: try each word start.
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let starts_word = is_word_char(c) && !prev.is_some_and(is_word_char);
        prev = Some(c);
        if !starts_word {
            continue;
        }
        if let Some(m) = lexicon::longest_at(text, i) {
            let attrs = Attrs {
                kind: Some(m.kind.as_str()),
                canonical: Some(m.canonical(text)),
                ..Attrs::default()
            };
            out.push(
                Candidate::new(Label::Drug, Span::new(i, m.end), "drug.lexicon")
                    .priority(5)
                    .attrs(attrs),
            );
        }
    }
    for (id, re) in CODES.iter() {
        for m in re.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            let prefix: String = m
                .as_str()
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if NOT_CODES.iter().any(|w| w.eq_ignore_ascii_case(&prefix)) || !at_word_boundaries(text, span) {
                continue;
            }
            let attrs = Attrs {
                kind: Some("code"),
                canonical: lexicon::canonical(m.as_str()),
                ..Attrs::default()
            };
            out.push(Candidate::new(Label::Drug, span, id).priority(3).attrs(attrs));
        }
    }
    for m in STEM_WORD.find_iter(text) {
        let word = m.as_str();
        if NOT_STEM_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            continue;
        }
        // A stem word inside a hyphenated compound is tagged alone only at its start.
        if char_before(text, m.start()) == Some('-') {
            continue;
        }
        let attrs = Attrs {
            kind: Some("generic"),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Drug, Span::new(m.start(), m.end()), "drug.stem")
                .priority(2)
                .attrs(attrs),
        );
    }
    for m in BRAND_CUE.find_iter(text) {
        let name_end = m
            .as_str()
            .find(['®', '™', '('])
            .map_or(m.end(), |k| m.start() + k);
        let attrs = Attrs {
            kind: Some("brand"),
            canonical: lexicon::canonical(&text[m.start()..name_end]),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Drug, Span::new(m.start(), name_end), "drug.brand_cue")
                .priority(4)
                .attrs(attrs),
        );
    }
}
