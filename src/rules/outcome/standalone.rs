//! Stand-alone result values: comparator arms ("compared to 12.1%"), "X% of patients",
//! values in a "respectively" list, table cells, p-values and lone confidence intervals. Each
//! number of the text outside a phrase is kept only in result context and never in a
//! financial sentence.

use super::grammar::{has_comparator, opens_clause, qualifier_before, starts_with_conjunction, stats_at};
use super::terms::{Class, Head};
use super::values;
use super::{gate, heads_in, window, window_before, Phrase, SentenceCues, VALUE_PRIORITY};
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use crate::rules::Doc;
use std::sync::LazyLock;

/// Words of a clause that describe who was enrolled rather than what happened to them.
const BASELINE_CUES: &[&str] = &[
    " male ",
    " female ",
    " men ",
    " women ",
    "baseline",
    "history of",
    "were enrolled",
    "years or older",
    "years of age",
    " aged ",
    " white ",
    " asian ",
    " black ",
    " hispanic ",
    " caucasian ",
    "were from",
];

/// Words after "X% of" that make the value a result ("73% of patients").
const POPULATION: &[&str] = &[
    "patients",
    "participants",
    "subjects",
    "people",
    "adults",
    "children",
    "women",
    "men",
    "individuals",
    "those",
    "responders",
    "infants",
    "volunteers",
    "treated",
    "evaluable",
];

/// Words right before a value that link it to a result ("was 45%", "compared to 12%").
const VALUE_LINKS: &[&str] = &[
    "compared to",
    "compared with",
    "vs.",
    "vs",
    "versus",
    "relative to",
    "was",
    "were",
    "is",
    "are",
    "of",
    "in",
    "reached",
    "achieved",
    "(",
];

/// True when a linking word (and "only"/"just") ends right before the value at the end of
/// `before`.
fn linked_value(before: &str) -> bool {
    let w = window_before(before, 40).trim_end_matches(' ');
    let w = w
        .strip_suffix(" only")
        .or_else(|| w.strip_suffix(" just"))
        .unwrap_or(w);
    VALUE_LINKS.iter().any(|l| {
        w.len() >= l.len()
            && w.is_char_boundary(w.len() - l.len())
            && w[w.len() - l.len()..].eq_ignore_ascii_case(l)
            && (*l == "(" || !w[..w.len() - l.len()].ends_with(|c: char| c.is_alphanumeric()))
    })
}

static FOLLOW_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s?(?:\(|-)?\s?(?i:follow-up|follow up|of follow|after|later|post|prior|before|ago|old|of age|of treatment|of therapy|of dosing)")
        .unwrap_or_else(|e| panic!("FOLLOW_UP: {e}"))
});

/// A number starting at `i` of `text`: its end and its value.
fn number_at(text: &str, i: usize) -> Option<(usize, f64)> {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    // thousands
    while j + 3 < b.len() + 1
        && b.get(j) == Some(&b',')
        && b.get(j + 1..j + 4)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
    {
        j += 4;
    }
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
    }
    if j == i {
        return None;
    }
    Some((j, values::parse_number(&text[i..j])?))
}

/// The unit right after a number: `(end, unit)`.
fn unit_at(text: &str, i: usize) -> Option<(usize, &'static str)> {
    let rest = window(text, i, 24);
    let r = rest.strip_prefix(' ').unwrap_or(rest);
    let skip = rest.len() - r.len();
    if r.starts_with('%') {
        return Some((i + skip + 1, "%"));
    }
    if skip == 0 {
        return None;
    }
    for (w, u) in [
        ("percent", "%"),
        ("months", "months"),
        ("month", "months"),
        ("weeks", "weeks"),
        ("points", "points"),
        ("point", "points"),
    ] {
        if r.len() >= w.len()
            && r.is_char_boundary(w.len())
            && r[..w.len()].eq_ignore_ascii_case(w)
            && !r[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            return Some((i + skip + w.len(), u));
        }
    }
    None
}

/// One more value of a list: " and 30%", ", or 4.8 months", " vs. placebo 12%".
static VALUE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\A,?\s(?:(?:and|or|vs\.?)\s(?:(?i:placebo|vehicle|control)\s)?|versus\s(?i:placebo|vehicle|control)\s){}\s?(?:%|(?i:percent|months?|weeks?)\b)?",
        values::NUM
    ))
    .unwrap_or_else(|e| panic!("VALUE_LIST: {e}"))
});

/// The length of the list of values that starts `rest` (right after a value), and whether it
/// compares arms ("vs"). A value after ", and" that opens a clause of its own ("40%, and 22% of
/// patients had") starts a new result, so the list stops before it.
fn value_list(rest: &str) -> (usize, bool) {
    let mut len = 0;
    let mut vs = false;
    for _ in 0..8 {
        let r = &rest[len..];
        if !starts_with_conjunction(r) {
            break;
        }
        let Some(m) = VALUE_LIST.find(r) else { break };
        let item = m.as_str();
        if item.starts_with(',') && opens_clause(&r[m.end()..]) {
            break;
        }
        vs |= item.contains("vs") || item.contains("versus");
        len += m.end();
    }
    (len, vs)
}

static P_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^A-Za-z0-9])([pP](?:\s?-?\s?(?i:value))?\s?(?:<=|>=|≤|≥|<|>|=)\s?)\z")
        .unwrap_or_else(|e| panic!("P_BEFORE: {e}"))
});

static CI_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\A9[059](?:\.\d)?\s?(?:%|(?i:percent))\s?(?:(?i:confidence interval)(?:\s?\[CI\])?|CI)\s?[:,=]?\s?{n}\s?(?:-|–|—|(?i:to)|,)\s?(?:{n}|(?i:not estimable|not reached)|NE|NR)",
        n = values::NUM
    ))
    .unwrap_or_else(|e| panic!("CI_AT: {e}"))
});

pub(super) fn standalone_values(doc: &Doc, heads: &[Head], phrases: &[Phrase], out: &mut Vec<Candidate>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    let mut ctx = SentenceCues::new(doc);
    // Phrases are sorted by start and disjoint after merging, but may still overlap: keep the
    // furthest end seen so far while walking forward.
    let mut next_phrase = 0;
    let mut phrase_end = 0;
    let mut inside_phrase = |pos: usize| {
        while next_phrase < phrases.len() && phrases[next_phrase].start <= pos {
            phrase_end = phrase_end.max(phrases[next_phrase].end);
            next_phrase += 1;
        }
        pos < phrase_end
    };
    let mut covered_to = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || i < covered_to {
            i += 1;
            continue;
        }
        let prev = text[..i].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',' || c == '/') {
            // the middle of a number or word; ".001" after a comparator is handled below
            let dot_p = prev == Some('.')
                && gate(window_before(&text[..i - 1], 24), has_comparator)
                    .is_some_and(|w| P_BEFORE.is_match(w));
            if !dot_p {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                continue;
            }
        }
        let Some((num_end, _)) = number_at(text, i) else {
            i += 1;
            continue;
        };
        let next = (num_end).max(i + 1);
        if inside_phrase(i) {
            i = next;
            continue;
        }
        let num_start = if prev == Some('.') { i - 1 } else { i };
        if let Some(c) = standalone_at(doc, &mut ctx, heads, num_start, num_end) {
            covered_to = c.span.end;
            split_list(text, c, out);
        }
        i = next;
    }
}

/// Pushes a stand-alone value; a list of percentages that each carry a unit and do not share a
/// population after them ("occurred in 2.6% and 2.9%, respectively", "(vs 26.8 percent and
/// 12.8 percent with placebo)") becomes one span per value, while "29.8% and 30.9% of
/// patients" stays one span, the values sharing the noun after them.
fn split_list(text: &str, c: Candidate, out: &mut Vec<Candidate>) {
    let span_text = &text[c.span.start..c.span.end];
    let shares_noun = text
        .get(c.span.end..)
        .is_some_and(|r| r.starts_with(" of ") || r.starts_with(" of\n"));
    // "rates were 71% and 36% for the drug and placebo": the values of a linked measure
    let before = window_before(&text[..c.span.start], 8).to_ascii_lowercase();
    let linked = [" were ", " was ", " are ", " is "]
        .iter()
        .any(|w| before.ends_with(w));
    let parts = list_items(span_text);
    if shares_noun || linked || parts.len() < 2 || span_text.contains("vs") || span_text.contains("versus") {
        out.push(c);
        return;
    }
    for (a, b) in parts {
        out.push(value_candidate(
            text,
            Span::new(c.span.start + a, c.span.start + b),
        ));
    }
}

/// A stand-alone value as an OUTCOME: its number and unit, and its confidence interval and
/// p-value when the span holds them.
fn value_candidate(text: &str, span: Span) -> Candidate {
    let span_text = &text[span.start..span.end];
    let v = values::first_value(span_text);
    let attrs = Attrs {
        kind: Some("efficacy"),
        measure: Some("value"),
        value: v.map(|v| v.0),
        unit: v.and_then(|v| v.1),
        ci: values::ci_of(span_text),
        p: values::p_of(span_text),
        ..Attrs::default()
    };
    Candidate::new(Label::Outcome, span, "outcome.value")
        .priority(VALUE_PRIORITY)
        .attrs(attrs)
}

/// The items of a plain list of values with a unit each ("2.6% and 2.9%", "26.8 percent and
/// 12.8 percent", "4%, 6% and 9%"), as byte ranges of `s`; empty unless `s` is exactly such a
/// list.
fn list_items(s: &str) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut pos = 0;
    loop {
        let Some(m) = ITEM.find(&s[pos..]) else {
            return Vec::new();
        };
        items.push((pos + m.start(), pos + m.end()));
        pos += m.end();
        if pos == s.len() {
            return items;
        }
        let Some(sep) = ITEM_SEP.find(&s[pos..]) else {
            return Vec::new();
        };
        pos += sep.end();
    }
}

/// One value with its unit, at the start.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\A{}\s?(?:%|(?i:percent)\b)", values::NUM)).unwrap_or_else(|e| panic!("ITEM: {e}"))
});

/// A separator between list items.
static ITEM_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:,\s(?:and\s|or\s)?|\s(?:and|or)\s)").unwrap_or_else(|e| panic!("ITEM_SEP: {e}"))
});

/// A stand-alone result value whose number is `text[ns..ne]`.
fn standalone_at(
    doc: &Doc,
    ctx: &mut SentenceCues,
    heads: &[Head],
    ns: usize,
    ne: usize,
) -> Option<Candidate> {
    let text = doc.text;
    let before = &text[..ns];
    // p-value
    if let Some(c) = gate(window_before(before, 24), has_comparator).and_then(|w| P_BEFORE.captures(w)) {
        let m = c.get(1)?;
        let start = ns - (window_before(before, 24).len() - m.start());
        let span_text = &text[start..ne];
        let attrs = Attrs {
            kind: Some("efficacy"),
            measure: Some("p"),
            p: values::p_of(span_text),
            ..Attrs::default()
        };
        return Some(
            Candidate::new(Label::Outcome, Span::new(start, ne), "outcome.value")
                .priority(VALUE_PRIORITY)
                .attrs(attrs),
        );
    }
    // "(95% CI: 80.2-86.7)"
    if before.ends_with('(') {
        let w = window(text, ns, 80);
        if let Some(m) = gate(w, |w| w.contains("CI") || w.contains("onfidence")).and_then(|w| CI_AT.find(w))
        {
            let end = ns + m.end();
            let attrs = Attrs {
                kind: Some("efficacy"),
                measure: Some("CI"),
                ci: values::ci_of(&text[ns..end]),
                ..Attrs::default()
            };
            return Some(
                Candidate::new(Label::Outcome, Span::new(ns, end), "outcome.value")
                    .priority(VALUE_PRIORITY)
                    .attrs(attrs),
            );
        }
    }
    let sign_start = signed_start(text, ns);
    let unit = unit_at(text, ne);
    let after_num = unit.map_or(ne, |u| u.0);
    let rest = window(text, after_num, 120);
    if rest.trim_start().starts_with("CI") || rest.to_ascii_lowercase().trim_start().starts_with("confidence")
    {
        return None;
    }
    let sentence = ctx.sentence_at(ns).map(|i| ctx.span_of(i));
    let head_in_sentence = |before_only: bool| {
        sentence.is_some_and(|s| {
            heads_in(heads, s.start, s.end)
                .iter()
                .any(|h| h.end <= s.end && (!before_only || h.end <= ns) && head_is_result(h))
        })
    };
    let table_cell = is_table_cell(text, sign_start, after_num);
    let (list, has_vs) = value_list(rest);
    let after_list = after_num + list;
    let accepted = match unit.map(|u| u.1) {
        Some("%") => {
            let lower_rest = window(text, after_list, 120).to_ascii_lowercase();
            let clause = first_clause(&lower_rest);
            // "65% of patients were male": a baseline characteristic, not a result
            let head_words: String =
                clause
                    .split_whitespace()
                    .take(6)
                    .fold(String::from(" "), |mut acc, w| {
                        acc.push_str(w);
                        acc.push(' ');
                        acc
                    });
            let baseline = BASELINE_CUES.iter().any(|c| head_words.contains(c));
            let of_population = lower_rest.starts_with(" of ")
                && !baseline
                && (clause
                    .split_whitespace()
                    .take(8)
                    .any(|w| POPULATION.contains(&w.trim_end_matches(['.', ',', ';', ')'])))
                    || heads_in(heads, after_list + 1, after_list + 40)
                        .iter()
                        .any(head_is_result));
            let in_group = lower_rest.starts_with(" in the ")
                && clause.split_whitespace().take(6).any(|w| {
                    matches!(
                        w.trim_end_matches(['.', ',', ';', ')']),
                        "group" | "arm" | "groups" | "arms" | "cohort"
                    )
                });
            let linked = linked_value(before) && head_in_sentence(false);
            let parallel =
                head_in_sentence(true) && sentence.is_some_and(|s| parallel_value(text, s.start, ns, "%"));
            of_population || in_group || linked || has_vs || parallel || (table_cell && head_near(heads, ns))
        }
        Some("months" | "weeks") => {
            let tte = sentence.is_some_and(|s| {
                heads_in(heads, s.start, s.end)
                    .iter()
                    .any(|h| h.end <= s.end && matches!(h.term.class, Class::Tte | Class::Weak | Class::Rate))
            });
            let u = unit.map_or("", |u| u.1);
            tte && (linked_value(before) || sentence.is_some_and(|s| parallel_value(text, s.start, ns, u)))
                && !FOLLOW_UP.is_match(rest)
                && !window_before(before, 30).to_ascii_lowercase().contains("follow")
        }
        _ => {
            let decimal = text[ns..ne].contains('.') || sign_start < ns;
            // "versus 11.2 points with placebo": a scale change of a comparator arm
            let points = unit.is_some_and(|u| u.1 == "points")
                && head_in_sentence(true)
                && (linked_value(&text[..sign_start])
                    || sentence.is_some_and(|s| parallel_value(text, s.start, sign_start, "points")));
            points
                || (table_cell && decimal && head_near(heads, ns))
                || (has_vs && decimal && head_in_sentence(false))
                || (decimal
                    && head_in_sentence(true)
                    && (linked_value(before) || window_before(before, 5).ends_with(" and "))
                    && stats_at(text, after_num).is_some_and(|m| m.as_str().contains('(')))
        }
    };
    let start = qualifier_before(text, sign_start);
    if !accepted || ctx.is_money(ns) || prevalence(&text[..start]) {
        return None;
    }
    let mut end = after_list;
    // statistics right after the value: "(29/70 patients)", "(95% CI: ...)", ", p= 0.0052"
    for _ in 0..2 {
        match stats_at(text, end) {
            Some(m) => end += m.end(),
            None => break,
        }
    }
    // a list that stops before a unit of its own ("45% vs. 5,000 mg") ends at its last number
    let end = start + text[start..end].trim_end().len();
    Some(value_candidate(text, Span::new(start, end)))
}

/// Verbs of how common a disease is ("it affects 2% of adults"): the value after them is a
/// prevalence, not a result.
const PREVALENCE_VERBS: &[&str] = &["affects", "affecting", "affect", "afflicts", "afflicting"];

/// True when the clause that ends with `before` (the text before a value) has a prevalence
/// verb: "affects about 4% of adults and up to 9% of children".
fn prevalence(before: &str) -> bool {
    let w = window_before(before, 80);
    let clause = w.rfind([',', ';', ':', '.']).map_or(w, |k| &w[k + 1..]);
    clause
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| PREVALENCE_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word)))
}

/// True when the value continues a parallel list of results: "and" right before it, and a
/// value of the same unit earlier in its sentence ("8.9 months with A and 5.1 months with B",
/// "62% reached X and 40% reached Y").
fn parallel_value(text: &str, sentence_start: usize, ns: usize, unit: &str) -> bool {
    let before = text.get(sentence_start.min(ns)..ns).unwrap_or("");
    let Some(b) = before.strip_suffix(" and ") else {
        return false;
    };
    let w = window_before(b, 160);
    let spellings: &[&str] = match unit {
        "%" => &["%", "percent"],
        "months" => &["months", "month"],
        "weeks" => &["weeks"],
        "points" => &["points", "point"],
        _ => return false,
    };
    spellings.iter().any(|u| {
        w.match_indices(u).any(|(k, _)| {
            let pre = &w[..k];
            let pre = pre.strip_suffix(' ').unwrap_or(pre);
            let after_ok = !w[k + u.len()..].starts_with(|c: char| c.is_alphanumeric());
            (*u == "%" || pre.len() < k) && pre.ends_with(|c: char| c.is_ascii_digit()) && after_ok
        })
    })
}

/// The text up to the first clause break (". ", "; ", ", ").
fn first_clause(s: &str) -> &str {
    let cut = [". ", "; ", ", ", ".\n"]
        .iter()
        .filter_map(|p| s.find(p))
        .min()
        .unwrap_or(s.len());
    &s[..cut]
}

/// Heads that make a sentence a result sentence.
fn head_is_result(h: &Head) -> bool {
    !matches!(h.term.class, Class::Endpoint)
}

/// True when a head lies in the 1,500 bytes before `pos` (the header of a table).
fn head_near(heads: &[Head], pos: usize) -> bool {
    !heads_in(heads, pos.saturating_sub(1500), pos).is_empty()
}

/// Where a number starting at `ns` starts with its sign ("-15.6", "−2.2").
fn signed_start(text: &str, ns: usize) -> usize {
    let before = &text[..ns];
    for sign in ['-', '−'] {
        if let Some(b) = before.strip_suffix(sign) {
            if b.chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '(' || c == '|')
            {
                return b.len();
            }
        }
    }
    ns
}

/// True when the value fills a table cell: between `|` separators on its line ("EASI-75 |
/// 46.3% | 14.1%"), or alone on its line, the line ending with `|`, or the previous line ending
/// with `|`.
fn is_table_cell(text: &str, start: usize, end: usize) -> bool {
    const BLANK: [char; 3] = [' ', '\t', '\u{a0}'];
    let b = window_before(&text[..start], 8).trim_end_matches(BLANK);
    let a = window(text, end, 8).trim_start_matches(BLANK);
    let a_ends = a.is_empty() || a.starts_with(['|', '\n', '\r']);
    let b_ends = b.is_empty() && start <= 8 || b.ends_with('\n');
    if (b.ends_with('|') && a_ends) || (b_ends && a.starts_with('|')) {
        return true;
    }
    let before_line = window_before(&text[..start], 16);
    let line_start = match before_line.rfind('\n') {
        Some(i) => start - before_line.len() + i + 1,
        None if before_line.len() == start => 0,
        None => return false,
    };
    let after_line = window(text, end, 16);
    let line_end = after_line.find('\n').map_or(end + after_line.len(), |i| end + i);
    let before = text[line_start..start].trim();
    let after = text[end..line_end].trim();
    if !before.is_empty() || !(after.is_empty() || after == "|") {
        return false;
    }
    let prev_line = window_before(&text[..line_start.saturating_sub(1)], 80).trim_end();
    after == "|" || prev_line.ends_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_need_a_table_line() {
        let t = "Endpoint |\n-15.6 |\n0.0007 |\nplain 4.0 here";
        let at = |n: &str| t.find(n).unwrap();
        assert!(is_table_cell(t, at("-15.6"), at("-15.6") + 5));
        assert!(is_table_cell(t, at("0.0007"), at("0.0007") + 6));
        assert!(!is_table_cell(t, at("4.0"), at("4.0") + 3));
        assert!(!is_table_cell("1", 0, 1));
        let t = "EASI-75 | 46.3% | 14.1%\n12.5% | 9.0%\nrate 4.0% | other";
        let at = |n: &str| t.find(n).unwrap();
        assert!(is_table_cell(t, at("46.3%"), at("46.3%") + 5));
        assert!(is_table_cell(t, at("14.1%"), at("14.1%") + 5));
        assert!(is_table_cell(t, at("12.5%"), at("12.5%") + 5));
        assert!(!is_table_cell(t, at("4.0%"), at("4.0%") + 4));
    }

    #[test]
    fn linking_words_before_values() {
        assert!(linked_value("rates were "));
        assert!(linked_value("compared to only "));
        assert!(linked_value("(vs "));
        assert!(!linked_value("revenue grew "));
        assert!(!linked_value("boats "), "a link must be a whole word");
    }

    #[test]
    fn numbers_units_and_signs() {
        assert_eq!(number_at("1,250.5 mg", 0), Some((7, 1250.5)));
        assert_eq!(unit_at("45 percent of", 2), Some((10, "%")));
        assert_eq!(unit_at("5.6 months,", 3), Some((10, "months")));
        assert_eq!(unit_at("5 mg", 1), None);
        assert_eq!(signed_start("was -2.2", 5), 4);
        assert_eq!(signed_start("0.34-0.66", 5), 5);
        assert_eq!(first_clause("of patients, and more"), "of patients");
    }
}
