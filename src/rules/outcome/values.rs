//! Numbers of OUTCOME phrases: values with units, confidence intervals, p-values, and the
//! anchored patterns that extend a phrase over them ("of 45.5% (95% CI 37.1-54.1)",
//! "[HR]=0.47; 95% CI: 0.34-0.66; p<0.0001").
//!
//! Every pattern here is anchored at the start of a short slice that follows a phrase, so
//! each costs only the length of what it matches.

use crate::entity::PValue;
use regex::Regex;
use std::sync::LazyLock;

/// A number: `45.5`, `-2.2`, `1,000`, `.001`.
pub const NUM: &str = r"[-−]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)";

/// Words and signs that qualify a value ("more than 90%", "≥50%").
const QUAL: &str = r"(?:(?i:more than|greater than(?: or equal to)?|less than(?: or equal to)?|at least|up to|over|under|nearly|almost|approximately|about|around|roughly|~)\s?|(?:≥|≤|>=|<=|>|<)\s?)?";

/// Units of outcome values. `%` may be glued; words need a boundary.
const UNIT: &str = r"(?:\s?%|\s?(?i:percentage points?|percent|months?|weeks?|days?|years?|points?|kg|lbs?|pounds|mg/dL|mmol/mol|mmol/L|IU/dL|letters)\b|-(?i:day|point|month|week|year|fold|letter)s?\b)";

/// A value that is not a number.
const NOT_REACHED: &str = r"(?:(?i:not (?:yet )?reached|not estimable|not evaluable)|\bNR\b|\bNE\b)";

fn value() -> String {
    format!(r"(?:{QUAL}{NUM}{UNIT}?|{NOT_REACHED})")
}

/// "vs. 22.4%", "vs. placebo -1.6", "versus 8.4 months". ("compared with" starts a new span:
/// the comparator value stands alone.)
fn versus() -> String {
    let v = value();
    format!(
        r"(?:,?\s(?:vs\.?|versus)\s(?:(?i:the\s)?(?i:placebo|vehicle|control|comparator|sham)(?:\s(?i:group|arm))?\s)?{v})"
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
        r#"(?:{ci}|{p}|(?i:interquartile range|IQR|range)\s?[:,]?\s?{NUM}\s?(?:-|–|to|,)\s?{NUM}|(?i:(?:stratified\s)?(?:hazard ratio|odds ratio|risk ratio|relative risk))(?:\s?\[\s?[A-Za-z]{{2,4}}"?\s?\])?\s?[:=,]?\s?{NUM}|(?:HR|OR|RR)\s?[:=,]?\s?{NUM}|\d+\s?/\s?\d+(?:\s(?i:evaluable patients|patients|participants|subjects))?|[nN]\s?=\s?\d+|(?:[A-Z][A-Za-z0-9-]{{0,12}}\s)?{v}{vs}?)"#
    )
}

/// A parenthesised abbreviation, possibly with statistics: "(ORR)", "[IDFS]", "(PASI 90)",
/// "(sCR, 95 percent CI: 68.8-86.1)".
pub static ABBR: LazyLock<Regex> = LazyLock::new(|| {
    let st = stat();
    Regex::new(&format!(
        r#"\A\s?[\(\[]\s?(?P<abbr>[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?"?(?:\s\d{{1,3}}(?:/\d{{1,3}})?)?)\s?"?(?:[,;]\s?{st})*\s?[\)\]]"#
    ))
    .unwrap_or_else(|e| panic!("ABBR: {e}"))
});

/// A linking word and a value: " of 45.5%", " was 21.8 months", "=0.47", ", 0.17", " 0.36".
pub static LINK_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    let v = value();
    let vs = versus();
    Regex::new(&format!(
        r"\A(?:\s?(?i:of|was|were|is|are|by|reached|of approximately|of about|(?:(?:was|were|is|are)\s)?(?:reduced|lowered|decreased|increased|improved|fell|dropped|declined|rose)\sby)\s|\s?[=:,]\s?|\s)(?P<v>{v})(?P<vs>{vs})?"
    ))
    .unwrap_or_else(|e| panic!("LINK_VALUE: {e}"))
});

/// Statistics in parentheses or after a semicolon or comma.
pub static STATS: LazyLock<Regex> = LazyLock::new(|| {
    let st = stat();
    let ci = ci().replace("?P<lo>", "?:").replace("?P<hi>", "?:");
    let p = p_value().replace("?P<cmp>", "?:").replace("?P<pv>", "?:");
    Regex::new(&format!(
        r"\A(?:\s?[\(\[]\s?{st}(?:\s?[;,]\s?{st})*\s?[\)\]]|\s?[;,]\s?(?:{ci}|{p}))"
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
        r"\A\s(?i:consistent with|similar to|comparable to|in line with)\s(?i:that|(?:the\s|its\s)?(?:(?:previously|well)[\s-])?(?:prior|previous|earlier|known|established|reported|characterized|characterised)(?:\s[\w-]+){0,2}?\s(?:studies|trials|data|experience|profile|findings|results))\b",
    )
    .unwrap_or_else(|e| panic!("CONSISTENT_TAIL: {e}"))
});

static CI_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&ci()).unwrap_or_else(|e| panic!("CI: {e}")));
static P_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&p_value()).unwrap_or_else(|e| panic!("P: {e}")));
static VALUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?P<n>{NUM})(?P<u>{UNIT})?|(?P<nr>{NOT_REACHED})"))
        .unwrap_or_else(|e| panic!("VALUE: {e}"))
});

/// Parses a number as written ("1,000", "−2.2", ".001").
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|&c| c != ',')
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    cleaned.parse().ok()
}

/// Normalises a unit as written (" percent", "-day", "months").
pub fn normalise_unit(u: &str) -> Option<&'static str> {
    let u = u.trim().trim_start_matches('-').to_ascii_lowercase();
    Some(match u.as_str() {
        "%" | "percent" => "%",
        "percentage point" | "percentage points" => "percentage points",
        "month" | "months" => "months",
        "week" | "weeks" => "weeks",
        "day" | "days" => "days",
        "year" | "years" => "years",
        "point" | "points" => "points",
        "kg" => "kg",
        "lb" | "lbs" | "pounds" => "lb",
        "mg/dl" => "mg/dL",
        "mmol/mol" => "mmol/mol",
        "mmol/l" => "mmol/L",
        "iu/dl" => "IU/dL",
        "fold" => "fold",
        "letter" | "letters" => "letters",
        _ => return None,
    })
}

/// The first value of `s` that is not part of a confidence interval or p-value: the number
/// and its normalised unit (`None` for a unitless number). "not reached" gives no number.
pub fn first_value(s: &str) -> Option<(f64, Option<&'static str>)> {
    let mut skip: Vec<(usize, usize)> = CI_RE
        .find_iter(s)
        .chain(P_RE.find_iter(s))
        .map(|m| (m.start(), m.end()))
        .collect();
    skip.sort_unstable();
    for c in VALUE_RE.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        if skip.iter().any(|&(a, b)| m.start() < b && a < m.end()) || c.name("nr").is_some() {
            continue;
        }
        let n = c.name("n").and_then(|n| parse_number(n.as_str()))?;
        let unit = c.name("u").and_then(|u| normalise_unit(u.as_str()));
        // A count such as "66/145" is not a result value.
        if s[m.end()..].starts_with('/') || s[..m.start()].ends_with('/') {
            continue;
        }
        return Some((n, unit));
    }
    None
}

/// The first confidence interval in `s`.
pub fn ci_of(s: &str) -> Option<[f64; 2]> {
    let c = CI_RE.captures(s)?;
    let lo = parse_number(c.name("lo")?.as_str())?;
    let hi = parse_number(c.name("hi")?.as_str())?;
    Some([lo, hi])
}

/// The first p-value in `s`.
pub fn p_of(s: &str) -> Option<PValue> {
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
        assert_eq!(ci_of("95 percent confidence interval [CI], 0.12-0.23"), Some([0.12, 0.23]));
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
        let m = STATS.find("; 95% confidence interval [CI]: 0.34-0.66; p<0.0001").unwrap();
        assert_eq!(m.as_str(), "; 95% confidence interval [CI]: 0.34-0.66");
        assert!(ABBR.is_match(" (sCR, 95 percent CI: 68.8-86.1)"));
        assert!(ABBR.is_match(" [HR]=0.47"));
        assert!(!ABBR.is_match(" (see below)"));
        let m = GRADE_TAIL.find(" greater than grade three occurred").unwrap();
        assert_eq!(m.as_str(), " greater than grade three");
        assert!(LINK_VALUE.find(" at week 16").is_none());
    }
}
