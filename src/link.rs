//! Links doses and schedules to their drug, and groups drug aliases.

use crate::entity::{Entity, Label, Span};

/// Sets `attrs.drug` on each DOSE and SCHEDULE to the index of the nearest preceding DRUG in
/// the same sentence (or, failing that, the nearest following one), and gives DRUG aliases
/// with the same canonical name (or the same text) one `group` id.
pub fn link(entities: &mut [Entity], sentences: &[Span]) {
    group_aliases(entities);
    let drugs: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].label == Label::Drug)
        .collect();
    for i in 0..entities.len() {
        if !matches!(entities[i].label, Label::Dose | Label::Schedule) {
            continue;
        }
        let span = entities[i].span;
        let Some(sentence) = sentences.iter().find(|s| s.contains(&span)) else {
            continue;
        };
        let in_sentence = |&&d: &&usize| sentence.contains(&entities[d].span);
        let before = drugs
            .iter()
            .filter(in_sentence)
            .rev()
            .find(|&&d| entities[d].span.end <= span.start);
        let after = drugs
            .iter()
            .filter(in_sentence)
            .find(|&&d| entities[d].span.start >= span.end);
        entities[i].attrs.drug = before.or(after).copied();
    }
}

fn group_aliases(entities: &mut [Entity]) {
    let mut keys: Vec<String> = Vec::new();
    for e in entities.iter_mut().filter(|e| e.label == Label::Drug) {
        let key = e.attrs.canonical.clone().unwrap_or_else(|| e.text.to_lowercase());
        let id = match keys.iter().position(|k| *k == key) {
            Some(p) => p,
            None => {
                keys.push(key);
                keys.len() - 1
            }
        };
        e.attrs.group = u32::try_from(id).ok();
    }
}
