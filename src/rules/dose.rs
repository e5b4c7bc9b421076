//! DOSE: administered amounts with their units, ranges and per-weight / per-area forms.
//!
//! One regular expression, tried anchored at each number start, finds the amounts; [`parse`]
//! turns its pieces into attributes (a list of amounts sharing a unit reports its smallest and
//! largest as `low` and `high`). What the span covers, following the annotation guide:
//! - a number or several numbers sharing one unit: `200 mg`, `10-240 mg/m²`, `18 to 343mg/m2`,
//!   `5 and 10 mg`, `1, 3 or 10 mg/kg`, `20-mg`;
//! - a comparator written as a sign: `≥300 mg`;
//! - cell and particle counts with their whole unit phrase: `1 x 10^8 CAR+ T cells`,
//!   `0.2 to 2.0 x 106 CAR-positive viable T cells per kg of body weight`, `2e13 vg/kg`;
//! - per-weight and per-area forms (`mg/kg`, `mg/m2`, `per kg of body weight`, `mg kg-1`),
//!   rates (`mg/day`, `mg/kg/d`), strengths per gram (`15mg/g`) and combination notation
//!   (`2mg/2mg`, `160/4.5 mcg`).
//!
//! Not DOSE: concentrations (`12 µg/mL`, `70 mg/dL`, `40 IU/dL`), exposures (`ng·h/mL`),
//! values in a laboratory context (`UACR 30 mg/g`), prices, percentages and counts.

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use crate::text::{at_word_boundaries, ceil_boundary, char_before, floor_boundary, is_word_char};
use std::sync::LazyLock;

/// A number: `200`, `2.5`, `5,000`, `.5`.
const NUM: &str = r"(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)";

/// A power-of-ten or word multiplier after a number: `x 10^6`, `× 10⁸`, `x 106` (a lost
/// superscript), `x 10e14`, `e13`, `E+14`, `million`.
const MULT: &str = r"(?:\s*[x×X*]\s*10(?:\s*\^\s*|\*\*|[eE])?(?:[-−]?[0-9]{1,2}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})|[eE]\+?[0-9]{1,2}|\s+(?:million|billion|trillion))";

/// Separators between the numbers of one amount: ranges, lists sharing a unit, combinations.
const JOIN: &str =
    r"(?:\s*(?:-|–|—|‑|−|to|through)\s*NUMX|(?:\s*,\s*NUMX)*\s*,?\s*(?:and/or|and|or)\s+NUMX|\s*/\s*NUMX)";

/// Units of mass, activity (including radioactivity) and volume (longest spellings first).
const UNIT: &str = r"(?:GBq|MBq|kBq|mCi|[µμu]Ci|milligrams?|mg|micrograms?|microg|micro\s?g|mcg|µg|μg|ug|Âµg|\?g|nanograms?|ng|grams?|gm|g|international\s+units?|I\.U\.|MIU|IU|UI|units?|U|millilit(?:er|re)s?|mL|ml|microlit(?:er|re)s?|µL|μL|uL|mmol|mEq|drops?|puffs?|sprays?)";

/// Units of cells and particles; only after a multiplier, with up to four words before the
/// head noun ("CAR-positive viable T cells").
const COUNT_UNIT: &str = r"(?:(?:[A-Za-z0-9+\-]+\s+){0,4}?(?:cells|vg|VG|vector\s+genomes|viral\s+particles|vp|VP|genome\s+copies|GC|gc|PFU|pfu|TCID50|CFU|cfu|spores|organisms|TILs?))";

/// Per body weight or body surface area, or per gram of a topical product.
const PER: &str = r"(?:\s*/\s*(?P<kg1>kg|kilogram)|\s+per\s+(?P<kg2>kg|kilogram)|\s*[·.]?\s*(?P<kg3>kg(?:-1|−1|⁻¹))|\s*/\s*(?P<m2a>m²|m\^2|m\(2\)|m2|M2|m\s2|sq\.?\s?m)|\s+per\s+(?P<m2b>m²|m2|square\s+met(?:er|re))|\s*/\s*(?P<pg>g))(?:\s+(?:of\s+)?body\s+weight|\s+BW|\s+bw)?";

/// A time or administration rate after the unit: `/day`, `/kg/d`, `per week`, `/dose`.
const RATE: &str = r"(?:\s*/\s*|\s+per\s+)(?:day|dose|d|24\s?(?:hours?|hrs?|h)|week|wk|month|hour|hr|h|minute|min|infusion|injection|administration)";

/// The dose pattern; `\A` anchors it where the scan tries it.
fn dose_pattern() -> String {
    let numx = format!("{NUM}{MULT}?");
    let join = JOIN.replace("NUMX", &numx);
    format!(
        r"\A(?P<cmp>≥|≤|>=|<=|=>|=<|⩾|⩽|>|<)?\s*(?:(?P<camount>{numx}(?:{join})?{MULT})(?:\s*|-)(?P<cunit>{COUNT_UNIT})|(?P<amount>{numx}{join}?)(?:\s*|-)(?P<unit>{UNIT}))(?P<per>{PER})?(?P<rate>{RATE})?(?P<combo>\s*/\s*{NUM}\s*{UNIT})?"
    )
}

static DOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&dose_pattern()).unwrap_or_else(|e| panic!("dose pattern: {e}")));

/// One number of an amount, with its own multiplier if it has one.
static NUMX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("(?P<n>{NUM})(?P<m>{MULT})?")).unwrap_or_else(|e| panic!("{e}")));

/// What may not follow an amount: a volume (a concentration, `12 µg/mL`), hours (an exposure,
/// `ng·h/mL`), or ".S." after `U` (`5 U.S. sites`).
static BAD_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:\s*(?:/|per\s)\s*(?:[dmµμnu]?[lL]\b|(?:deci|milli|micro)?lit(?:er|re)|blood|serum|plasma)|\s*/\s*1\.73|\s*[·.]?\s*(?:[dm]?[lL]|dl)(?:-1|−1|⁻¹)|\s*[·*×⋅.]?\s*(?:h|hr)\s*/|\.[A-Z])")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words just before an amount (at most two words between) that make it a laboratory value,
/// not an administered amount: "UACR of 30 mg/g", "creatinine clearance 30 mL/min".
static LAB_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:uacr|upcr|acr|proteinuria|albuminuria|creatinine|clearance|e?gfr|excretion|cmax|cmin|ctrough|trough|auc\w*)\b(?:[\s(]+[\w-]+){0,2}[\s(]*[:=]?\s*\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// A comparator in words just before an amount: `up to 600 mg`, `at least 2 mg`.
static WORD_CMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<w>up\s+to|maximum\s+of|not\s+exceeding|at\s+least|minimum\s+of|more\s+than|greater\s+than|exceeding|above|over|less\s+than|below|under)\s*\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Normalises a unit spelling: `µg`, `mcg`, `micrograms` -> `ug`; `I.U.` -> `IU`.
pub fn normalise_unit(unit: &str) -> Option<&'static str> {
    let u = unit.trim();
    let lower = u.to_lowercase();
    let l = lower.as_str();
    Some(match l {
        "mg" | "milligram" | "milligrams" => "mg",
        "mcg" | "µg" | "μg" | "ug" | "âµg" | "?g" | "microg" | "microgram" | "micrograms" => "ug",
        _ if l.starts_with("micro") && l.ends_with('g') => "ug",
        "ng" | "nanogram" | "nanograms" => "ng",
        "g" | "gm" | "gram" | "grams" => "g",
        "iu" | "i.u." | "ui" | "miu" => "IU",
        _ if l.starts_with("international") => "IU",
        "u" | "unit" | "units" => "U",
        "ml" => "mL",
        _ if l.starts_with("millilit") => "mL",
        "µl" | "μl" | "ul" => "uL",
        _ if l.starts_with("microlit") => "uL",
        "mmol" => "mmol",
        "meq" => "mEq",
        "drop" | "drops" => "drop",
        "puff" | "puffs" => "puff",
        "spray" | "sprays" => "spray",
        "gbq" => "GBq",
        "mbq" => "MBq",
        "kbq" => "kBq",
        "mci" => "mCi",
        "µci" | "μci" | "uci" => "uCi",
        _ => return None,
    })
}

/// Normalises the head noun of a cell or particle count: `CAR+ T cells` -> `cells`,
/// `vector genomes` -> `vg`.
pub fn normalise_count_unit(unit: &str) -> &'static str {
    let lower = unit.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    match last {
        "vg" | "genomes" => "vg",
        "particles" | "vp" => "vp",
        "copies" | "gc" => "GC",
        "pfu" => "PFU",
        "tcid50" => "TCID50",
        "cfu" => "CFU",
        "spores" => "spores",
        "organisms" => "organisms",
        _ => "cells",
    }
}

/// Per-gram strengths as one unit: `mg` per `g` -> `mg/g`.
fn per_gram_unit(unit: &str) -> &'static str {
    match unit {
        "ug" => "ug/g",
        "ng" => "ng/g",
        "g" => "g/g",
        "IU" => "IU/g",
        "U" => "U/g",
        _ => "mg/g",
    }
}

/// The power of ten of a multiplier (`x 10^6` -> 6, `x 106` -> 6, `e13` -> 13,
/// `million` -> 6).
pub fn multiplier(m: &str) -> Option<i32> {
    let t = m.trim();
    let lower = t.to_lowercase();
    match lower.as_str() {
        "million" => return Some(6),
        "billion" => return Some(9),
        "trillion" => return Some(12),
        _ => {}
    }
    let exp_text = if let Some(rest) = lower.strip_prefix('e') {
        rest.trim_start_matches('+').to_string()
    } else {
        // Everything after the "10" of "x 10^6".
        let after = t.find("10").map(|i| &t[i + 2..])?;
        after
            .trim_start()
            .trim_start_matches('^')
            .trim_start_matches('*')
            .trim_start()
            .to_string()
    };
    let mut negative = false;
    let mut digits = String::new();
    for c in exp_text.chars() {
        match c {
            '-' | '−' | '⁻' => negative = true,
            '0'..='9' => digits.push(c),
            '⁰' => digits.push('0'),
            '¹' => digits.push('1'),
            '²' => digits.push('2'),
            '³' => digits.push('3'),
            '⁴'..='⁹' => digits.push(char::from(b'4' + (c as u32 - '⁴' as u32) as u8)),
            _ => {}
        }
    }
    let e: i32 = digits.parse().ok()?;
    Some(if negative { -e } else { e })
}

/// Parses a number with its power of ten exactly (`1.1` and 14 -> 1.1e14, not 1.1 * 1e14).
fn parse_num(s: &str, exp: i32) -> Option<f64> {
    let digits: String = s.chars().filter(|&c| c != ',').collect();
    crate::num::parse_f64(&format!("{digits}e{exp}")).filter(|v| v.is_finite())
}

/// The numbers of an amount (`0.5 to 1.0 x 10^6`, `5, 10 and 20`) with their multipliers
/// applied; a multiplier written once at the end applies to every number. `unit_exp` is the
/// power of ten the unit adds (6 for "MIU", million international units).
fn amounts(amount: &str, unit_exp: i32) -> Vec<f64> {
    let mut nums: Vec<(&str, Option<i32>)> = NUMX
        .captures_iter(amount)
        .filter_map(|c| {
            Some((
                c.name("n")?.as_str(),
                c.name("m").and_then(|m| multiplier(m.as_str())),
            ))
        })
        .collect();
    if let Some(&(_, Some(last))) = nums.last() {
        for n in nums.iter_mut() {
            n.1.get_or_insert(last);
        }
    }
    nums.into_iter()
        .filter_map(|(n, e)| parse_num(n, e.unwrap_or(0) + unit_exp))
        .collect()
}

/// How the numbers of an amount are joined.
#[derive(Debug, PartialEq)]
enum Join {
    Single,
    Range,
    List,
    Combination,
}

fn join_kind(amount: &str) -> Join {
    // Look only between the numbers, never inside a multiplier such as "x 10^-3".
    let mut between = String::new();
    let mut prev_end = None;
    for m in NUMX.find_iter(amount) {
        if let Some(e) = prev_end {
            between.push_str(amount.get(e..m.start()).unwrap_or(""));
        }
        prev_end = Some(m.end());
    }
    if between.is_empty() {
        Join::Single
    } else if between.contains('/') && !between.contains(" and") && !between.contains(" or") {
        Join::Combination
    } else if between.contains(',') || between.contains("and") || between.contains("or") {
        Join::List
    } else {
        Join::Range
    }
}

fn comparator(sign: &str) -> &'static str {
    match sign {
        "≥" | ">=" | "=>" | "⩾" => ">=",
        "≤" | "<=" | "=<" | "⩽" => "<=",
        ">" => ">",
        _ => "<",
    }
}

fn word_comparator(words: &str) -> &'static str {
    let w = words.to_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    match w.as_str() {
        "up to" | "maximum of" | "not exceeding" => "<=",
        "at least" | "minimum of" => ">=",
        "less than" | "below" | "under" => "<",
        _ => ">",
    }
}

/// The text just before byte `i`, at most `max` bytes, starting on a char boundary.
fn window_before(text: &str, i: usize, max: usize) -> &str {
    text.get(ceil_boundary(text, i.saturating_sub(max))..i)
        .unwrap_or("")
}

/// True when the amount at `start` is glued to something that makes it not a dose: a currency
/// sign (`$5 million`) or a hyphenated word (`IL-2 U`).
fn bad_head(text: &str, start: usize) -> bool {
    let before = window_before(text, start, 8);
    let head = before.trim_end();
    // A price, or the spread of a mean ("12.5 ± 2.0 mg", "190 +/- 80 mg").
    if head.ends_with(['$', '€', '£', '¥', '±']) || head.ends_with("+/-") {
        return true;
    }
    // The second term of a ratio ("randomized 2:1 to 300 mg"): the dose starts after it.
    if let Some(colon) = before.strip_suffix(':') {
        if colon.ends_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
    }
    match before.chars().next_back() {
        Some(c @ ('-' | '‑')) => char_before(text, start - c.len_utf8()).is_some_and(is_word_char),
        _ => false,
    }
}

/// Parses one match of [`DOSE`] into a span and attributes; `None` when the context says it
/// is not an administered amount.
fn parse(text: &str, caps: &crate::re::Captures, base: usize) -> Option<(Span, Attrs)> {
    let all = caps.get(0)?;
    let at = |m: crate::re::Match| Span::new(base + m.start(), base + m.end());
    let (amount, unit) = match (caps.name("camount"), caps.name("cunit")) {
        (Some(a), Some(u)) => (a, normalise_count_unit(u.as_str())),
        _ => {
            let u = caps.name("unit")?;
            (caps.name("amount")?, normalise_unit(u.as_str())?)
        }
    };
    let cmp = caps.name("cmp");
    let amount_span = at(amount);
    let span = Span::new(cmp.map_or(amount_span.start, |c| at(c).start), at(all).end);
    if !at_word_boundaries(text, span) || bad_head(text, amount_span.start) {
        return None;
    }
    if BAD_TAIL.is_match(text.get(span.end..)?) {
        return None;
    }
    if LAB_CONTEXT.is_match(window_before(text, span.start, 48)) {
        return None;
    }
    let mut attrs = Attrs {
        unit: Some(unit),
        ..Attrs::default()
    };
    if let Some(per) = caps.name("per") {
        let g = |n: &str| caps.name(n).is_some();
        if g("kg1") || g("kg2") || g("kg3") {
            attrs.per = Some("kg");
        } else if g("m2a") || g("m2b") {
            attrs.per = Some("m2");
        } else if g("pg") {
            attrs.unit = Some(per_gram_unit(unit));
        } else {
            debug_assert!(false, "per without a unit: {}", per.as_str());
        }
    }
    attrs.comparator = match cmp {
        Some(c) => Some(comparator(c.as_str())),
        None => WORD_CMP
            .captures(window_before(text, span.start, 24))
            .and_then(|c| c.name("w"))
            .map(|w| word_comparator(w.as_str())),
    };
    let unit_exp = if caps.name("unit").is_some_and(|u| u.as_str() == "MIU") {
        6
    } else {
        0
    };
    let values = amounts(amount.as_str(), unit_exp);
    if caps.name("combo").is_none() {
        match join_kind(amount.as_str()) {
            Join::Single => attrs.value = values.first().copied(),
            Join::Range | Join::List => {
                attrs.low = values.iter().copied().reduce(f64::min);
                attrs.high = values.iter().copied().reduce(f64::max);
            }
            Join::Combination => {}
        }
    }
    Some((span, attrs))
}

/// Between the two ends of a range written with the unit twice: "0.1 mg/kg to 10 mg/kg".
static RANGE_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\A\s*(?:-|–|—|to)\s*\z").unwrap_or_else(|e| panic!("{e}")));

/// A change of dose before "from": "was reduced from", "doses escalated from", "titration
/// went from". The two amounts after it are the old and the new dose, not a range.
static CHANGE_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:increas|reduc|decreas|escalat|titrat|rais|lower|taper|switch|chang|adjust|uptitrat|step)[a-z]*(?:\x20+[a-z]+){0,2}\x20+from\x20*\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// True when the text before `start` says the amounts that follow are a change of dose.
fn after_change(text: &str, start: usize) -> bool {
    CHANGE_FROM.is_match(window_before(text, start, 60))
}

/// Joins "0.1 mg/kg to 10 mg/kg" into one range; "5 mg and 10 mg", "150 µg/kg then 75 µg/kg"
/// and a change of dose ("reduced from 40 mg to 20 mg") stay two amounts.
fn join_ranges(text: &str, found: Vec<(Span, Attrs)>) -> Vec<(Span, Attrs)> {
    let mut out: Vec<(Span, Attrs)> = Vec::with_capacity(found.len());
    for (span, attrs) in found {
        if let Some((prev_span, prev)) = out.last_mut() {
            let same_unit = prev.unit == attrs.unit && prev.per == attrs.per;
            let gap = text.get(prev_span.end..span.start).unwrap_or("");
            if same_unit
                && prev.value.is_some()
                && attrs.value.is_some()
                && RANGE_GAP.is_match(gap)
                && !after_change(text, prev_span.start)
            {
                prev_span.end = span.end;
                prev.low = prev.value.take();
                prev.high = attrs.value;
                continue;
            }
        }
        out.push((span, attrs));
    }
    out
}

/// The longest text a dose may take, in bytes.
const WINDOW: usize = 200;

/// Byte offsets where a number starts: a digit (or a dot before a digit) that does not continue
/// another number ("000" in "5,000", "5" in "2.5").
fn number_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    (0..b.len()).filter(move |&i| {
        let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
        let starts = digit_at(i) || (b[i] == b'.' && digit_at(i + 1));
        starts
            && !(i > 0 && digit_at(i - 1))
            && !(i > 1 && matches!(b[i - 1], b',' | b'.') && digit_at(i - 2))
    })
}

/// Words that may follow the first number of a dose: units, joiners, multipliers.
const NEXT_WORDS: &str =
    "mg milligram milligrams mcg ug microg microgram micrograms micro nanogram nanograms ng \
     g gm gram grams international iu ui miu u unit units ml milliliter milliliters millilitre millilitres \
     ul microliter microliters microlitre microlitres mmol meq drop drops puff puffs spray sprays gbq mbq kbq mci uci and or \
     to through x e i million billion trillion";

/// A quick test that what follows the number at `i` can continue a dose, so most numbers
/// ("45%", "34 patients", "2024,") are passed over without running the pattern.
fn plausible_after_number(text: &str, i: usize) -> bool {
    let rest = &text[i..];
    let after_num = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let after = after_num.trim_start();
    let Some(c) = after.chars().next() else {
        return false;
    };
    if c.is_ascii_alphabetic() {
        let word: String = after
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .take(16)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        return NEXT_WORDS.split_whitespace().any(|w| w == word);
    }
    c.is_ascii_digit()
        || matches!(
            c,
            '-' | '–' | '—' | '‑' | '−' | ',' | '/' | '×' | '*' | '?' | 'µ' | 'μ' | 'Â' | '^'
        )
}

/// Where a comparator sign before the number at `i` starts ("≥300", "≥ 300", ">= 2"), if any.
fn comparator_start(text: &str, i: usize) -> Option<usize> {
    let head = window_before(text, i, 8).trim_end();
    let signs = [">=", "<=", "=>", "=<", "≥", "≤", "⩾", "⩽", ">", "<"];
    let sign = signs.iter().find(|s| head.ends_with(*s))?;
    let start = i - (window_before(text, i, 8).len() - head.len()) - sign.len();
    // At most two spaces between the sign and the number.
    (i - start - sign.len() <= 2).then_some(start)
}

/// Matches the dose pattern anchored at byte `start`.
fn dose_at(text: &str, start: usize) -> Option<(Span, Attrs)> {
    let window = text.get(start..floor_boundary(text, (start + WINDOW).min(text.len())))?;
    let caps = DOSE.captures(window)?;
    parse(text, &caps, start)
}

/// Finds DOSE candidates in `doc`: the dose pattern is tried, anchored, at each number start
/// (from the comparator sign before it, when there is one).
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let mut found: Vec<(Span, Attrs)> = Vec::new();
    let mut next = 0; // no dose may start before this byte
    for i in number_starts(text) {
        if i < next || !plausible_after_number(text, i) {
            continue;
        }
        let with_sign = comparator_start(text, i)
            .filter(|&c| c >= next)
            .and_then(|c| dose_at(text, c));
        if let Some((span, attrs)) = with_sign.or_else(|| dose_at(text, i)) {
            next = span.end;
            found.push((span, attrs));
        }
    }
    for (span, attrs) in join_ranges(text, found) {
        out.push(
            Candidate::new(Label::Dose, span, "dose.amount")
                .priority(5)
                .attrs(attrs),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipliers() {
        assert_eq!(multiplier(" x 10^6"), Some(6));
        assert_eq!(multiplier(" × 10⁸"), Some(8));
        assert_eq!(multiplier(" x 106"), Some(6));
        assert_eq!(multiplier("e13"), Some(13));
        assert_eq!(multiplier("E+14"), Some(14));
        assert_eq!(multiplier(" million"), Some(6));
        assert_eq!(multiplier(" x 10^-3"), Some(-3));
        assert_eq!(multiplier(" x 10⁻³"), Some(-3));
    }

    #[test]
    fn amounts_share_a_trailing_multiplier() {
        assert_eq!(amounts("0.5 to 1.0 x 10^6", 0), vec![0.5e6, 1.0e6]);
        assert_eq!(amounts("1.1 x 10^14", 0), vec![1.1e14]);
        assert_eq!(amounts("5,000", 0), vec![5000.0]);
        assert_eq!(amounts(".5", 0), vec![0.5]);
        assert_eq!(join_kind("0.5 to 1.0 x 10^-6"), Join::Range);
        assert_eq!(join_kind("1, 3 and 10"), Join::List);
        assert_eq!(join_kind("160/4.5"), Join::Combination);
        assert_eq!(join_kind("2.5"), Join::Single);
    }

    #[test]
    fn units_normalise() {
        for (u, n) in [
            ("µg", "ug"),
            ("μg", "ug"),
            ("mcg", "ug"),
            ("micro g", "ug"),
            ("I.U.", "IU"),
        ] {
            assert_eq!(normalise_unit(u), Some(n), "{u}");
        }
        assert_eq!(normalise_unit("kg"), None);
        assert_eq!(normalise_count_unit("CAR-positive viable T cells"), "cells");
        assert_eq!(normalise_count_unit("vector genomes"), "vg");
    }

    /// The doses found by searching with the pattern everywhere (slow, but plainly right) and
    /// by trying it at number starts only.
    #[test]
    fn number_starts_find_what_a_full_search_finds() {
        let unanchored = Regex::new(dose_pattern().trim_start_matches(r"\A")).unwrap();
        let samples = [
            "≥300 mg, ≥ 300 mg, >= 2 mg/kg, 5,000 IU, 40 I.U., .5 mg, 0.5 to 1.0 x 10^6 cells/kg, 2mg/2mg",
            "doses of 1, 3 and 10 mg/kg; 10-240 mg/m²; 18 to 343mg/m2; 150 µg/kg then 75 µg/kg",
            "Cmax 12 µg/mL, $5 million, 45%, 34 patients, 12.5 ± 2.0 mg, 200 U.S. sites, 2e13 vg/kg",
        ];
        for text in samples {
            let doc = Doc::new(text);
            let mut fast = Vec::new();
            scan(&doc, &mut fast);
            let brute: Vec<(Span, Attrs)> = unanchored
                .captures_iter(text)
                .filter_map(|c| parse(text, &c, 0))
                .collect();
            let brute = join_ranges(text, brute);
            let fast: Vec<(Span, Attrs)> = fast.into_iter().map(|c| (c.span, c.attrs)).collect();
            assert_eq!(fast, brute, "{text}");
            assert!(!fast.is_empty(), "{text}");
        }
    }

    #[test]
    fn odd_text_never_panics() {
        let doc = Doc::new("5 mg/€ x 10^ 3 µ 4 ‑5 mg ≥ 1.e 2x10⁹⁹⁹ cells 0 x 10^99 vg\u{2009}mg");
        let mut out = Vec::new();
        scan(&doc, &mut out);
        for c in out {
            assert!(doc.text.is_char_boundary(c.span.start) && doc.text.is_char_boundary(c.span.end));
        }
    }
}
