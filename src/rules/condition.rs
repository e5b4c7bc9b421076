//! CONDITION: diseases and indications.

use super::Doc;
use crate::resolve::Candidate;

/// Finds CONDITION candidates in `doc`.
pub fn scan(_doc: &Doc, _out: &mut Vec<Candidate>) {}
