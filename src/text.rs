//! Small text helpers shared by the rules: word boundaries, sentence spans, trimming.

use crate::entity::Span;

/// True for characters that continue a word (letters, digits, `_`).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The character that ends just before byte `i`, if any.
#[inline]
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The character that starts at byte `i`, if any.
#[inline]
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// True when `span` starts and ends at word boundaries: the characters just outside it are not
/// word characters (or the span's own edge characters are not).
pub fn at_word_boundaries(text: &str, span: Span) -> bool {
    let first = char_at(text, span.start);
    let last = char_before(text, span.end);
    let before = char_before(text, span.start);
    let after = char_at(text, span.end);
    let left_ok = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    };
    let right_ok = match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)),
        _ => true,
    };
    left_ok && right_ok
}

/// The nearest char boundary at or before byte `i` (clamped to the text).
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after byte `i` (clamped to the text).
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Splits `text` into sentence spans. A sentence ends at `.`, `!` or `?` followed by white
/// space and an upper-case letter, digit or quote, at `;` bullets, and at every line break.
/// Abbreviations such as "Dr." or "vs." or decimals never end a sentence.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_here = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                let next = bytes.get(i + 1).copied();
                let after_space = matches!(next, Some(b' ' | b'\t'));
                after_space && !is_abbreviation(text, i) && next_starts_sentence(bytes, i + 1)
            }
            _ => false,
        };
        if end_here {
            push_trimmed(text, start, i + 1, &mut out);
            start = i + 1;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn next_starts_sentence(bytes: &[u8], mut i: usize) -> bool {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    match bytes.get(i) {
        Some(c) => c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, b'"' | b'\'' | b'(' | 0xE2),
        None => true,
    }
}

const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "vs", "no", "inc", "ltd", "corp", "co", "approx", "e.g", "i.e", "al", "fig",
    "ref", "st", "jr", "sr", "u.s", "ph.d", "m.d", "n.j", "mass", "calif",
];

fn is_abbreviation(text: &str, dot: usize) -> bool {
    let head = &text[..dot];
    // The separator may be several bytes long (U+00A0, U+2028, ...).
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &head[word_start..];
    if word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        return true; // an initial: "Howard I. Scher"
    }
    ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

/// Shrinks `span` so it has no leading or trailing white space or sentence punctuation
/// (`.,;:`), as the guide requires of every span.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let is_trim = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.');
    let trimmed_start = s.trim_start_matches(is_trim);
    let start = span.start + (s.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(is_trim);
    Span::new(start, start + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_decimals() {
        let t = "Dr. Smith gave 2.5 mg. The ORR was 40% vs. 20%. Next line\nsecond line";
        assert_eq!(
            sents(t),
            vec![
                "Dr. Smith gave 2.5 mg.",
                "The ORR was 40% vs. 20%.",
                "Next line",
                "second line"
            ]
        );
    }

    #[test]
    fn char_boundaries() {
        let t = "aé😀";
        assert_eq!(floor_boundary(t, 2), 1);
        assert_eq!(ceil_boundary(t, 2), 3);
        assert_eq!(floor_boundary(t, 5), 3);
        assert_eq!(ceil_boundary(t, 99), t.len());
    }

    #[test]
    fn multi_byte_spaces_before_a_full_stop() {
        let t = "Dose 5\u{2009}mg.\u{2009}x. Next";
        assert_eq!(sents(t).len(), 2);
    }

    #[test]
    fn multi_byte_white_space_before_a_full_stop() {
        // A no-break space (2 bytes) and a line separator (3 bytes) before "x. Next".
        for t in ["a\u{a0}x. Next", "a\u{2028}Dr. Next", "\u{a0}. A"] {
            let got = sents(t);
            assert!(!got.is_empty(), "{t:?}");
        }
        assert_eq!(sents("see\u{a0}Dr. Smith"), vec!["see\u{a0}Dr. Smith"]);
    }

    #[test]
    fn word_boundaries() {
        let t = "xMK-3475 MK-3475, mg";
        assert!(!at_word_boundaries(t, Span::new(1, 8)));
        assert!(at_word_boundaries(t, Span::new(9, 16)));
        assert!(at_word_boundaries(t, Span::new(18, 20)));
    }

    #[test]
    fn trims_spaces_and_punctuation() {
        let t = " 200 mg, ";
        let s = trim_span(t, Span::new(0, t.len()));
        assert_eq!(&t[s.start..s.end], "200 mg");
    }
}
