//! Scoring against gold spans: strict (same label, same offsets) and overlap (same label,
//! intersecting spans, matched one to one), per label and micro-averaged.

use crate::entity::Label;
use serde::Serialize;
use std::collections::BTreeMap;

/// A labelled span, in any consistent offset unit (the CLI uses UTF-16, like the gold files).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labelled {
    /// The label name, e.g. `"DRUG"`.
    pub label: String,
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

/// Precision, recall and F1 of one comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Matched predictions / predictions.
    pub precision: f64,
    /// Matched gold spans / gold spans.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    fn from_counts(tp: usize, gold: usize, pred: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, pred);
        let recall = ratio(tp, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// Counts for one label (or the micro total).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Gold spans.
    pub gold: usize,
    /// Predicted spans.
    pub pred: usize,
    /// Predictions equal to a gold span (label and offsets).
    pub strict_tp: usize,
    /// Predictions matched one to one with an intersecting gold span of the same label.
    pub overlap_tp: usize,
}

impl Counts {
    /// Strict precision, recall and F1.
    pub fn strict(&self) -> Prf {
        Prf::from_counts(self.strict_tp, self.gold, self.pred)
    }

    /// Overlap precision, recall and F1.
    pub fn overlap(&self) -> Prf {
        Prf::from_counts(self.overlap_tp, self.gold, self.pred)
    }

    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.strict_tp += o.strict_tp;
        self.overlap_tp += o.overlap_tp;
    }
}

/// Accumulates counts over documents.
#[derive(Clone, Debug, Default)]
pub struct Scorer {
    per_label: BTreeMap<String, Counts>,
}

impl Scorer {
    /// A scorer with every known label present (so reports list them even at zero).
    pub fn new() -> Scorer {
        let mut per_label = BTreeMap::new();
        for l in Label::ALL {
            per_label.insert(l.as_str().to_string(), Counts::default());
        }
        Scorer { per_label }
    }

    /// Scores one document.
    pub fn add(&mut self, gold: &[Labelled], pred: &[Labelled]) {
        let labels: std::collections::BTreeSet<&str> =
            gold.iter().chain(pred).map(|e| e.label.as_str()).collect();
        for label in labels {
            let g: Vec<&Labelled> = gold.iter().filter(|e| e.label == label).collect();
            let p: Vec<&Labelled> = pred.iter().filter(|e| e.label == label).collect();
            let c = self.per_label.entry(label.to_string()).or_default();
            c.gold += g.len();
            c.pred += p.len();
            c.strict_tp += p
                .iter()
                .filter(|x| g.iter().any(|y| y.start == x.start && y.end == x.end))
                .count();
            c.overlap_tp += overlap_matches(&g, &p);
        }
    }

    /// Per-label counts, by label name.
    pub fn labels(&self) -> &BTreeMap<String, Counts> {
        &self.per_label
    }

    /// Micro totals over all labels.
    pub fn micro(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.per_label.values() {
            t.add(c);
        }
        t
    }
}

/// One-to-one matching of intersecting spans: exact matches first, then each remaining
/// prediction takes the first free gold span it intersects.
fn overlap_matches(gold: &[&Labelled], pred: &[&Labelled]) -> usize {
    let mut used = vec![false; gold.len()];
    let mut pred_done = vec![false; pred.len()];
    let mut n = 0;
    for (pi, p) in pred.iter().enumerate() {
        if let Some(gi) =
            (0..gold.len()).find(|&gi| !used[gi] && gold[gi].start == p.start && gold[gi].end == p.end)
        {
            used[gi] = true;
            pred_done[pi] = true;
            n += 1;
        }
    }
    for (pi, p) in pred.iter().enumerate() {
        if pred_done[pi] {
            continue;
        }
        if let Some(gi) =
            (0..gold.len()).find(|&gi| !used[gi] && gold[gi].start < p.end && p.start < gold[gi].end)
        {
            used[gi] = true;
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(label: &str, start: usize, end: usize) -> Labelled {
        Labelled {
            label: label.into(),
            start,
            end,
        }
    }

    #[test]
    fn strict_and_overlap_counts() {
        let mut s = Scorer::new();
        let gold = [l("DRUG", 0, 5), l("DRUG", 10, 20), l("DOSE", 30, 36)];
        let pred = [
            l("DRUG", 0, 5),
            l("DRUG", 12, 18),
            l("DRUG", 14, 16),
            l("DOSE", 40, 44),
        ];
        s.add(&gold, &pred);
        let d = s.labels()["DRUG"];
        assert_eq!((d.gold, d.pred, d.strict_tp, d.overlap_tp), (2, 3, 1, 2));
        let m = s.micro();
        assert_eq!((m.gold, m.pred, m.strict_tp, m.overlap_tp), (3, 4, 1, 2));
        assert!((d.strict().precision - 1.0 / 3.0).abs() < 1e-9);
        assert!((d.overlap().recall - 1.0).abs() < 1e-9);
        assert_eq!(s.labels()["DOSE"].strict().f1, 0.0);
    }
}
