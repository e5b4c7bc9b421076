//! OUTCOME: efficacy and safety results with their values.
//!
//! One pass over the word starts of the text finds the *heads* of outcome phrases (measures,
//! endpoints, scales, safety statements, named adverse events; see [`terms`]). Each head is
//! then grown into a phrase by a small grammar:
//!
//! - to the left, over the words that qualify a result ("median", "confirmed", "grade 3 or
//!   higher", "statistically significant improvement in", "20%", "No"), never over a reporting
//!   verb ("met", "achieved", "demonstrated") or a determiner;
//! - to the right, over a parenthesised abbreviation ("(ORR)"), a noun that completes the
//!   measure ("rate", "profile", "endpoints"), a value joined by a linking word ("of 45.5%",
//!   "was 21.8 months", "=0.47") and the statistics that follow it ("(95% CI 37.1-54.1)",
//!   "; p<0.0001").
//!
//! Result values that stand alone (comparator arms, "83.7%", "5.1 months", table cells,
//! p-values, "95% CI: 80.2-86.7") are found by a separate scan over the numbers of the text,
//! kept only in result context (a population, a comparison, an outcome in the sentence) and
//! never in financial sentences.

mod terms;
mod values;

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::resolve::Candidate;
use regex::Regex;
use std::sync::LazyLock;
use terms::{Class, Head};

/// Priority of outcome phrases built on a head.
const PHRASE_PRIORITY: u8 = 2;
/// Priority of named scales with numbers, above development codes of the drug rules.
const SCALE_PRIORITY: u8 = 6;
/// Priority of stand-alone values.
const VALUE_PRIORITY: u8 = 1;
/// How far a phrase may reach to the right of its head, in bytes.
const RIGHT_WINDOW: usize = 320;

/// A phrase grown from a head.
#[derive(Clone, Debug)]
struct Phrase {
    start: usize,
    end: usize,
    head: Head,
    /// The measure: the head's, or for "improvement in <measure>" the inner measure's.
    measure: &'static str,
    value: Option<(f64, Option<&'static str>)>,
    negated: bool,
    postnoun: bool,
}

/// Finds OUTCOME candidates in `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let heads = terms::find(text);
    if heads.is_empty() && !text.contains(|c: char| c.is_ascii_digit()) {
        return;
    }
    let mut ctx = SentenceCues::new(doc);
    let mut phrases: Vec<Phrase> = heads
        .iter()
        .filter_map(|h| phrase(doc, h, &heads, &mut ctx))
        .collect();
    merge_coordinated(text, &mut phrases);
    for p in &phrases {
        // A named scale with a number ("PASI 100", "ACR20") is not a development code.
        let head_text = &text[p.head.start..p.head.end];
        let scale = matches!(p.head.term.class, Class::Score)
            && head_text.bytes().any(|b| b.is_ascii_digit())
            && head_text.bytes().any(|b| b.is_ascii_uppercase());
        out.push(
            Candidate::new(Label::Outcome, Span::new(p.start, p.end), rule_of(p.head.term.class))
                .priority(if scale { SCALE_PRIORITY } else { PHRASE_PRIORITY })
                .attrs(attrs_of(text, p)),
        );
    }
    standalone_values(doc, &heads, &phrases, out);
}

fn rule_of(class: Class) -> &'static str {
    match class {
        Class::Response | Class::Rate | Class::Weak => "outcome.response",
        Class::Tte => "outcome.tte",
        Class::Ratio | Class::Risk => "outcome.hr",
        Class::Endpoint => "outcome.endpoint",
        Class::Score | Class::ScoreWeak => "outcome.score",
        Class::Change | Class::Significance | Class::NotReached => "outcome.change",
        Class::Event => "outcome.event",
        Class::Safety | Class::WeakSafety => "outcome.safety",
        Class::Ae => "outcome.ae",
    }
}

fn attrs_of(text: &str, p: &Phrase) -> Attrs {
    let span_text = &text[p.start..p.end];
    let after_head = &text[p.head.end..p.end];
    let value = p.value.or_else(|| values::first_value(after_head)).or_else(|| {
        // a value before the head ("20% complete responses"), never a grade or a count
        let before = &text[p.start..p.head.start];
        values::first_value(before).filter(|v| v.1.is_some())
    });
    let ratio = matches!(p.head.term.class, Class::Ratio);
    Attrs {
        kind: Some(p.head.term.class.kind()),
        measure: Some(p.measure),
        value: value.map(|v| v.0),
        unit: value.and_then(|v| v.1.or(if ratio { Some("ratio") } else { None })),
        ci: values::ci_of(span_text),
        p: values::p_of(span_text),
        negated: p.negated.then_some(true),
        ..Attrs::default()
    }
}

// ---------------------------------------------------------------------------------------
// Sentence context
// ---------------------------------------------------------------------------------------

/// Per-sentence facts computed on demand: whether it speaks of safety, of money.
struct SentenceCues<'a> {
    doc: &'a Doc<'a>,
    safety: Vec<Option<bool>>,
    money: Vec<Option<bool>>,
}

/// Words that make a sentence about safety, so an ambiguous event name in it is an adverse
/// event ("hypertension" among "the most common adverse events").
const SAFETY_CUES: &[&str] = &[
    "adverse", "side effect", "side-effect", "toxicit", "safety", "tolerab", "tolerated", "grade",
    "event", "reaction", "discontinu", "serious", "treatment-emergent", "treatment-related",
    "most common", "incidence", "TEAE", "TRAE", "AEs", "SAE", "occurred", "experienced",
];

/// Words of financial sentences, where percentages are not results.
const MONEY_CUES: &[&str] = &[
    "$", "€", "£", "revenue", "sales", "net loss", "net income", "earnings", "per share",
    "shares", "stock", "margin", "fiscal", "quarter", "expenses", "cash", "guidance",
    "dividend", "royalt", "equity", "ownership", "stake", "interest rate", "market share",
];

/// True when `hay` contains one of `cues` at the start of a word ("event" is not in
/// "preventing"): cues with capitals match as written, the others ignore ASCII case.
fn contains_any(hay: &str, cues: &[&str]) -> bool {
    let lower = hay.to_ascii_lowercase();
    cues.iter().any(|c| {
        let h = if c.bytes().any(|b| b.is_ascii_uppercase()) { hay } else { lower.as_str() };
        h.match_indices(c).any(|(i, _)| {
            !c.starts_with(|ch: char| ch.is_alphanumeric())
                || !h[..i].ends_with(|ch: char| ch.is_alphanumeric())
        })
    })
}

impl<'a> SentenceCues<'a> {
    fn new(doc: &'a Doc<'a>) -> Self {
        let n = doc.sentences.len();
        SentenceCues {
            doc,
            safety: vec![None; n],
            money: vec![None; n],
        }
    }

    /// Index of the sentence holding byte `pos`.
    fn sentence_at(&self, pos: usize) -> Option<usize> {
        let s = &self.doc.sentences;
        let i = s.partition_point(|sp| sp.end <= pos);
        (i < s.len() && s[i].start <= pos).then_some(i)
    }

    fn span_of(&self, i: usize) -> Span {
        self.doc.sentences[i]
    }

    fn is_safety(&mut self, pos: usize) -> bool {
        let Some(i) = self.sentence_at(pos) else { return false };
        if let Some(v) = self.safety[i] {
            return v;
        }
        let t = self.doc.slice(self.doc.sentences[i]);
        let v = contains_any(t, SAFETY_CUES);
        self.safety[i] = Some(v);
        v
    }

    fn is_money(&mut self, pos: usize) -> bool {
        let Some(i) = self.sentence_at(pos) else { return false };
        if let Some(v) = self.money[i] {
            return v;
        }
        let t = self.doc.slice(self.doc.sentences[i]);
        let v = contains_any(t, MONEY_CUES);
        self.money[i] = Some(v);
        v
    }
}

// ---------------------------------------------------------------------------------------
// Left extension
// ---------------------------------------------------------------------------------------

/// How a word before a head takes part in the phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// A qualifier that belongs to the phrase; `strong` for significance and magnitude words.
    Solid { strong: bool },
    /// A word that belongs to the phrase only between qualifiers ("and", "of", "grade 3").
    Weak,
    /// "no": belongs to the phrase, negates it, and ends the walk.
    Neg,
    /// Anything else ends the walk.
    Stop,
}

/// Significance and magnitude words: they make a change phrase a result.
const STRONG: &[&str] = &[
    "significant", "significantly", "statistically", "meaningful", "superior", "robust", "rapid",
    "sustained", "durable", "substantial", "marked", "greater", "deep", "deeper", "numerical",
    "numerically", "nominally", "highly", "dramatic", "profound", "clinically", "consistent",
    "continued", "lasting", "long-lasting", "prolonged", "improved",
];

/// Qualifiers of results.
const SOLID: &[&str] = &[
    "median", "mean", "overall", "average", "estimated", "confirmed", "unconfirmed", "centrally",
    "independently", "investigator-assessed", "blinded", "best", "objective", "clinical", "high",
    "higher", "low", "lower", "stringent", "serious", "severe", "mild", "moderate", "fatal",
    "treatment-related", "treatment-emergent", "emergent", "drug-related", "immune-related",
    "immune-mediated", "infusion-related", "transient", "reversible", "uncomplicated", "grade",
    "key", "dual", "ranked", "co-primary", "coprimary", "primary", "secondary", "exploratory",
    "complete", "partial", "major", "molecular", "cytogenetic", "hematologic", "haematologic",
    "hematological", "pathologic", "pathological", "radiographic", "metabolic", "time-averaged",
    "placebo-adjusted", "placebo-corrected", "ls", "least-squares", "annualized", "annualised",
    "total", "landmark", "excellent", "favorable", "favourable", "acceptable", "manageable",
    "tolerable", "predictable", "well-characterized", "well-established", "established", "new",
    "composite", "ocular", "hepatic", "renal", "cardiac", "gastrointestinal",
    "pulmonary", "neurologic", "neurological", "dermatologic", "cutaneous", "systemic",
    "relative", "absolute", "prespecified", "pre-specified", "monthly", "weekly", "daily", "annual", "cfb", "body", "facial",
    "relevant", "important", "improvement", "improvements", "reduction", "reductions", "decrease",
    "decreases", "increase", "increases", "decline", "declines", "change", "changes", "gain",
    "gains", "elevation", "elevations", "prevention", "worsening", "delay", "risk", "rate",
    "rates", "time", "proportion", "percentage", "unexpected", "dose-limiting",
];

/// Words that belong to a phrase only between qualifiers.
const WEAK: &[&str] = &[
    "and", "or", "&", "in", "of", "the", "its", "their", "from", "baseline", "to", "than", "equal",
    "reduced", "lowered", "slowed", "extended", "decreased", "increased", "delayed", "all",
    "both", "study's", "trial's", "treatment", "squares", "least", "three", "four", "five", "iii",
    "iv", "above", "more", "higher", "≥", ">=", "=", ">",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// Unit words that make the number before them a value ("83.4 percent reduction", "6.2 kg
/// greater reduction").
const LEFT_UNITS: &[&str] = &["percent", "kg", "lb", "lbs", "pounds", "points", "point", "mmhg", "mg/dl", "letters"];

/// Qualifiers that may stand before a value ("more than 90%").
const VALUE_QUALIFIERS: &[&str] = &[
    "greater than or equal to",
    "greater than or equal",
    "less than or equal to",
    "more than",
    "greater than",
    "less than",
    "at least",
    "up to",
    "nearly",
    "almost",
    "approximately",
    "about",
    "around",
    "roughly",
    "over",
];

fn is_number(tok: &str) -> bool {
    !tok.is_empty() && tok.bytes().all(|b| b.is_ascii_digit())
}

/// A value token: "20%", "25.5%", "3.2-day", "to75%" (a glued qualifier).
fn is_value_token(tok: &str) -> bool {
    let t = tok.trim_start_matches(|c: char| c.is_ascii_alphabetic() && tok.ends_with('%'));
    let t = t.trim_start_matches(['≥', '>', '<', '≤', '~']);
    let has_digit = t.starts_with(|c: char| c.is_ascii_digit());
    if !has_digit {
        return false;
    }
    if let Some(num) = t.strip_suffix('%') {
        return num.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    }
    if let Some((num, unit)) = t.split_once('-') {
        let unit = unit.trim_end_matches('s');
        return num.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && matches!(unit, "day" | "point" | "fold" | "letter" | "kg" | "percent");
    }
    false
}

/// "12-month", "three-year", "2-year": landmark qualifiers.
fn is_landmark(tok: &str) -> bool {
    let Some((n, unit)) = tok.split_once('-') else {
        return false;
    };
    let unit = unit.trim_end_matches('s');
    (is_number(n) || NUMBER_WORDS.contains(&n)) && matches!(unit, "year" | "month" | "week" | "day")
}

fn is_grade_part(tok: &str) -> bool {
    let t = tok.trim_start_matches(['≥', '>', '=', '<', '≤']);
    let t = t.trim_end_matches('+');
    t.is_empty()
        || t.bytes().all(|b| matches!(b, b'1'..=b'5' | b'/' | b'-'))
        || matches!(t, "three" | "four" | "five" | "iii" | "iv")
}

fn classify(tok: &str, class: Class) -> Tok {
    if tok.ends_with([',', ';', ':', '.', ')', ']', '"', '”', '!', '?', '|']) {
        return Tok::Stop;
    }
    let lower = tok.to_ascii_lowercase();
    let l = lower.as_str();
    if l == "no" {
        return Tok::Neg;
    }
    let safety = matches!(class, Class::Safety | Class::Ae | Class::WeakSafety);
    if safety && l == "consistent" {
        return Tok::Solid { strong: false };
    }
    if safety && l == "with" {
        return Tok::Weak;
    }
    if class == Class::Endpoint && matches!(l, "efficacy" | "safety") {
        return Tok::Solid { strong: false };
    }
    if is_value_token(l) || is_landmark(l) {
        return Tok::Solid {
            strong: is_value_token(l),
        };
    }
    if STRONG.contains(&l) {
        return Tok::Solid { strong: true };
    }
    if SOLID.contains(&l) {
        return Tok::Solid { strong: false };
    }
    if WEAK.contains(&l) || is_grade_part(l) {
        return Tok::Weak;
    }
    Tok::Stop
}

/// The token that ends at `pos` after one run of spaces: `(start, end)`.
fn prev_token(text: &str, pos: usize) -> Option<(usize, usize)> {
    let head = text.get(..pos)?;
    let trimmed = head.trim_end_matches([' ', '\t', '\u{a0}']);
    if trimmed.len() == head.len() || trimmed.is_empty() {
        return None;
    }
    let end = trimmed.len();
    let start = trimmed
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    (start < end).then_some((start, end))
}

/// Where a value qualifier ("more than") that ends just before `pos` starts.
fn qualifier_before(text: &str, pos: usize) -> usize {
    let head = text.get(..pos).unwrap_or("");
    let head = head.strip_suffix(' ').unwrap_or(head);
    for q in VALUE_QUALIFIERS {
        if head.len() >= q.len()
            && head.is_char_boundary(head.len() - q.len())
            && head[head.len() - q.len()..].eq_ignore_ascii_case(q)
        {
            let s = head.len() - q.len();
            let before_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            if before_ok {
                return s;
            }
        }
    }
    pos
}

/// The left part of a phrase.
struct Left {
    start: usize,
    negated: bool,
    solid: bool,
    strong: bool,
    value: bool,
    grade: bool,
}

fn extend_left(text: &str, head: &Head) -> Left {
    let class = head.term.class;
    let counts = matches!(
        class,
        Class::Response | Class::Safety | Class::Ae | Class::WeakSafety | Class::Event
    );
    let mut left = Left {
        start: head.start,
        negated: false,
        solid: false,
        strong: false,
        value: false,
        grade: false,
    };
    let mut pos = head.start;
    // Weak words read since the last accepted one, and whether that one was a value.
    let mut pending: Vec<String> = Vec::new();
    let mut last_value = false;
    for _ in 0..18 {
        let Some((ts, te)) = prev_token(text, pos) else { break };
        let raw = &text[ts..te];
        // A leading bullet or quote ends the walk after this word ("*Key").
        let core_at = raw
            .find(|c: char| c.is_alphanumeric() || matches!(c, '≥' | '>' | '=' | '<' | '≤' | '~'))
            .unwrap_or(raw.len());
        let (ts, tok, last_word) = (ts + core_at, &raw[core_at..], core_at > 0);
        if tok.is_empty() {
            break;
        }
        let lower = tok.to_ascii_lowercase();
        // A value may join the phrase right before it, or as a list of values ("3.2-day and
        // 3.7-day reduction"), never across other words ("97% of bleeding episodes").
        let value_ok =
            pending.is_empty() || (last_value && pending.len() == 1 && matches!(pending[0].as_str(), "and" | "or"));
        // "percent", "kg", "points" after a number is a value.
        if LEFT_UNITS.contains(&lower.as_str()) {
            match prev_token(text, ts) {
                Some((ns, ne)) if value_ok && values::parse_number(&text[ns..ne]).is_some() => {
                    left.start = qualifier_before(text, ns);
                    left.solid = true;
                    left.strong = true;
                    left.value = true;
                    last_value = true;
                    pending.clear();
                    pos = left.start;
                    continue;
                }
                _ => break,
            }
        }
        let before_is_grade = prev_token(text, ts)
            .is_some_and(|(a, b)| text[a..b].eq_ignore_ascii_case("grade"));
        let numberish = is_number(&lower) || NUMBER_WORDS.contains(&lower.as_str());
        if numberish && !before_is_grade {
            // A count right before the head ("two partial responses"); "one" is rather "at
            // least one".
            if counts && pending.is_empty() && lower != "one" && lower != "1" {
                left.start = ts;
                left.solid = true;
            }
            break;
        }
        match classify(tok, class) {
            Tok::Stop => break,
            Tok::Neg => {
                left.start = ts;
                left.negated = true;
                left.solid = true;
                break;
            }
            Tok::Solid { strong } => {
                let is_value = is_value_token(&lower);
                if is_value && !value_ok {
                    break;
                }
                left.start = ts;
                left.solid = true;
                left.strong |= strong;
                left.grade |= lower == "grade";
                last_value = is_value;
                pending.clear();
                if is_value {
                    left.value = true;
                    left.start = qualifier_before(text, ts);
                    // "to75%": the qualifier is glued to the number.
                    if left.start == ts && lower.starts_with("to") {
                        let glued = text[..ts].trim_end().to_ascii_lowercase();
                        if glued.ends_with("equal") {
                            left.start = qualifier_before(text, ts + 2);
                        }
                    }
                }
                pos = left.start;
                if last_word {
                    break;
                }
                continue;
            }
            Tok::Weak => {
                if last_word {
                    break;
                }
                pending.push(lower);
            }
        }
        pos = ts;
    }
    left
}

// ---------------------------------------------------------------------------------------
// Right extension
// ---------------------------------------------------------------------------------------

/// Nouns that complete a measure ("IDFS rate", "adverse event profiles", "LDL-C reductions").
const POSTNOUNS: &[&str] = &[
    "score", "scores", "rate", "rates", "ratio", "ratios", "advantage", "benefit", "improvement",
    "improvements", "reduction", "reductions", "increase", "increases", "elevation",
    "elevations", "decrease", "decreases", "decline", "declines", "change", "changes", "gain",
    "gains", "level", "levels", "profile", "profiles", "endpoint", "endpoints", "freedom",
    "frequency", "response", "responses", "remission", "titers", "titres", "concentrations",
];

/// The length of a noun that completes the measure at the start of `s` (" rate", " total
/// score", " end points", " CFB").
fn postnoun_len(s: &str) -> Option<usize> {
    let r = s.strip_prefix([' ', '\t', '-'])?;
    let word_len = |t: &str| t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len());
    let w = &r[..word_len(r)];
    let lower = w.to_ascii_lowercase();
    let mut len = 1 + w.len();
    match lower.as_str() {
        "total" => {
            let rest = r[w.len()..].strip_prefix(' ')?;
            let next = &rest[..word_len(rest)];
            if !(next.eq_ignore_ascii_case("score") || next.eq_ignore_ascii_case("scores")) {
                return None;
            }
            len += 1 + next.len();
        }
        "end" => {
            let rest = r[w.len()..].strip_prefix([' ', '-'])?;
            let next = &rest[..word_len(rest)];
            if !(next.eq_ignore_ascii_case("point") || next.eq_ignore_ascii_case("points")) {
                return None;
            }
            len += 1 + next.len();
        }
        _ if w == "CFB" || POSTNOUNS.contains(&lower.as_str()) => {}
        _ => return None,
    }
    Some(len)
}

/// " or PV", " or death": a coordinated event after an event head.
static EVENT_OR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?:or|and)\s(?:(?i:death|relapse|recurrence|disease progression|progression)|[A-Z]{2,5}\b)")
        .unwrap_or_else(|e| panic!("EVENT_OR: {e}"))
});

/// A window of at most `max` bytes of `text` from `start`, cut at a char boundary.
fn window(text: &str, start: usize, max: usize) -> &str {
    let mut end = (start + max).min(text.len());
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end).unwrap_or("")
}

/// `Some(s)` when the cheap pre-check `f` passes, so the regex behind it is worth running.
#[inline]
fn gate(s: &str, f: impl Fn(&str) -> bool) -> Option<&str> {
    f(s).then_some(s)
}

fn opens_bracket(s: &str) -> bool {
    s.strip_prefix(' ').unwrap_or(s).starts_with(['(', '['])
}

/// Words that may link a measure to its value ("was", "of", "reduced by").
const LINK_WORDS: &[&str] = &[
    "of", "was", "were", "is", "are", "by", "reached", "reduced", "lowered", "decreased",
    "increased", "improved", "fell", "dropped", "declined", "rose",
];

/// A cheap test that a linking word and a value may follow: the first word is a linking word
/// or a value, and a value starts within the first four words.
fn has_value_soon(s: &str) -> bool {
    let w = window(s, 0, 48);
    let starts_value = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '−' | '>' | '<' | '≥' | '≤' | '~' | '.'))
            || matches!(t, "not" | "NR" | "NE" | "more" | "greater" | "less" | "nearly" | "almost" | "approximately" | "about" | "over" | "up" | "at")
    };
    let mut words = w.split_whitespace().map(|t| t.trim_start_matches(['=', ':', ',']));
    let Some(first) = words.next() else { return false };
    let first_ok = starts_value(first) || LINK_WORDS.iter().any(|l| first.eq_ignore_ascii_case(l)) || first.is_empty();
    first_ok && (starts_value(first) || w.split_whitespace().skip(1).take(3).any(starts_value))
}

fn mentions_grade(s: &str) -> bool {
    window(s, 0, 24).contains("rade")
}

fn has_comparator(s: &str) -> bool {
    s.contains(['<', '>', '=', '≤', '≥'])
}

fn starts_with_conjunction(s: &str) -> bool {
    let s = s.strip_prefix(',').unwrap_or(s);
    [" and ", " or ", " vs", " versus "].iter().any(|p| s.starts_with(p))
}

/// True when the first word after one space is one of `words` (ASCII case ignored).
fn first_word_in(s: &str, words: &[&str]) -> bool {
    let Some(r) = s.strip_prefix(' ') else { return false };
    let w = r.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    words.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Statistics right at `pos`: "(95% CI ...)", "; p<0.001".
fn stats_at(text: &str, pos: usize) -> Option<regex::Match<'_>> {
    let w = window(text, pos, RIGHT_WINDOW);
    let t = w.strip_prefix(' ').unwrap_or(w);
    let mut chars = t.chars();
    let inner = match chars.next() {
        Some('(' | '[') => window(chars.as_str(), 0, 24),
        Some(';' | ',') => {
            // only "; 95% CI ..." or ", p<0.001" continue a phrase after a comma
            let r = chars.as_str().trim_start();
            if !(r.starts_with(|c: char| c.is_ascii_digit()) || r.starts_with("CI") || r.starts_with(['p', 'P'])) {
                return None;
            }
            r
        }
        _ => return None,
    };
    if !inner.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    values::STATS.find(w)
}

/// Words that end a noun phrase after "improvement in".
const NP_STOP: &[&str] = &[
    "at", "compared", "versus", "vs", "vs.", "with", "as", "for", "among", "across", "when",
    "over", "through", "after", "by", "during", "than", "between", "on", "within", "while",
    "whereas", "that", "which", "who", "was", "were", "is", "are", "has", "have", "had", "to",
    "patients", "participants", "subjects", "people", "relative", "including", "following", "until", "since", "per", "a", "an", "this",
    "these", "those", "it", "from", "receiving", "treated", "given", "placebo", "arm", "arms",
    "group", "groups", "vehicle", "one", "two", "both", "each", "respectively", "comparison",
    "addition", "order", "terms",
];

/// Words that may only sit inside a noun phrase, never end it.
const NP_INNER: &[&str] = &["and", "or", "of", "in", "the", "from", "baseline"];

/// The end of a noun phrase that starts at `pos` ("depressive symptoms", "physical health,
/// pain, and joint health"); `pos` when there is none.
fn noun_phrase(text: &str, pos: usize) -> usize {
    let w = window(text, pos, 200);
    let mut end = pos; // end of the last accepted content word
    let mut i = 0;
    let bytes = w.as_bytes();
    let mut words = 0;
    while i < w.len() && words < 14 {
        // separator
        let mut j = i;
        let mut comma = false;
        while j < w.len() && matches!(bytes[j], b' ' | b'\t' | b',') {
            comma |= bytes[j] == b',';
            j += 1;
        }
        if j == i && i > 0 {
            break;
        }
        if j >= w.len() {
            break;
        }
        // "(ABBR)" inside the phrase
        if bytes[j] == b'(' {
            if let Some(m) = values::ABBR.find(&w[i..]) {
                if !comma {
                    end = pos + i + m.end();
                }
            }
            break;
        }
        let k = w[j..]
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .map_or(w.len(), |x| j + x);
        if k == j {
            break;
        }
        let word = &w[j..k];
        if word.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        let lower = word.to_ascii_lowercase();
        if NP_STOP.contains(&lower.as_str()) && !(lower == "from" && w[k..].starts_with(" baseline")) {
            break;
        }
        if lower == "in" && w[k..].trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        words += 1;
        i = k;
        if !NP_INNER.contains(&lower.as_str()) {
            end = pos + k;
        }
    }
    // A comma continues the phrase only in a list closed by "and"/"or" ("physical health,
    // pain, and joint health").
    let np = &text[pos..end];
    if let Some(c) = np.find(',') {
        let after_last_comma = &np[np.rfind(',').map_or(c, |x| x)..];
        if !(after_last_comma.contains(" and ") || after_last_comma.contains(" or ")) {
            return pos + np[..c].trim_end().len();
        }
    }
    end
}

/// Unit kinds a class accepts for the value after its head.
fn value_fits(class: Class, unit: Option<&str>, postnoun_rate: bool, raw: &str) -> bool {
    let not_reached = raw.to_ascii_lowercase().contains("not") || raw.contains("NR") || raw.contains("NE");
    match class {
        Class::Ratio => unit.is_none() && !not_reached,
        Class::Tte => {
            matches!(unit, Some("months" | "weeks" | "years" | "days" | "%")) || not_reached
        }
        Class::Rate | Class::Response | Class::Weak | Class::Safety | Class::Ae | Class::WeakSafety => {
            matches!(unit, Some("%")) || (postnoun_rate && unit.is_some())
        }
        Class::Score
        | Class::ScoreWeak
        | Class::Change
        | Class::Risk
        | Class::Event
        | Class::Significance
        | Class::NotReached => {
            unit.is_some() || raw.contains('.')
        }
        Class::Endpoint => false,
    }
}

/// The right part of a phrase.
struct Right {
    end: usize,
    value: Option<(f64, Option<&'static str>)>,
    postnoun: bool,
    abbr: bool,
    stats: bool,
    np: Option<(usize, usize)>,
    grade: bool,
}

/// " and 0.71 (": the values after the phrase are a list ("were 0.00 (...) and 0.71 (...),
/// respectively"), each its own span.
static LIST_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\A,?\s(?:and|or)\s{}", values::NUM)).unwrap_or_else(|e| panic!("LIST_AHEAD: {e}"))
});

fn extend_right(text: &str, head: &Head, heads: &[Head]) -> Right {
    let class = head.term.class;
    let safety = matches!(class, Class::Safety | Class::Ae | Class::WeakSafety);
    let mut r = Right {
        end: head.end,
        value: None,
        postnoun: false,
        abbr: false,
        stats: false,
        np: None,
        grade: false,
    };
    let mut postnouns = 0;
    let mut np_done = false;
    let mut paren_head = false;
    for _ in 0..10 {
        let rest = window(text, r.end, RIGHT_WINDOW);
        if rest.is_empty() {
            break;
        }
        if postnouns < 2 && r.value.is_none() && !r.stats {
            if let Some(len) = postnoun_len(rest) {
                r.end += len;
                r.postnoun = true;
                postnouns += 1;
                continue;
            }
        }
        if !r.abbr && r.value.is_none() && !r.stats {
            if let Some(c) = gate(rest, opens_bracket).and_then(|r| values::ABBR.captures(r)) {
                let abbr = c.name("abbr").map_or("", |a| a.as_str());
                if abbr.bytes().any(|b| b.is_ascii_uppercase()) && abbr.len() <= 14 {
                    r.end += c.get(0).map_or(0, |m| m.end());
                    r.abbr = true;
                    continue;
                }
            }
        }
        if r.value.is_none() && !matches!(class, Class::Endpoint) {
            if let Some(c) = gate(rest, has_value_soon).and_then(|r| values::LINK_VALUE.captures(r)) {
                let raw = c.name("v").map_or("", |v| v.as_str());
                let m_end = c.get(0).map_or(0, |m| m.end());
                let link = &rest[..c.name("v").map_or(0, |v| v.start())];
                let link_word = link.trim().to_ascii_lowercase();
                let parsed = values::first_value(raw);
                let unit = parsed.and_then(|p| p.1);
                let comparator = raw.starts_with(['>', '<', '≥', '≤']);
                let link_ok = match link_word.as_str() {
                    "" => {
                        matches!(class, Class::Ratio)
                            || (matches!(class, Class::Score | Class::ScoreWeak) && comparator)
                    }
                    "," => matches!(class, Class::Ratio),
                    "by" => matches!(class, Class::Change | Class::Risk | Class::Score | Class::ScoreWeak),
                    // "increased 10-fold"
                    "increased" | "decreased" | "rose" | "fell" => unit == Some("fold"),
                    _ => true,
                };
                if link_ok && value_fits(class, unit, r.postnoun, raw) {
                    // Values of a "respectively" list are spans of their own.
                    let mut after = r.end + m_end;
                    if let Some(m) = stats_at(text, after) {
                        after += m.end();
                    }
                    let ahead = window(text, after, 40);
                    if starts_with_conjunction(ahead) && LIST_AHEAD.is_match(ahead) {
                        break;
                    }
                    r.end += m_end;
                    r.value = parsed;
                    r.stats = true;
                    continue;
                }
            }
        }
        if let Some(m) = stats_at(text, r.end) {
            r.end += m.end();
            r.stats = true;
            continue;
        }
        if safety && !r.grade && !r.stats {
            if let Some(m) = gate(rest, mentions_grade).and_then(|r| values::GRADE_TAIL.find(r)) {
                r.end += m.end();
                r.grade = true;
                continue;
            }
        }
        if safety && !r.stats {
            let lead = |r: &str| first_word_in(r, &["leading", "resulting", "that", "requiring"]);
            if let Some(m) = gate(rest, lead).and_then(|r| LEADING_TO.find(r)) {
                r.end += m.end();
                continue;
            }
        }
        if class == Class::Safety && head.term.measure == "safety profile" {
            let lead = |r: &str| first_word_in(r, &["consistent", "similar", "comparable", "in"]);
            if let Some(m) = gate(rest, lead).and_then(|r| values::CONSISTENT_TAIL.find(r)) {
                r.end += m.end();
                continue;
            }
        }
        if matches!(class, Class::Change | Class::Risk | Class::Ratio) && !np_done && !r.stats {
            np_done = true;
            let lead = if head_ends_with_of(text, head) {
                Some(0)
            } else if class == Class::Ratio {
                gate(rest, |r| first_word_in(r, &["for"])).and_then(|r| RATIO_FOR.find(r)).map(|m| m.end())
            } else {
                gate(rest, |r| first_word_in(r, &["from", "in", "of", "to"]))
                    .and_then(|r| NP_LEAD.find(r))
                    .map(|m| m.end())
            };
            if let Some(lead) = lead {
                let np_start = r.end + lead;
                let np_end = noun_phrase(text, np_start);
                if np_end > np_start {
                    r.np = Some((np_start, np_end));
                    r.end = np_end;
                    continue;
                }
            }
        }
        // "(invasive disease-free survival [IDFS])": the measure named in parentheses.
        if matches!(class, Class::Change | Class::Risk | Class::Event) && r.np.is_some() && !paren_head && !r.stats {
            paren_head = true;
            if let Some(end) = parenthesised_head(text, r.end, heads) {
                r.end = end;
                continue;
            }
        }
        if matches!(class, Class::Event | Class::Tte | Class::Risk | Class::Change) && !r.stats {
            if let Some(m) = gate(rest, starts_with_conjunction).and_then(|r| EVENT_OR.find(r)) {
                r.end += m.end();
                continue;
            }
        }
        break;
    }
    r
}

/// The end of " (<head> [ABBR])" after `pos`, when the parentheses hold a head and nothing else.
fn parenthesised_head(text: &str, pos: usize, heads: &[Head]) -> Option<usize> {
    let rest = window(text, pos, 120);
    let inner = rest.strip_prefix(" (")?;
    let open = pos + (rest.len() - inner.len());
    let close = inner.find(')')? + open;
    let h = heads_in(heads, open, open + 1).first()?;
    let tail = text.get(h.end..close)?.trim();
    let ok = tail.is_empty()
        || (tail.starts_with('[') && tail.ends_with(']') && tail.len() <= 10);
    ok.then_some(close + 1)
}

/// " leading to discontinuation" after an adverse-event phrase.
static LEADING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:leading to|resulting in|that led to|requiring)\s(?i:(?:treatment|study|drug|permanent)\s)?(?i:discontinuation|withdrawal|interruption|dose reduction|hospitali[sz]ation|death)s?\b")
        .unwrap_or_else(|e| panic!("LEADING_TO: {e}"))
});

static RATIO_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:for)\s(?i:the\s)?").unwrap_or_else(|e| panic!("RATIO_FOR: {e}"))
});

static NP_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:from baseline\s)?(?i:in|of|to)\s(?i:the\s)?")
        .unwrap_or_else(|e| panic!("NP_LEAD: {e}"))
});

fn head_ends_with_of(text: &str, head: &Head) -> bool {
    text[head.start..head.end].to_ascii_lowercase().ends_with(" of")
}

// ---------------------------------------------------------------------------------------
// Phrases
// ---------------------------------------------------------------------------------------

/// Words before a phrase that negate the verb governing it ("did not meet", "failed to").
fn verb_negated(text: &str, start: usize) -> bool {
    let mut pos = start;
    for _ in 0..6 {
        let Some((ts, te)) = prev_token(text, pos) else { return false };
        let tok = text[ts..te].to_ascii_lowercase();
        if tok.ends_with([',', ';', ':', '.', ')']) {
            return false;
        }
        if matches!(
            tok.as_str(),
            "not" | "failed" | "fail" | "fails" | "never" | "without" | "no" | "none" | "neither" | "nor"
        )
            || tok.ends_with("n't")
            || tok.ends_with("n’t")
        {
            return true;
        }
        pos = ts;
    }
    false
}

static NEGATED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:was|were|is|are|has|have been|had)?\s?(?i:not)\s(?i:met|achieved|reached|significant|statistically)")
        .unwrap_or_else(|e| panic!("NEGATED_AFTER: {e}"))
});

/// Words before a disease name that make an ambiguous event name a condition ("solid
/// malignancies", "patients with hypertension").
const CONDITION_BEFORE: &[&str] = &[
    "solid", "hematologic", "haematologic", "advanced", "metastatic", "relapsed", "refractory",
    "with", "treat", "treating", "treatment", "for", "against", "prevent", "preventing",
    "prevention", "pulmonary", "arterial", "resistant",
];

/// Nouns before "of" that make the following disease an indication ("treatment of
/// hypertension").
const CONDITION_OF: &[&str] = &["treatment", "prevention", "management", "history", "diagnosis", "patients", "people"];

/// Verbs before a measure that make it a goal of a therapy, not a result ("to lower LDL-C").
const GOAL_BEFORE: &[&str] = &[
    "reduce", "reduces", "lower", "lowers", "lowering", "reducing", "control", "controls",
    "controlling", "target", "targets", "targeting", "improve", "improves",
];

/// Words after a measure that make it a description of a trial or therapy ("LDL-C lowering
/// trials").
const GOAL_AFTER: &[&str] = &["lowering", "-lowering", "reducing", "trial", "trials", "study", "studies", "program", "programme", "therapy", "therapies"];

fn prev_word_lower(text: &str, pos: usize) -> String {
    prev_token(text, pos).map_or(String::new(), |(a, b)| text[a..b].to_ascii_lowercase())
}

fn next_word_lower(text: &str, pos: usize) -> String {
    let rest = window(text, pos, 40);
    let r = rest.trim_start_matches([' ', '\t']);
    if r.len() == rest.len() && !r.starts_with('-') {
        return String::new();
    }
    r.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ')'))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn title_case_mid_sentence(text: &str, head: &Head) -> bool {
    let h = &text[head.start..head.end];
    let capitalised = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.all(|c| !c.is_uppercase())
    };
    let words: Vec<&str> = h.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() > 1 {
        return words.iter().skip(1).any(|w| capitalised(w)) && capitalised(words[0]);
    }
    let sentence_start = text[..head.start]
        .trim_end_matches([' ', '\t', '*', '•', '-', '"', '“', '('])
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | ';'));
    capitalised(h) && !sentence_start
}

fn phrase(doc: &Doc, head: &Head, heads: &[Head], ctx: &mut SentenceCues) -> Option<Phrase> {
    let text = doc.text;
    let class = head.term.class;
    // A named event in Title Case mid-sentence ("Atrial Fibrillation") is a heading or an
    // indication, not an adverse event.
    if class == Class::Ae && title_case_mid_sentence(text, head) {
        return None;
    }
    if head.term.needs_safety_context {
        if !ctx.is_safety(head.start) {
            return None;
        }
        let prev = prev_word_lower(text, head.start);
        if CONDITION_BEFORE.contains(&prev.as_str()) {
            return None;
        }
        if prev == "of" {
            let of_at = prev_token(text, head.start).map_or(0, |t| t.0);
            if CONDITION_OF.contains(&prev_word_lower(text, of_at).as_str()) {
                return None;
            }
        }
    }
    // An abbreviation in parentheses after its own full name: the full name's phrase decides.
    if text[..head.start].ends_with('(')
        && heads_in(heads, head.start.saturating_sub(64), head.start).iter().any(|h| {
            h.term.measure == head.term.measure && h.end + 2 == head.start && text[h.end..head.start] == *" ("
        })
    {
        return None;
    }
    let left = extend_left(text, head);
    let right = extend_right(text, head, heads);
    let inner = right.np.and_then(|(a, b)| {
        heads_in(heads, a, b)
            .iter()
            .find(|h| h.end <= b && h.start != head.start && !matches!(h.term.class, Class::Change))
    });
    let np_has_head = inner.is_some();
    let has_value = right.value.is_some() || left.value || right.stats;
    let head_text = &text[head.start..head.end];
    let before = prev_word_lower(text, left.start);
    let accepted = match class {
        Class::Endpoint => left.solid || head_text.contains(' ') && !head_text.starts_with("end"),
        Class::Change => {
            (right.np.is_some() && (left.strong || has_value || np_has_head || left.grade))
                || left.value
                || right.value.is_some()
        }
        Class::Risk => {
            let lowered = text[left.start..head.start].to_ascii_lowercase();
            before != "at"
                && (left.strong
                    || has_value
                    || ["lower", "reduc", "decreas", "less"].iter().any(|w| lowered.contains(w)))
        }
        Class::Event => left.solid || has_value || right.end > head.end,
        Class::Weak => {
            let in_response_to = before == "in" && left.start == head.start;
            let remained = head_text.eq_ignore_ascii_case("progression-free")
                && matches!(before.as_str(), "remained" | "remain" | "remains" | "remaining" | "stayed");
            remained
                || (!in_response_to
                    && !head_text.eq_ignore_ascii_case("progression-free")
                    && (left.solid || right.postnoun || has_value || right.abbr))
        }
        Class::WeakSafety => left.solid || right.grade || has_value || right.abbr,
        Class::ScoreWeak => left.solid || right.postnoun || has_value || right.abbr,
        Class::Score => {
            !(GOAL_BEFORE.contains(&before.as_str()) && !has_value)
                && !GOAL_AFTER.contains(&next_word_lower(text, right.end).as_str())
                && !(before == "of" && prev_word_lower(text, prev_token(text, left.start).map_or(0, |t| t.0)).ends_with("kg"))
        }
        Class::Ratio => {
            // "OR" and "HR" as bare words are too ambiguous without a value.
            head_text.len() > 2 || has_value || right.abbr
        }
        // "did not reach statistical significance", "not statistically significant"
        Class::Significance => {
            left.negated || head_text.to_ascii_lowercase().starts_with("not") || verb_negated(text, left.start)
        }
        Class::NotReached => ctx.sentence_at(head.start).is_some_and(|i| {
            let sp = ctx.span_of(i);
            heads_in(heads, sp.start, sp.end)
                .iter()
                .any(|h| h.end <= sp.end && h.term.class == Class::Tte)
        }),
        _ => true,
    };
    // "patients at high risk of recurrence" describes a population.
    let at_risk = before == "at" && text[left.start..head.end].to_ascii_lowercase().contains("risk");
    if !accepted || at_risk {
        return None;
    }
    // "a 24% increase" in a sentence about revenue is not a result.
    if matches!(class, Class::Change | Class::Risk | Class::Weak) && ctx.is_money(head.start) {
        return None;
    }
    let end = right.end;
    let negated = left.negated
        || verb_negated(text, left.start)
        || gate(window(text, end, 60), |r| r.contains("not")).is_some_and(|r| NEGATED_AFTER.is_match(r))
        || (class == Class::Significance && head_text.to_ascii_lowercase().starts_with("not"));
    Some(Phrase {
        start: left.start,
        end,
        head: *head,
        measure: match inner {
            Some(h) if class == Class::Change => h.term.measure,
            _ => head.term.measure,
        },
        value: right.value,
        negated,
        postnoun: right.postnoun,
    })
}

/// Merges phrases joined in ways the guide keeps as one span: "primary endpoint of overall
/// survival", "disease progression or death", "progression-free survival and overall survival
/// advantage".
fn merge_coordinated(text: &str, phrases: &mut Vec<Phrase>) {
    phrases.sort_by_key(|p| (p.start, std::cmp::Reverse(p.end)));
    let mut out: Vec<Phrase> = Vec::with_capacity(phrases.len());
    for p in phrases.drain(..) {
        if let Some(last) = out.last_mut() {
            if p.end <= last.end {
                // inside the previous phrase: resolve would drop it anyway
                continue;
            }
            if p.start >= last.end {
                let gap = text.get(last.end..p.start).unwrap_or("");
                let a = last.head.term.class;
                let b = p.head.term.class;
                let merge = (a == Class::Endpoint && gap == " of ")
                    || (a == Class::Event && b == Class::Event && matches!(gap, " or " | " and "))
                    || (matches!(a, Class::Tte | Class::Rate)
                        && matches!(b, Class::Tte | Class::Rate)
                        && gap == " and "
                        && p.postnoun
                        && !last.postnoun);
                if merge {
                    last.end = p.end;
                    last.negated |= p.negated;
                    if last.value.is_none() {
                        last.value = p.value;
                    }
                    continue;
                }
            }
        }
        out.push(p);
    }
    *phrases = out;
}

// ---------------------------------------------------------------------------------------
// Stand-alone values
// ---------------------------------------------------------------------------------------

/// Words after "X% of" that make the value a result ("73% of patients").
const POPULATION: &[&str] = &[
    "patients", "participants", "subjects", "people", "adults", "children", "women", "men",
    "individuals", "those", "responders", "infants", "volunteers", "treated", "evaluable",
];

/// Words right before a value that link it to a result ("was 45%", "compared to 12%").
const VALUE_LINKS: &[&str] = &[
    "compared to", "compared with", "vs.", "vs", "versus", "relative to", "was", "were", "is",
    "are", "of", "in", "reached", "achieved", "(",
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
        && b.get(j + 1..j + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
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

static VALUE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\A(?:,?\s(?:and|or|vs\.?|versus)\s(?:(?i:placebo|vehicle|control)\s)?{}\s?(?:%|(?i:percent|months?|weeks?)\b)?)+",
        values::NUM
    ))
    .unwrap_or_else(|e| panic!("VALUE_LIST: {e}"))
});

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

fn standalone_values(doc: &Doc, heads: &[Head], phrases: &[Phrase], out: &mut Vec<Candidate>) {
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
                && gate(window_before(&text[..i - 1], 24), has_comparator).is_some_and(|w| P_BEFORE.is_match(w));
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
            out.push(c);
        }
        i = next;
    }
}

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
        if let Some(m) = gate(w, |w| w.contains("CI") || w.contains("onfidence")).and_then(|w| CI_AT.find(w)) {
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
    if rest.trim_start().starts_with("CI") || rest.to_ascii_lowercase().trim_start().starts_with("confidence") {
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
    let list_match = gate(rest, starts_with_conjunction).and_then(|r| VALUE_LIST.find(r));
    let list = list_match.map_or(0, |m| m.end());
    let has_vs = list_match.is_some_and(|m| m.as_str().contains("vs") || m.as_str().contains("versus"));
    let after_list = after_num + list;
    let accepted = match unit.map(|u| u.1) {
        Some("%") => {
            let lower_rest = window(text, after_list, 120).to_ascii_lowercase();
            let clause = first_clause(&lower_rest);
            let of_population = lower_rest.starts_with(" of ")
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
            of_population || in_group || linked || has_vs || (table_cell && head_near(heads, ns))
        }
        Some("months" | "weeks") => {
            let tte = sentence.is_some_and(|s| {
                heads_in(heads, s.start, s.end)
                    .iter()
                    .any(|h| h.end <= s.end && matches!(h.term.class, Class::Tte | Class::Weak | Class::Rate))
            });
            tte && linked_value(before)
                && !FOLLOW_UP.is_match(rest)
                && !window_before(before, 30).to_ascii_lowercase().contains("follow")
        }
        _ => {
            let decimal = text[ns..ne].contains('.') || sign_start < ns;
            (table_cell && decimal && head_near(heads, ns))
                || (has_vs && decimal && head_in_sentence(false))
                || (decimal
                    && head_in_sentence(true)
                    && (linked_value(before)
                        || window_before(before, 5).ends_with(" and "))
                    && stats_at(text, after_num).is_some_and(|m| m.as_str().contains('(')))
        }
    };
    if !accepted || ctx.is_money(ns) {
        return None;
    }
    let start = qualifier_before(text, sign_start);
    let mut end = after_list;
    // statistics right after the value: "(29/70 patients)", "(95% CI: ...)", ", p= 0.0052"
    for _ in 0..2 {
        match stats_at(text, end) {
            Some(m) => end += m.end(),
            None => break,
        }
    }
    let span_text = &text[start..end];
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
    Some(
        Candidate::new(Label::Outcome, Span::new(start, end), "outcome.value")
            .priority(VALUE_PRIORITY)
            .attrs(attrs),
    )
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

/// Heads whose start lies in `a..b` (heads are sorted by start).
fn heads_in(heads: &[Head], a: usize, b: usize) -> &[Head] {
    let i = heads.partition_point(|h| h.start < a);
    let j = heads.partition_point(|h| h.start < b).max(i);
    &heads[i..j]
}

/// The last `max` bytes of `s`, cut at a char boundary.
fn window_before(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while start < s.len() && !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Where a number starting at `ns` starts with its sign ("-15.6", "−2.2").
fn signed_start(text: &str, ns: usize) -> usize {
    let before = &text[..ns];
    for sign in ['-', '−'] {
        if let Some(b) = before.strip_suffix(sign) {
            if b.chars().next_back().is_none_or(|c| c.is_whitespace() || c == '(' || c == '|') {
                return b.len();
            }
        }
    }
    ns
}

/// True when the value fills a table cell: alone on its line, the line ending with `|`, or
/// the previous line ending with `|`.
fn is_table_cell(text: &str, start: usize, end: usize) -> bool {
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

    fn outcomes(t: &str) -> Vec<String> {
        let doc = Doc::new(t);
        let mut c = Vec::new();
        scan(&doc, &mut c);
        crate::resolve::resolve(c)
            .into_iter()
            .map(|c| t[c.span.start..c.span.end].to_string())
            .collect()
    }

    #[test]
    fn grows_phrases_left_and_right() {
        assert_eq!(
            outcomes("The cohort had an independently confirmed overall response rate (ORR) of 33% so far."),
            vec!["independently confirmed overall response rate (ORR) of 33%"]
        );
        assert_eq!(
            outcomes("The most common Grade 3 or higher treatment-related adverse events were rare."),
            vec!["Grade 3 or higher treatment-related adverse events"]
        );
        assert_eq!(outcomes("No dose-limiting toxicities (DLT) were seen."), vec!["No dose-limiting toxicities (DLT)"]);
    }

    #[test]
    fn left_walk_stops_at_verbs_and_determiners() {
        assert_eq!(outcomes("The trial met its primary endpoint."), vec!["primary endpoint"]);
        assert!(outcomes("The drug has shown compelling efficacy and clinical benefit.").is_empty());
    }

    #[test]
    fn helpers_are_safe_on_odd_text() {
        assert_eq!(window("aé", 1, 1), "");
        assert_eq!(window_before("éa", 2), "a");
        assert!(prev_token("  x", 0).is_none());
        assert!(outcomes("—95% (").is_empty());
        assert!(!is_table_cell("1", 0, 1));
    }
}
