//! Recognisers, one file per dimension. Each turns a [`Doc`] into [`Candidate`]s; none of them
//! settles overlaps (that is [`crate::resolve`]'s job).

use crate::entity::Span;
use crate::re::Regex;
use crate::resolve::Candidate;
use crate::text;

pub mod cohort;
pub mod condition;
pub mod context;
pub mod dose;
pub mod drug;
pub mod outcome;
pub mod phase;
pub mod schedule;
pub mod trial;

/// The text being annotated, with what several rules need computed once.
pub struct Doc<'a> {
    /// The whole text.
    pub text: &'a str,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
}

impl<'a> Doc<'a> {
    /// Prepares `text` for the rules.
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc {
            text,
            sentences: text::sentences(text),
        }
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }
}

/// Runs every dimension's rules over `doc`.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    drug::scan(doc, out);
    dose::scan(doc, out);
    schedule::scan(doc, out);
    outcome::scan(doc, out);
    context::scan(doc, out);
}

/// Compiles a table of `(rule id, pattern)` pairs. Patterns are fixed at compile time and
/// covered by tests, so a bad one is a programming error caught by `cargo test`.
pub(crate) fn compile(table: &[(&'static str, &str)]) -> Vec<(&'static str, Regex)> {
    table
        .iter()
        .map(|&(id, pat)| (id, Regex::new(pat).unwrap_or_else(|e| panic!("rule {id}: {e}"))))
        .collect()
}
