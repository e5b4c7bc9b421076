//! SCHEDULE: frequencies, routes and regimen durations, with normalised codes.
//!
//! The rules are a table of `(rule id, kind, code, guard, start words, pattern)`. At each word
//! of the text, the rules that can start with that word are tried in table order, anchored
//! there; the first that matches and passes its guard wins. Its code is computed from the
//! matched words, and the guard is consulted when the words are ambiguous on their own ("daily
//! activities", "Phase IV", "oral presentation", "Charleston, SC").
//!
//! Codes: frequencies QD, BID, TID, QID, QW, BIW, TIW, Q2W ... Q{n}W, QM, Q{n}M, Q6M
//! (twice-yearly), Q12M, Q{n}D, Q{n}H, QOD, QHS, QAM, QPM, PRN, ONCE; routes IV, SC, PO, IM,
//! IVT, TOP, INH, IN, IT, TD, SL, BUC, ID, ITUM, IVES, IART, IP, IA, ICV, SR, SCH, PR;
//! durations ISO-8601-like: P12W, P6M, P2Y, P5D.

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::re::Regex;
use crate::resolve::Candidate;
use crate::text::{at_word_boundaries, ceil_boundary, char_at, char_before, floor_boundary, is_word_char};
use std::sync::LazyLock;

/// How a rule's code is computed from the matched text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Code {
    /// A fixed code.
    Fixed(&'static str),
    /// "every N weeks", "every other day", "3-weekly": Q{n}{unit}.
    Every,
    /// "twice daily", "three times a week", "once-monthly": times per period.
    Times,
    /// "12- and 16-week dosing intervals": Q{n}{unit} for each number.
    Interval,
    /// "for 24 weeks", "12-week course": P{n}{unit}.
    Duration,
    /// An abbreviation written as a code: "Q3W", "q2wk", "BID", "b.i.d.".
    Abbrev,
    /// A treatment cycle: "every 21-day cycle", "Days 1, 8 and 15 of each 28-day cycle":
    /// Q{n}{unit} of the cycle length (the last number).
    Cycle,
}

/// The context a match needs before it counts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Guard {
    /// Unambiguous on its own.
    None,
    /// A bare frequency word ("daily", "weekly", "every day"): needs a dose, a drug, a dosing
    /// verb or noun next to it.
    Dosing,
    /// A short lower-case or rare abbreviation ("bid", "PO", "IM"): needs a dose or another
    /// route just before it.
    AfterDose,
    /// "IV": not a Roman numeral (Phase IV, stage III/IV, Grade IV).
    Roman,
    /// "SC": not a state ("Charleston, SC") nor a code prefix ("SC-1234").
    Abbreviation,
    /// "oral": not a presentation, a body site or a disease.
    Oral,
    /// A route adjective that also names tissues or products ("subcutaneous tissue",
    /// "intravenous immunoglobulin").
    Route,
    /// "for N weeks": only after a dose, a schedule, a drug or a treatment verb.
    Duration,
    /// "single dose", "one dose": not "single-dose vial", not "at least one dose".
    Once,
    /// "12-week dosing": not "12-week dosing period".
    Interval,
}

/// Number words and digits.
const NW: &str = r"(?:[0-9]{1,3}|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|thirty|forty|fifty|sixty|seventy|eighty|ninety|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)";

/// The number words `NW` may start with, as start words of a rule.
const NUMBER_STARTS: &str =
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen \
     fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety";

/// `(rule id, kind, code, guard, start words, pattern)`, most specific first: where two
/// patterns match at the same place, the earlier one wins. `NW` stands for a number in digits
/// or words; a group named `keep` narrows the span to itself.
///
/// The start words are the lower-cased letters a match can begin with, up to the first
/// non-letter (`"b"` for "b.i.d.", `"one"` for "one-time"); `#` stands for a digit and `NW` for
/// the number words. Only rules whose start word is at hand are tried at a word.
const RULES: &[(&str, &str, Code, Guard, &str, &str)] = &[
    // Intervals and durations that start with a number.
    (
        "schedule.interval",
        "frequency",
        Code::Interval,
        Guard::Interval,
        "# NW",
        r"(?i:NW(?:[- ]|\s*-?\s*(?:and|or|to|–)\s*NW-|\s*(?:-|–|to)\s*NW-)(?:week|wk|month|day)s?\s+(?:dosing(?:\s+(?:intervals?|regimens?|schedules?))?|dose\s+intervals?|intervals?))",
    ),
    (
        "schedule.duration",
        "duration",
        Code::Duration,
        Guard::None,
        "# NW",
        r"(?i:NW[- ](?:day|week|month|year)\s+(?:treatment\s+)?course)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IV"),
        Guard::None,
        "# NW",
        r"(?i:NW[- ](?:minute|min|hour|hr)\s+(?:(?:intravenous|IV)\s+)?(?:infusions?|injections?))",
    ),
    // Treatment cycles, before "every N days" would take the start of "every 21-day cycle".
    (
        "schedule.cycle",
        "frequency",
        Code::Cycle,
        Guard::None,
        "day days",
        r"(?i:days?\s+[0-9]{1,2}(?:\s*(?:,|-|–|to|through|and|,\s*and)\s*[0-9]{1,2})*\s+(?:of\s+)?(?:each|every|a|the|all)\s+(?:subsequent\s+)?[0-9]{1,2}[- ](?:day|week)\s+(?:treatment\s+)?cycles?)",
    ),
    (
        "schedule.cycle",
        "frequency",
        Code::Cycle,
        Guard::None,
        "every each",
        r"(?i:(?:every|each)\s+NW[- ](?:day|week)\s+(?:treatment\s+)?cycles?)",
    ),
    (
        "schedule.cycle",
        "frequency",
        Code::Cycle,
        Guard::None,
        "#",
        r"(?i:[0-9]{1,2}[- ](?:day|week)\s+(?:treatment\s+)?cycles?)",
    ),
    // Frequencies.
    (
        "schedule.freq",
        "frequency",
        Code::Every,
        Guard::None,
        "once every",
        r"(?i:(?:once[\s-]+)?every[\s-]+(?:other|second|third|fourth|NW(?:\s*(?:-|–|to|or)\s*NW)?)[- ](?:hours?|hrs?|h|days?|weeks?|wks?|months?|years?))",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Every,
        Guard::Dosing,
        "# NW",
        r"(?i:NW\s+(?:days?|weeks?|months?)\s+apart)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Every,
        Guard::Dosing,
        "every each",
        r"(?i:every\s+(?:day|week|month|year|night|morning|evening)|each\s+(?:day|week|month|night|morning|evening))",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Times,
        Guard::None,
        "once twice thrice # NW",
        r"(?i:(?:once|twice|thrice|NW(?:\s*(?:-|–|to|or)\s*NW)?[- ]times|NW\s?[xX])(?:[- ](?:a|per|each|every)[- ]|\s*/\s*|[- ])(?:daily|day|weekly|week|monthly|month|yearly|year|annually|nightly))",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Every,
        Guard::None,
        "# NW",
        r"(?i:NW-(?:weekly|monthly))",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("Q2W"),
        Guard::None,
        "fortnightly",
        r"(?i:fortnightly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("Q2W"),
        Guard::Dosing,
        "bi biweekly",
        r"(?i:bi-?weekly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("Q6M"),
        Guard::Dosing,
        "semi semiannual semiannually bi biannual biannually",
        r"(?i:semi-?annual(?:ly)?|bi-?annual(?:ly)?)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("Q2M"),
        Guard::Dosing,
        "bi bimonthly",
        r"(?i:bi-?monthly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("Q3M"),
        Guard::Dosing,
        "quarterly",
        r"(?i:quarterly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("QD"),
        Guard::Dosing,
        "daily",
        r"(?i:daily)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("QW"),
        Guard::Dosing,
        "weekly",
        r"(?i:weekly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("QM"),
        Guard::Dosing,
        "monthly",
        r"(?i:monthly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("QHS"),
        Guard::Dosing,
        "nightly",
        r"(?i:nightly)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("Q12M"),
        Guard::Dosing,
        "yearly annually annual",
        r"(?i:yearly|annually|annual)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("QHS"),
        Guard::None,
        "at",
        r"(?i:at\s+bedtime)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("PRN"),
        Guard::None,
        "as when",
        r"(?i:as[- ]needed|when[- ]needed)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Fixed("PRN"),
        Guard::Dosing,
        "on as",
        r"(?i:on[- ]demand|as[- ]required)",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Abbrev,
        Guard::None,
        "q qw qd qid qod qhs qam qpm qm bid tid prn b t p",
        r"[Qq][0-9]{1,2}(?:[Ww][Kk]|[DWHMdwhm])|Q(?:W|D|ID|OD|HS|AM|PM|M)|BID|TID|PRN|q\.d\.|b\.i\.d\.|t\.i\.d\.|q\.i\.d\.|p\.r\.n\.|q\.h\.s\.|q\.o\.d\.",
    ),
    (
        "schedule.freq",
        "frequency",
        Code::Abbrev,
        Guard::AfterDose,
        "bid tid qid qd qod qhs prn qw",
        r"bid|tid|qid|qd|qod|qhs|prn|qw",
    ),
    // One-off regimens.
    // A one-off regimen with its route or qualifier, one phrase like "30-minute intravenous
    // infusions": "one-time intravenous infusion", "single subcutaneous injection".
    (
        "schedule.once",
        "frequency",
        Code::Fixed("ONCE"),
        Guard::None,
        "single one",
        r"(?i:(?:single|one-time)\s+(?:(?:intravenous|IV|oral|subcutaneous|SC|intramuscular|IM|intravitreal|intrathecal|intranasal|inhaled|subretinal|suprachoroidal|intra-?tumou?ral|intra-?articular|intradermal|intravesical|intraperitoneal|intra-?arterial|intracerebroventricular|transdermal|sublingual|topical|fixed|low|high)[\s-]+){1,2}(?:dose|injection|infusion|administration|bolus)s?)",
    ),
    // With an amount between, the amount is a DOSE and "single" is the schedule.
    (
        "schedule.once",
        "frequency",
        Code::Fixed("ONCE"),
        Guard::None,
        "single one",
        r"(?i:(?P<keep>single|one-time)\s+(?:(?:[[0-9].,]+\s*(?:mg|µg|μg|mcg|ug|g|mL|IU|U)(?:/(?:kg|m2|m²))?|intravenous|IV|oral|subcutaneous|SC|intramuscular|IM|intravitreal|intrathecal|intranasal|inhaled|subretinal|suprachoroidal|intra-?tumou?ral|intra-?articular|intradermal|intravesical|intraperitoneal|intra-?arterial|intracerebroventricular|transdermal|sublingual|topical|fixed|low|high)[\s-]+){1,2}(?:dose|injection|infusion|administration|bolus))",
    ),
    (
        "schedule.once",
        "frequency",
        Code::Fixed("ONCE"),
        Guard::Once,
        "single one",
        r"(?i:(?:single|one-time|one\s+time)[- ](?:doses?|injections?|infusions?|administrations?|treatments?|courses?|shots?|applications?)|one\s+dose)",
    ),
    // Routes.
    (
        "schedule.route",
        "route",
        Code::Fixed("IV"),
        Guard::Route,
        "by via",
        r"(?i:(?:by|via)\s+(?:an?\s+)?(?:(?:continuous\s+)?(?:intravenous|IV)\s+|continuous\s+)?(?:infusions?|drip))",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IV"),
        Guard::Route,
        "intravenous intravenously",
        r"(?i:intravenous(?:ly)?(?:\s+(?:infusions?|injections?|bolus|push))?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IV"),
        Guard::Roman,
        "iv",
        r"IV(?:\s+(?:infusions?|injections?|bolus|push))?",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IV"),
        Guard::None,
        "i",
        r"i\.v\.|I\.V\.",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("SC"),
        Guard::Route,
        "subcutaneous subcutaneously",
        r"(?i:subcutaneous(?:ly)?(?:\s+(?:injections?|infusions?))?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("SC"),
        Guard::Abbreviation,
        "sc sq s subq sub",
        r"SC|SQ|s\.c\.|S\.C\.|subQ|SubQ|sub-Q",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("INH"),
        Guard::None,
        "by via for orally inhaled oral",
        r"(?i:(?:by|via|for)\s+(?:oral\s+)?inhalation|orally\s+inhaled|inhaled|oral\s+inhalation)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("PO"),
        Guard::None,
        "orally by p",
        r"(?i:orally|by\s+mouth)|p\.o\.",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("PO"),
        Guard::Oral,
        "oral",
        r"(?i:oral)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("PO"),
        Guard::AfterDose,
        "po",
        r"PO",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IM"),
        Guard::None,
        "intramuscular intramuscularly i",
        r"(?i:intramuscular(?:ly)?(?:\s+injections?)?)|i\.m\.",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IM"),
        Guard::AfterDose,
        "im",
        r"IM",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IVT"),
        Guard::None,
        "intravitreal intravitreally",
        r"(?i:intravitreal(?:ly)?(?:\s+injections?)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("TOP"),
        Guard::Route,
        "topical topically",
        r"(?i:topical(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IN"),
        Guard::None,
        "intranasal intranasally nasally",
        r"(?i:intranasal(?:ly)?|nasally)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IT"),
        Guard::None,
        "intrathecal intrathecally",
        r"(?i:intrathecal(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("TD"),
        Guard::None,
        "transdermal transdermally",
        r"(?i:transdermal(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("SL"),
        Guard::None,
        "sublingual sublingually",
        r"(?i:sublingual(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("BUC"),
        Guard::None,
        "buccal buccally",
        r"(?i:buccal(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("ID"),
        Guard::None,
        "intradermal intradermally",
        r"(?i:intradermal(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("ITUM"),
        Guard::None,
        "intra intratumoral intratumorally intratumoural intratumourally",
        r"(?i:intra-?tumou?ral(?:ly)?(?:\s+injections?)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IVES"),
        Guard::None,
        "intravesical intravesically",
        r"(?i:intravesical(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IART"),
        Guard::None,
        "intra intraarticular intraarticularly",
        r"(?i:intra-?articular(?:ly)?(?:\s+injections?)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IP"),
        Guard::None,
        "intraperitoneal intraperitoneally",
        r"(?i:intraperitoneal(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("IA"),
        Guard::None,
        "intra intraarterial intraarterially",
        r"(?i:intra-?arterial(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("ICV"),
        Guard::None,
        "intracerebroventricular intracerebroventricularly",
        r"(?i:intracerebroventricular(?:ly)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("SR"),
        Guard::Route,
        "subretinal subretinally",
        r"(?i:subretinal(?:ly)?(?:\s+injections?)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("SCH"),
        Guard::Route,
        "suprachoroidal suprachoroidally",
        r"(?i:suprachoroidal(?:ly)?(?:\s+injections?)?)",
    ),
    (
        "schedule.route",
        "route",
        Code::Fixed("PR"),
        Guard::Route,
        "rectal rectally",
        r"(?i:rectal(?:ly)?)",
    ),
    // Regimen durations.
    (
        "schedule.duration",
        "duration",
        Code::Duration,
        Guard::Duration,
        "for",
        r"(?i:for\s+(?:up\s+to\s+|a\s+(?:total|maximum|minimum)\s+of\s+|at\s+least\s+)?NW(?:\s*(?:-|–|to)\s*NW)?\s+(?:consecutive\s+)?(?:days?|weeks?|months?|years?)(?:\s+of\s+(?:treatment|therapy|dosing|administration))?)",
    ),
];

/// A parenthesised abbreviation right after a phrase belongs to it: "subcutaneous (SC)",
/// "every four weeks (Q4W)".
static ABBREV_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A\s?\(\s*(?:IV|SC|SQ|SUBQ|SubQ|PO|IM|IVT|IT|ID|IN|TD|SL|INH|PRN|QD|BID|TID|QID|QW|QM|QOD|QHS|[Qq]\d{1,2}(?:[Ww][Kk]|[DWHMdwhm])|i\.v\.|s\.c\.|p\.o\.|i\.m\.|ITUM|IP|ICV)\s*\)")
        .unwrap_or_else(|e| panic!("{e}"))
});

fn expand(pat: &str) -> String {
    pat.replace("NW", NW)
}

/// Each rule's pattern, anchored at its start.
static ANCHORED: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|r| {
            Regex::new(&format!(r"\A(?:{})", expand(r.5))).unwrap_or_else(|e| panic!("rule {}: {e}", r.0))
        })
        .collect()
});

/// Start words with the rules (in table order) that may match from them, sorted by word.
static BY_START: LazyLock<Vec<(&'static str, Vec<usize>)>> = LazyLock::new(|| {
    let mut out: Vec<(&'static str, Vec<usize>)> = Vec::new();
    for (k, rule) in RULES.iter().enumerate() {
        let words = rule.4.split_whitespace().flat_map(|start| {
            let numbers = (start == "NW").then(|| NUMBER_STARTS.split_whitespace());
            let single = (start != "NW").then_some(start);
            numbers.into_iter().flatten().chain(single)
        });
        for w in words {
            // Kept sorted by word; rules are visited in table order.
            match out.binary_search_by(|(x, _)| (*x).cmp(w)) {
                Ok(i) => {
                    if out[i].1.last() != Some(&k) {
                        out[i].1.push(k);
                    }
                }
                Err(i) => out.insert(i, (w, vec![k])),
            }
        }
    }
    out
});

/// The rules that may match from start word `word`.
fn rules_starting_with(word: &str) -> Option<&'static [usize]> {
    let i = BY_START.binary_search_by(|(w, _)| (*w).cmp(word)).ok()?;
    BY_START.get(i).map(|(_, rules)| rules.as_slice())
}

/// The start word of the word at byte `i`: its lower-cased ASCII letters, or `#` for a digit.
/// Longer runs of letters than any start word are cut (and then match nothing).
fn start_word(text: &str, i: usize, buf: &mut [u8; 32]) -> usize {
    let bytes = &text.as_bytes()[i..];
    if bytes.first().is_some_and(u8::is_ascii_digit) {
        buf[0] = b'#';
        return 1;
    }
    let mut n = 0;
    for &b in bytes.iter().take_while(|b| b.is_ascii_alphabetic()) {
        if n == buf.len() {
            return 0;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    n
}

/// A development code or a code-like drug name ("ABC-123", "SAR566658").
static CODE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:[A-Z]{2,5}|[A-Z][a-z][A-Z]{1,3}|mRNA)[- ]?\d{3,7}[a-z]?\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// A dose amount or unit as a word: "10 mg", "mg/kg", "200mg", "µg/kg".
static DOSE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\A(?:[\d.,]+-?)?(?:mg|µg|μg|mcg|ug|g|ng|IU|U|units?|mL|ml|cells|vg)(?:/(?:kg|m2|m²|day|d|dose|week))*\z|\A[\d.,]+(?:mg|µg|μg|mcg|g)\z")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Number words.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("once", 1),
    ("twice", 2),
    ("thrice", 3),
    ("other", 2),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
];

/// Splits lower-cased text into number and word tokens: "twenty-four" -> 24.
fn tokens(s: &str) -> Vec<Token> {
    let lower = s.to_lowercase();
    let mut out: Vec<Token> = Vec::new();
    for raw in lower.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        // "2x" and "12week" split into number and word.
        let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
        let rest = &raw[digits.len()..];
        if !digits.is_empty() {
            if let Ok(n) = digits.parse() {
                out.push(Token::Num(n));
            }
            if !rest.is_empty() {
                out.push(Token::Word(rest.to_string()));
            }
            continue;
        }
        match NUMBER_WORDS.iter().find(|(w, _)| *w == raw) {
            Some(&(_, n)) => {
                // "twenty-four": add the units to the tens.
                let unit_word = n < 10
                    && !matches!(
                        raw,
                        "once" | "twice" | "thrice" | "other" | "second" | "third" | "fourth"
                    );
                if let (Some(Token::Num(t)), true) = (out.last_mut(), unit_word) {
                    if *t >= 20 && *t % 10 == 0 {
                        *t += n;
                        continue;
                    }
                }
                out.push(Token::Num(n));
            }
            None => out.push(Token::Word(raw.to_string())),
        }
    }
    out
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Num(u32),
    Word(String),
}

/// The period letter of a unit word: day -> D, week -> W, ...
fn period(word: &str) -> Option<char> {
    Some(match word {
        "h" | "hr" | "hrs" | "hour" | "hours" => 'H',
        "day" | "days" | "daily" | "d" => 'D',
        "week" | "weeks" | "wk" | "wks" | "weekly" | "w" => 'W',
        "month" | "months" | "monthly" | "m" => 'M',
        "year" | "years" | "yearly" | "annually" => 'Y',
        "night" | "nightly" => 'N',
        "morning" => 'A',
        "evening" => 'P',
        _ => return None,
    })
}

/// "every" codes: one number (or none: "every week") and a period.
fn every_code(n: u32, p: char) -> String {
    match (p, n) {
        ('H', 24) => "QD".into(),
        ('H', _) => format!("Q{n}H"),
        ('D', 1) => "QD".into(),
        ('D', 2) => "QOD".into(),
        ('D', d) if d % 7 == 0 => every_code(d / 7, 'W'),
        ('D', _) => format!("Q{n}D"),
        ('W', 1) => "QW".into(),
        ('W', _) => format!("Q{n}W"),
        ('M', 1) => "QM".into(),
        ('M', _) => format!("Q{n}M"),
        ('Y', _) => format!("Q{}M", 12 * n),
        ('N', _) => "QHS".into(),
        ('A', _) => "QAM".into(),
        _ => "QPM".into(),
    }
}

fn nums_and_period(s: &str) -> (Vec<u32>, Option<char>) {
    let toks = tokens(s);
    let nums = toks
        .iter()
        .filter_map(|t| match t {
            Token::Num(n) => Some(*n),
            Token::Word(_) => None,
        })
        .collect();
    let p = toks.iter().rev().find_map(|t| match t {
        Token::Word(w) => period(w),
        Token::Num(_) => None,
    });
    (nums, p)
}

/// The code of an "every ..." phrase: "every three weeks" -> Q3W, "every 3 to 4 weeks" ->
/// Q3-4W, "every 12 or 16 weeks" -> Q12W/Q16W, "every other day" -> QOD.
pub fn code_every(s: &str) -> Option<String> {
    let (mut nums, p) = nums_and_period(s);
    let p = p?;
    // "once every 4 weeks": the "once" is not the interval.
    if s.trim_start().to_lowercase().starts_with("once") && !nums.is_empty() {
        nums.remove(0);
    }
    Some(match nums.as_slice() {
        [] => every_code(1, p),
        [n] => every_code(*n, p),
        [a, b, ..] if s.contains(" or ") => format!("{}/{}", every_code(*a, p), every_code(*b, p)),
        [a, b, ..] => format!("Q{a}-{b}{p}"),
    })
}

/// The code of a "times per period" phrase: "twice daily" -> BID, "three times a week" ->
/// TIW, "once-monthly" -> QM, "twice-yearly" -> Q6M.
pub fn code_times(s: &str) -> Option<String> {
    let (nums, p) = nums_and_period(s);
    let n = *nums.first()?;
    if let (Some(&b), Some(p)) = (nums.get(1), p) {
        return Some(format!("{n}-{b}X{p}")); // "2-3 times daily" -> 2-3XD
    }
    Some(match (p?, n) {
        ('D', 1) => "QD".into(),
        ('D', 2) => "BID".into(),
        ('D', 3) => "TID".into(),
        ('D', 4) => "QID".into(),
        ('D', _) => format!("{n}XD"),
        ('W', 1) => "QW".into(),
        ('W', 2) => "BIW".into(),
        ('W', 3) => "TIW".into(),
        ('W', _) => format!("{n}XW"),
        ('M', 1) => "QM".into(),
        ('M', _) => format!("{n}XM"),
        ('Y', n) if n > 0 && 12 % n == 0 => format!("Q{}M", 12 / n),
        ('Y', _) => format!("{n}XY"),
        _ => "QHS".into(),
    })
}

/// "12- and 16-week dosing intervals" -> Q12W/Q16W.
pub fn code_interval(s: &str) -> Option<String> {
    let (nums, p) = nums_and_period(s);
    let p = p?;
    let codes: Vec<String> = nums.iter().map(|&n| every_code(n, p)).collect();
    (!codes.is_empty()).then(|| codes.join("/"))
}

/// "for 24 weeks" -> P24W, "for up to 2 years" -> P2Y, "for 3 to 6 months" -> P3-6M.
pub fn code_duration(s: &str) -> Option<String> {
    let (nums, p) = nums_and_period(s);
    let p = p?;
    Some(match nums.as_slice() {
        [] => return None,
        [n] => format!("P{n}{p}"),
        [a, b, ..] => format!("P{a}-{b}{p}"),
    })
}

/// "every 21-day cycle" -> Q3W, "Days 1 and 8 of each 28-day cycle" -> Q4W: the cycle length.
pub fn code_cycle(s: &str) -> Option<String> {
    let (nums, p) = nums_and_period(s);
    Some(every_code(*nums.last()?, p?))
}

/// "Q3W", "q2wk", "b.i.d." -> Q3W, Q2W, BID.
pub fn code_abbrev(s: &str) -> String {
    let mut c: String = s
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_ascii_uppercase();
    if c.ends_with("WK") {
        c.truncate(c.len() - 1);
    }
    c
}

fn code_of(code: Code, s: &str) -> Option<String> {
    match code {
        Code::Fixed(c) => Some(c.to_string()),
        Code::Every => code_every(s),
        Code::Times => code_times(s),
        Code::Interval => code_interval(s),
        Code::Duration => code_duration(s),
        Code::Abbrev => Some(code_abbrev(s)),
        Code::Cycle => code_cycle(s),
    }
}

/// A word near a match, with its byte offset.
struct Word<'a> {
    start: usize,
    text: &'a str,
}

impl Word<'_> {
    fn lower(&self) -> String {
        self.text.to_lowercase()
    }
}

const WORD_TRIM: &[char] = &[
    ',', '(', ')', '"', '\'', '“', '”', '‘', '’', '®', '™', '[', ']', ':', ';',
];

/// Up to `n` words before byte `i`, nearest first, stopping at a clause end (`.`, `;`, `:`,
/// `!`, `?` followed by a space, or a line break).
fn words_before(text: &str, i: usize, n: usize) -> Vec<Word<'_>> {
    let lo = ceil_boundary(text, i.saturating_sub(80));
    let Some(window) = text.get(lo..i) else {
        return Vec::new();
    };
    let cut = window
        .char_indices()
        .rev()
        .filter(|&(k, c)| {
            c == '\n'
                || (matches!(c, '.' | ';' | '!' | '?' | ':')
                    && window[k + c.len_utf8()..].starts_with(char::is_whitespace))
        })
        .map(|(k, c)| k + c.len_utf8())
        .next()
        .unwrap_or(0);
    let clause = &window[cut..];
    let base = lo + cut;
    let mut spans = Vec::new();
    let mut start = None;
    for (k, c) in clause.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                spans.push((s, k));
            }
        } else if start.is_none() {
            start = Some(k);
        }
    }
    if let Some(s) = start {
        spans.push((s, clause.len()));
    }
    spans
        .iter()
        .rev()
        .filter_map(|&(s, e)| {
            let raw = &clause[s..e];
            let t = raw.trim_matches(WORD_TRIM);
            (!t.is_empty()).then(|| Word {
                start: base + s + raw.find(t).unwrap_or(0),
                text: t,
            })
        })
        .take(n)
        .collect()
}

/// Up to `n` words after byte `i`, nearest first, stopping at a clause end.
fn words_after(text: &str, i: usize, n: usize) -> Vec<Word<'_>> {
    let hi = floor_boundary(text, (i + 80).min(text.len()));
    let Some(window) = text.get(i..hi) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in window.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += raw.len();
        let word = raw.trim_end();
        let stops = word.ends_with(['.', ';', '!', '?', ':']) && raw.len() > word.len() || raw.contains('\n');
        let trimmed = word.trim_matches(WORD_TRIM).trim_end_matches(['.', '!', '?']);
        if !trimmed.is_empty() {
            let off = word.find(trimmed).unwrap_or(0);
            out.push(Word {
                start: i + start + off,
                text: trimmed,
            });
        }
        if out.len() == n || stops {
            break;
        }
    }
    out
}

/// True when `w` is a drug name: a lexicon entry or a development code.
fn is_drug(text: &str, w: &Word) -> bool {
    if CODE_WORD.is_match(w.text) {
        return true;
    }
    let end = w.start + w.text.len();
    super::drug::is_drug_name(text, w.start, end)
}

fn is_dose_word(w: &Word) -> bool {
    DOSE_WORD.is_match(w.text)
}

/// Words before a frequency or duration that show it is about dosing.
const DOSING_BEFORE: &str =
    "dose dosed doses dosing given administered taken take takes taking received receive receiving \
     injected infused applied inhaled treated orally subcutaneously intravenously intramuscularly \
     topically oral subcutaneous intravenous iv sc po tablet tablets capsule capsules pill pills \
     injection injections infusion infusions once twice regimen therapy treatment qd bid tid qw q2w \
     q3w q4w placebo then dosage administration";

/// Words after a frequency word that show it is about dosing.
const DOSING_AFTER: &str =
    "dose doses dosing dosed regimen regimens schedule administration administered injection \
     injections infusion infusions oral subcutaneous intravenous iv sc tablet tablets pill pills \
     capsule capsules treatment therapy maintenance intake application applications shot shots \
     formulation thereafter dosage use usage loading induction";

/// Nouns after a frequency word that show it is not about dosing.
const NOT_DOSING_AFTER: &str =
    "activities activity life lives living routine routines news newsletter webcast call calls \
     meeting meetings report reports update updates migraine headache days visits sales revenue \
     revenues payment payments average bleeding basis life-threatening functioning tasks practice \
     conference";

/// True when the space-separated word list `list` holds `word`.
fn has(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// A dosing context around a bare frequency word.
fn dosing_context(text: &str, span: Span) -> bool {
    if let Some(w) = words_after(text, span.end, 1).first() {
        let l = w.lower();
        if has(NOT_DOSING_AFTER, &l) {
            return false;
        }
        if has(DOSING_AFTER, &l) || is_drug(text, w) {
            return true;
        }
    }
    // The word just before: a dose ("10 mg daily"), a dosing word ("given daily") or a drug
    // ("received pembrolizumab weekly"); or a dose two words back ("10 mg/kg IV weekly").
    let before = words_before(text, span.start, 2);
    before
        .iter()
        .enumerate()
        .any(|(k, w)| is_dose_word(w) || k == 0 && (has(DOSING_BEFORE, &w.lower()) || is_drug(text, w)))
}

/// Routes and frequencies that may come just before a short abbreviation ("IV or IM").
const ROUTE_WORDS: &str = "iv sc po im orally intravenously subcutaneously daily";

/// A dose or another route just before a short abbreviation: "250 mg bid", "IV or IM".
fn after_dose(text: &str, span: Span) -> bool {
    let before = words_before(text, span.start, 2);
    let Some(first) = before.first() else {
        return false;
    };
    let l = first.lower();
    if is_dose_word(first) || has(ROUTE_WORDS, &l) {
        return true;
    }
    if matches!(
        l.as_str(),
        "or" | "and" | "/" | "to" | "from" | "versus" | "vs" | "vs."
    ) {
        return before.get(1).is_some_and(|w| has(ROUTE_WORDS, &w.lower()));
    }
    // "IV/IM"
    first.text.split('/').any(|p| has(ROUTE_WORDS, &p.to_lowercase()))
}

/// Words before "IV" that make it a Roman numeral.
const ROMAN_BEFORE: &str =
    "phase phases stage stages grade grades class classes type types part parts level levels cohort \
     arm group chapter section tier category categories schedule appendix article title volume vol \
     fund series study trial nyha gold who item figure table ckd factor collagen hypersensitivity henry \
     louis war cycle";

static ROMAN_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:I{1,3}|IV|V|VI{0,3}|IX|X)[a-cA-C]?\s*(?:/|-|–|,|\band\b|\bor\b|\bto\b|\bthrough\b)\s*\z|\b[0-9][a-cA-C]?\s*(?:/|-|–)\s*\z",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

fn roman_ok(text: &str, span: Span) -> bool {
    let before = words_before(text, span.start, 1);
    if let Some(w) = before.first() {
        let l = w.lower();
        let l = l.trim_end_matches(['-', '‑']);
        if has(ROMAN_BEFORE, l) {
            return false;
        }
    }
    let head = &text[floor_boundary(text, span.start.saturating_sub(24))..span.start];
    if ROMAN_LIST.is_match(head) {
        return false;
    }
    // "IV/V", "IV-V"
    let tail = &text[span.end..];
    if let Some(rest) = tail.strip_prefix(['/', '-', '–']) {
        if rest.trim_start().starts_with(['V', 'I', 'X']) {
            return false;
        }
    }
    !code_glued(text, span)
}

/// True when an abbreviation is part of a hyphenated code: "SC-1234", "ABC-IV".
fn code_glued(text: &str, span: Span) -> bool {
    let after = char_at(text, span.end);
    let after2 = text.get(span.end..).and_then(|t| t.chars().nth(1));
    if matches!(after, Some('-' | '‑')) && after2.is_some_and(|c| c.is_alphanumeric()) {
        return true;
    }
    match char_before(text, span.start) {
        Some(c @ ('-' | '‑')) => char_before(text, span.start - c.len_utf8()).is_some_and(is_word_char),
        _ => false,
    }
}

/// Words after a route abbreviation that show it is one: "SC formulation", "SC injection".
const ROUTE_ABBREV_AFTER: &str =
    "formulation formulations injection injections infusion dosing dose doses administration \
     delivery route version form or and versus vs every once q2w q3w q4w qw qm weekly monthly daily \
     maintenance use product products";

fn abbreviation_ok(text: &str, span: Span) -> bool {
    if code_glued(text, span) {
        return false;
    }
    let next = words_after(text, span.end, 1);
    let prev = words_before(text, span.start, 1);
    let context = next.first().is_some_and(|w| has(ROUTE_ABBREV_AFTER, &w.lower()))
        || prev.first().is_some_and(|w| {
            is_drug(text, w) || has(DOSING_BEFORE, &w.lower()) || w.text.ends_with(['®', '™'])
        })
        || after_dose(text, span);
    if !context {
        return false;
    }
    // A bare "(SC)" not absorbed by a route phrase defines something else ("spinal cord (SC)").
    if char_before(text, span.start) == Some('(') && char_at(text, span.end) == Some(')') {
        return false;
    }
    // "Charleston, SC" / "Greenville, SC 29601": a US state after a place name.
    let head = &text[floor_boundary(text, span.start.saturating_sub(40))..span.start];
    if let Some(place) = head.strip_suffix(", ").or_else(|| head.strip_suffix(',')) {
        let last = place.split_whitespace().last().unwrap_or("");
        let title_case = last.chars().next().is_some_and(char::is_uppercase)
            && last.chars().skip(1).any(char::is_lowercase);
        if title_case {
            return false;
        }
    }
    true
}

/// Words after "oral" that make it something other than a route.
const NOT_ORAL_AFTER: &str =
    "presentation presentations session sessions abstract abstracts talk talks podium report \
     communication communications argument arguments hearing history statement statements testimony \
     exam examination cavity mucositis mucosa mucosal health hygiene cancer cancers carcinoma tumor \
     tumors tumour tumours lesion lesions ulcer ulcers ulceration pain candidiasis thrush surgery \
     surgeon surgeons care microbiome bacteria lichen glucose feeding tradition poster late-breaking \
     plenary discussion update briefing disease diseases infection infections tissue lecture solid solids";

fn oral_ok(text: &str, span: Span) -> bool {
    if !route_ok(text, span) {
        return false;
    }
    let after = words_after(text, span.end, 2);
    for (k, w) in after.iter().enumerate() {
        let l = w.lower();
        if has(NOT_ORAL_AFTER, &l) {
            return false;
        }
        // Only look past a conjunction: "oral and poster presentations".
        if k == 0 && !matches!(l.as_str(), "and" | "or" | "&") {
            break;
        }
    }
    true
}

/// Words after a route adjective that make it part of a tissue, a finding or a product name, or
/// a class of earlier or other treatments ("inadequately controlled with topical therapies").
const NOT_ROUTE_AFTER: &str =
    "immunoglobulin immunoglobulins immune ig drug drugs fluids fluid contrast line lines catheter \
     therapies treatments medications medicines agents options corticosteroids steroids \
     access tissue tissues fat adipose nodule nodules edema oedema emphysema lesion lesions layer \
     hemorrhage haemorrhage space cancer bleeding temperature carcinoma tumor tumors exam \
     examination pain reaction reactions site sites related glucose";

fn route_ok(text: &str, span: Span) -> bool {
    // "infusion-related reactions"
    let tail = &text[span.end..];
    if let Some(rest) = tail.strip_prefix(['-', '‑']) {
        if rest.starts_with(char::is_alphabetic) {
            return false;
        }
    }
    !words_after(text, span.end, 1)
        .first()
        .is_some_and(|w| has(NOT_ROUTE_AFTER, &w.lower()))
}

/// Words just before "for N weeks" that tie the duration to the regimen.
/// Words just before "for N weeks" that tie the duration to a treatment.
const DURATION_BEFORE: &str =
    "treated dosed administered given received receiving treatment therapy dosing taken \
     placebo continued";

/// "for N weeks" is a regimen duration after a treatment word, a dose, a drug, or right after
/// another schedule (`after_schedule`: "once daily for 12 weeks").
fn duration_ok(text: &str, span: Span, after_schedule: bool) -> bool {
    let m = &text[span.start..span.end];
    if m.contains(" of ") || after_schedule {
        return true; // "for 24 weeks of treatment"
    }
    words_before(text, span.start, 1).first().is_some_and(|w| {
        let l = w.lower();
        has(DURATION_BEFORE, &l) || is_dose_word(w) || is_drug(text, w)
    })
}

/// Words after "single dose" that make it packaging or study design.
const NOT_ONCE_AFTER: &str =
    "vial vials syringe syringes prefilled pre-filled pen pens autoinjector auto-injector \
     container containers ampoule ampoules package pack level levels cohort cohorts study studies trial \
     trials escalation part arm or group";

fn once_ok(text: &str, span: Span) -> bool {
    if words_after(text, span.end, 1)
        .first()
        .is_some_and(|w| has(NOT_ONCE_AFTER, &w.lower()))
    {
        return false;
    }
    // "at least one dose": the safety population, not a regimen.
    !words_before(text, span.start, 2)
        .iter()
        .any(|w| matches!(w.lower().as_str(), "least" | "≥"))
}

/// Words after "12-week dosing" that make it a study period.
const NOT_INTERVAL_AFTER: &str = "period periods phase phases follow-up study trial extension part";

fn interval_ok(text: &str, span: Span) -> bool {
    !words_after(text, span.end, 1)
        .first()
        .is_some_and(|w| has(NOT_INTERVAL_AFTER, &w.lower()))
}

fn guard_ok(guard: Guard, text: &str, span: Span, after_schedule: bool) -> bool {
    match guard {
        Guard::None => true,
        Guard::Dosing => dosing_context(text, span),
        Guard::AfterDose => after_dose(text, span) && !code_glued(text, span),
        Guard::Roman => roman_ok(text, span),
        Guard::Abbreviation => abbreviation_ok(text, span),
        Guard::Oral => oral_ok(text, span),
        Guard::Route => route_ok(text, span),
        Guard::Duration => duration_ok(text, span, after_schedule),
        Guard::Once => once_ok(text, span),
        Guard::Interval => interval_ok(text, span),
    }
}

/// Tries rule `k` at byte `at`: the span (narrowed to a `keep` group, widened by a
/// parenthesised abbreviation) and its attributes, or `None` when it does not match there or its
/// guard rejects it. `prev_end` is the end of the schedule found before it, if any.
fn try_rule(text: &str, k: usize, at: usize, prev_end: Option<usize>) -> Option<(Span, &'static str, Attrs)> {
    let (id, kind, code, guard, _, pat) = RULES[k];
    let window = text.get(at..floor_boundary(text, (at + WINDOW).min(text.len())))?;
    let re = ANCHORED.get(k)?;
    let mut span = if pat.contains("(?P<keep>") {
        let caps = re.captures(window)?;
        let m = caps.name("keep").or_else(|| caps.get(0))?;
        Span::new(at + m.start(), at + m.end())
    } else {
        let m = re.find(window)?;
        Span::new(at + m.start(), at + m.end())
    };
    // Only spaces and commas between the previous schedule and this one.
    let after_schedule = prev_end
        .and_then(|e| text.get(e..span.start))
        .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || c == ','));
    if span.is_empty() || !at_word_boundaries(text, span) || !guard_ok(guard, text, span, after_schedule) {
        return None;
    }
    let code = code_of(code, &text[span.start..span.end])?;
    if let Some(a) = ABBREV_AFTER.find(&text[span.end..]) {
        span.end += a.end();
    }
    let attrs = Attrs {
        kind: Some(kind),
        code: Some(code),
        ..Attrs::default()
    };
    Some((span, id, attrs))
}

/// True when a "for N weeks" duration at `span` directly follows (one space) the schedule
/// that ended at `prev_end`: it then belongs to that schedule if it is a frequency.
fn joins_previous(text: &str, prev_end: Option<usize>, span: Span, attrs: &Attrs) -> bool {
    attrs.kind == Some("duration")
        && text.get(span.start..).is_some_and(|t| t.starts_with("for"))
        && prev_end.and_then(|e| text.get(e..span.start)) == Some(" ")
}

/// The longest text a schedule phrase may take, in bytes.
const WINDOW: usize = 160;

/// Finds SCHEDULE candidates in `doc`.
///
/// Only word starts are tried, and at each only the rules that can begin with that word (in
/// table order, the first that matches and passes its guard wins): a few anchored matches per
/// candidate word instead of a search with every pattern over the whole text.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let mut buf = [0u8; 32];
    let mut next = 0; // no match may start before this byte
    let mut prev_end = None;
    let mut last: Option<usize> = None; // index in `out` of the last schedule pushed
    let mut prev_char: Option<char> = None;
    for (i, c) in text.char_indices() {
        let starts_word = c.is_alphanumeric() && !prev_char.is_some_and(char::is_alphanumeric);
        prev_char = Some(c);
        if !starts_word || i < next {
            continue;
        }
        let n = start_word(text, i, &mut buf);
        let Some(rules) = std::str::from_utf8(&buf[..n]).ok().and_then(rules_starting_with) else {
            continue;
        };
        if let Some((span, id, attrs)) = rules.iter().find_map(|&k| try_rule(text, k, i, prev_end)) {
            // "daily for three days": a frequency and the duration right after it are one
            // regimen phrase (a comma keeps them apart: "once monthly, for six months").
            let joins = joins_previous(text, prev_end, span, &attrs);
            if let Some(last) = last.filter(|_| joins).and_then(|k: usize| out.get_mut(k)) {
                if last.attrs.kind == Some("frequency") {
                    last.span.end = span.end;
                    prev_end = Some(span.end);
                    next = span.end;
                    continue;
                }
            }
            prev_end = Some(span.end);
            next = span.end;
            last = Some(out.len());
            out.push(Candidate::new(Label::Schedule, span, id).priority(3).attrs(attrs));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_codes() {
        assert_eq!(code_every("every three weeks").as_deref(), Some("Q3W"));
        assert_eq!(code_every("once every 4 weeks").as_deref(), Some("Q4W"));
        assert_eq!(code_every("every other week").as_deref(), Some("Q2W"));
        assert_eq!(code_every("every 21 days").as_deref(), Some("Q3W"));
        assert_eq!(code_every("every twenty-four weeks").as_deref(), Some("Q24W"));
        assert_eq!(code_every("every 3 to 4 weeks").as_deref(), Some("Q3-4W"));
        assert_eq!(code_every("every 12 or 16 weeks").as_deref(), Some("Q12W/Q16W"));
        assert_eq!(code_every("every 12 hours").as_deref(), Some("Q12H"));
        assert_eq!(code_every("every six months").as_deref(), Some("Q6M"));
        assert_eq!(code_every("every day").as_deref(), Some("QD"));
        assert_eq!(code_every("6-monthly").as_deref(), Some("Q6M"));
    }

    #[test]
    fn times_codes() {
        assert_eq!(code_times("twice daily").as_deref(), Some("BID"));
        assert_eq!(code_times("once-weekly").as_deref(), Some("QW"));
        assert_eq!(code_times("three times a day").as_deref(), Some("TID"));
        assert_eq!(code_times("2x/week").as_deref(), Some("BIW"));
        assert_eq!(code_times("twice-yearly").as_deref(), Some("Q6M"));
        assert_eq!(code_times("once a year").as_deref(), Some("Q12M"));
    }

    #[test]
    fn other_codes() {
        assert_eq!(
            code_interval("12- and 16-week dosing intervals").as_deref(),
            Some("Q12W/Q16W")
        );
        assert_eq!(code_duration("for six months").as_deref(), Some("P6M"));
        assert_eq!(code_duration("for up to 2 years").as_deref(), Some("P2Y"));
        assert_eq!(code_duration("12-week course").as_deref(), Some("P12W"));
        assert_eq!(code_abbrev("q2wk"), "Q2W");
        assert_eq!(code_abbrev("b.i.d."), "BID");
    }

    #[test]
    fn every_rule_compiles_and_is_reachable() {
        assert_eq!(ANCHORED.len(), RULES.len());
        for k in 0..RULES.len() {
            assert!(
                BY_START.iter().any(|(_, v)| v.contains(&k)),
                "rule {k} has no start word"
            );
        }
    }

    /// The same phrases found by searching with every pattern everywhere (slow, but plainly
    /// right) and by the start-word dispatch of [`scan`].
    fn brute_force(text: &str) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        let mut kinds = Vec::new();
        let mut at = 0;
        let mut prev_end = None;
        while at < text.len() {
            let found = (0..RULES.len()).find_map(|k| try_rule(text, k, at, prev_end));
            match found {
                Some((span, _, attrs)) if span.end > at => {
                    prev_end = Some(span.end);
                    at = span.end;
                    if joins_previous(text, out.last().map(|s| s.end), span, &attrs)
                        && kinds.last() == Some(&Some("frequency"))
                    {
                        if let Some(last) = out.last_mut() {
                            last.end = span.end;
                        }
                        continue;
                    }
                    out.push(span);
                    kinds.push(attrs.kind);
                }
                _ => at += char_at(text, at).map_or(1, char::len_utf8),
            }
        }
        out
    }

    #[test]
    fn start_words_cover_every_rule() {
        let samples = [
            "12- and 16-week dosing intervals, a 12-week course, 30-minute IV infusions, 21 days apart",
            "once every 3 weeks, every day, each morning, twice-daily, 3 times a week, 2x/day, three-weekly",
            "fortnightly, bi-weekly dosing, biweekly injections, semi-annual dosing, biannual injections, bi-monthly dosing",
            "10 mg daily, 10 mg weekly, 10 mg monthly, 10 mg nightly, 10 mg yearly, at bedtime, as needed",
            "on-demand treatment, Q3W, q2wk, QD, BID, TID, PRN, q.d., b.i.d., t.i.d., p.r.n., 5 mg bid",
            "a single 15 mcg dose, one-time infusion, single dose, one dose, by infusion, via IV infusion",
            "intravenously, IV dosing, i.v., subcutaneous injection, SC formulation, s.c., subQ, sub-Q",
            "by inhalation, orally inhaled, inhaled, orally, by mouth, p.o., oral drug, 5 mg PO, i.m.",
            "intramuscular, 5 mg IM, intravitreal, topical, intranasal, nasally, intrathecal, transdermal",
            "sublingual, buccal, intradermal, intratumoral, intra-tumoral, intravesical, intra-articular",
            "intraperitoneal, intra-arterial, intracerebroventricular, subretinal injection, suprachoroidal",
            "rectally, given daily for 12 weeks, One Dose, Twelve-week course, Once-Monthly, ONCE DAILY",
            "Days 1, 8 and 15 of each 28-day cycle, every 21-day cycle, six 28-day cycles, twice daily",
        ];
        for text in samples {
            let doc = Doc::new(text);
            let mut got = Vec::new();
            scan(&doc, &mut got);
            let got: Vec<Span> = got.iter().map(|c| c.span).collect();
            assert_eq!(got, brute_force(text), "{text}");
            assert!(got.len() >= 4, "{text}: {got:?}");
        }
    }

    #[test]
    fn words_around_a_span() {
        let t = "Ends here. Patients (n=3) took 10 mg daily for life";
        let i = t.find("daily").unwrap();
        let b: Vec<&str> = words_before(t, i, 3).iter().map(|w| w.text).collect();
        assert_eq!(b, vec!["mg", "10", "took"]);
        let a: Vec<&str> = words_after(t, i + 5, 5).iter().map(|w| w.text).collect();
        assert_eq!(a, vec!["for", "life"]);
        assert!(words_before(t, 0, 2).is_empty());
    }

    #[test]
    fn odd_text_never_panics() {
        for t in [
            "IV",
            "(SC)",
            ", SC",
            "SC-",
            "é IV é",
            "daily",
            "oral",
            "for 3 weeks",
            "–IV–",
            "single",
        ] {
            let doc = Doc::new(t);
            let mut out = Vec::new();
            scan(&doc, &mut out);
        }
    }
}
