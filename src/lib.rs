//! # release-annotator
//!
//! Finds drugs, doses, schedules, clinical outcomes and their context (conditions, trial
//! phases, trial names, patient counts) in pharma and biotech press releases, with parsed
//! values.
//!
//! The core is plain Rust and works on byte offsets; the WebAssembly boundary (`wasm` module,
//! built only for `wasm32`) and the CLI convert spans to UTF-16 offsets for JavaScript.
//!
//! ```
//! use release_annotator::{annotate, Label};
//!
//! let text = "Patients received SAR566658 at 190 mg/m² every three weeks.";
//! let entities = annotate(text);
//! let dose = entities.iter().find(|e| e.label == Label::Dose).unwrap();
//! assert_eq!(dose.text, "190 mg/m²");
//! assert_eq!(dose.attrs.value, Some(190.0));
//! assert_eq!(dose.attrs.unit, Some("mg"));
//! assert_eq!(dose.attrs.per, Some("m2"));
//! let schedule = entities.iter().find(|e| e.label == Label::Schedule).unwrap();
//! assert_eq!(schedule.attrs.code.as_deref(), Some("Q3W"));
//! // Both are linked to the drug they belong to.
//! let drug = entities.iter().position(|e| e.label == Label::Drug).unwrap();
//! assert_eq!(dose.attrs.drug, Some(drug));
//! ```
//!
//! Spans are half-open byte ranges on `char` boundaries, sorted by start and disjoint:
//!
//! ```
//! let text = "ORR was 45% with KEYTRUDA® 200 mg.";
//! for e in release_annotator::annotate(text) {
//!     assert_eq!(&text[e.span.start..e.span.end], e.text);
//! }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cli;
pub mod entity;
pub mod eval;
pub mod lexicon;
pub mod link;
pub mod num;
pub mod offsets;
pub mod propagate;
pub mod re;
pub mod resolve;
pub mod rules;
pub mod sort;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use entity::{Attrs, Entity, Label, PValue, Span};
pub use offsets::{to_utf16, JsEntity};

/// A release written to reach every rule (data/warm_up.txt), annotated by [`warm_up`].
const WARM_UP_TEXT: &str = include_str!("../data/warm_up.txt");

/// Prepares the annotator ahead of the first text: compiles every rule's patterns (each is
/// otherwise compiled on first use, which makes the first call ~10 to 40 times slower than the
/// next ones) by annotating a built-in sample release. Optional; call it when the caller is
/// idle, e.g. right after loading the page. Returns how many entities the sample holds.
///
/// ```
/// assert!(release_annotator::warm_up() > 0);
/// ```
pub fn warm_up() -> usize {
    annotate(WARM_UP_TEXT).len()
}

/// Annotates `text` and returns its entities, sorted by start, never overlapping.
///
/// Never panics, whatever the text.
pub fn annotate(text: &str) -> Vec<Entity> {
    let doc = rules::Doc::new(text);
    let mut candidates = Vec::new();
    rules::scan(&doc, &mut candidates);
    let mut resolved = resolve::resolve(candidates);
    propagate::propagate(text, &mut resolved);
    let mut entities: Vec<Entity> = resolved
        .into_iter()
        .map(|c| Entity {
            label: c.label,
            span: c.span,
            text: text[c.span.start..c.span.end].to_string(),
            rule: c.rule,
            attrs: c.attrs,
        })
        .collect();
    link::link(text, &mut entities, &doc.sentences);
    entities
}
