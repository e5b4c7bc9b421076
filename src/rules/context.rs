//! Context labels: CONDITION, PHASE, TRIAL and COHORT.

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::resolve::Candidate;
use regex::Regex;
use std::sync::LazyLock;

static PHASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:phase)\s+(?P<p>(?:IV|I{1,3}|[1-4])[abAB]?(?:\s*(?:/|-|–)\s*(?:IV|I{1,3}|[1-4])[abAB]?)?)\b",
    )
    .unwrap()
});
static RP2D: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\brecommended\s+phase\s+(?:2|II)\s+dose").unwrap());
static NCT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bNCT\d{8}\b").unwrap());
static TRIAL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    // KEYNOTE-189, DESTINY-Breast04, CARTITUDE-1: a capitalised name, a hyphen, digits.
    Regex::new(r"\b[A-Z][A-Za-z]*[A-Z]{2,}[a-z]*(?:-[A-Z][a-z]+)?-\d{1,3}\b").unwrap()
});
static COHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:more than|over|approximately|about|nearly|almost|up to)\s+)?(?:\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\s+(?:(?:evaluable|eligible|adult|pediatric|additional|enrolled|treated|randomized)\s+)?(?:patients?|participants?|subjects?|people|adults|children|volunteers|women|men)\b|\bn\s?=\s?\d+",
    )
    .unwrap()
});
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:(?:metastatic|advanced|relapsed|refractory|recurrent|early|locally advanced|unresectable|HER2[- ]positive|HER2[- ]negative|triple[- ]negative|non-small cell|small cell|castration-resistant|prostate|breast|lung|ovarian|colorectal|gastric|pancreatic|bladder|renal|cervical|endometrial|head and neck|multiple|plaque|moderate(?: to severe)?|severe|chronic|acute|type [12])\s+)*(?:breast|lung|ovarian|colorectal|gastric|pancreatic|prostate|bladder|renal cell|cervical|endometrial|liver)\s+(?:cancer|carcinoma)s?\b|\b(?:(?:multiple|relapsed|refractory)\s+)*myeloma\b|\b(?:type [12] )?diabetes\b|\bAlzheimer(?:'s|’s)? disease\b|\bpsoriasis\b|\bCrohn(?:'s|’s)? disease\b|\bulcerative colitis\b",
    )
    .unwrap()
});

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
];

/// Normalises a phase ("I/IIa" -> "1/2a", "III" -> "3").
pub fn normalise_phase(p: &str) -> String {
    let mut out = String::new();
    let mut roman = 0u32;
    let flush = |roman: &mut u32, out: &mut String| {
        if *roman > 0 {
            out.push_str(&roman.to_string());
            *roman = 0;
        }
    };
    let chars: Vec<char> = p.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            'I' if chars.get(i + 1) == Some(&'V') => {
                roman = 4;
                i += 1;
            }
            'I' => roman += 1,
            '/' | '-' | '–' => {
                flush(&mut roman, &mut out);
                out.push('/');
            }
            c if c.is_whitespace() => {}
            c => {
                flush(&mut roman, &mut out);
                out.push(c.to_ascii_lowercase());
            }
        }
        i += 1;
    }
    flush(&mut roman, &mut out);
    out
}

fn count_of(s: &str) -> Option<u64> {
    let lower = s.to_lowercase();
    let digits: String = lower
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .find(|w| w.chars().any(|c| c.is_ascii_digit()))
        .unwrap_or("")
        .replace(',', "");
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    lower
        .split_whitespace()
        .find_map(|w| NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v))
}

/// Finds CONDITION, PHASE, TRIAL and COHORT candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let blocked: Vec<Span> = RP2D
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    for caps in PHASE.captures_iter(text) {
        let (Some(m), Some(p)) = (caps.get(0), caps.name("p")) else {
            continue;
        };
        let span = Span::new(m.start(), m.end());
        if blocked.iter().any(|b| b.contains(&span)) {
            continue;
        }
        let attrs = Attrs {
            phase: Some(normalise_phase(p.as_str())),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Phase, span, "context.phase")
                .priority(6)
                .attrs(attrs),
        );
    }
    for m in NCT.find_iter(text) {
        let attrs = Attrs {
            nct: Some(m.as_str().to_string()),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Trial, Span::new(m.start(), m.end()), "context.nct")
                .priority(6)
                .attrs(attrs),
        );
    }
    for m in TRIAL_NAME.find_iter(text) {
        out.push(
            Candidate::new(Label::Trial, Span::new(m.start(), m.end()), "context.trial_name").priority(4),
        );
    }
    for m in COHORT.find_iter(text) {
        let attrs = Attrs {
            count: count_of(m.as_str()),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Cohort, Span::new(m.start(), m.end()), "context.cohort")
                .priority(4)
                .attrs(attrs),
        );
    }
    for m in CONDITION.find_iter(text) {
        out.push(
            Candidate::new(
                Label::Condition,
                Span::new(m.start(), m.end()),
                "context.condition",
            )
            .priority(1),
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
    }

    #[test]
    fn counts_digits_and_words() {
        assert_eq!(count_of("5,000 patients"), Some(5000));
        assert_eq!(count_of("thirty patients"), Some(30));
        assert_eq!(count_of("n=44"), Some(44));
    }
}
