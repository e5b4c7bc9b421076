//! The phrase grammar: how a head grows to the left over the words that qualify a result,
//! and to the right over abbreviations, completing nouns, values and statistics.

use super::terms::{Class, Head};
use super::values;
use super::{first_word_in, gate, heads_in, prev_token, window, RIGHT_WINDOW};
use crate::re::Regex;
use std::sync::LazyLock;

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
    "significant",
    "significantly",
    "statistically",
    "meaningful",
    "superior",
    "robust",
    "rapid",
    "sustained",
    "durable",
    "substantial",
    "marked",
    "greater",
    "deep",
    "deeper",
    "numerical",
    "numerically",
    "nominally",
    "highly",
    "dramatic",
    "profound",
    "clinically",
    "consistent",
    "continued",
    "lasting",
    "long-lasting",
    "prolonged",
    "improved",
];

/// Qualifiers of results.
const SOLID: &[&str] = &[
    "median",
    "mean",
    "overall",
    "average",
    "estimated",
    "confirmed",
    "unconfirmed",
    "adjudicated",
    "centrally",
    "independently",
    "investigator-assessed",
    "blinded",
    "best",
    "objective",
    "clinical",
    "high",
    "higher",
    "low",
    "lower",
    "stringent",
    "serious",
    "severe",
    "mild",
    "moderate",
    "fatal",
    "treatment-related",
    "treatment-emergent",
    "emergent",
    "drug-related",
    "immune-related",
    "immune-mediated",
    "infusion-related",
    "transient",
    "reversible",
    "uncomplicated",
    "grade",
    "key",
    "dual",
    "ranked",
    "co-primary",
    "coprimary",
    "primary",
    "secondary",
    "exploratory",
    "complete",
    "partial",
    "major",
    "molecular",
    "cytogenetic",
    "hematologic",
    "haematologic",
    "hematological",
    "pathologic",
    "pathological",
    "radiographic",
    "metabolic",
    "time-averaged",
    "placebo-adjusted",
    "placebo-corrected",
    "ls",
    "least-squares",
    "squares",
    "annualized",
    "annualised",
    "total",
    "landmark",
    "excellent",
    "favorable",
    "favourable",
    "acceptable",
    "manageable",
    "tolerable",
    "predictable",
    "well-characterized",
    "well-established",
    "established",
    "new",
    "composite",
    "ocular",
    "hepatic",
    "renal",
    "cardiac",
    "gastrointestinal",
    "pulmonary",
    "neurologic",
    "neurological",
    "dermatologic",
    "cutaneous",
    "systemic",
    "relative",
    "absolute",
    "prespecified",
    "pre-specified",
    "monthly",
    "weekly",
    "daily",
    "annual",
    "cfb",
    "body",
    "facial",
    "relevant",
    "important",
    "improvement",
    "improvements",
    "reduction",
    "reductions",
    "decrease",
    "decreases",
    "increase",
    "increases",
    "decline",
    "declines",
    "change",
    "changes",
    "gain",
    "gains",
    "elevation",
    "elevations",
    "prevention",
    "worsening",
    "delay",
    "risk",
    "rate",
    "rates",
    "time",
    "proportion",
    "percentage",
    "unexpected",
    "dose-limiting",
    "stratified",
    "adjusted",
    "unstratified",
    "unadjusted",
    "static",
    "validated",
    "fewer",
];

/// Past-tense verbs of effect on an outcome.
const EFFECT_VERBS: &[&str] = &[
    "reduced",
    "lowered",
    "slowed",
    "prolonged",
    "delayed",
    "decreased",
    "improved",
    "extended",
    // "can slow disease progression", "slowing of cognitive decline", "delays relapse"
    "slow",
    "slows",
    "slowing",
    "slower",
    "delay",
    "delays",
    "delaying",
    "prolong",
    "prolongs",
    "prolonging",
];

/// Words that belong to a phrase only between qualifiers.
const WEAK: &[&str] = &[
    "and",
    "or",
    "&",
    "in",
    "of",
    "the",
    "its",
    "their",
    "from",
    "baseline",
    "to",
    "than",
    "equal",
    "reduced",
    "lowered",
    "slowed",
    "extended",
    "decreased",
    "increased",
    "delayed",
    "all",
    "both",
    "study's",
    "trial's",
    "treatment",
    "least",
    "three",
    "four",
    "five",
    "iii",
    "iv",
    "above",
    "more",
    "higher",
    "≥",
    ">=",
    "=",
    ">",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// Unit words that make the number before them a value ("83.4 percent reduction", "6.2 kg
/// greater reduction").
const LEFT_UNITS: &[&str] = &[
    "percent", "kg", "lb", "lbs", "pounds", "points", "point", "mmhg", "mg/dl", "letters",
];

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

/// True when the number token starting at `ts` is a grade: "grade 3", or the second number of
/// a grade range ("grade 4 or 5", "grade 3 to 4").
fn in_grade(text: &str, ts: usize) -> bool {
    let is_grade =
        |t: Option<(usize, usize)>| t.is_some_and(|(a, b)| text[a..b].eq_ignore_ascii_case("grade"));
    let Some((a, b)) = prev_token(text, ts) else {
        return false;
    };
    if text[a..b].eq_ignore_ascii_case("grade") {
        return true;
    }
    if !matches!(text[a..b].to_ascii_lowercase().as_str(), "or" | "to" | "and") {
        return false;
    }
    match prev_token(text, a) {
        Some((c, d)) if is_grade_part(&text[c..d].to_ascii_lowercase()) => is_grade(prev_token(text, c)),
        _ => false,
    }
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
    // "no cases of hepatotoxicity", "no episodes of severe hypoglycaemia"
    if safety
        && matches!(
            l,
            "case" | "cases" | "episode" | "episodes" | "instance" | "instances"
        )
    {
        return Tok::Weak;
    }
    // "rates of hypoglycaemia", "incidence of nausea": a named event stands alone; the rate
    // word frames it ("the rate of serious adverse events was 4%" keeps its frame).
    if class == Class::Ae && matches!(l, "rate" | "rates" | "incidence" | "incidences" | "frequency") {
        return Tok::Stop;
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
    // "corticosteroid-free remission", "treatment-free survival", "bleed-free": the state the
    // result is free of
    if !safety && l.len() > 6 && l.ends_with("-free") {
        return Tok::Solid { strong: false };
    }
    // Verbs of effect belong to the result they act on ("slowed disease progression",
    // "reduced the risk of death"); reporting verbs ("met", "showed") do not.
    if !safety && EFFECT_VERBS.contains(&l) {
        return Tok::Solid { strong: false };
    }
    if SOLID.contains(&l) {
        return Tok::Solid { strong: false };
    }
    if WEAK.contains(&l) || is_grade_part(l) {
        return Tok::Weak;
    }
    Tok::Stop
}

/// Where a value qualifier ("more than") that ends just before `pos` starts.
pub(super) fn qualifier_before(text: &str, pos: usize) -> usize {
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
pub(super) struct Left {
    pub(super) start: usize,
    pub(super) negated: bool,
    pub(super) solid: bool,
    pub(super) strong: bool,
    pub(super) value: bool,
    pub(super) grade: bool,
}

pub(super) fn extend_left(text: &str, head: &Head) -> Left {
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
    // "IGF-1 normalization", "ALP normalisation": the laboratory value that normalised
    if head.term.measure == "normalization" {
        if let Some((ts, te)) = prev_token(text, pos) {
            let w = &text[ts..te];
            let abbreviation = (2..=10).contains(&w.len())
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && w.bytes()
                    .filter(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    .count()
                    >= 2;
            if abbreviation {
                left.start = ts;
                left.solid = true;
            }
        }
        return left;
    }
    // "≥CR", "≥VGPR": a response category and better
    if class == Class::Response {
        let before = &text[..head.start];
        if let Some(b) = before.strip_suffix('≥').or_else(|| before.strip_suffix('>')) {
            if b.chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '(')
            {
                left.start = b.len();
                pos = b.len();
            }
        }
    }
    // Weak words read since the last accepted one, and whether that one was a value.
    let mut pending: Vec<String> = Vec::new();
    let mut last_value = false;
    let mut last_solid = String::new();
    for _ in 0..18 {
        let Some((ts, te)) = prev_token(text, pos) else {
            break;
        };
        let raw = &text[ts..te];
        // "least-squares (LS) mean": the abbreviation of the estimate inside the phrase
        if raw.eq_ignore_ascii_case("(LS)") {
            pending.push("ls".to_string());
            pos = ts;
            continue;
        }
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
        // "75% or greater reduction": a value with an open bound.
        let value_ok = pending.is_empty()
            || (last_value && pending.len() == 1 && matches!(pending[0].as_str(), "and" | "or"))
            || (pending.len() == 1
                && pending[0] == "or"
                && matches!(
                    last_solid.as_str(),
                    "greater" | "higher" | "more" | "larger" | "better" | "lower" | "less"
                ));
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
        let before_is_grade = in_grade(text, ts);
        let numberish = is_number(&lower) || NUMBER_WORDS.contains(&lower.as_str());
        if numberish && !before_is_grade {
            // A count right before the head ("two partial responses", "One serious adverse
            // event"); "at least one" is not a count of results.
            let at_least = prev_token(text, ts)
                .is_some_and(|(a, b)| matches!(text[a..b].to_ascii_lowercase().as_str(), "least" | "than"));
            if counts && pending.is_empty() && lower != "1" && !(lower == "one" && at_least) {
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
                // "weight gain and somnolence": a named event does not reach across a
                // conjunction into the closing noun of the phrase before it ("mild or moderate
                // headache" still joins).
                if class == Class::Ae
                    && POSTNOUNS.contains(&lower.as_str())
                    && pending.iter().any(|w| matches!(w.as_str(), "and" | "or"))
                {
                    break;
                }
                left.start = ts;
                // "least squares mean"
                if lower == "squares" {
                    if let Some((ls, le)) = prev_token(text, ts) {
                        if text[ls..le].eq_ignore_ascii_case("least") {
                            left.start = ls;
                        }
                    }
                }
                left.solid = true;
                left.strong |= strong;
                left.grade |= lower == "grade";
                last_value = is_value;
                last_solid.clone_from(&lower);
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
    "score",
    "scores",
    "rate",
    "rates",
    "ratio",
    "ratios",
    "advantage",
    "benefit",
    "improvement",
    "improvements",
    "reduction",
    "reductions",
    "increase",
    "increases",
    "elevation",
    "elevations",
    "decrease",
    "decreases",
    "decline",
    "declines",
    "change",
    "changes",
    "gain",
    "gains",
    "level",
    "levels",
    "profile",
    "profiles",
    "endpoint",
    "endpoints",
    "freedom",
    "frequency",
    "response",
    "responses",
    "remission",
    "titers",
    "titres",
    "concentrations",
    "subscale",
    "subscales",
    "slope",
    "slopes",
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
        // "positive subscale", "Marder negative factor" of a named scale
        "positive" | "negative" | "general" => len += subscale_len(&r[w.len()..])?,
        _ if w.len() > 2
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w[1..].bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            // a named factor model before the part: "Marder negative factor"
            let rest = r[w.len()..].strip_prefix(' ')?;
            let part = &rest[..word_len(rest)];
            if !matches!(
                part.to_ascii_lowercase().as_str(),
                "positive" | "negative" | "general"
            ) {
                return None;
            }
            len += 1 + part.len() + subscale_len(&rest[part.len()..])?;
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

/// Length of " subscale" or " factor" (plural too) at the start of `s`: the part of a named
/// scale after "positive", "negative" or "general".
fn subscale_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix(' ')?;
    let next = &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())];
    matches!(
        next.to_ascii_lowercase().as_str(),
        "subscale" | "subscales" | "factor" | "factors"
    )
    .then_some(1 + next.len())
}

/// " or PV", " or death": a coordinated event after an event head.
static EVENT_OR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A\s(?:or|and)\s(?:(?i:death|relapse|recurrence|disease progression|progression|permanent ventilation|permanent assisted ventilation|tracheostomy|transplant|transplantation|dialysis|amputation)\b|[A-Z]{2,5}\b)",
    )
    .unwrap_or_else(|e| panic!("EVENT_OR: {e}"))
});

fn opens_bracket(s: &str) -> bool {
    s.strip_prefix(' ').unwrap_or(s).starts_with(['(', '['])
}

/// Words that may link a measure to its value ("was", "of", "reduced by").
const LINK_WORDS: &[&str] = &[
    "of",
    "had",
    "has",
    "have",
    "was",
    "were",
    "is",
    "are",
    "by",
    "reached",
    "exceeded",
    "slowed",
    "reduced",
    "lowered",
    "decreased",
    "increased",
    "improved",
    "fell",
    "dropped",
    "declined",
    "rose",
];

/// A cheap test that a linking word and a value may follow: the first word is a linking word
/// or a value, and a value starts within the first four words.
fn has_value_soon(s: &str) -> bool {
    let w = window(s, 0, 48);
    let starts_value = |t: &str| {
        t.starts_with(|c: char| {
            c.is_ascii_digit() || matches!(c, '-' | '−' | '>' | '<' | '≥' | '≤' | '~' | '.')
        }) || matches!(
            t,
            "not"
                | "NR"
                | "NE"
                | "more"
                | "greater"
                | "less"
                | "nearly"
                | "almost"
                | "approximately"
                | "about"
                | "over"
                | "up"
                | "at"
                | "below"
                | "under"
                | "above"
                | "lower"
                | "higher"
                | "fewer"
        )
    };
    let mut words = w
        .split_whitespace()
        .map(|t| t.trim_start_matches(['=', ':', ',']));
    let Some(mut first) = words.next() else {
        return false;
    };
    // "Median PFS – 12.1 months": a spaced dash links a value like a colon
    if matches!(first, "–" | "—" | "-") {
        let Some(next) = words.next() else { return false };
        first = next;
    }
    // "reduction from baseline was 2.0%": the reference point before the link
    let mut skipped = 0;
    if first.eq_ignore_ascii_case("from") && words.next().is_some_and(|w| w.eq_ignore_ascii_case("baseline"))
    {
        let Some(next) = words.next() else { return false };
        first = next;
        skipped = 2;
    }
    let first_ok =
        starts_value(first) || LINK_WORDS.iter().any(|l| first.eq_ignore_ascii_case(l)) || first.is_empty();
    first_ok && (starts_value(first) || w.split_whitespace().skip(1 + skipped).take(6).any(starts_value))
}

/// A value opened by a comparing word: "below 7%", "less than 100 mg/dL".
fn word_comparator(raw: &str) -> bool {
    let l = raw.get(..12).unwrap_or(raw).to_ascii_lowercase();
    [
        "below ",
        "under ",
        "above ",
        "less than ",
        "lower than ",
        "greater than",
        "higher than ",
        "more than ",
    ]
    .iter()
    .any(|w| l.starts_with(w))
}

fn mentions_grade(s: &str) -> bool {
    window(s, 0, 24).contains("rade")
}

pub(super) fn has_comparator(s: &str) -> bool {
    s.contains(['<', '>', '=', '≤', '≥'])
}

pub(super) fn starts_with_conjunction(s: &str) -> bool {
    let s = s.strip_prefix(',').unwrap_or(s);
    [" and ", " or ", " vs", " versus "]
        .iter()
        .any(|p| s.starts_with(p))
}

/// Statistics right at `pos`: "(95% CI ...)", "; p<0.001".
pub(super) fn stats_at(text: &str, pos: usize) -> Option<crate::re::Match<'_>> {
    let w = window(text, pos, RIGHT_WINDOW);
    let t = w.strip_prefix(' ').unwrap_or(w);
    let mut chars = t.chars();
    let inner = match chars.next() {
        Some('(' | '[') => window(chars.as_str(), 0, 24),
        Some(';' | ',') => {
            // only "; 95% CI ..." or ", p<0.001" continue a phrase after a comma
            let r = chars.as_str().trim_start();
            if !(r.starts_with(|c: char| c.is_ascii_digit())
                || r.starts_with("CI")
                || r.starts_with(['p', 'P']))
            {
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
    // a participle after a Title Case headline phrase: "Reduction in LDL-C Seen in ..."
    "seen",
    "observed",
    "shown",
    "at",
    "compared",
    "versus",
    "vs",
    "vs.",
    "with",
    "as",
    "for",
    "among",
    "across",
    "when",
    "over",
    "through",
    "after",
    "by",
    "during",
    "than",
    "between",
    "on",
    "within",
    "while",
    "whereas",
    "that",
    "which",
    "who",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "to",
    "patients",
    "participants",
    "subjects",
    "people",
    "relative",
    "including",
    "following",
    "until",
    "since",
    "per",
    "a",
    "an",
    "this",
    "these",
    "those",
    "it",
    "from",
    "receiving",
    "treated",
    "given",
    "placebo",
    "arm",
    "arms",
    "group",
    "groups",
    "vehicle",
    "one",
    "two",
    "both",
    "each",
    "respectively",
    "comparison",
    "addition",
    "order",
    "terms",
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
                    // "(CGI-S) scale", "(XYZ) total score"
                    let next = text[end..].strip_prefix(' ').unwrap_or("");
                    let mut word = next.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                    if word.eq_ignore_ascii_case("total") {
                        let after = next[word.len()..].strip_prefix(' ').unwrap_or("");
                        let second = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                        if matches!(second.to_ascii_lowercase().as_str(), "score" | "scores") {
                            end += 1 + word.len();
                            word = second;
                        }
                    }
                    if matches!(
                        word.to_ascii_lowercase().as_str(),
                        "scale" | "score" | "scores" | "index" | "levels"
                    ) {
                        end += 1 + word.len();
                    }
                }
            }
            break;
        }
        let mut k = w[j..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '–' | '\'' | '’')))
            .map_or(w.len(), |x| j + x);
        if k == j {
            break;
        }
        // "lipoprotein(a)", "Lp(a)": a lowercase letter in parentheses glued to the name
        k += glued_letter_len(&w[k..]);
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

/// Length of a parenthesised lowercase letter glued to the end of a name ("(a)" of
/// "lipoprotein(a)"), when no word character follows it; 0 otherwise.
fn glued_letter_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let glued = b.len() >= 3
        && b[0] == b'('
        && b[1].is_ascii_lowercase()
        && b[2] == b')'
        && !b.get(3).is_some_and(|c| c.is_ascii_alphanumeric());
    if glued {
        3
    } else {
        0
    }
}

/// True for statistics that are only a p-value in parentheses: " (p<0.001)", " (P = 0.02)".
fn is_bare_p(stats: &str) -> bool {
    let t = stats.trim_start();
    let Some(inner) = t.strip_prefix('(') else {
        return false;
    };
    inner.starts_with(['p', 'P'])
        && inner[1..].trim_start().starts_with(['<', '=', '≤', '>'])
        && !inner.contains(['(', ';', ','])
        && t.trim_end().ends_with(')')
}

/// Unit kinds a class accepts for the value after its head.
fn value_fits(class: Class, unit: Option<&str>, postnoun_rate: bool, raw: &str) -> bool {
    let not_reached = raw.to_ascii_lowercase().contains("not") || raw.contains("NR") || raw.contains("NE");
    match class {
        Class::Ratio => unit.is_none() && !not_reached,
        Class::Tte => matches!(unit, Some("months" | "weeks" | "years" | "days" | "%")) || not_reached,
        Class::Rate | Class::Response | Class::Weak | Class::Safety | Class::Ae | Class::WeakSafety => {
            matches!(unit, Some("%")) || (postnoun_rate && unit.is_some())
        }
        Class::Score
        | Class::ScoreWeak
        | Class::Change
        | Class::Risk
        | Class::Event
        | Class::Significance
        | Class::NotReached => unit.is_some() || raw.contains('.'),
        Class::Endpoint => false,
    }
}

/// The right part of a phrase.
pub(super) struct Right {
    pub(super) end: usize,
    pub(super) value: Option<(f64, Option<&'static str>)>,
    pub(super) postnoun: bool,
    pub(super) abbr: bool,
    pub(super) stats: bool,
    /// Where a parenthesised p-value with no value before it starts ("PASI 75 (p<0.001)"):
    /// the p-value is a result of its own unless the phrase holds a value on its left.
    pub(super) bare_p: Option<usize>,
    pub(super) np: Option<(usize, usize)>,
    pub(super) grade: bool,
}

/// " and 0.71 (": the values after the phrase may be a list shared out over several measures
/// or arms ("were 0.00 (...) and 0.71 (...), respectively"), each value its own span.
static LIST_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\A,?\s(?:and|or)\s{}", values::NUM)).unwrap_or_else(|e| panic!("LIST_AHEAD: {e}"))
});

/// " and 30%", " or 4.8 months": the second value of a pair after a measure's own value.
static VALUE_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A,?\s(?i:and|or)\s[-−]?\d+(?:\.\d+)?(?:\s?%|\s(?i:percent|months|weeks|points)\b)?")
        .unwrap_or_else(|e| panic!("VALUE_PAIR: {e}"))
});

/// Words right after a value that make it the subject of a clause of its own ("22% of
/// patients had", "18% achieved"), so it does not continue a list before it.
const CLAUSE_AFTER_VALUE: &[&str] = &[
    "of",
    "had",
    "has",
    "have",
    "was",
    "were",
    "achieved",
    "attained",
    "reached",
    "experienced",
    "reported",
    "showed",
    "developed",
    "discontinued",
    "required",
    "remained",
    "met",
    "saw",
];

/// True when the text right after a value (`after`) opens a clause with that value as its
/// subject.
pub(super) fn opens_clause(after: &str) -> bool {
    first_word_in(window(after, 0, 24), CLAUSE_AFTER_VALUE)
}

/// True when the clause from `pos` to the end of its sentence says "respectively": the values
/// that open it are shared out over several measures or arms.
fn shared_out(text: &str, pos: usize) -> bool {
    let w = window(text, pos, 240);
    let cut = [". ", ".\n", "; "]
        .iter()
        .filter_map(|p| w.find(p))
        .min()
        .unwrap_or(w.len());
    w[..cut].contains("respectively")
}

/// The end of a same-unit second value right after a measure's value at `pos` ("was 40% and
/// 30%"), unless that value opens a clause of its own or the pair is shared out by
/// "respectively".
fn value_pair_end(text: &str, pos: usize, unit: Option<&str>, several: bool) -> Option<usize> {
    let rest = window(text, pos, 48);
    let m = gate(rest, starts_with_conjunction).and_then(|r| VALUE_PAIR.find(r))?;
    let second = values::first_value(m.as_str())?;
    let end = pos + m.end();
    let decimal = m.as_str().contains('.');
    let same_unit = second.1 == unit && (unit.is_some() || decimal);
    (same_unit && !opens_clause(window(text, end, 24)) && !(several && shared_out(text, end))).then_some(end)
}

/// True when the clause that ends with the measure at `head_start..end` names several
/// measures joined by "and"/"or" ("ORR and DCR were", "median and mean bleeding rates were"),
/// so a list of values after it is shared out among them.
fn several_measures(text: &str, head_start: usize, end: usize) -> bool {
    let before = super::window_before(text.get(..head_start).unwrap_or(""), 120);
    let from = [". ", ".\n", "; ", ": ", "\n", ", "]
        .iter()
        .filter_map(|p| before.rfind(p).map(|k| k + p.len()))
        .max()
        .unwrap_or(0);
    let clause = &before[from..];
    let measure = text.get(head_start..end).unwrap_or("");
    [clause, measure]
        .iter()
        .any(|t| t.contains(" and ") || t.contains(" or ") || t.contains(" & "))
}

pub(super) fn extend_right(text: &str, head: &Head, heads: &[Head]) -> Right {
    let class = head.term.class;
    let safety = matches!(class, Class::Safety | Class::Ae | Class::WeakSafety);
    let mut r = Right {
        end: head.end,
        value: None,
        postnoun: false,
        abbr: false,
        stats: false,
        bare_p: None,
        np: None,
        grade: false,
    };
    let mut postnouns = 0;
    let mut np_done = false;
    let mut paren_head = false;
    let mut or_better = false;
    let mut against = false;
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
        // "efficacy against severe disease was 88.4%": what the efficacy is measured against,
        // kept only when a value follows it
        if matches!(head.term.measure, "efficacy" | "VE") && !against && r.value.is_none() && !r.stats {
            against = true;
            if let Some(np_start) = rest.strip_prefix(" against ").map(|_| r.end + " against ".len()) {
                let np_end = noun_phrase(text, np_start);
                if np_end > np_start && has_value_soon(window(text, np_end, RIGHT_WINDOW)) {
                    r.end = np_end;
                    continue;
                }
            }
        }
        // "very good partial response or better"
        if class == Class::Response && !r.abbr && r.value.is_none() && !r.stats && !or_better {
            if let Some(m) = OR_BETTER.find(rest) {
                r.end += m.end();
                or_better = true;
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
        // "a PSA decline of at least 50% (PSA50)": the name of a responder threshold after it
        if !r.abbr && r.value.is_some() {
            if let Some(c) = gate(rest, opens_bracket).and_then(|r| values::ABBR.captures(r)) {
                let abbr = c.name("abbr").map_or("", |a| a.as_str());
                let whole = c.get(0).map_or("", |m| m.as_str());
                if abbr.bytes().any(|b| b.is_ascii_uppercase())
                    && abbr.bytes().rev().take(2).all(|b| b.is_ascii_digit())
                    && abbr.len() >= 4
                    && abbr.len() <= 14
                    && whole.trim_end().ends_with([')', ']'])
                    && !whole.contains([';', ','])
                {
                    r.end += whole.len();
                    r.abbr = true;
                    continue;
                }
            }
        }
        // "MRD negativity at 10⁻⁵", "MRD-negative (10^-6)": the sensitivity threshold
        if head.term.measure == "MRD" && r.value.is_none() && !r.stats {
            if let Some(m) =
                gate(rest, |r| window(r, 0, 40).contains("10")).and_then(|r| MRD_THRESHOLD.find(r))
            {
                r.end += m.end();
                r.stats = true;
                continue;
            }
        }
        // "vIGA-AD 0/1", "sPGA score of 0 or 1": the clear or almost-clear category of a scale
        if matches!(class, Class::Score | Class::ScoreWeak) && r.value.is_none() && !r.stats {
            if let Some(m) =
                gate(rest, |r| window(r, 0, 16).contains('0')).and_then(|r| CLEAR_CATEGORY.find(r))
            {
                r.end += m.end();
                r.stats = true;
                continue;
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
                let comparator = raw.starts_with(['>', '<', '≥', '≤']) || word_comparator(raw);
                let link_ok = match link_word.as_str() {
                    // "ORR 52%", "median DoR 9.7 months": a value right after a rate or a
                    // time-to-event measure, as in bullet lists and tables
                    "" => {
                        matches!(class, Class::Ratio)
                            || (matches!(class, Class::Score | Class::ScoreWeak) && comparator)
                            || (matches!(class, Class::Rate | Class::Tte) && unit.is_some())
                    }
                    "," => matches!(class, Class::Ratio),
                    // "had not been reached": only a not-reached value follows these
                    "had" | "has" | "have" => raw.to_ascii_lowercase().starts_with("not "),
                    "by" => matches!(
                        class,
                        Class::Change | Class::Risk | Class::Score | Class::ScoreWeak | Class::Event
                    ),
                    // "increased 10-fold", "annualized bleeding rate fell 91%"
                    "increased" | "decreased" | "rose" | "fell" => {
                        unit == Some("fold")
                            || (unit == Some("%") && matches!(class, Class::Score | Class::ScoreWeak))
                    }
                    _ => true,
                };
                if link_ok && value_fits(class, unit, r.postnoun, raw) {
                    // Values shared out by "respectively" over several measures ("ORR and DCR
                    // were 40% and 80%, respectively") are spans of their own; one measure
                    // keeps its values ("discontinuations were 4% and 9%, respectively").
                    let several = several_measures(text, head.start, r.end);
                    let mut after = r.end + m_end;
                    if let Some(m) = stats_at(text, after) {
                        after += m.end();
                    }
                    let ahead = window(text, after, 40);
                    if several
                        && starts_with_conjunction(ahead)
                        && LIST_AHEAD.is_match(ahead)
                        && shared_out(text, after)
                    {
                        break;
                    }
                    r.end += m_end;
                    r.value = parsed;
                    r.stats = true;
                    // "was 40% and 30% in the two arms": a same-unit pair, one value per arm
                    if let Some(end) = value_pair_end(text, r.end, unit, several) {
                        r.end = end;
                        continue;
                    }
                    // "fell by 1.5%, 1.9% and 2.2%": a series of three or more values, one per
                    // arm or dose, stays with its measure
                    if let Some(m) = gate(window(text, r.end, 120), |w| w.starts_with(','))
                        .and_then(|w| VALUE_SERIES.find(w))
                    {
                        r.end += m.end();
                    }
                    continue;
                }
            }
        }
        if let Some(m) = stats_at(text, r.end) {
            // After a value of its own, a parenthesised ratio is a result of its own: "by 53%
            // (hazard ratio 0.47 ...)".
            let ratio = {
                let t = m
                    .as_str()
                    .trim_start()
                    .trim_start_matches(['(', '['])
                    .to_ascii_lowercase();
                [
                    "hazard",
                    "hr",
                    "odds",
                    "or ",
                    "risk ratio",
                    "rate ratio",
                    "relative risk",
                    "stratified",
                ]
                .iter()
                .any(|w| t.starts_with(w))
            };
            if r.value.is_some() && ratio {
                break;
            }
            if r.value.is_none() && !r.stats && is_bare_p(m.as_str()) {
                r.bare_p = Some(r.end);
            }
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
        // "conjunctivitis rates similar to placebo", "adverse events at the injection site"
        if safety && !r.stats {
            let lead = |r: &str| first_word_in(r, &["similar", "comparable", "at"]);
            if let Some(m) = gate(rest, lead).and_then(|r| SAFETY_PLACE_OR_ARM.find(r)) {
                r.end += m.end();
                r.stats = true;
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
            let lead = |r: &str| {
                first_word_in(
                    r,
                    &[
                        "consistent",
                        "similar",
                        "comparable",
                        "in",
                        "was",
                        "is",
                        "were",
                        "are",
                        "remained",
                        "remains",
                    ],
                )
            };
            if let Some(m) = gate(rest, lead).and_then(|r| values::CONSISTENT_TAIL.find(r)) {
                r.end += m.end();
                continue;
            }
        }
        if matches!(class, Class::Change | Class::Risk | Class::Ratio)
            && !np_done
            && (!r.stats || r.value.is_some())
        {
            np_done = true;
            let lead = if head_ends_with_of(text, head) {
                Some(0)
            } else if class == Class::Ratio {
                gate(rest, |r| first_word_in(r, &["for"]))
                    .and_then(|r| RATIO_FOR.find(r))
                    .map(|m| m.end())
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
        if matches!(class, Class::Change | Class::Risk | Class::Event)
            && r.np.is_some()
            && !paren_head
            && !r.stats
        {
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
    let ok = tail.is_empty() || (tail.starts_with('[') && tail.ends_with(']') && tail.len() <= 10);
    ok.then_some(close + 1)
}

/// " leading to discontinuation" after an adverse-event phrase.
static LEADING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:leading to|resulting in|that led to|requiring)\s(?i:(?:treatment|study|drug|permanent)\s)?(?i:discontinuation|withdrawal|interruption|dose reduction|hospitali[sz]ation|death)s?\b")
        .unwrap_or_else(|e| panic!("LEADING_TO: {e}"))
});

/// " similar to placebo", " comparable to the control arm", " at the injection site": the
/// comparison or the place that completes a safety finding.
static SAFETY_PLACE_OR_ARM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?:(?i:similar|comparable)\sto\s(?i:those\s(?:with|on|of)\s)?(?i:the\s)?(?i:placebo|vehicle|sham|control)(?:\s(?i:group|arm|groups|arms))?|(?i:at\sthe\s(?:injection|infusion)\ssites?))\b")
        .unwrap_or_else(|e| panic!("SAFETY_PLACE_OR_ARM: {e}"))
});

/// ", 1.9% and 2.2%": the rest of a series of three or more values of one unit.
static VALUE_SERIES: LazyLock<Regex> = LazyLock::new(|| {
    let v = r"[-−]?\d+(?:\.\d+)?(?:\s?%|\s(?i:months|weeks|points|kg))";
    Regex::new(&format!(r"\A(?:,\s{v}){{1,4}},?\s(?i:and|or)\s{v}"))
        .unwrap_or_else(|e| panic!("VALUE_SERIES: {e}"))
});

/// " or better" after a response category.
static OR_BETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\s(?i:or)\s(?i:better)\b").unwrap_or_else(|e| panic!("OR_BETTER: {e}")));

/// True when `tail` (the text after a head) opens with a scale category or an MRD threshold,
/// whose numbers are not the result's value.
pub(super) fn category_tail(tail: &str) -> bool {
    CLEAR_CATEGORY.is_match(tail) || MRD_THRESHOLD.is_match(tail)
}

/// " at 10⁻⁵", " at a sensitivity of 10^-6", " (10-5)" after minimal residual disease.
static MRD_THRESHOLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:\s(?i:at|of|<|≤)\s?(?:(?i:a\s)?(?i:threshold|sensitivity|level)\s(?i:of\s)?)?|\s\()10\s?(?:\^\s?[-−–]?|[-−–]|⁻)\s?[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+\)?")
        .unwrap_or_else(|e| panic!("MRD_THRESHOLD: {e}"))
});

/// " 0/1", " score of 0 or 1", " (0/1)" after a scale.
static CLEAR_CATEGORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?:(?i:total\s)?(?i:score|response)\s)?(?:(?i:of)\s)?0\s?(?:/|(?i:or))\s?1\b")
        .unwrap_or_else(|e| panic!("CLEAR_CATEGORY: {e}"))
});

static RATIO_FOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\s(?i:for)\s(?i:the\s)?").unwrap_or_else(|e| panic!("RATIO_FOR: {e}")));

static NP_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:from baseline\s)?(?i:in|of|to)\s(?i:the\s)?")
        .unwrap_or_else(|e| panic!("NP_LEAD: {e}"))
});

fn head_ends_with_of(text: &str, head: &Head) -> bool {
    text[head.start..head.end].to_ascii_lowercase().ends_with(" of")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_classes() {
        assert!(is_value_token("20%"));
        assert!(is_value_token("3.2-day"));
        assert!(is_value_token("to75%"));
        assert!(!is_value_token("grade"));
        assert!(is_landmark("three-year"));
        assert!(is_landmark("12-month"));
        assert!(!is_landmark("treatment-related"));
        assert_eq!(classify("median", Class::Tte), Tok::Solid { strong: false });
        assert_eq!(
            classify("significant", Class::Change),
            Tok::Solid { strong: true }
        );
        assert_eq!(classify("No", Class::Safety), Tok::Neg);
        assert_eq!(classify("achieved", Class::Rate), Tok::Stop);
        assert_eq!(classify("safety", Class::Endpoint), Tok::Solid { strong: false });
        assert_eq!(classify("safety", Class::Ae), Tok::Stop);
    }

    #[test]
    fn qualifiers_and_noun_phrases() {
        let t = "in more than 90% of";
        assert_eq!(qualifier_before(t, t.find("90").unwrap()), 3);
        let t = "improvement in physical health, pain, and joint health at week 12";
        let np = t.find("physical").unwrap();
        assert_eq!(
            &t[np..noun_phrase(t, np)],
            "physical health, pain, and joint health"
        );
        let t = "improvement in survival, one of two endpoints";
        let np = t.find("survival").unwrap();
        assert_eq!(&t[np..noun_phrase(t, np)], "survival");
    }

    #[test]
    fn postnouns_and_cheap_checks() {
        assert_eq!(postnoun_len(" rate of 45%"), Some(5));
        assert_eq!(postnoun_len(" Total Score CFB"), Some(12));
        assert_eq!(postnoun_len(" patients"), None);
        assert!(has_value_soon(" was 45%"));
        assert!(has_value_soon("=0.47"));
        assert!(!has_value_soon(" in patients with 2 prior lines"));
        assert!(starts_with_conjunction(", and 0.71"));
    }

    #[test]
    fn value_pairs_and_new_clauses() {
        assert!(opens_clause(" of patients had"));
        assert!(opens_clause(" achieved a response"));
        assert!(!opens_clause(" in the two arms"));
        assert!(!opens_clause(" officially"));
        let t = "was 40% and 30% in two arms";
        assert_eq!(value_pair_end(t, 7, Some("%"), false), Some(15));
        assert_eq!(value_pair_end(t, 7, Some("months"), false), None);
        let t = "was 40% and 30% of patients had";
        assert_eq!(value_pair_end(t, 7, Some("%"), false), None);
        let t = "was 40% and 30% in A and B, respectively. Later, more.";
        assert_eq!(value_pair_end(t, 7, Some("%"), true), None);
        assert_eq!(value_pair_end(t, 7, Some("%"), false), Some(15));
        let t = "ORR and DCR were 40% and 80%, respectively";
        assert!(several_measures(t, 8, 16));
        let t = "In the trial, response rates were 52%";
        assert!(!several_measures(t, 14, 33));
        assert!(!shared_out("was 40%. Rates were similar, respectively", 0));
    }
}
