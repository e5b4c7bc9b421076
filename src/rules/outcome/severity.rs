//! Severity statements of safety results: "mostly grade 1 or 2", "all mild", "mostly mild to
//! moderate", "was grade 1 or 2", "one grade 5 event", "grade 3 or higher events".
//!
//! They qualify adverse events named earlier in the sentence, so they are spans of their own.
//! Each occurrence of "grade" or "mild" is checked with an anchored pattern; the statement
//! needs a quantifier ("mostly", "all"), a linking verb ("was"), or an event noun after the
//! grade, and must not be the modifier of a following outcome term ("mostly grade 1 adverse
//! events" is one phrase of the adverse-event rules).

use super::terms::Head;
use super::{heads_in, prev_token, window, PHRASE_PRIORITY};
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use std::sync::LazyLock;

/// A grade or a severity, anchored at "grade"/"mild": "grade 1 or 2", "grade ≥3", "grade 3 or
/// higher", "mild to moderate", "mild and transient".
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:(?i:grade)\s?(?:≥|>=|>|≤|<=|=)?\s?(?:[1-5]|(?i:one|two|three|four|five))(?:\s?(?:-|–|/|(?i:or|to|and))\s?(?:[1-5]|(?i:two|three|four|five)))?(?:\s(?i:or|and)\s(?i:higher|greater|above|more|lower|less|below))?(?:\s(?i:treatment-related\s|treatment-emergent\s|serious\s)?(?P<ev>(?i:events?|AEs?|TEAEs?|TRAEs?)))?|(?i:mild)(?:\s(?:to|or|and)\s(?i:moderate))?(?:(?:,|\sand|\sor)\s(?:(?i:always|usually|generally|mostly|fully|all)\s)?(?i:transient|reversible|short-lived|self-limiting|self-limited|manageable))?(?:\s(?i:in\s(?:severity|intensity|nature)))?)\b",
    )
    .unwrap_or_else(|e| panic!("severity BODY: {e}"))
});

/// Words that say how many of the events had that severity.
const QUANTIFIERS: &[&str] = &[
    "mostly",
    "predominantly",
    "mainly",
    "primarily",
    "largely",
    "generally",
    "all",
    "majority",
    "typically",
    "usually",
];

/// Linking verbs before a severity statement ("were mostly mild", "was grade 1 or 2").
const LINKS: &[&str] = &["was", "were", "is", "are", "been", "remained"];

/// Counts before a graded event ("one grade 5 event", "no grade 4 events").
const COUNTS: &[&str] = &[
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Words before a graded event that make it a category ("the most common grade 3 events").
const CATEGORY_BEFORE: &[&str] = &["the", "common", "frequent", "of", "these", "any"];

fn word_lower(text: &str, tok: (usize, usize)) -> String {
    text[tok.0..tok.1].to_ascii_lowercase()
}

/// True when `pos` starts a word: the character before it is not a letter or digit.
fn word_start(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Finds severity statements in `text`, given the outcome heads of the text (sorted).
pub(super) fn scan(text: &str, heads: &[Head], out: &mut Vec<Candidate>) {
    let mut from = 0;
    while let Some(at) = next_anchor(text, from) {
        from = at + 1;
        if !word_start(text, at) {
            continue;
        }
        let w = window(text, at, 120);
        let Some(c) = BODY.captures(w) else {
            continue;
        };
        let body_end = at + c.get(0).map_or(0, |m| m.end());
        let event = c.name("ev").is_some();
        // the modifier of a following outcome term belongs to that term's phrase
        let rest = text[body_end..].trim_start_matches([' ', '\t']);
        let next_at = text.len() - rest.len();
        if rest.starts_with(|c: char| c.is_alphanumeric())
            && heads_in(heads, next_at, next_at + 1)
                .first()
                .is_some_and(|h| h.start == next_at)
        {
            continue;
        }
        let mut start = at;
        let prev = prev_token(text, at);
        let prev_word = prev.map(|t| word_lower(text, t)).unwrap_or_default();
        let accepted = if QUANTIFIERS.contains(&prev_word.as_str()) {
            let q = prev.map_or(at, |t| t.0);
            // "nearly all", "the majority were": the quantifier follows a verb, a comma or
            // another quantifier word; "with mostly mild disease" is a description.
            let before = prev_token(text, q);
            let before_word = before.map(|t| word_lower(text, t)).unwrap_or_default();
            let clause_start = text[..q].trim_end().ends_with([',', ';', '(', ':']);
            start = if matches!(before_word.as_str(), "nearly" | "almost") {
                before.map_or(q, |t| t.0)
            } else {
                q
            };
            clause_start
                || LINKS.contains(&before_word.trim_end_matches(',').to_string().as_str())
                || matches!(before_word.as_str(), "nearly" | "almost" | "which")
        } else if event {
            if COUNTS.contains(&prev_word.as_str()) {
                start = prev.map_or(at, |t| t.0);
            }
            // "the most frequent grade 3 events were ...": a category, not a result
            !CATEGORY_BEFORE.contains(&prev_word.as_str())
        } else {
            // "CRS was grade 1 or 2": a grade after a linking verb
            LINKS.contains(&prev_word.as_str()) && text[at..].starts_with(['g', 'G'])
        };
        if !accepted {
            continue;
        }
        let attrs = Attrs {
            kind: Some("safety"),
            measure: Some("severity"),
            negated: (text[start..at].to_ascii_lowercase().starts_with("no ")).then_some(true),
            ..Attrs::default()
        };
        out.push(
            Candidate::new(Label::Outcome, Span::new(start, body_end), "outcome.safety")
                .priority(PHRASE_PRIORITY)
                .attrs(attrs),
        );
        from = body_end;
    }
}

/// The next "grade" or "mild" (any case) at or after `from`.
fn next_anchor(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i + 4 <= bytes.len() {
        let b = bytes[i] | 0x20;
        if (b == b'g' && bytes.len() >= i + 5 && bytes[i + 1..i + 5].eq_ignore_ascii_case(b"rade"))
            || (b == b'm' && bytes[i + 1..i + 4].eq_ignore_ascii_case(b"ild"))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::terms;
    use super::*;

    fn found(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        scan(t, &terms::find(t), &mut out);
        out.iter().map(|c| &t[c.span.start..c.span.end]).collect()
    }

    #[test]
    fn quantified_linked_and_counted_severities() {
        assert_eq!(
            found("Events were mostly grade 1 or 2."),
            vec!["mostly grade 1 or 2"]
        );
        assert_eq!(
            found("Nausea, mostly mild to moderate, resolved."),
            vec!["mostly mild to moderate"]
        );
        assert_eq!(found("CRS was grade 1 or 2 in all."), vec!["grade 1 or 2"]);
        assert_eq!(found("with one grade 5 event."), vec!["one grade 5 event"]);
        assert_eq!(
            found("including grade 3 or higher events in 6%"),
            vec!["grade 3 or higher events"]
        );
    }

    #[test]
    fn descriptions_and_modifiers_are_left_out() {
        assert!(found("patients with mostly mild disease").is_empty());
        assert!(found("mostly grade 1 adverse events").is_empty());
        assert!(found("a grade 2 rash").is_empty());
        assert!(found("were the most frequent grade 3 events").is_empty());
        assert!(found("upgraded, mildly").is_empty());
        assert!(found("mild").is_empty());
    }
}
