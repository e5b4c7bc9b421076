//! The one place where overlapping candidates are settled.
//!
//! Every rule proposes [`Candidate`]s; [`resolve`] keeps a set of non-overlapping ones: the
//! longest first, then the higher priority, then the earlier (like spaCy's EntityRuler).

use crate::entity::{Attrs, Label, Span};
use std::collections::BTreeMap;

/// A proposed entity, before overlaps are settled.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// What the rule thinks the span is.
    pub label: Label,
    /// Byte span, on char boundaries, already trimmed.
    pub span: Span,
    /// The id of the rule, e.g. `"dose.amount"`.
    pub rule: &'static str,
    /// Breaks ties between equally long overlapping candidates; higher wins.
    pub priority: u8,
    /// Parsed values.
    pub attrs: Attrs,
}

impl Candidate {
    /// A candidate with default priority and no attributes.
    pub fn new(label: Label, span: Span, rule: &'static str) -> Candidate {
        Candidate {
            label,
            span,
            rule,
            priority: 0,
            attrs: Attrs::default(),
        }
    }

    /// Sets the priority.
    pub fn priority(mut self, priority: u8) -> Candidate {
        self.priority = priority;
        self
    }

    /// Sets the attributes.
    pub fn attrs(mut self, attrs: Attrs) -> Candidate {
        self.attrs = attrs;
        self
    }
}

/// Keeps a set of non-overlapping candidates, sorted by start: longer spans win over shorter
/// ones, then higher priority, then earlier start. Empty spans are dropped.
pub fn resolve(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| !c.span.is_empty());
    crate::sort::sort_by(&mut cands, |a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(b.priority.cmp(&a.priority))
            .then(a.span.start.cmp(&b.span.start))
            .then(a.label.cmp(&b.label))
    });
    // Accepted candidates by start. Accepted spans are disjoint, so only the nearest one
    // starting before and the nearest one starting at or after a candidate can clash with it;
    // each test and insertion is O(log n), where a sorted Vec's insertion would be O(n).
    let mut taken: BTreeMap<usize, Candidate> = BTreeMap::new();
    for c in cands {
        let clash_left = taken
            .range(..c.span.start)
            .next_back()
            .is_some_and(|(_, t)| t.span.overlaps(&c.span));
        let clash_right = taken
            .range(c.span.start..)
            .next()
            .is_some_and(|(_, t)| t.span.overlaps(&c.span));
        if !clash_left && !clash_right {
            taken.insert(c.span.start, c);
        }
    }
    taken.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(label: Label, start: usize, end: usize, priority: u8) -> Candidate {
        Candidate::new(label, Span::new(start, end), "test").priority(priority)
    }

    #[test]
    fn longest_wins_then_priority_then_earliest() {
        let out = resolve(vec![
            cand(Label::Drug, 0, 5, 9),
            cand(Label::Outcome, 0, 10, 0),
            cand(Label::Trial, 12, 16, 1),
            cand(Label::Drug, 12, 16, 2),
            cand(Label::Dose, 20, 24, 0),
            cand(Label::Dose, 22, 26, 0),
        ]);
        let got: Vec<_> = out.iter().map(|c| (c.label, c.span.start, c.span.end)).collect();
        assert_eq!(
            got,
            vec![
                (Label::Outcome, 0, 10),
                (Label::Drug, 12, 16),
                (Label::Dose, 20, 24)
            ]
        );
    }

    #[test]
    fn drops_empty_and_keeps_adjacent() {
        let out = resolve(vec![
            cand(Label::Drug, 3, 3, 0),
            cand(Label::Drug, 0, 3, 0),
            cand(Label::Dose, 3, 6, 0),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].span, Span::new(0, 3));
        assert_eq!(out[1].span, Span::new(3, 6));
    }
}
