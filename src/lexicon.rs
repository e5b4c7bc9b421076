//! The embedded drug lexicon: an FST map compiled by `build.rs` from `data/drugs.tsv`.
//!
//! Start-up does no work: the map is a byte slice in the binary. A lookup walks the FST from a
//! word start in the text, byte by byte, folding ASCII case and runs of white space, and
//! returns the longest name that ends at a word boundary.

use crate::text::{char_at, is_word_char};
use fst::raw::Fst;
use std::sync::LazyLock;

static FST_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/drugs.fst"));
static CANONICAL: &str = include_str!(concat!(env!("OUT_DIR"), "/canonical.txt"));

static LEXICON: LazyLock<Option<Fst<&'static [u8]>>> = LazyLock::new(|| Fst::new(FST_BYTES).ok());

/// What kind of name the lexicon entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// An official non-proprietary name (INN/USAN).
    Generic,
    /// A brand name.
    Brand,
    /// A development code.
    Code,
}

impl NameKind {
    /// The `kind` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Generic => "generic",
            NameKind::Brand => "brand",
            NameKind::Code => "code",
        }
    }
}

/// The canonical name of a lexicon entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Canonical {
    /// The name is its own canonical name (lower-cased).
    Itself,
    /// Another name, lower case.
    Name(&'static str),
}

/// A lexicon name found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte offset of the name's start.
    pub start: usize,
    /// Byte offset one past the name's end.
    pub end: usize,
    /// Brand, generic or code.
    pub kind: NameKind,
    canonical: Canonical,
}

impl LexMatch {
    /// The FDA preferred name, lower case, with single spaces.
    pub fn canonical(&self, text: &str) -> String {
        match self.canonical {
            Canonical::Name(n) => n.to_string(),
            Canonical::Itself => text
                .get(self.start..self.end)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
        }
    }
}

fn decode(value: u64, start: usize, end: usize) -> Option<LexMatch> {
    let kind = match value & 3 {
        0 => NameKind::Generic,
        1 => NameKind::Brand,
        _ => NameKind::Code,
    };
    let canonical = match usize::try_from(value >> 2).ok()? {
        0 => Canonical::Itself,
        n => {
            let rest = CANONICAL.get(n - 1..)?;
            Canonical::Name(&rest[..rest.find('\n').unwrap_or(rest.len())])
        }
    };
    Some(LexMatch {
        start,
        end,
        kind,
        canonical,
    })
}

/// The longest lexicon name that starts at byte `start` of `text` and ends at a word
/// boundary. Case is ignored (ASCII), and any run of spaces or tabs in the text matches the
/// single space of a multi-word name.
pub fn longest_at(text: &str, start: usize) -> Option<LexMatch> {
    let fst = LEXICON.as_ref()?;
    let bytes = text.as_bytes();
    let mut node = fst.root();
    let mut out = fst::raw::Output::zero();
    let mut best = None;
    let mut i = start;
    while i < bytes.len() {
        let mut b = bytes[i].to_ascii_lowercase();
        let mut next = i + 1;
        if b == b' ' || b == b'\t' {
            b = b' ';
            while next < bytes.len() && matches!(bytes[next], b' ' | b'\t') {
                next += 1;
            }
        }
        let Some(t) = node.find_input(b).map(|k| node.transition(k)) else {
            break;
        };
        out = out.cat(t.out);
        node = fst.node(t.addr);
        i = next;
        if node.is_final() && !char_at(text, i).is_some_and(is_word_char) {
            best = decode(out.cat(node.final_output()).value(), start, i);
        }
    }
    best
}

/// The canonical (FDA preferred) name of `name` when the lexicon holds it exactly.
pub fn canonical(name: &str) -> Option<String> {
    let m = longest_at(name, 0)?;
    (m.end == name.len()).then(|| m.canonical(name))
}

/// Number of names in the lexicon.
pub fn len() -> usize {
    LEXICON.as_ref().map_or(0, |f| f.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_names_case_insensitively_with_canonical() {
        let m = longest_at("KEYTRUDA® was given", 0).unwrap();
        assert_eq!(m.end, "KEYTRUDA".len());
        assert_eq!(m.kind, NameKind::Brand);
        assert_eq!(m.canonical("KEYTRUDA"), "pembrolizumab");
        assert_eq!(canonical("MK-3475").as_deref(), Some("pembrolizumab"));
        assert_eq!(canonical("Mounjaro").as_deref(), Some("tirzepatide"));
        assert_eq!(canonical("Pembrolizumab").as_deref(), Some("pembrolizumab"));
    }

    #[test]
    fn needs_word_boundary_and_prefers_longest() {
        assert!(longest_at("pembrolizumabx", 0).is_none());
        let t = "trastuzumab  emtansine and more";
        let m = longest_at(t, 0).unwrap();
        assert_eq!(&t[..m.end], "trastuzumab  emtansine");
        assert!(len() > 10_000);
    }
}
