//! Byte spans -> UTF-16 offsets, converted once at the edge (the JS API and the CLI's JSON).

use crate::entity::{Attrs, Entity, Label};
use serde::Serialize;

/// An entity as the JS API and the CLI return it: `start`/`end` are UTF-16 code units, so that
/// `text.slice(start, end) === entity.text` in JavaScript.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JsEntity<'a> {
    /// `"DRUG"`, `"DOSE"`, ...
    pub label: Label,
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// The text of the span.
    pub text: &'a str,
    /// The rule that produced the entity.
    pub rule: &'static str,
    /// Parsed values.
    pub attrs: &'a Attrs,
}

/// Converts byte spans to UTF-16 offsets in one linear pass over `text`. `entities` must be
/// sorted by start and disjoint, as [`crate::annotate`] returns them.
pub fn to_utf16<'a>(text: &str, entities: &'a [Entity]) -> Vec<JsEntity<'a>> {
    let mut out = Vec::with_capacity(entities.len());
    let mut unit = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut advance_to = |target: usize, unit: &mut usize| {
        while let Some(&(i, c)) = chars.peek() {
            if i >= target {
                break;
            }
            *unit += c.len_utf16();
            chars.next();
        }
    };
    for e in entities {
        advance_to(e.span.start, &mut unit);
        let start = unit;
        advance_to(e.span.end, &mut unit);
        out.push(JsEntity {
            label: e.label,
            start,
            end: unit,
            text: &e.text,
            rule: e.rule,
            attrs: &e.attrs,
        });
    }
    out
}

/// Maps UTF-16 offsets (sorted ascending) to byte offsets in `text`; an offset inside a
/// surrogate pair or past the end maps to the next char boundary (or the text's length).
pub fn utf16_to_bytes(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(offsets.len());
    let mut unit = 0usize;
    let mut chars = text.char_indices().peekable();
    for &target in offsets {
        while let Some(&(_, c)) = chars.peek() {
            if unit >= target {
                break;
            }
            unit += c.len_utf16();
            chars.next();
        }
        out.push(chars.peek().map_or(text.len(), |&(i, _)| i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Span;

    fn ent(text: &str, start: usize, end: usize) -> Entity {
        Entity {
            label: Label::Dose,
            span: Span::new(start, end),
            text: text[start..end].to_string(),
            rule: "t",
            attrs: Attrs::default(),
        }
    }

    #[test]
    fn astral_and_bmp_characters_count_as_in_javascript() {
        // "😀" is 4 bytes and 2 UTF-16 units; "²" is 2 bytes and 1 unit.
        let text = "😀 190 mg/m² then µg";
        let a = text.find("190").unwrap();
        let b = text.find(" then").unwrap();
        let c = text.find("µg").unwrap();
        let es = vec![ent(text, a, b), ent(text, c, text.len())];
        let js = to_utf16(text, &es);
        assert_eq!((js[0].start, js[0].end), (3, 12));
        assert_eq!((js[1].start, js[1].end), (18, 20));
        assert_eq!(utf16_to_bytes(text, &[3, 12, 18, 20]), vec![a, b, c, text.len()]);
    }
}
