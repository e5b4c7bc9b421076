//! Document-level propagation: a drug name recognised once in a text is recognised at every
//! occurrence, with the same attributes (a brand found by its ® cue in the headline is found
//! again where the body uses it bare).
//!
//! Runs after [`crate::resolve::resolve`], on its sorted, disjoint candidates. An occurrence is
//! tagged when it stands at word boundaries and overlaps nothing, or only shorter DRUG
//! candidates that it replaces. Case may differ (headline capitals, sentence starts), except
//! that a name written with capitals is not matched in all-lower-case text, where it could be
//! an ordinary word.

use crate::entity::{Label, Span};
use crate::resolve::Candidate;
use crate::text::{char_at, char_before, is_word_char};

/// The rule id of propagated candidates.
pub const RULE: &str = "drug.propagated";

/// Adds the other occurrences of every DRUG name in `cands` (sorted by start, disjoint), and
/// keeps them sorted and disjoint.
pub fn propagate(text: &str, cands: &mut Vec<Candidate>) {
    // Distinct names, longest first so that "octreotide LAR" is placed before "octreotide".
    let mut names: Vec<(&str, usize)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if c.label != Label::Drug {
            continue;
        }
        let Some(name) = text.get(c.span.start..c.span.end) else {
            continue;
        };
        if name.len() >= 2 && !names.iter().any(|(n, _)| *n == name) {
            names.push((name, i));
        }
    }
    if names.is_empty() {
        return;
    }
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    // First bytes of the names, folded: a cheap filter at each word start.
    let mut first = [false; 256];
    for (n, _) in &names {
        first[usize::from(n.as_bytes()[0].to_ascii_lowercase())] = true;
    }
    let mut added: Vec<Candidate> = Vec::new();
    let bytes = text.as_bytes();
    let mut prev_word = false;
    for (i, ch) in text.char_indices() {
        let word = is_word_char(ch);
        let starts = word && !prev_word;
        prev_word = word;
        if !starts || !first[usize::from(bytes[i].to_ascii_lowercase())] {
            continue;
        }
        if char_before(text, i) == Some('-') && i >= 2 && char_before(text, i - 1).is_some_and(is_word_char) {
            continue;
        }
        for &(name, src) in &names {
            let end = i + name.len();
            let Some(found) = text.get(i..end) else {
                continue;
            };
            if !found.eq_ignore_ascii_case(name)
                || char_at(text, end).is_some_and(is_word_char)
                || !case_fits(name, found)
            {
                continue;
            }
            let span = Span::new(i, end);
            if placeable(cands, &added, span) {
                let source = &cands[src];
                added.push(Candidate {
                    label: Label::Drug,
                    span,
                    rule: RULE,
                    priority: source.priority,
                    attrs: source.attrs.clone(),
                });
            }
            break;
        }
    }
    if added.is_empty() {
        return;
    }
    // Replace the shorter DRUG candidates that the new ones cover.
    cands.retain(|c| !added.iter().any(|a| a.span.overlaps(&c.span)));
    cands.extend(added);
    cands.sort_by_key(|c| c.span.start);
}

/// True when `span` overlaps no candidate other than shorter DRUG ones it covers, and none of
/// the occurrences added so far.
fn placeable(cands: &[Candidate], added: &[Candidate], span: Span) -> bool {
    if added.iter().any(|a| a.span.overlaps(&span)) {
        return false;
    }
    let from = cands.partition_point(|c| c.span.end <= span.start);
    cands[from..]
        .iter()
        .take_while(|c| c.span.start < span.end)
        .all(|c| c.label == Label::Drug && span.contains(&c.span) && c.span != span)
}

/// A capitalised or mixed-case name is not matched in all-lower-case text ("Legend" is a brand,
/// "legend" a word); names with digits and lower-case names match in any case.
fn case_fits(name: &str, found: &str) -> bool {
    let has_upper = |s: &str| s.bytes().any(|b| b.is_ascii_uppercase());
    found == name || has_upper(found) || !has_upper(name) || name.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Attrs;

    fn cand(label: Label, start: usize, end: usize) -> Candidate {
        Candidate::new(label, Span::new(start, end), "test").attrs(Attrs {
            kind: Some("brand"),
            ..Attrs::default()
        })
    }

    fn spans(text: &str, cands: &[Candidate]) -> Vec<(String, &'static str)> {
        cands
            .iter()
            .map(|c| (text[c.span.start..c.span.end].to_string(), c.rule))
            .collect()
    }

    #[test]
    fn tags_every_occurrence_in_any_capitalisation() {
        let text = "Zelvaro® data. ZELVARO was given; zelvaro is a word; Zelvaro-treated rats.";
        let mut cands = vec![cand(Label::Drug, 0, 7)];
        propagate(text, &mut cands);
        let got = spans(text, &cands);
        assert_eq!(
            got,
            vec![
                ("Zelvaro".to_string(), "test"),
                ("ZELVARO".to_string(), RULE),
                ("Zelvaro".to_string(), RULE),
            ]
        );
        assert_eq!(cands[1].attrs.kind, Some("brand"));
    }

    #[test]
    fn keeps_other_labels_and_replaces_shorter_drugs() {
        let text = "octreotide LAR then octreotide LAR; the LAR arm";
        let mut cands = vec![
            cand(Label::Drug, 0, 14),
            cand(Label::Drug, 20, 30),
            cand(Label::Outcome, 40, 47),
        ];
        propagate(text, &mut cands);
        let got: Vec<_> = cands
            .iter()
            .map(|c| (c.label, c.span.start, c.span.end))
            .collect();
        assert_eq!(
            got,
            vec![
                (Label::Drug, 0, 14),
                (Label::Drug, 20, 34),
                (Label::Outcome, 40, 47)
            ]
        );
    }

    #[test]
    fn needs_word_boundaries() {
        let text = "ABC-12 and ABC-123 and xABC-12";
        let mut cands = vec![cand(Label::Drug, 0, 6)];
        propagate(text, &mut cands);
        assert_eq!(cands.len(), 1);
    }
}
