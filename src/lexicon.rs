//! The embedded drug lexicon: FST maps compiled by `build.rs` from `data/drugs.tsv`.
//!
//! Start-up does almost no work: the maps are byte slices in the binary (only the list of
//! canonical names is split into lines, once). A name lookup walks the FST from a word start
//! in the text, byte by byte, folding ASCII case and runs of white space, and returns the
//! longest name that ends at a word boundary. Development codes are looked up by their letters
//! and digits only, so "MK-3475", "MK 3475" and "MK3475" are one entry.

use crate::text::{char_at, is_word_char};
use fst::raw::Fst;
use std::sync::LazyLock;

static NAMES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static CODES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/codes.fst"));
static CANONICAL_TXT: &str = include_str!(concat!(env!("OUT_DIR"), "/canonical.txt"));

static NAMES: LazyLock<Option<Fst<&'static [u8]>>> = LazyLock::new(|| Fst::new(NAMES_FST).ok());
static CODES: LazyLock<Option<Fst<&'static [u8]>>> = LazyLock::new(|| Fst::new(CODES_FST).ok());
static CANONICAL: LazyLock<Vec<&'static str>> = LazyLock::new(|| CANONICAL_TXT.lines().collect());

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

/// A lexicon name found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte offset of the name's start.
    pub start: usize,
    /// Byte offset one past the name's end.
    pub end: usize,
    /// Brand, generic or code.
    pub kind: NameKind,
    /// The canonical name when it is another name; `None` when it is the name itself.
    other: Option<&'static str>,
}

impl LexMatch {
    /// The FDA preferred name, lower case, with single spaces.
    pub fn canonical(&self, text: &str) -> String {
        match self.other {
            Some(n) => n.to_string(),
            None => normalise(text.get(self.start..self.end).unwrap_or("")),
        }
    }
}

/// Lower case with single spaces: the form canonical names take.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

fn canonical_name(id: u64) -> Option<&'static str> {
    let i = usize::try_from(id).ok()?.checked_sub(1)?;
    CANONICAL.get(i).copied()
}

/// The longest lexicon name (generic or brand) that starts at byte `start` of `text` and ends
/// at a word boundary. Case is ignored (ASCII), and any run of spaces, tabs or no-break spaces
/// in the text matches the single space of a multi-word name.
pub fn longest_at(text: &str, start: usize) -> Option<LexMatch> {
    let fst = NAMES.as_ref()?;
    let bytes = text.as_bytes();
    let mut best = None;
    // Three ASCII letters or digits: one table look-up does the first three steps (no name of
    // one or two bytes can end inside them, as word characters follow).
    let (mut node, mut out, mut i) = match bytes.get(start..start + 3) {
        Some(&[a, b, c])
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && c.is_ascii_alphanumeric() =>
        {
            let (addr, out) = START3.get(a, b, c)?;
            let node = fst.node(addr);
            let i = start + 3;
            if node.is_final() && !char_at(text, i).is_some_and(is_word_char) {
                best = Some(lex_match(start, i, out.cat(node.final_output()).value()));
            }
            (node, out, i)
        }
        _ => (fst.root(), fst::raw::Output::zero(), start),
    };
    while i < bytes.len() {
        let (b, next) = match bytes[i] {
            b' ' | b'\t' | 0xC2 => {
                let mut j = i;
                loop {
                    match bytes.get(j) {
                        Some(b' ' | b'\t') => j += 1,
                        Some(0xC2) if bytes.get(j + 1) == Some(&0xA0) => j += 2,
                        _ => break,
                    }
                }
                if j == i {
                    break; // a 0xC2 lead byte of some other character
                }
                (b' ', j)
            }
            b => (b.to_ascii_lowercase(), i + 1),
        };
        let Some(t) = node.find_input(b).map(|k| node.transition(k)) else {
            break;
        };
        out = out.cat(t.out);
        node = fst.node(t.addr);
        i = next;
        if node.is_final() && !char_at(text, i).is_some_and(is_word_char) {
            best = Some(lex_match(start, i, out.cat(node.final_output()).value()));
        }
    }
    best
}

fn lex_match(start: usize, end: usize, value: u64) -> LexMatch {
    LexMatch {
        start,
        end,
        kind: if value & 1 == 1 {
            NameKind::Brand
        } else {
            NameKind::Generic
        },
        other: canonical_name(value >> 1),
    }
}

/// The state of the names FST after its first three bytes, for every start of three ASCII
/// letters or digits (case folded), built once from the FST: most words leave the walk within
/// three bytes, and the others skip its three dearest steps (the nodes near the root have the
/// most transitions).
struct Start3 {
    /// For each of the 36 x 36 first two bytes: 0 when no name starts with them, else one
    /// more than the index of their block of 36 entries in `blocks`.
    pairs: Vec<u16>,
    /// The node address and output after the third byte, when a name starts with the three.
    blocks: Vec<Option<(fst::raw::CompiledAddr, fst::raw::Output)>>,
}

/// The 36 bytes of the table (lower-case letters, then digits), and each ASCII byte's class.
const CLASS_BYTES: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";

fn class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'A'..=b'Z' => usize::from(b - b'A'),
        _ => 26 + usize::from(b.wrapping_sub(b'0')) % 10,
    }
}

impl Start3 {
    fn build(fst: &Fst<&'static [u8]>) -> Start3 {
        let mut pairs = vec![0u16; 36 * 36];
        let mut blocks = Vec::new();
        let step = |node: &fst::raw::Node<'_>, b: u8| node.find_input(b).map(|k| node.transition(k));
        let root = fst.root();
        for (ka, &a) in CLASS_BYTES.iter().enumerate() {
            let Some(ta) = step(&root, a) else { continue };
            let na = fst.node(ta.addr);
            for (kb, &b) in CLASS_BYTES.iter().enumerate() {
                let Some(tb) = step(&na, b) else { continue };
                let nb = fst.node(tb.addr);
                let Ok(index) = u16::try_from(blocks.len() / 36 + 1) else {
                    continue;
                };
                pairs[ka * 36 + kb] = index;
                let out = ta.out.cat(tb.out);
                blocks.extend(
                    CLASS_BYTES
                        .iter()
                        .map(|&c| step(&nb, c).map(|tc| (tc.addr, out.cat(tc.out)))),
                );
            }
        }
        Start3 { pairs, blocks }
    }

    /// The state after `a`, `b`, `c` (ASCII letters or digits).
    fn get(&self, a: u8, b: u8, c: u8) -> Option<(fst::raw::CompiledAddr, fst::raw::Output)> {
        let block = usize::from(*self.pairs.get(class(a) * 36 + class(b))?).checked_sub(1)?;
        *self.blocks.get(block * 36 + class(c))?
    }
}

static START3: LazyLock<Start3> = LazyLock::new(|| match NAMES.as_ref() {
    Some(fst) => Start3::build(fst),
    None => Start3 {
        pairs: Vec::new(),
        blocks: Vec::new(),
    },
});

/// The canonical name of a development code ("MK-3475" -> "pembrolizumab"), compared on its
/// letters and digits only, when the lexicon knows the code.
pub fn code(code: &str) -> Option<&'static str> {
    let fst = CODES.as_ref()?;
    let mut node = fst.root();
    let mut out = fst::raw::Output::zero();
    let mut any = false;
    for b in code.bytes().filter(u8::is_ascii_alphanumeric) {
        let t = node.transition(node.find_input(b.to_ascii_uppercase())?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
        any = true;
    }
    if !any || !node.is_final() {
        return None;
    }
    canonical_name(out.cat(node.final_output()).value())
}

/// The canonical (FDA preferred) name of `name` when the lexicon holds it exactly, as a
/// generic, brand or development code.
pub fn canonical(name: &str) -> Option<String> {
    if let Some(m) = longest_at(name, 0).filter(|m| m.end == name.len()) {
        return Some(m.canonical(name));
    }
    code(name).map(str::to_string)
}

/// Number of names and codes in the lexicon.
pub fn len() -> usize {
    NAMES.as_ref().map_or(0, |f| f.len()) + CODES.as_ref().map_or(0, |f| f.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_brands_and_codes_with_their_canonical_name() {
        let m = longest_at("KEYTRUDA® was given", 0).unwrap();
        assert_eq!(m.end, "KEYTRUDA".len());
        assert_eq!(m.kind, NameKind::Brand);
        assert_eq!(m.canonical("KEYTRUDA"), "pembrolizumab");
        assert_eq!(canonical("MK-3475").as_deref(), Some("pembrolizumab"));
        assert_eq!(code("MK 3475"), Some("pembrolizumab"));
        assert_eq!(code("mk3475"), Some("pembrolizumab"));
        assert_eq!(canonical("Mounjaro").as_deref(), Some("tirzepatide"));
        assert_eq!(canonical("LY3298176").as_deref(), Some("tirzepatide"));
        assert_eq!(code("MK-"), None);
        assert_eq!(code(""), None);
    }

    #[test]
    fn needs_a_word_boundary_and_prefers_the_longest_name() {
        let m = longest_at("methotrexate.", 0).unwrap();
        assert_eq!(m.end, "methotrexate".len());
        assert_eq!(m.kind, NameKind::Generic);
        assert!(longest_at("methotrexatex", 0).is_none());
        let t = "ado-trastuzumab \u{a0} emtansine and more";
        let m = longest_at(t, 0).unwrap();
        assert_eq!(&t[..m.end], "ado-trastuzumab \u{a0} emtansine");
        assert_eq!(m.canonical(t), "trastuzumab emtansine");
        assert!(len() > 5_000);
    }

    #[test]
    fn every_name_is_found_in_any_case() {
        use fst::Streamer;
        let fst = NAMES.as_ref().unwrap();
        let mut keys = fst.stream();
        let mut n = 0;
        while let Some((key, _)) = keys.next() {
            let name = std::str::from_utf8(key).unwrap();
            for text in [format!("{name}\n"), format!("{}\n", name.to_ascii_uppercase())] {
                let m = longest_at(&text, 0).unwrap_or_else(|| panic!("{name}"));
                assert_eq!(m.end, name.len(), "{name}");
            }
            n += 1;
        }
        assert!(n > 5_000);
        assert!(longest_at("qqqzz", 0).is_none());
        assert!(longest_at("x_methotrexate", 2).is_some());
    }

    #[test]
    fn odd_bytes_do_not_break_the_walk() {
        assert!(longest_at("\u{c0}x", 0).is_none());
        assert!(longest_at("", 0).is_none());
        assert!(longest_at("abc", 10).is_none());
    }

    #[test]
    fn normalises_space_and_case() {
        assert_eq!(normalise("  Imatinib \t Mesylate "), "imatinib mesylate");
    }
}
