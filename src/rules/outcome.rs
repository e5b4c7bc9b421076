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

mod grammar;
mod severity;
mod standalone;
mod statements;
mod terms;
mod values;

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use grammar::{extend_left, extend_right};
use standalone::standalone_values;
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
    statements::scan(text, out);
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
    time_to_event(text, &mut phrases);
    for p in &phrases {
        // A named scale with a number ("PASI 100", "ACR20") is not a development code.
        let head_text = &text[p.head.start..p.head.end];
        let scale = matches!(p.head.term.class, Class::Score)
            && head_text.bytes().any(|b| b.is_ascii_digit())
            && head_text.bytes().any(|b| b.is_ascii_uppercase());
        out.push(
            Candidate::new(
                Label::Outcome,
                crate::text::trim_span(text, Span::new(p.start, p.end)),
                rule_of(p.head.term.class),
            )
            .priority(if scale { SCALE_PRIORITY } else { PHRASE_PRIORITY })
            .attrs(attrs_of(text, p)),
        );
    }
    severity::scan(text, &heads, out);
    // "the safety and efficacy of": the bare word names an aim, so it gives the numbers of its
    // sentence no result context
    if heads.iter().any(|h| h.term.measure == "efficacy") {
        let heads: Vec<Head> = heads
            .into_iter()
            .filter(|h| h.term.measure != "efficacy")
            .collect();
        standalone_values(doc, &heads, &phrases, out);
    } else {
        standalone_values(doc, &heads, &phrases, out);
    }
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
    let tail_value = (!grammar::category_tail(after_head))
        .then(|| values::first_value(after_head))
        .flatten();
    let value = p.value.or(tail_value).or_else(|| {
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
    "adverse",
    "side effect",
    "side-effect",
    "toxicit",
    "safety",
    "tolerab",
    "tolerated",
    "grade",
    "event",
    "reaction",
    "discontinu",
    "serious",
    "treatment-emergent",
    "treatment-related",
    "most common",
    "incidence",
    "TEAE",
    "TRAE",
    "AEs",
    "SAE",
    "occurred",
    "experienced",
];

/// Words of financial sentences, where percentages are not results.
const MONEY_CUES: &[&str] = &[
    "$",
    "€",
    "£",
    "revenue",
    "sales",
    "net loss",
    "net income",
    "earnings",
    "per share",
    "shares",
    "stock",
    "margin",
    "fiscal",
    "quarter",
    "expenses",
    "cash",
    "guidance",
    "dividend",
    "royalt",
    "equity",
    "ownership",
    "stake",
    "interest rate",
    "market share",
];

/// True when `hay` contains one of `cues` at the start of a word ("event" is not in
/// "preventing"): cues with capitals match as written, the others ignore ASCII case.
fn contains_any(hay: &str, cues: &[&str]) -> bool {
    let lower = hay.to_ascii_lowercase();
    cues.iter().any(|c| {
        let h = if c.bytes().any(|b| b.is_ascii_uppercase()) {
            hay
        } else {
            lower.as_str()
        };
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
        let Some(i) = self.sentence_at(pos) else {
            return false;
        };
        if let Some(v) = self.safety[i] {
            return v;
        }
        let t = self.doc.slice(self.doc.sentences[i]);
        let v = contains_any(t, SAFETY_CUES);
        self.safety[i] = Some(v);
        v
    }

    fn is_money(&mut self, pos: usize) -> bool {
        let Some(i) = self.sentence_at(pos) else {
            return false;
        };
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
// Phrases
// ---------------------------------------------------------------------------------------

/// Words before a phrase that negate the verb governing it ("did not meet", "failed to").
fn verb_negated(text: &str, start: usize) -> bool {
    let mut pos = start;
    for _ in 0..6 {
        let Some((ts, te)) = prev_token(text, pos) else {
            return false;
        };
        let tok = text[ts..te].to_ascii_lowercase();
        if tok.ends_with([',', ';', ':', '.', ')']) {
            return false;
        }
        if matches!(
            tok.as_str(),
            "not" | "failed" | "fail" | "fails" | "never" | "without" | "no" | "none" | "neither" | "nor"
        ) || tok.ends_with("n't")
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

/// Last words of a noun phrase that make "reduction in <phrase>" a measured result.
const MEASURE_NOUNS: &[&str] = &[
    "protein",
    "proteins",
    "level",
    "levels",
    "concentration",
    "concentrations",
    "expression",
    "activity",
    "titer",
    "titers",
    "titre",
    "titres",
    "score",
    "scores",
    "scale",
    "index",
    "symptoms",
    "function",
    "frequency",
    "count",
    "counts",
    "volume",
    "burden",
    "load",
    "days",
    "episodes",
];

/// Words of a sentence that reports observed effects rather than describing a therapy or a
/// disease ("side effects included", "were mild", "no serious side effects").
const REPORT_CUES: &[&str] = &[
    "reported",
    "observed",
    "occurred",
    "included",
    "including",
    "experienced",
    "were",
    "was",
    "seen",
    "no ",
    "most common",
    "mild",
    "moderate",
    "transient",
    "discontinu",
    "incidence",
];

/// True for the generic name of adverse effects ("side effects", "side-effect").
fn is_side_effect(head_text: &str) -> bool {
    let l = head_text.to_ascii_lowercase();
    l.starts_with("side effect") || l.starts_with("side-effect")
}

/// Words before a disease name that make an ambiguous event name a condition ("solid
/// malignancies", "patients with hypertension").
const CONDITION_BEFORE: &[&str] = &[
    "solid",
    "hematologic",
    "haematologic",
    "advanced",
    "metastatic",
    "relapsed",
    "refractory",
    "with",
    "treat",
    "treating",
    "treatment",
    "for",
    "against",
    "prevent",
    "preventing",
    "prevention",
    "pulmonary",
    "arterial",
    "resistant",
];

/// Nouns before "of" that make the following disease an indication ("treatment of
/// hypertension").
const CONDITION_OF: &[&str] = &[
    "treatment",
    "prevention",
    "management",
    "history",
    "diagnosis",
    "patients",
    "people",
];

/// Verbs before a measure that make it a goal of a therapy, not a result ("to lower LDL-C").
const GOAL_BEFORE: &[&str] = &[
    "reduce",
    "reduces",
    "lower",
    "lowers",
    "lowering",
    "reducing",
    "control",
    "controls",
    "controlling",
    "target",
    "targets",
    "targeting",
    "improve",
    "improves",
];

/// Words after a measure that make it a description of a trial or therapy ("LDL-C lowering
/// trials").
const GOAL_AFTER: &[&str] = &[
    "lowering",
    "-lowering",
    "reducing",
    "trial",
    "trials",
    "study",
    "studies",
    "program",
    "programme",
    "therapy",
    "therapies",
];

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
        // "interstitial lung disease/pneumonitis", "rash/pruritus": paired with an adverse event
        let is_ae_at = |pos: usize, end: bool| {
            heads
                .iter()
                .any(|h| h.term.class == Class::Ae && if end { h.end == pos } else { h.start == pos })
        };
        let paired = (text[head.end..].starts_with('/') && is_ae_at(head.end + 1, false))
            || (text[..head.start].ends_with('/') && is_ae_at(head.start - 1, true));
        if !paired && !ctx.is_safety(head.start) && !reported_after(text, head.end) {
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
        && heads_in(heads, head.start.saturating_sub(64), head.start)
            .iter()
            .any(|h| {
                h.term.measure == head.term.measure
                    && h.end + 2 == head.start
                    && text[h.end..head.start] == *" ("
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
    // "reductions in total <name> protein", "increase in factor levels": a measured quantity
    let np_measure_noun = right.np.is_some_and(|(a, b)| {
        // "... Rating Scale (XYZ)": the noun before a closing abbreviation
        let np = text[a..b].trim_end();
        let np = match np.strip_suffix(')').and_then(|s| s.rfind('(')) {
            Some(open) => np[..open].trim_end(),
            None => np,
        };
        let last = np.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        MEASURE_NOUNS.contains(&last.to_ascii_lowercase().as_str())
    });
    let np_has_head = inner.is_some() || np_measure_noun;
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
                    || ["lower", "reduc", "decreas", "less"]
                        .iter()
                        .any(|w| lowered.contains(w)))
        }
        Class::Event => {
            left.solid
                || has_value
                || right.end > head.end
                || coordinated_event(text, head, heads)
                || value_after_timepoint(text, right.end)
        }
        // "efficacy of 91%", "efficacy against severe disease was 88.4%"; never the bare
        // promotional word ("robust efficacy")
        Class::Weak if head.term.measure == "efficacy" => {
            // "efficacy of 5% dextrose": a concentration naming a product, not a result
            let modifier = next_word_lower(text, right.end).starts_with(|c: char| c.is_ascii_alphabetic())
                && !matches!(
                    next_word_lower(text, right.end).as_str(),
                    "in" | "against"
                        | "at"
                        | "for"
                        | "and"
                        | "or"
                        | "with"
                        | "was"
                        | "were"
                        | "versus"
                        | "vs"
                        | "vs."
                        | "compared"
                        | "among"
                        | "across"
                        | "after"
                        | "over"
                        | "through"
                );
            (right.value.is_some() && !modifier) || left.value
        }
        Class::Weak => {
            // "in response to" is no result; "were in remission", "remained in remission" are
            let in_state = prev_token(text, left.start)
                .and_then(|(a, _)| prev_token(text, a))
                .is_some_and(|(a, b)| {
                    matches!(
                        text[a..b].to_ascii_lowercase().as_str(),
                        "were" | "was" | "are" | "is" | "remained" | "remain" | "remains" | "stayed" | "be"
                    )
                });
            let in_response_to = before == "in" && left.start == head.start && !in_state;
            let remained = head_text.eq_ignore_ascii_case("progression-free")
                && matches!(
                    before.as_str(),
                    "remained" | "remain" | "remains" | "remaining" | "stayed"
                );
            remained
                || (before == "in" && in_state)
                || (!in_response_to
                    && !head_text.eq_ignore_ascii_case("progression-free")
                    && (left.solid
                        || right.postnoun
                        || has_value
                        || right.abbr
                        || achieved_by(text, right.end)))
        }
        Class::WeakSafety => {
            left.solid || right.grade || has_value || right.abbr || achieved_by(text, right.end)
        }
        Class::ScoreWeak => {
            left.solid || right.postnoun || has_value || right.abbr || achieved_by(text, right.end)
        }
        Class::Score => {
            let goal = GOAL_BEFORE.contains(&before.as_str()) && !has_value;
            let describes = GOAL_AFTER.contains(&next_word_lower(text, right.end).as_str());
            // "per kg of body weight"
            let per_weight = before == "of"
                && prev_word_lower(text, prev_token(text, left.start).map_or(0, |t| t.0)).ends_with("kg");
            !(goal || describes || per_weight)
        }
        Class::Ratio => {
            // "OR" and "HR" as bare words are too ambiguous without a value.
            head_text.len() > 2 || has_value || right.abbr
        }
        // "did not reach statistical significance", "not statistically significant"
        Class::Significance => {
            left.negated
                || head_text.to_ascii_lowercase().starts_with("not")
                || verb_negated(text, left.start)
        }
        Class::NotReached => ctx.sentence_at(head.start).is_some_and(|i| {
            let sp = ctx.span_of(i);
            heads_in(heads, sp.start, sp.end)
                .iter()
                .any(|h| h.end <= sp.end && h.term.class == Class::Tte)
        }),
        _ => true,
    };
    // "to limit side effects", "stop treatment because of side effects": the bare generic
    // name of adverse effects in background text is no result; it is one in a sentence that
    // reports what happened ("side effects included", "were mild", "in 12%").
    let bare = left.start == head.start && right.end == head.end && !left.negated;
    if bare && class == Class::Safety && head.term.measure == "AE" && is_side_effect(head_text) {
        // from the clause that holds the name to the end of its sentence
        let reported = ctx.sentence_at(head.start).is_some_and(|i| {
            let sp = ctx.span_of(i);
            let before = text.get(sp.start..head.start).unwrap_or("");
            let from = before
                .rfind([',', ';', ':'])
                .map_or(sp.start, |k| sp.start + k + 1);
            let t = text.get(from..sp.end).unwrap_or("");
            t.contains(|c: char| c.is_ascii_digit()) || contains_any(t, REPORT_CUES)
        });
        if !reported {
            return None;
        }
    }
    // "patients at high risk of recurrence", "a high risk of relapse" describe a population.
    let phrase_lower = text[left.start..head.end].to_ascii_lowercase();
    let at_risk = (before == "at" && phrase_lower.contains("risk"))
        || ((phrase_lower.starts_with("high risk") || phrase_lower.starts_with("high-risk")) && !has_value);
    if !accepted || at_risk {
        return None;
    }
    // "a 24% increase" in a sentence about revenue is not a result.
    if matches!(class, Class::Change | Class::Risk | Class::Weak) && ctx.is_money(head.start) {
        return None;
    }
    // "superior to placebo on PASI 75 (p<0.001)": with no value in the phrase, the p-value
    // is a stand-alone result value.
    let end = match right.bare_p {
        Some(at) if right.value.is_none() && !left.value => at,
        _ => right.end,
    };
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

/// " was reported in", " occurred in": a clause that reports the event before it.
static REPORTED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?:(?i:was|were)\s(?:(?i:also|rarely|commonly|frequently)\s)?(?i:reported|observed|seen|noted)|(?i:occurred))\s(?i:in|by|during|among)\s")
        .unwrap_or_else(|e| panic!("REPORTED_AFTER: {e}"))
});

/// True when the event name that ends at `pos` is the subject of a report of its occurrence
/// ("pneumonitis was reported in 3%"), so it is an adverse event whatever else the sentence
/// says.
fn reported_after(text: &str, pos: usize) -> bool {
    followed_by(text, pos, 40, &[" was ", " were ", " occurred "], &REPORTED_AFTER)
}

/// " was achieved in 31%", " were observed in 12 of": a result reached by a share of patients.
static ACHIEVED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:was|were)\s(?:(?i:also)\s)?(?i:achieved|attained|observed|seen|reported|maintained|reached|detected)\s(?i:by|in)\s(?:(?i:more than|nearly|almost|approximately|about|over|up to)\s)?\d")
        .unwrap_or_else(|e| panic!("ACHIEVED_BY: {e}"))
});

/// True when the measure that ends at `pos` is reached by a number of patients ("remission was
/// achieved in 31% of patients").
fn achieved_by(text: &str, pos: usize) -> bool {
    followed_by(text, pos, 48, &[" was ", " were "], &ACHIEVED_BY)
}

/// " at day 28 was 18.4%", " at 12 months were 4.1%": a value reported at a timepoint.
static TIMEPOINT_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s(?i:at|by|through)\s(?:(?i:day|week|month|year)\s\d+|\d+\s(?i:days|weeks|months|years))\s(?i:was|were)\s(?:(?i:approximately|about|only|just)\s)?[-−]?\d+(?:\.\d+)?\s?%")
        .unwrap_or_else(|e| panic!("TIMEPOINT_VALUE: {e}"))
});

/// True when a percentage follows the measure that ends at `pos` across a timepoint ("mortality
/// at day 28 was 18.4%"): the measure is a reported result.
fn value_after_timepoint(text: &str, pos: usize) -> bool {
    followed_by(text, pos, 48, &[" at ", " by ", " through "], &TIMEPOINT_VALUE)
}

/// True when the text from `pos` (at most `max` bytes) starts with one of `leads`, a cheap
/// check, and `re` matches it there.
fn followed_by(text: &str, pos: usize, max: usize, leads: &[&str], re: &Regex) -> bool {
    let r = window(text, pos, max);
    leads.iter().any(|l| r.starts_with(l)) && re.is_match(r)
}

/// True when another event follows `head` across "or"/"and" ("cardiovascular death or
/// worsening heart failure"): a composite of events.
fn coordinated_event(text: &str, head: &Head, heads: &[Head]) -> bool {
    let joined = |a: usize, b: usize| matches!(text.get(a..b), Some(" or " | " and "));
    heads_in(heads, head.end, head.end + 6)
        .iter()
        .any(|h| h.term.class == Class::Event && joined(head.end, h.start))
        || heads_in(heads, head.start.saturating_sub(96), head.start)
            .iter()
            .any(|h| h.term.class == Class::Event && joined(h.end, head.start))
}

/// "time to first ", "time to the onset of a ": a time-to-event frame before an event.
static TIME_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:time)\s(?i:to)\s(?:(?i:the)\s)?(?:(?i:first)\s)?(?:(?i:occurrence|onset)\s(?i:of)\s(?:(?i:an?)\s)?)?\z")
        .unwrap_or_else(|e| panic!("TIME_TO: {e}"))
});

/// Widens an event phrase over a time-to-event frame before it: "time to first major
/// adverse cardiovascular event (MACE)".
fn time_to_event(text: &str, phrases: &mut [Phrase]) {
    for p in phrases.iter_mut() {
        if p.head.term.class == Class::Tte || !text[..p.start].ends_with(' ') {
            continue;
        }
        let before = window_before(&text[..p.start], 48);
        if !before.contains("to ") && !before.contains("of ") {
            continue;
        }
        if let Some(m) = TIME_TO.find(before) {
            p.start -= before.len() - m.start();
        }
    }
}

/// Merges phrases joined in ways the guide keeps as one span: "primary endpoint of overall
/// survival", "disease progression or death", "progression-free survival and overall survival
/// advantage".
fn merge_coordinated(text: &str, phrases: &mut Vec<Phrase>) {
    // Phrases come in head order, nearly sorted by start already: an insertion sort is linear
    // here and adds little code to the WebAssembly build.
    for i in 1..phrases.len() {
        let mut j = i;
        while j > 0
            && (phrases[j - 1].start, std::cmp::Reverse(phrases[j - 1].end))
                > (phrases[j].start, std::cmp::Reverse(phrases[j].end))
        {
            phrases.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut out: Vec<Phrase> = Vec::with_capacity(phrases.len());
    // the class of the last phrase merged into the last output phrase ("primary endpoint of
    // cardiovascular death" ends with an event, so " or hospitalization" may still join)
    let mut tail_class: Option<Class> = None;
    for p in phrases.drain(..) {
        if let Some(last) = out.last_mut() {
            if p.end <= last.end {
                // inside the previous phrase: resolve would drop it anyway
                continue;
            }
            if p.start >= last.end {
                let gap = text.get(last.end..p.start).unwrap_or("");
                let a = tail_class.unwrap_or(last.head.term.class);
                let b = p.head.term.class;
                let merge = (a == Class::Endpoint && gap == " of ")
                    || (a == Class::Event && b == Class::Event && matches!(gap, " or " | " and "))
                    // "interstitial lung disease (ILD)/pneumonitis": one adverse event, two names
                    || (a == Class::Ae && b == Class::Ae && gap == "/")
                    || (matches!(a, Class::Tte | Class::Rate)
                        && matches!(b, Class::Tte | Class::Rate)
                        && gap == " and "
                        && p.postnoun
                        && !last.postnoun);
                if merge {
                    tail_class = Some(b);
                    last.end = p.end;
                    last.negated |= p.negated;
                    if last.value.is_none() {
                        last.value = p.value;
                    }
                    continue;
                }
            }
        }
        tail_class = None;
        out.push(p);
    }
    *phrases = out;
}

// ---------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------

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

/// True when the first word after one space is one of `words` (ASCII case ignored).
fn first_word_in(s: &str, words: &[&str]) -> bool {
    let Some(r) = s.strip_prefix(' ') else {
        return false;
    };
    let w = r.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    words.iter().any(|x| x.eq_ignore_ascii_case(w))
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
        assert_eq!(
            outcomes("No dose-limiting toxicities (DLT) were seen."),
            vec!["No dose-limiting toxicities (DLT)"]
        );
    }

    #[test]
    fn left_walk_stops_at_verbs_and_determiners() {
        assert_eq!(
            outcomes("The trial met its primary endpoint."),
            vec!["primary endpoint"]
        );
        assert!(outcomes("The drug has shown compelling efficacy and clinical benefit.").is_empty());
    }

    #[test]
    fn helpers_are_safe_on_odd_text() {
        assert_eq!(window("aé", 1, 1), "");
        assert_eq!(window_before("éa", 2), "a");
        assert!(prev_token("  x", 0).is_none());
        assert!(outcomes("—95% (").is_empty());
    }
}
