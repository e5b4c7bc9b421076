//! Numbers of OUTCOME phrases: values with units, confidence intervals, p-values, and the
//! anchored patterns that extend a phrase over them ("of 45.5% (95% CI 37.1-54.1)",
//! "[HR]=0.47; 95% CI: 0.34-0.66; p<0.0001").
//!
//! Every pattern here is anchored at the start of a short slice that follows a phrase, so
//! each costs only the length of what it matches.

use crate::entity::PValue;
use crate::re::Regex;
use std::sync::LazyLock;

/// A number: `45.5`, `-2.2`, `1,000`, `.001`.
pub const NUM: &str = r"[-−]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)";

/// Words and signs that qualify a value ("more than 90%", "≥50%").
const QUAL: &str = r"(?:(?i:more than|greater than(?: or equal to)?|less than(?: or equal to)?|lower than|higher than|fewer than|(?:a |an )?(?:median|mean|average) of|at least|up to|over|under|below|above|nearly|almost|approximately|about|around|roughly|~)\s?|(?:≥|≤|>=|<=|>|<)\s?)?";

/// An open bound after a value: "5.7% or lower", "50% or greater".
const OPEN_BOUND: &str = r"(?:\s(?i:or)\s(?i:lower|less|higher|more|greater|above|below|better|worse)\b)?";

/// Units of outcome values. `%` may be glued; words need a boundary.
const UNIT: &str = r"(?:\s?%|\s?mL/min/1\.73\s?m(?:²|2\b)|\s?(?i:percentage points?|percent|months?|weeks?|days?|years?|points?|kg|lbs?|pounds|mg/dL|g/dL|g/L|mmol/mol|mmol/L|IU/dL|letters|mL|seconds|centiloids|microns|log10|kPa|meters|metres|mmHg|ng/mL|pg/mL|mg/L|nmol/L|µmol/L|U/L)\b|-(?i:day|point|month|week|year|fold|letter)s?\b)";

/// A value that is not a number.
const NOT_REACHED: &str =
    r"(?:(?i:not (?:yet )?(?:been )?reached|not estimable|not evaluable)|\bNR\b|\bNE\b)";

fn value() -> String {
    format!(r"(?:{QUAL}{NUM}{UNIT}?{OPEN_BOUND}|{NOT_REACHED})")
}

/// "vs. 22.4%", "vs. placebo -1.6", "versus placebo 12%". A comparator value after a spelled-out
/// "versus" ("8.9 months versus 5.1 months") stands alone, as after "compared with".
fn versus() -> String {
    let v = value();
    format!(
        r"(?:,?\s(?:vs\.?\s(?:{arm}\s)?|versus\s{arm}\s){v})",
        arm = r"(?:(?i:the\s)?(?i:placebo|vehicle|control|comparator|sham)(?:\s(?i:group|arm))?)"
    )
}

/// Confidence interval: "95% CI 37.1-54.1", "95 percent confidence interval [CI]: 92.7-99.7",
/// "95% CI: 0.137, 0.941".
fn ci() -> String {
    format!(
        r"(?:(?:9[059](?:\.\d)?\s?(?:%|(?i:percent))\s?)?(?:(?i:confidence interval)(?:\s?\[CI\])?|CI)\s?[:,=]?\s?(?P<lo>{NUM})\s?(?:%|(?i:percent))?\s?(?:-|–|—|(?i:to)|,)\s?(?P<hi>{NUM}|(?i:not estimable|not reached)|NE|NR)\s?(?:%|(?i:percent))?)"
    )
}

/// p-value: "p<0.0001", "P = .03", "p-value of 0.002".
fn p_value() -> String {
    format!(r"(?:\b[pP](?:\s?-?\s?(?i:value))?\s?(?P<cmp><=|>=|≤|≥|<|>|=|(?i:of))\s?(?P<pv>{NUM}))")
}

fn stat() -> String {
    let v = value();
    let vs = versus();
    let ci = ci().replace("?P<lo>", "?:").replace("?P<hi>", "?:");
    let p = p_value().replace("?P<cmp>", "?:").replace("?P<pv>", "?:");
    format!(
        r#"(?:{ci}|{p}|(?i:interquartile range|IQR|range)\s?[:,]?\s?{NUM}\s?(?:-|–|to|,)\s?{NUM}|(?i:(?:stratified\s)?(?:hazard ratio|odds ratio|risk ratio|rate ratio|relative risk))(?:\s?\[\s?[A-Za-z]{{2,4}}"?\s?\])?\s?[:=,]?\s?{NUM}|(?:HR|OR|RR)\s?[:=,]?\s?{NUM}|\d+\s?/\s?\d+(?:\s(?i:evaluable patients|patients|participants|subjects))?|[nN]\s?=\s?\d+|(?i:Cohen)['’]?s\s[dD]\s?[=:]?\s?{NUM}|(?:[A-Z][A-Za-z0-9-]{{0,12}}\s)?{v}{vs}?)"#
    )
}

/// A parenthesised abbreviation, possibly with statistics: "(ORR)", "[IDFS]", "(PASI 90)",
/// "(sCR, 95 percent CI: 68.8-86.1)".
pub static ABBR: LazyLock<Regex> = LazyLock::new(|| {
    let st = stat();
    Regex::new(&format!(
        r#"\A\s?[\(\[]\s?(?P<abbr>[≥>]?[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?"?(?:\s\d{{1,3}}(?:/\d{{1,3}})?)?)\s?"?(?:[,;]\s?{st})*\s?[\)\]]"#
    ))
    .unwrap_or_else(|e| panic!("ABBR: {e}"))
});

/// A linking word and a value: " of 45.5%", " was 21.8 months", "=0.47", ", 0.17", " 0.36".
pub static LINK_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    let v = value();
    let vs = versus();
    Regex::new(&format!(
        r"\A(?:\s(?i:from baseline))?(?:\s?(?i:of|was|were|is|are|had|has|have|by|reached|exceeded|of approximately|of about|(?:(?:was|were|is|are)\s)?(?:reduced|lowered|decreased|increased|improved|fell|dropped|declined|rose|slowed)\sby|(?:increased|decreased|improved|fell|dropped|declined|rose)\sto|(?:(?:was|were)\s)?(?:reduced|decreased|improved|fell|dropped|declined|increased|rose)\sfrom\s(?:(?:a\s)?(?:mean|median)\sof\s)?{NUM}(?:\s?%)?(?:\s(?:at\s)?baseline)?\sto|increased|decreased|rose|fell)\s|\s?[=:,]\s?|\s[–—-]\s|\s)(?P<v>{v})(?P<vs>{vs})?"
    ))
    .unwrap_or_else(|e| panic!("LINK_VALUE: {e}"))
});

/// Statistics in parentheses or after a semicolon or comma.
pub static STATS: LazyLock<Regex> = LazyLock::new(|| {
    let st = stat();
    let ci = ci().replace("?P<lo>", "?:").replace("?P<hi>", "?:");
    let p = p_value().replace("?P<cmp>", "?:").replace("?P<pv>", "?:");
    Regex::new(&format!(
        r"\A(?:\s?[\(\[]\s?{st}(?:\s(?:vs\.?|versus)\s(?i:the\s)?(?i:placebo|vehicle|control|comparator|sham))?(?:\s?[;,]\s?{st})*\s?[\)\]]|\s?[;,]\s?(?:{ci}|{p}))"
    ))
    .unwrap_or_else(|e| panic!("STATS: {e}"))
});

/// A grade after a safety phrase: " greater than grade three", " of grade 3 or higher",
/// " (grade ≥3)".
pub static GRADE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A(?:\s(?:(?i:of|greater than|higher than|above|at least|of at least)\s)?(?i:grade)\s?(?:≥|>=|>|=)?\s?(?:[1-5]|(?i:one|two|three|four|five)|I{1,3}|IV)(?:\s?(?:-|/|(?i:to|or|and))\s?(?:[1-5]|(?i:four|five|higher|greater|above|more)))?(?:\s(?i:or|and)\s(?i:higher|greater|above|more))?|\s?\((?i:grade)\s?(?:≥|>=|>|=)?\s?[1-5](?:\s?(?:-|/|to|or)\s?[1-5])?(?:\s(?i:or) (?i:higher|greater|above))?\))",
    )
    .unwrap_or_else(|e| panic!("GRADE_TAIL: {e}"))
});

/// " consistent with prior studies" after "safety profile".
pub static CONSISTENT_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\A\s(?:(?i:was|is|were|are|remained|remains)\s(?:(?i:generally|broadly|largely)\s)?)?(?i:consistent with|similar to|comparable to|in line with)\s(?i:that|(?:the\s|its\s)?(?:(?:previously|well)[\s-])?(?:prior|previous|earlier|known|established|reported|characterized|characterised)(?:\s[\w-]+){0,2}?\s(?:studies|trials|data|experience|profile|findings|results)|the\s(?:[\w-]+\s){1,4}?(?:class|drug class|mechanism))\b",
    )
    .unwrap_or_else(|e| panic!("CONSISTENT_TAIL: {e}"))
});

static CI_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&ci()).unwrap_or_else(|e| panic!("CI: {e}")));
static P_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&p_value()).unwrap_or_else(|e| panic!("P: {e}")));

/// Parses a number as written ("1,000", "−2.2", ".001").
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|&c| c != ',')
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    crate::num::parse_f64(&cleaned)
}

/// Units written after a number, longest spellings first: `(spelling, unit, needs a word
/// boundary)`.
const UNITS_AFTER: &[(&str, &str)] = &[
    ("%", "%"),
    ("percentage points", "percentage points"),
    ("percentage point", "percentage points"),
    ("percent", "%"),
    ("months", "months"),
    ("month", "months"),
    ("weeks", "weeks"),
    ("week", "weeks"),
    ("days", "days"),
    ("day", "days"),
    ("years", "years"),
    ("year", "years"),
    ("points", "points"),
    ("point", "points"),
    ("kg", "kg"),
    ("lbs", "lb"),
    ("lb", "lb"),
    ("pounds", "lb"),
    ("mg/dL", "mg/dL"),
    ("g/dL", "g/dL"),
    ("g/L", "g/L"),
    ("mmol/mol", "mmol/mol"),
    ("mmol/L", "mmol/L"),
    ("IU/dL", "IU/dL"),
    ("letters", "letters"),
    ("fold", "fold"),
    ("ng/mL", "ng/mL"),
    ("pg/mL", "pg/mL"),
    ("mg/L", "mg/L"),
    ("nmol/L", "nmol/L"),
    ("µmol/L", "µmol/L"),
    ("U/L", "U/L"),
    ("mmHg", "mmHg"),
    ("mL", "mL"),
    ("meters", "m"),
    ("metres", "m"),
];

/// The unit written right after a number that ends at `i` of `s`: " months", "%", "-day".
pub fn unit_after(s: &str, i: usize) -> Option<(usize, &'static str)> {
    let rest = s.get(i..)?;
    let (skip, r) = match rest.as_bytes().first() {
        Some(b' ') | Some(b'-') => (1, &rest[1..]),
        _ => (0, rest),
    };
    for &(spelling, unit) in UNITS_AFTER {
        if spelling == "%" {
            if skip <= 1 && !rest.starts_with('-') && r.starts_with('%') {
                return Some((i + skip + 1, unit));
            }
            continue;
        }
        if skip == 0 || r.len() < spelling.len() || !r.is_char_boundary(spelling.len()) {
            continue;
        }
        if r[..spelling.len()].eq_ignore_ascii_case(spelling)
            && !r[spelling.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            // "-day", "-point", "-fold", "-month": a hyphen joins only these.
            if rest.starts_with('-')
                && !matches!(
                    unit,
                    "days" | "points" | "fold" | "months" | "weeks" | "years" | "letters"
                )
            {
                continue;
            }
            return Some((i + skip + spelling.len(), unit));
        }
    }
    None
}

/// Every number of `s` that can be a result value: `(start, end, value)`. Numbers inside
/// words ("HAMD-17", "SVR12"), counts ("66/145") and ordinals are left out.
fn numbers(s: &str) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let prev = s[..start].chars().next_back();
            let mut j = i;
            while j < b.len()
                && (b[j].is_ascii_digit() || b[j] == b',' && b.get(j + 1).is_some_and(u8::is_ascii_digit))
            {
                j += 1;
            }
            if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                j += 1;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
            }
            i = j;
            if prev.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.')
                || b.get(j) == Some(&b'/')
                || s[j..].starts_with(|c: char| c.is_alphabetic())
            {
                continue;
            }
            // a sign only after a space, a bracket or the start
            let mut num_start = start;
            if let Some(sign) = prev.filter(|c| matches!(c, '-' | '−')) {
                let before = s[..start - sign.len_utf8()].chars().next_back();
                if before.is_none_or(|c| c.is_whitespace() || c == '(') {
                    num_start = start - sign.len_utf8();
                }
            }
            if let Some(v) = parse_number(&s[num_start..j]) {
                return Some((num_start, j, v));
            }
        }
        None
    })
}

/// The first value of `s` that is not part of a confidence interval or p-value: the number
/// and its normalised unit (`None` for a unitless number).
pub fn first_value(s: &str) -> Option<(f64, Option<&'static str>)> {
    let mut skip: Vec<(usize, usize)> = Vec::new();
    if s.contains("CI") || s.contains("onfidence") {
        skip.extend(CI_RE.find_iter(s).map(|m| (m.start(), m.end())));
    }
    if s.contains(['<', '>', '=', '≤', '≥']) || s.contains("value") {
        skip.extend(P_RE.find_iter(s).map(|m| (m.start(), m.end())));
    }
    numbers(s)
        .find(|&(a, b, _)| !skip.iter().any(|&(x, y)| a < y && x < b))
        .map(|(_, end, v)| (v, unit_after(s, end).map(|u| u.1)))
}

/// The first confidence interval in `s`.
pub fn ci_of(s: &str) -> Option<[f64; 2]> {
    if !(s.contains("CI") || s.contains("onfidence")) {
        return None;
    }
    let c = CI_RE.captures(s)?;
    let lo = parse_number(c.name("lo")?.as_str())?;
    let hi = parse_number(c.name("hi")?.as_str())?;
    Some([lo, hi])
}

/// The first p-value in `s`.
pub fn p_of(s: &str) -> Option<PValue> {
    if !(s.contains(['<', '>', '=', '≤', '≥']) || s.contains("value")) {
        return None;
    }
    let c = P_RE.captures(s)?;
    let comparator = match c.name("cmp")?.as_str() {
        "<" => "<",
        ">" => ">",
        "<=" | "≤" => "<=",
        ">=" | "≥" => ">=",
        _ => "=",
    };
    let value = parse_number(c.name("pv")?.as_str())?;
    Some(PValue { comparator, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_units_intervals_and_p() {
        let s = "ORR of 45.5% (95% CI 37.1-54.1)";
        assert_eq!(first_value(s), Some((45.5, Some("%"))));
        assert_eq!(ci_of(s), Some([37.1, 54.1]));
        let s = "HR 0.47; p<0.0001";
        assert_eq!(first_value(s), Some((0.47, None)));
        assert_eq!(
            p_of(s),
            Some(PValue {
                comparator: "<",
                value: 0.0001
            })
        );
        assert_eq!(
            ci_of("95 percent confidence interval [CI], 0.12-0.23"),
            Some([0.12, 0.23])
        );
        assert_eq!(ci_of("95% CI: 0.137, 0.941"), Some([0.137, 0.941]));
        assert_eq!(first_value("a 3.2-day reduction"), Some((3.2, Some("days"))));
        assert_eq!(first_value("(66/145 patients) of 40%"), Some((40.0, Some("%"))));
        assert_eq!(p_of("P = .03").map(|p| p.value), Some(0.03));
    }

    #[test]
    fn anchored_tails() {
        let m = LINK_VALUE.find(" of 45.5% (95% CI 37.1-54.1)").unwrap();
        assert_eq!(m.as_str(), " of 45.5%");
        let m = STATS.find(" (95% CI 37.1-54.1), more").unwrap();
        assert_eq!(m.as_str(), " (95% CI 37.1-54.1)");
        let m = STATS
            .find("; 95% confidence interval [CI]: 0.34-0.66; p<0.0001")
            .unwrap();
        assert_eq!(m.as_str(), "; 95% confidence interval [CI]: 0.34-0.66");
        assert!(ABBR.is_match(" (sCR, 95 percent CI: 68.8-86.1)"));
        assert!(ABBR.is_match(" [HR]=0.47"));
        assert!(!ABBR.is_match(" (see below)"));
        let m = GRADE_TAIL.find(" greater than grade three occurred").unwrap();
        assert_eq!(m.as_str(), " greater than grade three");
        assert!(LINK_VALUE.find(" at week 16").is_none());
    }
}
