//! PHASE: trial phases ("Phase I", "Phase 1b/2", "phase 3", "Phase I/IIa", "Phase 2/Phase 3"),
//! with the phase normalised to Arabic numerals ("I/IIa" -> "1/2a").
//!
//! Not a phase: "Phase 2" inside "Recommended Phase 2 Dose", and "Phase" followed by a word
//! that makes it a company name ("Phase 3 Pharmaceuticals").

use super::context::{ends_with_word, head, tail, Words};
use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use std::sync::LazyLock;

/// "Phase" (any case, also "Ph.") then one phase number, optionally a second one after
/// `/`, `-`, `–` or "to", itself optionally repeating "Phase". Numbers are Arabic 0-4 or Roman
/// I-IV, with an optional a/b/c suffix.
static PHASE: LazyLock<Regex> = LazyLock::new(|| {
    const NUM: &str = r"(?:IV|I{1,3}|[0-4])[abcABC]?";
    Regex::new(&format!(
        r"^(?:[Pp]hase|PHASE)(?:\s+|-)(?P<p>{NUM}(?:\s*(?:/|-|–|\bto\b|\band\b)\s*(?:(?:[Pp]hase|PHASE)\s*)?{NUM})?)\b"
    ))
    .expect("phase pattern")
});

/// "Phase" + number is not a trial phase when the number is followed by one of these words.
static NOT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:\s*(?:-\s*)?(?:(?:dose|doses|dosing)(?:$|[\s.,;:)])|(?:based|pharma|pharmaceuticals?|therapeutics|biosciences?|bio|inc|ltd|llc|capital|ventures|holdings|medical|technologies)\b))",
    )
    .expect("phase suffix pattern")
});

/// Normalises a phase ("I/IIa" -> "1/2a", "III" -> "3", "1b-2" -> "1b/2", "2 to 3" -> "2/3").
pub fn normalise_phase(p: &str) -> String {
    let mut out = String::new();
    let mut roman = 0u32;
    let flush = |roman: &mut u32, out: &mut String| {
        if *roman > 0 {
            out.push_str(&roman.to_string());
            *roman = 0;
        }
    };
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'I' if chars.peek() == Some(&'V') => {
                chars.next();
                roman = 4;
            }
            'I' => roman += 1,
            '/' | '-' | '–' => {
                flush(&mut roman, &mut out);
                if !out.ends_with('/') {
                    out.push('/');
                }
            }
            '0'..='9' => {
                flush(&mut roman, &mut out);
                out.push(c);
            }
            'a'..='c' | 'A'..='C' if !out.is_empty() || roman > 0 => {
                flush(&mut roman, &mut out);
                out.push(c.to_ascii_lowercase());
            }
            // "to", "and", a repeated "Phase": a separator.
            c if c.is_alphabetic() => {
                flush(&mut roman, &mut out);
                let mut word = String::from(c);
                while let Some(&n) = chars.peek() {
                    if !n.is_alphabetic() || (n == 'I' && word.len() > 1) {
                        break;
                    }
                    word.push(n);
                    chars.next();
                }
                if matches!(word.to_ascii_lowercase().as_str(), "to" | "and")
                    && !out.is_empty()
                    && !out.ends_with('/')
                {
                    out.push('/');
                }
            }
            _ => {}
        }
    }
    flush(&mut roman, &mut out);
    out
}

/// Finds PHASE candidates in `doc`: the pattern runs on a short window at each word "phase".
pub fn scan(doc: &Doc, words: &Words, out: &mut Vec<Candidate>) {
    let text = doc.text;
    for &(start, end) in &words.toks {
        if &words.lower[start..end] != "phase" {
            continue;
        }
        let window = head(text, start, 48);
        let Some(caps) = PHASE.captures(window) else {
            continue;
        };
        let (Some(m), Some(p)) = (caps.get(0), caps.name("p")) else {
            continue;
        };
        let span = Span::new(start + m.start(), start + m.end());
        // "Recommended Phase 2 Dose" names a dose, not a phase.
        if ends_with_word(tail(text, span.start, 24), "recommended") {
            continue;
        }
        if NOT_AFTER.is_match(head(text, span.end, 40)) {
            continue;
        }
        let attrs = Attrs {
            phase: Some(normalise_phase(p.as_str())),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Phase, span, "phase")
                .priority(6)
                .attrs(attrs),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_normalise_to_arabic() {
        assert_eq!(normalise_phase("I/IIa"), "1/2a");
        assert_eq!(normalise_phase("III"), "3");
        assert_eq!(normalise_phase("1b/2"), "1b/2");
        assert_eq!(normalise_phase("IV"), "4");
        assert_eq!(normalise_phase("I-II"), "1/2");
        assert_eq!(normalise_phase("IIb"), "2b");
        assert_eq!(normalise_phase("Ib/II"), "1b/2");
        assert_eq!(normalise_phase("2 to 3"), "2/3");
        assert_eq!(normalise_phase("1/Phase 2"), "1/2");
        assert_eq!(normalise_phase("IIIb"), "3b");
    }
}
