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
use std::collections::{HashMap, HashSet};

/// The rule id of propagated candidates.
pub const RULE: &str = "drug.propagated";

/// Adds the other occurrences of every DRUG name in `cands` (sorted by start, disjoint), and
/// keeps them sorted and disjoint.
pub fn propagate(text: &str, cands: &mut Vec<Candidate>) {
    // Distinct names by their lower-case first word; longest first within each list, so that
    // "octreotide LAR" is tried before "octreotide".
    let mut index: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, c) in cands.iter().enumerate() {
        if c.label != Label::Drug {
            continue;
        }
        let Some(name) = text.get(c.span.start..c.span.end) else {
            continue;
        };
        let first_word = &name[..name.find(|ch: char| !is_word_char(ch)).unwrap_or(name.len())];
        if name.len() < 2 || first_word.is_empty() || !seen.insert(name) {
            continue;
        }
        index
            .entry(first_word.to_lowercase())
            .or_default()
            .push((name, i));
    }
    if index.is_empty() {
        return;
    }
    harmonise(text, cands);
    // Cheap filters before hashing a word: its first byte and its length.
    let mut first = [false; 256];
    let mut lengths = [false; 64];
    for key in index.keys() {
        first[usize::from(key.as_bytes()[0])] = true;
        lengths[key.len().min(63)] = true;
    }
    for list in index.values_mut() {
        crate::sort::sort_by_key(list, |(n, _)| std::cmp::Reverse(n.len()));
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
        let rest = &text[i..];
        let word_len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        if !lengths[word_len.min(63)] {
            continue;
        }
        if char_before(text, i) == Some('-') && i >= 2 && char_before(text, i - 1).is_some_and(is_word_char) {
            continue;
        }
        let Some(list) = index.get(&rest[..word_len].to_lowercase()) else {
            continue;
        };
        for &(name, src) in list {
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
    // Replace the shorter DRUG candidates that the new ones cover (`added` is sorted by start
    // and disjoint).
    cands.retain(|c| {
        let k = added.partition_point(|a| a.span.end <= c.span.start);
        !added.get(k).is_some_and(|a| a.span.overlaps(&c.span))
    });
    cands.extend(added);
    crate::sort::sort_by_key(cands, |c| c.span.start);
}

/// Gives every occurrence of a name the canonical name that one of them has (from the lexicon
/// or a "Brand (generic)" pair), so the aliases of one drug share one group.
fn harmonise(text: &str, cands: &mut [Candidate]) {
    let mut known: HashMap<String, String> = HashMap::new();
    for c in cands.iter().filter(|c| c.label == Label::Drug) {
        if let (Some(canonical), Some(name)) = (&c.attrs.canonical, text.get(c.span.start..c.span.end)) {
            known
                .entry(name.to_ascii_lowercase())
                .or_insert_with(|| canonical.clone());
        }
    }
    for c in cands
        .iter_mut()
        .filter(|c| c.label == Label::Drug && c.attrs.canonical.is_none())
    {
        let Some(name) = text.get(c.span.start..c.span.end) else {
            continue;
        };
        if let Some(canonical) = known.get(&name.to_ascii_lowercase()) {
            c.attrs.canonical = Some(canonical.clone());
        }
    }
}

/// True when `span` overlaps no candidate other than shorter DRUG ones it covers, and none of
/// the occurrences added so far.
fn placeable(cands: &[Candidate], added: &[Candidate], span: Span) -> bool {
    // Occurrences are added in text order, so only the last one can overlap.
    if added.last().is_some_and(|a| a.span.overlaps(&span)) {
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
