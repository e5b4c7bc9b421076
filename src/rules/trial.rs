//! TRIAL: trial and programme names, protocol numbers and registry ids.
//!
//! Evidence, strongest first:
//! - registry ids (NCT01234567, EudraCT 2019-001234-56, ISRCTN12345678, ...) and protocol
//!   numbers ("Study 301", "Protocol ABC-123");
//! - name shapes that drug codes rarely take: a word-like name and a short number
//!   (KEYNOTE-189, VERITAS-1, IMPRIME 1, ZEPHYR II), CamelCase names (TideMarK 100,
//!   RegalTEC-3, IMbrave150), name-site-number (HORIZON-Breast04);
//! - cues: a name right before "trial", "study" or "program" ("the Phase 3 ORCHID study",
//!   "the SUMMIT and BRAVADO trials"), or in apposition ("LANTERN, a Phase III trial");
//! - the document: a name found once is a trial wherever it recurs, alone or with another
//!   number (TideMarK -> "TideMarK 200"; "SHoRE-V program" -> SHoRE-V1, SHoRE-V2).
//!
//! Drug codes look alike (ABBV-399, QRZL-453, AMG 334): a name whose letters do not read as
//! a word, or has at most three letters, is not a trial name by shape alone, and names with
//! four letters and three digits get a low priority, so a DRUG code candidate wins.

use super::context::{head, tail, Words};
use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use std::sync::LazyLock;

/// Registry ids. Group `nct` is a ClinicalTrials.gov id.
static REGISTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?P<nct>NCT\d{8})\b",
        r"|(?:EudraCT|EU\s?CT)\s*(?:[Nn]umber|[Nn]o\.?|ID|#)?\s*:?\s*(?P<eudract>\d{4}-\d{6}-\d{2}(?:-\d{2})?)\b",
        r"|(?:ISRCTN\d{8}|ACTRN\d{14}|ChiCTR-?(?:[A-Z]{2,4}-)?\d{6,10}|CTRI/\d{4}/\d{2,3}/\d{5,6}",
        r"|jRCT\d{10}|JapicCTI-\d{6}|DRKS\d{8}|UMIN\d{9}|KCT\d{7}|IRCT\d{8,}N\d{1,3}|EUCTR\d{4}-\d{6}-\d{2}(?:-[A-Z]{2})?)\b)",
    ))
    .expect("registry pattern")
});

/// Protocol numbers: "Study 301", "Study CA209-227", "Protocol ABC-123", "Trial M14-031".
static PROTOCOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:Study|STUDY|Trial|TRIAL|Protocol|PROTOCOL)\s+(?:(?:[Nn]o\.|[Nn]umber|#)\s*)?",
        r"(?P<id>[A-Z]{0,4}\d{1,5}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?|[A-Z]{1,4}-[A-Z]{0,3}\d{1,6}(?:-\d{1,5})?)\b",
    ))
    .expect("protocol pattern")
});

/// Cooperative-group trial codes: "SWOG S1826", "NRG-GY018", "HPTN 083", "CALGB 40603".
static GROUP_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:SWOG|NRG-[A-Z]{2}|ECOG-ACRIN|ACTG|HPTN|HVTN|CALGB|EORTC|JCOG|NSABP|GOG|RTOG|CCTG|AIEOP-BFM)[ -]?(?:[A-Z]{1,2}-?)?\d{3,5}\b",
    )
    .expect("group code pattern")
});

/// A name with at least two capitals, optionally hyphenated ("KEYNOTE", "TideMarK",
/// "HORIZON-Breast", "SHoRE-V"), then optionally a number: hyphen, space or nothing and one
/// to three digits ("-189", " 100", "04"), or Roman numerals (" II", " II & III").
static SHAPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?P<name>[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*)",
        r"(?P<num>(?:(?:-|\x20)?[A-Z]?\d{1,3}[a-z]?\b|\x20(?:II|III|IV|VI{0,3}|IX|X)\b)",
        r"(?:\s*&\s*(?:\d{1,3}|II|III|IV|VI{0,3})\b)?)",
    ))
    .expect("trial shape pattern")
});

/// A name right before a bracketed registry id: "ATLAS (NCT01234567)".
static NCT_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<name>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:\x20(?:\d{1,3}|II|III|IV))?)\s*\(\s*$")
        .expect("trial bracket pattern")
});

/// Words that take a number or a trial cue without naming a trial (upper case).
const STOP: &[&str] = &[
    "ACR",
    "ADAS",
    "AHA",
    "ALL",
    "AND",
    "ANNEX",
    "APPENDIX",
    "ARM",
    "ASCO",
    "ASH",
    "BRCA",
    "CASE",
    "CATEGORY",
    "CDAI",
    "CDR",
    "CFR",
    "CHAPTER",
    "CHMP",
    "CLASS",
    "CLINICAL",
    "CMV",
    "COHORT",
    "COVID",
    "CTCAE",
    "CYCLE",
    "DAS",
    "DATA",
    "DAY",
    "DAYS",
    "DIVISION",
    "DOSE",
    "EASI",
    "EBV",
    "ECOG",
    "EDSS",
    "EHA",
    "EMA",
    "ESMO",
    "EXHIBIT",
    "EXTENSION",
    "FDA",
    "FEV",
    "FIGURE",
    "FORM",
    "FROM",
    "GAD",
    "GLOBAL",
    "GRADE",
    "GROUP",
    "HAM",
    "HAMA",
    "HAMD",
    "HBV",
    "HCV",
    "HER",
    "HIV",
    "HPV",
    "HSV",
    "ICD",
    "IMWG",
    "ITEM",
    "LEVEL",
    "LINE",
    "LTE",
    "MADRS",
    "MERS",
    "MMSE",
    "MONTH",
    "MONTHS",
    "NCCN",
    "NIH",
    "NIHSS",
    "NOTE",
    "NUMBER",
    "NYHA",
    "OLE",
    "PAGE",
    "PART",
    "PASI",
    "PHASE",
    "PHQ",
    "PIVOTAL",
    "PLAN",
    "POSITIVE",
    "PSLRA",
    "RECIST",
    "REGION",
    "ROUND",
    "RSV",
    "RULE",
    "SARS",
    "SCHEDULE",
    "SECTION",
    "SERIES",
    "SLEDAI",
    "STAGE",
    "STUDY",
    "TABLE",
    "THE",
    "TIER",
    "TITLE",
    "TOP",
    "TRIAL",
    "TYPE",
    "UPDRS",
    "USD",
    "VERSION",
    "VISIT",
    "WEEK",
    "WEEKS",
    "WITH",
    "YEAR",
    "YEARS",
    "ZONE",
];

/// Name prefixes that are not trials whatever follows (immunoglobulins, HbA1c, vaccines).
const STOP_PREFIX: &[&str] = &["Ig", "HbA", "ChAdOx", "SARS", "COVID", "CoV", "MedDRA"];

/// Title-case words that take a number inside a study without naming one (upper case).
const TITLE_STOP: &[&str] = &[
    "AMENDMENT",
    "BATCH",
    "BLOCK",
    "CENTER",
    "CENTRE",
    "EPOCH",
    "MODULE",
    "PARTICIPANT",
    "PATIENT",
    "PERIOD",
    "QUARTER",
    "SEGMENT",
    "SESSION",
    "SITE",
    "STEP",
    "SUBJECT",
    "SUBSTUDY",
    "TREATMENT",
    "WAVE",
];

/// Words that never name a trial before a cue, though capitalised (checked upper case).
const CUE_STOP: &[&str] = &[
    "A",
    "ALL",
    "AN",
    "AND",
    "CLINICAL",
    "CONFIRMATORY",
    "DOUBLE",
    "EXTENSION",
    "FIRST",
    "GLOBAL",
    "IN",
    "INTERNATIONAL",
    "ITS",
    "LANDMARK",
    "MAIN",
    "MULTICENTER",
    "NEW",
    "OF",
    "OPEN",
    "OUR",
    "PARENT",
    "PHASE",
    "PIVOTAL",
    "PLACEBO",
    "RANDOMIZED",
    "REGISTRATIONAL",
    "SECOND",
    "SINGLE",
    "STUDY",
    "THE",
    "THESE",
    "THIRD",
    "THIS",
    "TOPLINE",
    "TRIAL",
];

/// Well-known organisation and condition abbreviations that precede "study"/"trial" without
/// being trial names ("the NIH study", "an NSCLC trial").
const ABBREVIATIONS: &[&str] = &[
    "ACCESS", "AD", "ADC", "ALS", "AMD", "AML", "API", "ATM", "BLA", "BTD", "CAR", "CDC", "CDMO", "CEO",
    "CFO", "CKD", "CLL", "CMC", "CMO", "COPD", "CRC", "CRL", "CRO", "DDI", "DLBCL", "DME", "EAP", "ESG",
    "EU", "FIH", "GMP", "HCC", "HF", "IBD", "IIT", "IND", "IPF", "IPO", "MAA", "MAD", "MDD", "MDS", "MM",
    "MS", "MTD", "NASH", "NCI", "NDA", "NMPA", "NSCLC", "ODD", "OTC", "PD", "PDUFA", "PK", "PMDA", "PRIME",
    "PRV", "QT", "RA", "RCC", "RCT", "REMS", "RMAT", "RTOR", "RWE", "SAD", "SCLC", "SLE", "SMA", "SPA",
    "TNBC", "UC", "UK", "US", "WHO",
];

/// True when `word` is in `list`, ASCII case-insensitively; `list` is upper case and sorted.
fn in_list(list: &[&str], word: &str) -> bool {
    list.binary_search_by(|probe| probe.bytes().cmp(word.bytes().map(|b| b.to_ascii_uppercase())))
        .is_ok()
}

/// True when the letters of an upper-case name read like a word or a pronounceable
/// acronym (KEYNOTE, ECHO, CASCADE, STEP, KESTREL), not a company prefix (ABBV, QRZL, BXTQ,
/// NTLA): a vowel after the first letter, an opening cluster of at most two consonants (three
/// after S: "STR"), no run of more than three consonants (two in four-letter names).
fn pronounceable(letters: &str) -> bool {
    let bytes: Vec<u8> = letters
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let n = bytes.len();
    let is_vowel = |i: usize, b: u8| matches!(b, b'A' | b'E' | b'I' | b'O' | b'U') || (b == b'Y' && i > 0);
    let mut inner_vowel = false;
    let mut run = 0;
    let mut max_run = 0;
    let mut opening = None;
    for (i, &b) in bytes.iter().enumerate() {
        if is_vowel(i, b) {
            inner_vowel |= i > 0;
            opening.get_or_insert(run);
            run = 0;
        } else {
            run += 1;
            max_run = max_run.max(run);
        }
    }
    let opening = opening.unwrap_or(run);
    let opening_ok = opening <= 2 || (opening == 3 && bytes.first() == Some(&b'S'));
    let limit = if n <= 4 { 2 } else { 3 };
    inner_vowel && opening_ok && (max_run <= limit || (opening == max_run && opening_ok && n > 4))
}

/// How sure a name is to be a trial.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Strength {
    /// A shape that drug codes share: loses to a DRUG code candidate.
    Weak,
    /// A cue around a plain upper-case word: beats a lexicon DRUG unless the word is marked
    /// as a brand (® or ™) somewhere in the text.
    Cued,
    /// Distinctive shape, cue with a number, registry id or recurrence of a strong name.
    Strong,
}

impl Strength {
    fn priority(self) -> u8 {
        match self {
            Strength::Weak => 2,
            Strength::Cued => 6,
            Strength::Strong => 7,
        }
    }
}

/// A trial name split into its name part and number part.
struct Parts<'a> {
    name: &'a str,
    num: &'a str,
}

fn split_name(s: &str) -> Parts<'_> {
    let whole = Parts { name: s, num: "" };
    let b = s.as_bytes();
    // "ZEPHYR II & III", "ZEPHYR II": Roman numerals after a space.
    let roman_tail = |t: &str| {
        matches!(
            t,
            "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X"
        )
    };
    let mut end = b.len();
    // "ZEPHYR II & III", "ASCLEPIOS I and II": the first number stays.
    let joined = s
        .rfind(" & ")
        .map(|i| (i, 3))
        .or_else(|| s.rfind(" and ").map(|i| (i, 5)));
    if let Some((amp, len)) = joined {
        let t = &s[amp + len..];
        if roman_tail(t) || (t.len() <= 3 && t.bytes().all(|c| c.is_ascii_digit())) {
            end = amp;
        }
    }
    if let Some(sp) = s[..end].rfind(' ') {
        if roman_tail(&s[sp + 1..end]) && sp > 0 {
            return Parts {
                name: &s[..sp],
                num: &s[sp..],
            };
        }
    }
    // Digits at the end: "-189", " 100", "04", "1b"; a letter before them stays in the name
    // ("SHoRE-V1", "KEYNOTE-A18"), as in [`SHAPE`].
    let mut i = end;
    if i > 0 && b[i - 1].is_ascii_lowercase() {
        i -= 1;
    }
    let digits_end = i;
    while i > 0 && b[i - 1].is_ascii_digit() {
        i -= 1;
    }
    let digits = digits_end - i;
    if digits == 0 || digits > 3 || i == 0 {
        return whole;
    }
    if matches!(b[i - 1], b'-' | b' ') {
        i -= 1;
    }
    if i == 0 {
        return whole;
    }
    Parts {
        name: &s[..i],
        num: &s[i..],
    }
}

/// True when `name` has a lower-case letter between capitals (TideMarK, RegalTEC, IMbrave,
/// HORIZON-Breast).
fn mixed_case(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_lowercase())
}

fn stop_name(name: &str) -> bool {
    let first = name.split('-').next().unwrap_or(name);
    in_list(STOP, first)
        || in_list(STOP, name)
        || STOP_PREFIX.iter().any(|p| name.starts_with(p))
        || in_list(ABBREVIATIONS, name)
}

/// True when the words on both sides of `span` are upper case (a headline in capitals), where
/// an upper-case word proves nothing.
fn caps_context(text: &str, span: Span) -> bool {
    let is_caps_word = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let before = tail(text, span.start, 40);
    let prev = before
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = head(text, span.end, 40);
    let next = after
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    is_caps_word(prev) && is_caps_word(next)
}

/// True when a unit of measure follows byte `end` ("KEYTRUDA 200 mg": the number is a dose).
fn unit_follows(text: &str, end: usize) -> bool {
    let rest = head(text, end, 16).trim_start_matches([' ', '\u{a0}']);
    if rest.starts_with('%') {
        return true;
    }
    let word: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    matches!(
        word.as_str(),
        "mg" | "mcg"
            | "ug"
            | "µg"
            | "μg"
            | "g"
            | "kg"
            | "ng"
            | "ml"
            | "l"
            | "iu"
            | "u"
            | "unit"
            | "units"
            | "mmol"
            | "nmol"
            | "pmol"
            | "percent"
            | "cells"
            | "vg"
            | "gy"
            | "mbq"
            | "gbq"
            | "mci"
            | "mgs"
            | "milligrams"
            | "micrograms"
    )
}

/// Judges a name by its shape alone.
fn shape_strength(text: &str, span: Span, name: &str, num: &str, sep: &str) -> Option<Strength> {
    if num.is_empty() || stop_name(name) {
        return None;
    }
    // A longer code follows: "BAY 94-9343", "RECIST 1.1", "FORM 10-K".
    let after = head(text, span.end, 2);
    let next_alnum = after
        .get(1..)
        .is_some_and(|r| r.starts_with(|c: char| c.is_alphanumeric()));
    let next_digit = after
        .get(1..)
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    if (after.starts_with(['-', '.']) && next_alnum) || (after.starts_with('/') && next_digit) {
        return None;
    }
    // Inside a longer hyphenated token: "SARS-CoV-2".
    if tail(text, span.start, 1) == "-" {
        return None;
    }
    let letters = name.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let digits = num.chars().filter(|c| c.is_ascii_digit()).count();
    let roman = digits == 0;
    if mixed_case(name) {
        // CamelCase: TideMarK 100, RegalTEC-3, IMbrave150, SHoRE-V1, HORIZON-Breast04.
        if letters < 4 {
            return None;
        }
        let ends_upper = name.ends_with(|c: char| c.is_ascii_uppercase());
        if sep.is_empty() && !(ends_upper || digits >= 2) {
            return None;
        }
        return Some(Strength::Strong);
    }
    // Capitals glued to digits (BIVV001, TAK788) are drug codes far more often than trials.
    let first_part = name.split('-').next().unwrap_or(name);
    // ... but a one-letter part after a hyphen takes its number glued: KEYNOTE-A18, SUNRISE-V1.
    let letter_part = name.contains('-') && name.rsplit('-').next().is_some_and(|p| p.len() == 1);
    if letters < 4 || !pronounceable(first_part) || (sep.is_empty() && !letter_part) {
        return None;
    }
    if sep == " " && caps_context(text, span) {
        return None;
    }
    if roman || digits <= 2 || num.trim_start_matches(['-', ' ']).starts_with('0') {
        if letters == 4 && digits == 0 {
            return Some(Strength::Weak);
        }
        return Some(Strength::Strong);
    }
    if letters >= 5 {
        Some(Strength::Strong)
    } else {
        Some(Strength::Weak)
    }
}

/// Judges a name that a cue word follows or an apposition describes.
fn cued_strength(brands: &[&str], name: &str) -> Option<Strength> {
    let Parts { name: stem, num } = split_name(name);
    if brands.contains(&stem) {
        return None;
    }
    let first = stem.split([' ', '-']).next().unwrap_or(stem);
    if in_list(CUE_STOP, first) || stop_name(stem) {
        return None;
    }
    let letters = stem.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let upper = stem.chars().filter(|c| c.is_ascii_uppercase()).count();
    if let Some((title, abbr)) = stem.split_once(' ') {
        // Several upper-case words: "LIBERTY-ASTHMA QUEST", "ODYSSEY OUTCOMES".
        let all_caps = stem
            .split([' ', '-'])
            .all(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()));
        if all_caps {
            return (letters >= 6).then_some(Strength::Cued);
        }
        // "NOVA-Lx PEAK": a CamelCase name and upper-case words.
        let camel = mixed_case(title)
            && title.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
            && title.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 4;
        let rest_caps = abbr
            .split(' ')
            .all(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase()));
        if camel && rest_caps {
            return Some(Strength::Strong);
        }
        // "Beacon PD": a capitalised word and an upper-case abbreviation.
        let title_ok = title.len() >= 4
            && title.chars().skip(1).all(|c| c.is_ascii_lowercase())
            && !in_list(CUE_STOP, title);
        let abbr_ok = abbr.len() >= 2 && abbr.chars().all(|c| c.is_ascii_uppercase());
        return (title_ok && abbr_ok).then_some(Strength::Strong);
    }
    let digits = num.chars().filter(|c| c.is_ascii_digit()).count();
    // "the Tessaro-2 study": a title-case word with a short number, named by the cue.
    let titled = stem.len() >= 4
        && stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem[1..].bytes().all(|b| b.is_ascii_lowercase())
        && !in_list(TITLE_STOP, stem);
    if upper == 1 && titled && (1..=2).contains(&digits) && num.starts_with(['-', ' ']) {
        return Some(Strength::Cued);
    }
    if upper < 2 || letters < 3 {
        return None;
    }
    if !num.is_empty() {
        // A code with a cue ("the ABBV-399 study") is still the drug's code.
        // Compound words ("NORTHSTAR") have long consonant runs but several vowels; codes
        // rarely have six letters and two vowels.
        let vowels = stem.bytes().filter(|b| b"AEIOU".contains(b)).count();
        let wordlike = pronounceable(stem) || (letters >= 6 && vowels >= 2);
        if !mixed_case(stem) && (!wordlike || letters < 4) {
            return None;
        }
        return (digits <= 3).then_some(Strength::Strong);
    }
    if mixed_case(stem) {
        return Some(Strength::Strong);
    }
    (letters >= 4 && stem.chars().all(|c| c.is_ascii_uppercase() || c == '-')).then_some(Strength::Cued)
}

/// The words marked as brands in `text` ("ZYNLORA®", "KEYTRUDA™", "Lumakras(R)").
fn brand_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for mark in ["®", "™", "(R)"] {
        for (i, _) in text.match_indices(mark) {
            let w = super::context::last_word(&text[..i]);
            if !w.is_empty() && !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

struct Found {
    span: Span,
    strength: Strength,
    rule: &'static str,
    nct: Option<String>,
}

fn push(found: &mut Vec<Found>, span: Span, strength: Strength, rule: &'static str) {
    if let Some(f) = found.iter_mut().find(|f| f.span == span) {
        if strength > f.strength {
            f.strength = strength;
            f.rule = rule;
        }
        return;
    }
    found.push(Found {
        span,
        strength,
        rule,
        nct: None,
    });
}

/// The name parts that make a recurring mention a trial: the name as written and, for a
/// named trial with a number, its name alone when distinctive (TideMarK, KEYNOTE).
fn stems(name: &str) -> Option<&str> {
    let Parts { name: stem, .. } = split_name(name);
    if stem.contains(' ') || stop_name(stem) {
        return None;
    }
    let letters = stem.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let distinctive = if mixed_case(stem) {
        stem.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2 && letters >= 4
    } else {
        letters >= 5 && pronounceable(stem)
    };
    distinctive.then_some(stem)
}

const REGISTRY_PREFIXES: &[&str] = &[
    "NCT", "EudraCT", "EU", "ISRCTN", "ACTRN", "ChiCTR", "CTRI", "jRCT", "JapicCTI", "DRKS", "UMIN", "KCT",
    "IRCT", "EUCTR",
];
const GROUPS: &[&str] = &[
    "SWOG", "NRG", "ECOG", "ACTG", "HPTN", "HVTN", "CALGB", "EORTC", "JCOG", "NSABP", "GOG", "RTOG", "CCTG",
    "AIEOP",
];

fn is_cue_word(w: &str) -> bool {
    matches!(
        w,
        "trial"
            | "trials"
            | "study"
            | "studies"
            | "program"
            | "programs"
            | "programme"
            | "programmes"
            | "substudy"
            | "substudies"
            | "extension"
            | "extensions"
    )
}

/// Finds TRIAL candidates in `doc`. Each pattern runs on a short window at its anchor word.
pub fn scan(doc: &Doc, words: &Words, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let mut found: Vec<Found> = Vec::new();
    let brands = brand_words(text);
    let toks = &words.toks;
    for (k, &(start, end)) in toks.iter().enumerate() {
        let word = &text[start..end];
        let first = word.as_bytes()[0];
        if first.is_ascii_uppercase() || first == b'j' {
            let registry_like = word.bytes().any(|b| b.is_ascii_digit())
                || matches!(word, "EudraCT" | "EU" | "EUCT" | "CTRI" | "JapicCTI" | "ChiCTR");
            if registry_like && REGISTRY_PREFIXES.iter().any(|p| word.starts_with(p)) {
                registry(text, start, &brands, &mut found);
            }
            if matches!(
                word,
                "Study" | "STUDY" | "Trial" | "TRIAL" | "Protocol" | "PROTOCOL"
            ) {
                protocol(text, start, &mut found);
            }
            if GROUPS.contains(&word) {
                if let Some(m) = GROUP_CODE.find(head(text, start, 40)) {
                    push(
                        &mut found,
                        Span::new(start, start + m.end()),
                        Strength::Strong,
                        "trial.group",
                    );
                }
            }
            let after_hyphen = tail(text, start, 1) == "-";
            let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
            let hyphen_next = text[end..].starts_with('-')
                && toks
                    .get(k + 1)
                    .is_some_and(|&(s, _)| s == end + 1 && text.as_bytes()[s].is_ascii_uppercase());
            if !after_hyphen && (capitals >= 2 || hyphen_next) {
                shape(text, start, &mut found);
            }
            if !after_hyphen && capitals >= 4 && text[end..].starts_with('-') {
                suffixed(text, start, end, &mut found);
            }
        }
        if is_cue_word(&words.lower[start..end]) {
            cue(text, words, k, &brands, &mut found);
        }
    }

    propagate(text, &mut found);

    for f in found {
        let attrs = Attrs {
            nct: f.nct,
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Trial, f.span, f.rule)
                .priority(f.strength.priority())
                .attrs(attrs),
        );
    }
}

/// A registry id starting at `start`; a name in brackets before it is a trial name.
fn registry(text: &str, start: usize, brands: &[&str], found: &mut Vec<Found>) {
    let Some(caps) = REGISTRY.captures(head(text, start, 64)) else {
        return;
    };
    let Some(m) = caps.get(0) else { return };
    let nct = caps.name("nct").map(|n| n.as_str().to_string());
    // "EudraCT 2019-001234-56" is tagged whole, "EudraCT number: 2019-..." on the number.
    let span = match caps.name("eudract") {
        Some(id)
            if m.as_str()[..id.start()].split_whitespace().count() > 1
                || m.as_str()[..id.start()].contains(':') =>
        {
            Span::new(start + id.start(), start + id.end())
        }
        _ => Span::new(start, start + m.end()),
    };
    found.push(Found {
        span,
        strength: Strength::Strong,
        rule: "trial.registry",
        nct,
    });
    if let Some(c) = NCT_BRACKET.captures(tail(text, start, 60)) {
        if let Some(name) = c.name("name") {
            let base = start - tail(text, start, 60).len();
            if let Some(s) = cued_strength(brands, name.as_str()) {
                push(
                    found,
                    Span::new(base + name.start(), base + name.end()),
                    s,
                    "trial.cue",
                );
            }
        }
    }
}

/// "Study 301", "Protocol ABC-123" starting at `start`.
fn protocol(text: &str, start: usize, found: &mut Vec<Found>) {
    let Some(caps) = PROTOCOL.captures(head(text, start, 48)) else {
        return;
    };
    let (Some(m), Some(id)) = (caps.get(0), caps.name("id")) else {
        return;
    };
    let id = id.as_str();
    let is_year = id.len() == 4 && (id.starts_with("19") || id.starts_with("20"));
    if !is_year {
        push(
            found,
            Span::new(start, start + m.end()),
            Strength::Strong,
            "trial.protocol",
        );
    }
}

/// What follows a trial's word name after a hyphen when it has no number: the indication,
/// population or part of the programme ("REDWOOD-CKD", "VANTAGE-ALS", "CORAL-PsA",
/// "BEACON-OLE"). Case-sensitive.
const NAME_SUFFIXES: &[&str] = &[
    "AD", "AF", "ALS", "AML", "ASCVD", "BC", "CAD", "CF", "CKD", "CLL", "COMBO", "COPD", "CRC", "CV", "CVOT",
    "DKD", "DLBCL", "DMD", "EXT", "GC", "GVHD", "HCC", "HCM", "HF", "HFpEF", "HFrEF", "HIV", "HNSCC", "HS",
    "IBD", "IPF", "IgAN", "ITP", "LTE", "MASH", "MDD", "MDS", "MG", "MM", "MONO", "MS", "NASH", "NMOSD",
    "NSCLC", "OLE", "PAH", "PBC", "PD", "PNH", "PSC", "PsA", "PsO", "RA", "RCC", "RSV", "SCD", "SCLC", "SLE",
    "SMA", "T1D", "T2D", "TNBC", "UC",
];

/// An upper-case word name and an indication or part after a hyphen, at `start` (the word
/// ends at `end`): "REDWOOD-CKD", "HARBOR-HCM", "BEACON-OLE". Drug codes carry digits, so a
/// pronounceable word of four or more letters with such a suffix is a trial.
fn suffixed(text: &str, start: usize, end: usize, found: &mut Vec<Found>) {
    let name = &text[start..end];
    if name.len() < 4
        || !name.bytes().all(|b| b.is_ascii_uppercase())
        || !pronounceable(name)
        || stop_name(name)
        || in_list(CUE_STOP, name)
    {
        return;
    }
    let rest = &text[end + 1..];
    let suffix_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let suffix = &rest[..suffix_len];
    // "KODIAK-CRC-2": the numbered shape takes it.
    if suffix_len == 0 || !NAME_SUFFIXES.contains(&suffix) || rest[suffix_len..].starts_with('-') {
        return;
    }
    let span = Span::new(start, end + 1 + suffix_len);
    if caps_context(text, span) {
        return;
    }
    push(found, span, Strength::Strong, "trial.shape");
}

/// A name with a number starting at `start`, judged by its shape.
fn shape(text: &str, start: usize, found: &mut Vec<Found>) {
    // Cheap test first: letters and hyphens, then a digit, or a space and a digit or Roman
    // numeral.
    let look = head(text, start, 48).as_bytes();
    let letters = look
        .iter()
        .take_while(|b| b.is_ascii_alphabetic() || **b == b'-')
        .count();
    let next = |i: usize| look.get(letters + i).copied().unwrap_or(b'.');
    let numbered = next(0).is_ascii_digit()
        || (matches!(next(0), b' ' | b'-')
            && (next(1).is_ascii_digit() || matches!(next(1), b'I' | b'V' | b'X')))
        || (letters > 0 && look[letters - 1].is_ascii_digit());
    if !numbered {
        return;
    }
    let Some(caps) = SHAPE.captures(head(text, start, 48)) else {
        return;
    };
    let (Some(m), Some(name), Some(num)) = (caps.get(0), caps.name("name"), caps.name("num")) else {
        return;
    };
    let sep = match num.as_str().chars().next() {
        Some('-') => "-",
        Some(' ') => " ",
        _ => "",
    };
    let span = Span::new(start, start + m.end());
    if unit_follows(text, span.end) {
        return;
    }
    if let Some(s) = shape_strength(text, span, name.as_str(), num.as_str(), sep) {
        push(found, span, s, "trial.shape");
    }
}

/// Reads a trial name ending at word `j`, backwards: an optional number ("-189", " 100",
/// " II") after capitalised words joined by hyphens ("HORIZON-Breast", "SHoRE-V"), or a
/// capitalised word and an upper-case abbreviation ("Beacon PD"). Returns its first word.
fn read_name(text: &str, toks: &[(usize, usize)], j: usize) -> Option<usize> {
    let word = |i: usize| &text[toks[i].0..toks[i].1];
    let gap = |i: usize| &text[toks[i].1..toks[i + 1].0];
    let capital = |i: usize| word(i).starts_with(|c: char| c.is_ascii_uppercase());
    let mut i = j;
    let w = word(i);
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    // Up to three digits, or four glued by a hyphen ("GOG-3012").
    let is_num = (w.len() <= 3 && digits(w))
        || (w.len() == 4 && digits(w) && i > 0 && gap(i - 1) == "-")
        || matches!(w, "II" | "III" | "IV");
    let pair_num = |w: &str| (w.len() <= 2 && digits(w)) || matches!(w, "I" | "II" | "III" | "IV");
    // Two numbers of one name: "ASCLEPIOS I and II", "ZEPHYR 1 & 2".
    if is_num && i >= 2 && pair_num(w) {
        let joined = if gap(i - 1) == " & " {
            Some(i - 1)
        } else if i >= 3 && word(i - 1) == "and" && gap(i - 1) == " " && gap(i - 2) == " " {
            Some(i - 2)
        } else {
            None
        };
        if let Some(p) = joined.filter(|&p| pair_num(word(p)) && p > 0 && gap(p - 1) == " " && capital(p - 1))
        {
            i = p;
        }
    }
    if is_num {
        if i == 0 || !matches!(gap(i - 1), " " | "-") || !capital(i - 1) || unit_follows(text, toks[i].1) {
            return None;
        }
        i -= 1;
    } else if !capital(i) {
        return None;
    }
    while i > 0 && gap(i - 1) == "-" && capital(i - 1) {
        i -= 1;
    }
    let w = word(i);
    if i == j
        && i > 0
        && gap(i - 1) == " "
        && (2..=4).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
    {
        let prev = word(i - 1);
        if prev.len() >= 4
            && prev.starts_with(|c: char| c.is_ascii_uppercase())
            && prev[1..].bytes().all(|b| b.is_ascii_lowercase())
        {
            i -= 1;
        }
    }
    Some(i)
}

/// A phase number after "Phase" ("3", "2b", "IIa"); a lone letter ("a" or "b") is not one.
fn phase_number(w: &str) -> bool {
    w.starts_with(|c: char| matches!(c, '0'..='4' | 'I' | 'V'))
        && w.len() <= 4
        && w.chars()
            .all(|c| matches!(c, '0'..='4' | 'I' | 'V' | 'a' | 'b' | 'c' | 'A' | 'B'))
}

/// Names before the cue word `k` ("the BRAVADO trial", "SUMMIT and BRAVADO trials", "the
/// ORCHID Phase 3 study", "LANTERN, NORVANTA's Phase III trial").
fn cue(text: &str, words: &Words, k: usize, brands: &[&str], found: &mut Vec<Found>) {
    let toks = &words.toks;
    let lower = |i: usize| &words.lower[toks[i].0..toks[i].1];
    let gap = |i: usize| &text[toks[i].1..toks[i + 1].0];
    // "the SENTRY sub-study": the cue starts at "sub".
    let k = if k >= 2 && gap(k - 1) == "-" && lower(k - 1) == "sub" {
        k - 1
    } else {
        k
    };
    if k == 0 || gap(k - 1) != " " {
        return;
    }
    // Names right before the cue, with an optional "Phase 3" and descriptor in between.
    let mut j = k - 1;
    let mut steps = 0;
    while steps < 3
        && j > 0
        && matches!(
            lower(j),
            "clinical"
                | "cardiovascular"
                | "cv"
                | "kidney"
                | "renal"
                | "cardiorenal"
                | "immunogenicity"
                | "pivotal"
                | "registrational"
                | "extension"
                | "outcomes"
                | "outcome"
                | "confirmatory"
                | "safety"
                | "efficacy"
                | "ranging"
                | "finding"
                | "dose"
                | "expansion"
                | "escalation"
                | "long"
                | "term"
                | "open"
                | "label"
        )
        && matches!(gap(j - 1), " " | "-")
    {
        j -= 1;
        steps += 1;
    }
    if phase_number(&text[toks[j].0..toks[j].1]) {
        let mut p = j;
        while p > 0 && matches!(gap(p - 1), "/" | "-") && phase_number(&text[toks[p - 1].0..toks[p - 1].1]) {
            p -= 1;
        }
        if p > 1 && lower(p - 1) == "phase" && gap(p - 2) == " " {
            j = p - 2;
        }
    }
    titled_name(text, words, k, j, brands, found);
    let mut end = j;
    let mut count = 0;
    while count < 6 {
        count += 1;
        let Some(mut first) = read_name(text, toks, end) else {
            break;
        };
        // Names of several upper-case words ("LIBERTY-ASTHMA QUEST"), unless the cue itself is
        // in capitals (a headline, where every word is).
        let cue_caps = text[toks[k].0..toks[k].1].bytes().all(|b| b.is_ascii_uppercase());
        let mut extra = 0;
        while !cue_caps && extra < 3 && first > 0 && matches!(gap(first - 1), " " | "-") {
            let w = &text[toks[first - 1].0..toks[first - 1].1];
            let caps = w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
            if !caps
                || phase_number(w)
                || in_list(STOP, w)
                || in_list(CUE_STOP, w)
                || in_list(ABBREVIATIONS, w)
            {
                break;
            }
            first -= 1;
            extra += 1;
        }
        if first > 0
            && (gap(first - 1).ends_with('-') || gap(first - 1).ends_with('.'))
            && !gap(first - 1).contains(' ')
        {
            break;
        }
        let span = Span::new(toks[first].0, toks[end].1);
        if let Some(s) = cued_strength(brands, &text[span.start..span.end]) {
            push(found, span, s, "trial.cue");
        }
        if first == 0 {
            break;
        }
        let g = gap(first - 1);
        if matches!(g, ", " | "," | "/" | " / " | " & " | "&") {
            end = first - 1;
        } else if g == " "
            && first >= 2
            && matches!(lower(first - 1), "and" | "or")
            && matches!(gap(first - 2), " " | ", ")
        {
            end = first - 2;
        } else {
            break;
        }
    }
    // Names in apposition after the cue: "a Phase 3 outcomes trial, ORCHID PEAK, in 2027",
    // "two Phase 3 trials, SOLACE-1 and SOLACE-2, will start".
    if k + 1 < toks.len() && gap(k) == ", " {
        after_cue(text, words, k + 1, false, brands, found);
    }
    // "the programme, comprising ORCHID and LANTERN, ...", "two trials including SOLACE-1".
    if k + 2 < toks.len()
        && matches!(gap(k), ", " | " ")
        && matches!(lower(k + 1), "including" | "comprising" | "namely")
        && gap(k + 1) == " "
    {
        after_cue(text, words, k + 2, true, brands, found);
    }
    // A name given after the cue: "a trial called ORCHID", "the study, known as ORCHID, ...".
    let mut n = k + 1;
    if n + 1 < toks.len()
        && matches!(gap(k), " " | ", ")
        && lower(n) == "known"
        && gap(n) == " "
        && lower(n + 1) == "as"
    {
        n += 1;
    }
    if n + 1 < toks.len()
        && matches!(lower(n), "called" | "named" | "dubbed" | "as")
        && (lower(n) != "as" || n > k + 1)
        && matches!(gap(k), " " | ", ")
        && gap(n) == " "
    {
        if let Some(last) = read_name_forward(text, toks, n + 1) {
            let span = Span::new(toks[n + 1].0, toks[last].1);
            if let Some(s) = cued_strength(brands, &text[span.start..span.end]) {
                push(found, span, s, "trial.cue");
            }
        }
    }
    // A name in brackets after the cue: "a Phase 3 study (ATHENA)".
    if k + 1 < toks.len() && matches!(gap(k), " (" | "(") {
        let mut last = k + 1;
        while last + 1 < toks.len() && gap(last) == "-" {
            last += 1;
        }
        if last + 1 < toks.len() && gap(last) == " " {
            let w = &text[toks[last + 1].0..toks[last + 1].1];
            if (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())) || matches!(w, "II" | "III" | "IV") {
                last += 1;
            }
        }
        let closes = text[toks[last].1..].starts_with([')', ',', ';']);
        if closes {
            let span = Span::new(toks[k + 1].0, toks[last].1);
            if let Some(s) = cued_strength(brands, &text[span.start..span.end]) {
                push(found, span, s, "trial.cue");
            }
        }
    }
    // Apposition: "NAME, a randomized, double-blind Phase 3 trial", "NAME, NORVANTA's Phase III trial",
    // "NAME1 and NAME2, two identical 52-week, placebo- and active-controlled trials".
    if !matches!(lower(k), "trial" | "study" | "trials" | "studies") {
        return;
    }
    let mut j = k - 1;
    let mut n = 0;
    loop {
        let w = lower(j);
        let descriptive = APPOSITION_WORDS.contains(&w)
            || (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
            || phase_number(&text[toks[j].0..toks[j].1])
            // "five-week", "12-month"
            || (gap(j) == "-" && super::context::parse_number(w).is_some());
        if !descriptive || j == 0 || n > 14 || !matches!(gap(j - 1), " " | "-" | "/" | ", " | "- ") {
            break;
        }
        j -= 1;
        n += 1;
    }
    let det = matches!(
        lower(j),
        "a" | "an" | "the" | "its" | "their" | "our" | "two" | "three" | "four" | "both"
    );
    let possessive =
        matches!(gap(j), "'s " | "’s ") && text[toks[j].0..].starts_with(|c: char| c.is_ascii_uppercase());
    if j == k - 1 || !(det || possessive) || j == 0 {
        return;
    }
    // "NAME, a ... trial" or "NAME is a ... trial".
    let copula =
        det && j >= 2 && gap(j - 1) == " " && matches!(lower(j - 1), "is" | "was") && gap(j - 2) == " ";
    if gap(j - 1) != ", " && !copula {
        return;
    }
    // The name, and names listed before it ("HALO-1 and HALO-2, two identical ...").
    let mut end = if copula { j - 2 } else { j - 1 };
    for _ in 0..4 {
        let Some(first) = read_name(text, toks, end) else {
            break;
        };
        let span = Span::new(toks[first].0, toks[end].1);
        match cued_strength(brands, &text[span.start..span.end]) {
            Some(s) => push(found, span, s, "trial.cue"),
            None => break,
        }
        if first >= 2 && matches!(lower(first - 1), "and" | "or") && gap(first - 1) == " " {
            if !matches!(gap(first - 2), " " | ", ") {
                break;
            }
            end = first - 2;
        } else if first >= 1 && matches!(gap(first - 1), ", " | "/") {
            end = first - 1;
        } else {
            break;
        }
    }
}

/// Capitalised words that are no names before a lower-case "trial" or "study": origins,
/// designs, populations (checked upper case, sorted).
const TITLE_NAME_STOP: &[&str] = &[
    "AMERICAN",
    "ASIAN",
    "BASKET",
    "BRIDGING",
    "CANADIAN",
    "CHINESE",
    "COMBINATION",
    "EFFICACY",
    "EUROPEAN",
    "EXPANSION",
    "FRENCH",
    "GERMAN",
    "HEALTHY",
    "JAPANESE",
    "KOREAN",
    "MAINTENANCE",
    "MONOTHERAPY",
    "PAEDIATRIC",
    "PEDIATRIC",
    "PLATFORM",
    "SAFETY",
    "SPONSOR",
    "UMBRELLA",
];

/// One capitalised word as a trial name between a determiner or "Phase 3" and a lower-case
/// cue in running text: "the Lumos trial", "the Phase 1b/2 Sapphire study". A title-case
/// headline ("Phase 3 Pivotal Trial") capitalises every word and proves nothing.
fn titled_name(text: &str, words: &Words, k: usize, j: usize, brands: &[&str], found: &mut Vec<Found>) {
    let toks = &words.toks;
    let word = |i: usize| &text[toks[i].0..toks[i].1];
    let lower = |i: usize| &words.lower[toks[i].0..toks[i].1];
    let gap = |i: usize| &text[toks[i].1..toks[i + 1].0];
    let w = word(j);
    let titled = w.len() >= 4
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w[1..].bytes().all(|b| b.is_ascii_lowercase());
    if j != k - 1
        || j == 0
        || !titled
        || word(k) != lower(k)
        || gap(j - 1) != " "
        || brands.contains(&w)
        || [CUE_STOP, TITLE_STOP, TITLE_NAME_STOP]
            .iter()
            .any(|l| in_list(l, w))
    {
        return;
    }
    let mut p = j - 1;
    let determiner = matches!(lower(p), "the" | "a" | "an" | "its" | "our" | "their");
    if !determiner {
        // "Phase 3", "Phase 1b/2"
        while p > 0 && phase_number(word(p)) && matches!(gap(p - 1), "/" | "-") && phase_number(word(p - 1)) {
            p -= 1;
        }
        if !(phase_number(word(p)) && p > 0 && lower(p - 1) == "phase" && gap(p - 1) == " ") {
            return;
        }
    }
    push(
        found,
        Span::new(toks[j].0, toks[j].1),
        Strength::Cued,
        "trial.cue",
    );
}

/// Reads a name forwards from word `i`: capitalised words joined by hyphens, then upper-case
/// words or a trial number after spaces ("ORCHID PEAK", "SOLACE-1", "NOVA-Lx 2"). Returns its
/// last word.
fn read_name_forward(text: &str, toks: &[(usize, usize)], i: usize) -> Option<usize> {
    let word = |i: usize| &text[toks[i].0..toks[i].1];
    let capital = |i: usize| word(i).starts_with(|c: char| c.is_ascii_uppercase());
    let number =
        |w: &str| (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())) || matches!(w, "II" | "III" | "IV");
    if !capital(i) {
        return None;
    }
    let mut last = i;
    while last + 1 < toks.len() && last < i + 4 {
        let gap = &text[toks[last].1..toks[last + 1].0];
        let next = word(last + 1);
        let joined = match gap {
            "-" => capital(last + 1) || number(next),
            " " => {
                number(next)
                    || (next.len() >= 2
                        && next.bytes().all(|b| b.is_ascii_uppercase())
                        && !in_list(STOP, next)
                        && !in_list(CUE_STOP, next)
                        && !in_list(ABBREVIATIONS, next))
            }
            _ => false,
        };
        if !joined {
            break;
        }
        last += 1;
    }
    Some(last)
}

/// Names listed right after "trial, " or "trials, " and closed by a comma, a bracket or a
/// semicolon (or a full stop after "including" and the like: `listed`): the list is read first and tagged only when it closes.
fn after_cue(text: &str, words: &Words, i: usize, listed: bool, brands: &[&str], found: &mut Vec<Found>) {
    let toks = &words.toks;
    let lower = |i: usize| &words.lower[toks[i].0..toks[i].1];
    let mut spans = Vec::new();
    let mut first = i;
    for _ in 0..4 {
        let Some(last) = read_name_forward(text, toks, first) else {
            return;
        };
        let span = Span::new(toks[first].0, toks[last].1);
        let Some(s) = cued_strength(brands, &text[span.start..span.end]) else {
            return;
        };
        spans.push((span, s));
        let rest = &text[toks[last].1..];
        if last + 2 < toks.len()
            && matches!(lower(last + 1), "and" | "or")
            && matches!(&text[toks[last].1..toks[last + 1].0], " " | ", ")
        {
            first = last + 2;
        } else if last + 1 < toks.len() && text[toks[last].1..toks[last + 1].0] == *", " && spans.len() < 3 {
            // Another name in the list, or the end of the apposition: the next round tells.
            if read_name_forward(text, toks, last + 1)
                .is_some_and(|l| cued_strength(brands, &text[toks[last + 1].0..toks[l].1]).is_some())
            {
                first = last + 1;
                continue;
            }
            break;
        } else {
            let closed = rest.starts_with([',', ';', ')']) || rest.starts_with(" (");
            if !(closed || (listed && rest.starts_with('.'))) {
                return;
            }
            break;
        }
    }
    for (span, s) in spans {
        push(found, span, s, "trial.cue");
    }
}

/// Words of a trial description in apposition to its name, lower case ("a 16-week,
/// randomised, double-blind, placebo- and active-controlled Phase 2b dose-ranging study").
const APPOSITION_WORDS: &[&str] = &[
    "active",
    "adaptive",
    "and",
    "arm",
    "ascending",
    "basket",
    "blind",
    "blinded",
    "center",
    "centre",
    "clinical",
    "comparator",
    "confirmatory",
    "controlled",
    "crossover",
    "day",
    "dose",
    "double",
    "efficacy",
    "escalation",
    "expansion",
    "extension",
    "finding",
    "first",
    "global",
    "group",
    "head",
    "identical",
    "international",
    "interventional",
    "label",
    "landmark",
    "large",
    "late",
    "long",
    "month",
    "multi",
    "multicenter",
    "multicentre",
    "multinational",
    "multiple",
    "ongoing",
    "open",
    "or",
    "outcome",
    "outcomes",
    "parallel",
    "part",
    "phase",
    "pilot",
    "pivotal",
    "platform",
    "placebo",
    "prospective",
    "randomised",
    "randomized",
    "ranging",
    "registrational",
    "safety",
    "seamless",
    "second",
    "sham",
    "similar",
    "single",
    "stage",
    "term",
    "third",
    "to",
    "umbrella",
    "vehicle",
    "week",
    "year",
];

/// Tags every recurrence of a name already found (as written, or in capitals), with any
/// number that follows it, and a weak name joined by "/" or "and" to a strong one.
fn propagate(text: &str, found: &mut Vec<Found>) {
    let mut names: Vec<(String, Strength)> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for f in found.iter() {
        if f.strength == Strength::Weak || f.rule == "trial.registry" || f.rule == "trial.protocol" {
            continue;
        }
        let s = &text[f.span.start..f.span.end];
        if seen.contains(&s) {
            continue;
        }
        seen.push(s);
        let strength = if f.strength == Strength::Cued {
            Strength::Cued
        } else {
            Strength::Strong
        };
        let mut add = |n: &str| {
            if !names.iter().any(|(x, _)| x == n) {
                names.push((n.to_string(), strength));
            }
        };
        if let Some(stem) = stems(s) {
            add(stem);
            // "HALO-AD1" -> "the HALO data": the family name before a lettered part.
            if let Some((family, part)) = stem.split_once('-') {
                let family_ok = family.len() >= 4
                    && family.bytes().all(|b| b.is_ascii_uppercase())
                    && pronounceable(family)
                    && !stop_name(family)
                    && part.bytes().all(|b| b.is_ascii_alphabetic());
                if family_ok && strength == Strength::Strong {
                    add(family);
                }
            }
        } else if !s.contains(' ') || split_name(s).num.is_empty() {
            add(s);
        }
    }
    // "ECHO-301/KEYNOTE-252", "MONARCH 2 and MONARCH 3": weak names beside strong ones.
    let strong: Vec<Span> = found
        .iter()
        .filter(|f| f.strength == Strength::Strong)
        .map(|f| f.span)
        .collect();
    for f in found.iter_mut().filter(|f| f.strength == Strength::Weak) {
        let joined = strong.iter().any(|s| {
            let gap = if s.end <= f.span.start {
                text.get(s.end..f.span.start)
            } else if f.span.end <= s.start {
                text.get(f.span.end..s.start)
            } else {
                None
            };
            gap.is_some_and(|g| matches!(g.trim(), "/" | "and" | "&" | "or" | ","))
        });
        if joined {
            f.strength = Strength::Strong;
        }
    }
    for (name, strength) in names {
        let upper = name.to_ascii_uppercase();
        let variants: &[&str] = if upper == name { &[&name] } else { &[&name, &upper] };
        for v in variants {
            for (start, _) in text.match_indices(v) {
                let end = start + v.len();
                let before_ok = !tail(text, start, 4).ends_with(|c: char| c.is_alphanumeric() || c == '-');
                let rest = &text[end..];
                if !before_ok {
                    continue;
                }
                let ext = number_suffix(rest, v.ends_with(|c: char| c.is_ascii_uppercase()));
                let end = end + ext;
                if text[end..].starts_with(|c: char| c.is_alphanumeric()) {
                    continue;
                }
                if text[end..].starts_with('-') && text[end + 1..].starts_with(|c: char| c.is_alphanumeric())
                {
                    continue;
                }
                push(found, Span::new(start, end), strength, "trial.recurrence");
            }
        }
    }
}

/// The length of a trial number right after a name: "-10", " 100", "1" (after a capital),
/// " II", " II & III"; 0 when none.
fn number_suffix(rest: &str, glued_ok: bool) -> usize {
    static NUM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?P<sep>[- ])?[A-Z]?\d{1,3}[a-z]?\b|(?P<rsep>\x20)(?:II|III|IV|VI{0,3})\b)(?:\s*&\s*(?:\d{1,3}|II|III|IV)\b)?")
            .expect("trial number pattern")
    });
    match NUM.captures(rest) {
        Some(c) if c.name("sep").is_some() || c.name("rsep").is_some() || glued_ok => {
            let n = c.get(0).map_or(0, |m| m.end());
            if unit_follows(rest, n) {
                0
            } else {
                n
            }
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trials(text: &str) -> Vec<(String, u8)> {
        let doc = Doc::new(text);
        let mut out = Vec::new();
        scan(&doc, &Words::new(text), &mut out);
        let mut v: Vec<_> = out
            .iter()
            .map(|c| (text[c.span.start..c.span.end].to_string(), c.priority))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn word_lists_are_sorted_upper_case() {
        for list in [STOP, CUE_STOP, ABBREVIATIONS, TITLE_STOP, TITLE_NAME_STOP] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(list.iter().all(|w| w.to_ascii_uppercase() == *w));
        }
        assert!(in_list(STOP, "Phase") && !in_list(STOP, "KEYNOTE"));
    }

    #[test]
    fn names_split_from_their_numbers() {
        for (s, name, num) in [
            ("KEYNOTE-189", "KEYNOTE", "-189"),
            ("TideMarK 100", "TideMarK", " 100"),
            ("HORIZON-Breast04", "HORIZON-Breast", "04"),
            ("SHoRE-V1", "SHoRE-V", "1"),
            ("KEYNOTE-A18", "KEYNOTE-A", "18"),
            ("ZEPHYR II & III", "ZEPHYR", " II & III"),
            ("ZEPHYR III", "ZEPHYR", " III"),
            ("ORCHID", "ORCHID", ""),
            ("Beacon PD", "Beacon PD", ""),
        ] {
            let p = split_name(s);
            assert_eq!((p.name, p.num), (name, num), "{s}");
        }
    }

    #[test]
    fn pronounceable_names() {
        for w in [
            "KEYNOTE", "ECHO", "CASCADE", "STEP", "VANTEX", "ZENITH", "KESTREL",
        ] {
            assert!(pronounceable(w), "{w}");
        }
        for w in ["ABBV", "QRZL", "BXTQ", "AMG", "NTLA"] {
            assert!(!pronounceable(w), "{w}");
        }
    }

    #[test]
    fn shapes_cues_and_recurrence() {
        let t = "Data from the ORCHID study. ORCHID met its goal. KEYNOTE-189 and TideMarK 100; TideMarK is large.";
        let got = trials(t);
        let names: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            names,
            vec!["KEYNOTE-189", "ORCHID", "ORCHID", "TideMarK", "TideMarK 100"]
        );
    }

    #[test]
    fn drug_codes_are_not_trials() {
        assert!(trials("QRZL-453 and ABBV-399 and AMG 334 and COVID-19 and SARS-CoV-2").is_empty());
        // Four letters and three digits: a weak guess that a DRUG code beats.
        assert_eq!(trials("ECHO-301"), vec![("ECHO-301".to_string(), 2)]);
    }
}
