//! The types every recogniser produces: [`Label`], [`Span`], [`Attrs`] and [`Entity`].

use serde::Serialize;
use std::fmt;

/// What an entity is, as defined by the annotation guide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// A named therapeutic agent: code, generic, brand, component or regimen.
    Drug,
    /// An administered amount with its unit.
    Dose,
    /// How or how often a drug is given: frequency, route, regimen duration.
    Schedule,
    /// A reported clinical result or endpoint, efficacy or safety.
    Outcome,
    /// A disease or indication.
    Condition,
    /// A trial phase.
    Phase,
    /// A trial or programme name, protocol number or registry id.
    Trial,
    /// A patient count with its qualifiers.
    Cohort,
}

impl Label {
    /// Every label, in the order used by reports.
    pub const ALL: [Label; 8] = [
        Label::Drug,
        Label::Dose,
        Label::Schedule,
        Label::Outcome,
        Label::Condition,
        Label::Phase,
        Label::Trial,
        Label::Cohort,
    ];

    /// The label's name as it appears in JSON (`"DRUG"`, `"DOSE"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Drug => "DRUG",
            Label::Dose => "DOSE",
            Label::Schedule => "SCHEDULE",
            Label::Outcome => "OUTCOME",
            Label::Condition => "CONDITION",
            Label::Phase => "PHASE",
            Label::Trial => "TRIAL",
            Label::Cohort => "COHORT",
        }
    }

    /// Parses a label name (`"DRUG"`, ...); `None` for anything else.
    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range `start..end` into the annotated text, always on `char` boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes, end exclusive).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub const fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// A p-value with its comparator, e.g. `p<0.0001` -> `{ comparator: "<", value: 0.0001 }`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PValue {
    /// `"="`, `"<"`, `"<="`, `">"` or `">="`.
    pub comparator: &'static str,
    /// The number.
    pub value: f64,
}

/// Parsed values of an entity. Which fields are set depends on the label; unset fields are
/// left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Attrs {
    /// DRUG: code | generic | brand | component | regimen. SCHEDULE: frequency | route | duration.
    /// OUTCOME: efficacy | safety.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// DRUG: the FDA preferred name when the lexicon knows it (lower case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// DRUG: an id shared by the aliases that refer to the same drug within one text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// DOSE and OUTCOME: the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// DOSE: low end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// DOSE: high end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// DOSE: normalised unit (mg, ug, g, IU, U, mL, cells, ...). OUTCOME: unit of the value
    /// (%, months, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// DOSE: `kg` or `m2` for per-weight and per-area doses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<&'static str>,
    /// DOSE: `>=`, `<=`, `>` or `<` when the amount has a comparator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparator: Option<&'static str>,
    /// SCHEDULE: normalised frequency (QD, BID, Q3W, ...) or route (IV, SC, PO, ...) code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// DOSE and SCHEDULE: index, in the returned list, of the DRUG this entity belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drug: Option<usize>,
    /// OUTCOME: the measure (ORR, CR, PFS, OS, HR, AE, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<&'static str>,
    /// OUTCOME: confidence interval `[low, high]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ci: Option<[f64; 2]>,
    /// OUTCOME: p-value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p: Option<PValue>,
    /// OUTCOME: true for "no ...", "did not ...", "failed to ...".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negated: Option<bool>,
    /// PHASE: phase with Arabic numerals ("I/IIa" -> "1/2a").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// TRIAL: the ClinicalTrials.gov id when the trial is a registry id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nct: Option<String>,
    /// COHORT: the number of patients.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

/// One recognised entity: a label on a byte span of the text, with parsed values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// What the entity is.
    pub label: Label,
    /// Where it is, in bytes of the annotated text.
    pub span: Span,
    /// The text of the span (`&text[span.start..span.end]`).
    pub text: String,
    /// The id of the rule that produced the entity, e.g. `"dose.amount"`.
    pub rule: &'static str,
    /// Parsed values.
    pub attrs: Attrs,
}
