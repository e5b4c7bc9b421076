//! Links doses and schedules to their drug, and groups drug aliases.

use crate::entity::{Entity, Label, Span};
use crate::re::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Sets `attrs.drug` on each DOSE and SCHEDULE to the index of the DRUG it belongs to (see
/// [`link_to_drugs`]), and gives DRUG aliases with the same canonical name (or the same text)
/// one `group` id.
pub fn link(text: &str, entities: &mut [Entity], sentences: &[Span]) {
    group_aliases(entities);
    link_to_drugs(text, entities, sentences);
}

/// Gives DRUG aliases one `group` id, numbered in order of first appearance. Two drugs are
/// aliases when they share a canonical name, the same name (case and spacing aside), or a pair
/// tag: the provisional `group` that the drug rules set on both sides of a "Brand (CODE)" or
/// "(formerly CODE)" pair that no canonical name links.
fn group_aliases(entities: &mut [Entity]) {
    let drugs: Vec<usize> = (0..entities.len())
        .filter(|&i| entities[i].label == Label::Drug)
        .collect();
    let mut parent: Vec<usize> = (0..drugs.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_by_key: HashMap<String, usize> = HashMap::new();
    for (k, &i) in drugs.iter().enumerate() {
        let e = &entities[i];
        let mut keys = vec![format!("n:{}", normalise(&e.text))];
        if let Some(c) = &e.attrs.canonical {
            keys.push(format!("c:{c}"));
        }
        if let Some(tag) = e.attrs.group {
            keys.push(format!("t:{tag}"));
        }
        for key in keys {
            match first_by_key.get(&key) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, k), root(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    first_by_key.insert(key, k);
                }
            }
        }
    }
    let mut ids: HashMap<usize, u32> = HashMap::new();
    for (k, &i) in drugs.iter().enumerate() {
        let r = root(&mut parent, k);
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        entities[i].attrs.group = Some(*ids.entry(r).or_insert(next));
    }
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Between two drugs of one list: "A plus B", "A + B", "A, B and C", "A in combination with B".
static DRUG_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A\s*(?:®|™|\(R\)|\(TM\))?\s*\)?\s*,?\s*(?:\+|/|plus|and|with|in\s+combination\s+with|combined\s+with)?\s*\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Between a drug and its alias in parentheses: "pembrolizumab (KEYTRUDA".
static ALIAS_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\s*(?:®|™|\(R\)|\(TM\))?\s*\(\s*\z").unwrap_or_else(|e| panic!("{e}")));

/// Between the amounts (or schedules) of one list: "200 mg and 5 mg/kg", "orally and
/// intravenously".
static ITEM_JOIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\A\s*,?\s*(?:and|plus|\+|/)?\s*\z").unwrap_or_else(|e| panic!("{e}")));

/// Between a list of drugs and a list of amounts given to them in order: "A and B at",
/// "A plus B, dosed at", "A and B were given at doses of".
static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\A\s*,?\s*(?:(?:was|were|are|is)\s+)?(?:(?:given|dosed|administered|used)\s+)?(?:at\s+)?(?:(?:a|the)\s+)?(?:(?:doses?|dosages?)\s+(?:of\s+)?)?\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// After a list of amounts: ", respectively".
static RESPECTIVELY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\A\s*,?\s*respectively\b").unwrap_or_else(|e| panic!("{e}")));

/// Words that may stand between an amount or schedule and the drug it introduces: "200 mg of
/// X", "a 30-minute infusion of X", "single 15 mcg dose of X".
const OF_WORDS: &str =
    "of the a an dose doses dosing infusion infusions injection injections administration \
     bolus tablet tablets capsule capsules";

/// The longest gap, in bytes, between an amount or schedule and the drug it introduces.
const MAX_INTRO_GAP: usize = 200;

/// The text between two byte offsets, or "" when they are out of order or off a boundary.
fn gap(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or("")
}

/// The words of `text[from..to]`, leaving out the DOSE and SCHEDULE spans in between (a dose
/// between a schedule and its drug does not separate them). `entities` are sorted by start.
fn gap_words<'t>(text: &'t str, from: usize, to: usize, entities: &[Entity]) -> Vec<&'t str> {
    let first = entities.partition_point(|e| e.span.start < from);
    let skipped = entities[first..]
        .iter()
        .take_while(|e| e.span.start < to)
        .filter(|e| matches!(e.label, Label::Dose | Label::Schedule) && e.span.end <= to)
        .map(|e| e.span);
    let mut words = Vec::new();
    let mut at = from;
    for span in skipped.chain(std::iter::once(Span::new(to, to))) {
        let piece = gap(text, at, span.start);
        words.extend(piece.split(|c: char| c.is_whitespace() || c == '-' || c == '–'));
        at = at.max(span.end);
    }
    words.retain(|w| !w.is_empty());
    words
}

/// A DOSE or SCHEDULE that introduces the drug after it: nothing but spaces and hyphens between
/// ("once-weekly semaglutide", "200 mg X"), or an "of" phrase ("200 mg of X").
fn introduces(text: &str, e: &Entity, drug: &Entity, entities: &[Entity]) -> bool {
    // No "of" phrase is this long; the bound keeps a long list of amounts before one drug linear.
    if drug.span.start.saturating_sub(e.span.end) > MAX_INTRO_GAP {
        return false;
    }
    let words = gap_words(text, e.span.end, drug.span.start, entities);
    let is_of_word = |w: &&str| OF_WORDS.split_whitespace().any(|o| o.eq_ignore_ascii_case(w));
    words.is_empty() || (words.contains(&"of") && words.iter().all(is_of_word))
}

/// Consecutive entities of `label` (indices into `entities`, in text order) joined by `join`.
fn runs(text: &str, entities: &[Entity], idx: &[usize], label: Label, join: &Regex) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in idx {
        if entities[i].label != label {
            prev = None;
            continue;
        }
        match (prev, out.last_mut()) {
            (Some(p), Some(run))
                if join.is_match(gap(text, entities[p].span.end, entities[i].span.start)) =>
            {
                run.push(i)
            }
            _ => out.push(vec![i]),
        }
        prev = Some(i);
    }
    out
}

/// "A and B at 200 mg and 5 mg/kg": the i-th amount of a list goes to the i-th drug of the
/// list just before it, when the counts agree.
fn pair_lists(text: &str, entities: &[Entity], idx: &[usize], links: &mut Vec<(usize, usize)>) {
    // Drug lists: items are drugs, an alias in parentheses joins the item before it.
    let mut lists: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in idx {
        if entities[i].label != Label::Drug {
            continue;
        }
        let joined = prev.map(|p| gap(text, entities[p].span.end, entities[i].span.start));
        match (joined, lists.last_mut()) {
            (Some(g), Some(list)) if ALIAS_OPEN.is_match(g) => {
                if let Some(item) = list.last_mut() {
                    item.push(i);
                }
            }
            (Some(g), Some(list)) if DRUG_JOIN.is_match(g) => list.push(vec![i]),
            _ => lists.push(vec![vec![i]]),
        }
        prev = Some(i);
    }
    for label in [Label::Dose, Label::Schedule] {
        for run in runs(text, entities, idx, label, &ITEM_JOIN) {
            let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
                continue;
            };
            let start = entities[first].span.start;
            // The drug list that ends just before the run (lists are in text order: a binary
            // search, not a scan of every list for every run).
            let ends_before = |l: &Vec<Vec<usize>>| {
                l.last()
                    .and_then(|item| item.last())
                    .is_some_and(|&d| entities[d].span.end <= start)
            };
            let Some(list) = lists[..lists.partition_point(ends_before)].last() else {
                continue;
            };
            let Some(&list_end) = list.last().and_then(|item| item.last()) else {
                continue;
            };
            if list.len() < 2 || list.len() != run.len() {
                continue;
            }
            let between = gap(text, entities[list_end].span.end, start);
            let between = between.trim_start_matches([')', '®', '™']);
            let respectively = RESPECTIVELY.is_match(text.get(entities[last].span.end..).unwrap_or(""));
            let close = LIST_GAP.is_match(between)
                || (respectively && between.len() <= 80 && !between.contains([';', '.']));
            if !close {
                continue;
            }
            for (&e, item) in run.iter().zip(list) {
                if let Some(&d) = item.first() {
                    links.push((e, d));
                }
            }
        }
    }
}

/// Links each DOSE and SCHEDULE to a DRUG of its sentence:
/// 1. amounts listed after a list of drugs, one each ("A and B at 200 mg and 5 mg/kg");
/// 2. the drug it introduces ("200 mg of X", "once-weekly X");
/// 3. the nearest drug before it in the sentence ("X at 190 mg/m² every three weeks");
/// 4. the nearest drug after it ("At 200 mg, X ...");
/// 5. in a sentence without any drug, the drug of the sentence just before it on the same
///    line, when that sentence names only one drug (under one or more aliases).
pub fn link_to_drugs(text: &str, entities: &mut [Entity], sentences: &[Span]) {
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut prev_drugs: Vec<usize> = Vec::new();
    let mut prev_sentence: Option<Span> = None;
    let mut first = 0;
    for &sentence in sentences {
        // Entities inside the sentence (entities are sorted by start).
        while first < entities.len() && entities[first].span.start < sentence.start {
            first += 1;
        }
        let idx: Vec<usize> = (first..entities.len())
            .take_while(|&i| entities[i].span.start < sentence.end)
            .filter(|&i| sentence.contains(&entities[i].span))
            .collect();
        let drugs: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| entities[i].label == Label::Drug)
            .collect();
        let mut paired: Vec<(usize, usize)> = Vec::new();
        pair_lists(text, entities, &idx, &mut paired);
        // Sorted (stably) for binary searches; the first pairing of an entity wins, as before.
        crate::sort::sort_by_key(&mut paired, |&(x, _)| x);
        for &i in &idx {
            let e = &entities[i];
            if !matches!(e.label, Label::Dose | Label::Schedule) {
                continue;
            }
            if let Some(&(_, d)) = paired
                .get(paired.partition_point(|&(x, _)| x < i))
                .filter(|(x, _)| *x == i)
            {
                links.push((i, d));
                continue;
            }
            // Drugs are sorted and disjoint from `e`: the nearest ones either side of it.
            let k = drugs.partition_point(|&d| entities[d].span.end <= e.span.start);
            let before = k.checked_sub(1).map(|k| drugs[k]);
            let after = drugs.get(k).copied();
            let chosen = match (before, after) {
                (_, Some(a)) if introduces(text, e, &entities[a], entities) => Some(a),
                (Some(b), _) => Some(b),
                (None, Some(a)) => Some(a),
                (None, None) => carried_over(text, entities, &prev_drugs, prev_sentence, sentence),
            };
            if let Some(d) = chosen {
                links.push((i, d));
            }
        }
        prev_drugs = drugs;
        prev_sentence = Some(sentence);
    }
    for (i, d) in links {
        if let Some(e) = entities.get_mut(i) {
            e.attrs.drug = Some(d);
        }
    }
}

/// The one drug of the previous sentence, when it is on the same line and names one drug
/// only (its aliases share a group).
fn carried_over(
    text: &str,
    entities: &[Entity],
    prev_drugs: &[usize],
    prev: Option<Span>,
    sentence: Span,
) -> Option<usize> {
    let prev = prev?;
    if gap(text, prev.end, sentence.start).contains('\n') {
        return None;
    }
    let &last = prev_drugs.last()?;
    let group = entities[last].attrs.group;
    let one_drug = prev_drugs.iter().all(|&d| {
        entities[d].attrs.group == group && group.is_some()
            || entities[d].text.eq_ignore_ascii_case(&entities[last].text)
    });
    one_drug.then_some(last)
}
