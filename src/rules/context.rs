//! Context labels: CONDITION, PHASE, TRIAL and COHORT, one module each
//! ([`super::condition`], [`super::phase`], [`super::trial`], [`super::cohort`]), and the small
//! text and number helpers they share.

use super::Doc;
use crate::resolve::Candidate;

/// Finds CONDITION, PHASE, TRIAL and COHORT candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let words = Words::new(doc.text);
    super::phase::scan(doc, &words, out);
    super::trial::scan(doc, &words, out);
    super::cohort::scan(doc, &words, out);
    super::condition::scan(doc, &words, out);
}

/// The words of a text, computed once for the four context rules, which look for their
/// anchor words here and run their patterns only on short windows around them.
pub struct Words {
    /// The text with ASCII letters lower-cased (same byte offsets).
    pub lower: String,
    /// Word spans, see [`tokens`].
    pub toks: Vec<(usize, usize)>,
}

impl Words {
    /// Splits `text` into words.
    pub fn new(text: &str) -> Words {
        Words {
            lower: text.to_ascii_lowercase(),
            toks: tokens(text),
        }
    }
}

pub(crate) fn is_apostrophe_before(text: &str, i: usize) -> bool {
    text[..i].ends_with('\'') || text[..i].ends_with('’')
}

/// Word spans: runs of letters and digits (any script), without the "s" of a possessive
/// ("Crohn's" is one word; the "'s" stays in the gap after it).
pub(crate) fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = raw_tokens(text);
    out.retain(|&(s, e)| !(e == s + 1 && text.as_bytes()[s] == b's' && is_apostrophe_before(text, s)));
    out
}

fn raw_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            i = word_end(text, i + 1);
            out.push((start, i));
        } else if b >= 0x80 {
            match text[i..].chars().next() {
                Some(ch) if ch.is_alphanumeric() => {
                    let start = i;
                    i = word_end(text, i + ch.len_utf8());
                    out.push((start, i));
                }
                Some(ch) => i += ch.len_utf8(),
                None => break,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The end of the run of letters and digits (any script) that goes on at byte `i`.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphanumeric() {
            i += 1;
        } else if c >= 0x80 {
            match text[i..].chars().next() {
                Some(ch) if ch.is_alphanumeric() => i += ch.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

/// At most the last `max` bytes of `text[..end]`, starting on a char boundary.
pub(crate) fn tail(text: &str, end: usize, max: usize) -> &str {
    let end = end.min(text.len());
    let mut start = end.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..end).unwrap_or("")
}

/// At most the first `max` bytes of `text[start..]`, ending on a char boundary.
pub(crate) fn head(text: &str, start: usize, max: usize) -> &str {
    let start = start.min(text.len());
    let mut end = (start + max).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end).unwrap_or("")
}

/// True when `s`, without trailing white space, ends with the whole word `word` (ASCII case
/// insensitive).
pub(crate) fn ends_with_word(s: &str, word: &str) -> bool {
    let s = s.trim_end();
    if s.len() < word.len() || !s.is_char_boundary(s.len() - word.len()) {
        return false;
    }
    let (rest, last) = s.split_at(s.len() - word.len());
    last.eq_ignore_ascii_case(word) && !rest.chars().next_back().is_some_and(|c| c.is_alphanumeric())
}

/// The last word of `s` (letters, digits, `'`, `’`, `-`), ignoring trailing spaces.
pub(crate) fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.'))
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The multiplier named by `w` ("hundred" -> 100, "thousand", "million", "billion").
fn scale_word(w: &str) -> Option<u64> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// The value of one number word below a hundred ("seven" -> 7, "forty" -> 40).
fn small_word(w: &str) -> Option<u64> {
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    TENS.iter()
        .position(|t| !t.is_empty() && *t == w)
        .map(|i| i as u64 * 10)
}

/// Parses spelled-out numbers and digits with scale words: "thirty-four" -> 34,
/// "two hundred and five" -> 205, "5,000" -> 5000, "1.2 million" -> 1200000,
/// "one thousand two hundred" -> 1200. Words other than number words, "and" and "a" end the
/// number; `None` when no number starts `s`.
pub fn parse_number(s: &str) -> Option<u64> {
    let s = s.trim();
    let lead: &str = {
        let end = s
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(s.len());
        s[..end].trim_end_matches([',', '.'])
    };
    if !lead.is_empty() && lead.starts_with(|c: char| c.is_ascii_digit()) {
        let digits: String = lead.chars().filter(|&c| c != ',').collect();
        let value = crate::num::parse_f64(&digits)?;
        let rest = s[lead.len()..].trim_start();
        let word = rest
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let scale = match word.as_str() {
            "thousand" | "million" | "billion" => scale_word(&word).unwrap_or(1),
            _ => 1,
        };
        let v = value * scale as f64;
        return (v.is_finite() && (0.0..1e15).contains(&v)).then(|| v.round() as u64);
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut seen = false;
    for w in s.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() {
            continue;
        }
        let w = w.to_ascii_lowercase();
        if let Some(v) = small_word(&w) {
            current = current.checked_add(v)?;
            seen = true;
        } else if w == "hundred" {
            current = current.max(1).checked_mul(100)?;
            seen = true;
        } else if let Some(m) = scale_word(&w) {
            total = total.checked_add(current.max(1).checked_mul(m)?)?;
            current = 0;
            seen = true;
        } else if w == "a" || (w == "and" && seen) {
            continue;
        } else {
            break;
        }
    }
    seen.then_some(total + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_and_digits() {
        assert_eq!(parse_number("thirty-four"), Some(34));
        assert_eq!(parse_number("two hundred and five patients"), Some(205));
        assert_eq!(parse_number("5,000 patients"), Some(5000));
        assert_eq!(parse_number("1.2 million people"), Some(1_200_000));
        assert_eq!(parse_number("One additional patient"), Some(1));
        assert_eq!(parse_number("one thousand two hundred"), Some(1200));
        assert_eq!(parse_number("a hundred"), Some(100));
        assert_eq!(parse_number("twelve"), Some(12));
        assert_eq!(parse_number("patients"), None);
        assert_eq!(parse_number("and"), None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        let samples = [
            "pre-treated patients",
            "-treated patients",
            "n=",
            "N = 1,",
            "Phase",
            "Phase I/",
            "(AD) AD’s disease (",
            "KEYNOTE-",
            "-1 trial",
            "Study ",
            ", a Phase 3 trial",
            "’s disease",
            "NCT0123",
            "EudraCT 2019-",
            "ünïcödé—Phase Ⅱ – 34 patiënts • n＝4 ® ™ (R)",
            "more than",
            "HER2-positive",
            "two hundred and",
            "and other cancers",
            "or refractory multiple myeloma (",
        ];
        for s in samples {
            for (i, _) in s.char_indices() {
                for t in [&s[i..], &s[..i]] {
                    let doc = Doc::new(t);
                    let mut out = Vec::new();
                    scan(&doc, &mut out);
                    for c in &out {
                        assert!(t.is_char_boundary(c.span.start) && t.is_char_boundary(c.span.end));
                        assert!(c.span.start <= c.span.end && c.span.end <= t.len());
                    }
                }
            }
        }
    }

    #[test]
    fn text_helpers_respect_char_boundaries() {
        let t = "für Phase";
        assert_eq!(tail(t, 3, 2), "ü");
        assert_eq!(tail(t, 3, 1), "");
        assert_eq!(head(t, 0, 2), "f");
        assert!(ends_with_word("the Recommended ", "recommended"));
        assert!(!ends_with_word("unrecommended", "recommended"));
        assert_eq!(last_word("in the Alzheimer’s"), "Alzheimer’s");
    }
}
