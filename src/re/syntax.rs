//! Pattern text to syntax trees: what `build.rs` runs on every pattern of
//! `data/patterns.txt` (it includes this file), and what native builds run on a pattern that
//! list lacks. The wasm has no parser: it reads the trees `build.rs` wrote (see `tree.rs`).

use super::tree::{bit, COMMON};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A pattern's syntax tree, and what searches need to know of it.
pub struct Translated {
    /// The characters of `COMMON` the pattern treats as its ASCII restriction treats their
    /// bytes (see [`inert`]): a bit each.
    pub inert: u64,
    /// The syntax tree (with Unicode).
    pub hir: Hir,
}

/// Translates `pattern` (the syntax of the `regex` crate).
pub fn translate(pattern: &str) -> Result<Translated, String> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    Ok(Translated {
        inert: inert(&hir),
        hir,
    })
}

/// The mask of every character of [`COMMON`].
const ALL: u64 = (1 << COMMON.len()) - 1;

/// The characters of [`COMMON`] that are word characters (which Unicode word boundaries
/// see), checked against the Unicode tables by a test.
pub(crate) const WORD: u64 = 0x1_ffff_8200;

/// The characters of [`COMMON`] in `[lo, hi]`.
fn bits_in(lo: char, hi: char) -> u64 {
    COMMON
        .iter()
        .enumerate()
        .filter(|&(_, &c)| lo <= c && c <= hi)
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// The characters of [`COMMON`] that `hir` never reads as anything but a character it does
/// not take: no class of it contains them (case variants and `\w`, `.`, `[^)]` and the like
/// are classes in the tree), no literal of it holds them, and, when it has Unicode word
/// boundaries, they are no word characters. Where a search reads only such characters besides
/// ASCII, the pattern's matches are those of its ASCII restriction (whose classes take no
/// byte beyond ASCII and whose word boundaries see those bytes as non-word), except empty
/// ones inside a character. A byte class or literal beyond ASCII (`(?-u)`) makes every
/// character count as read.
pub fn inert(hir: &Hir) -> u64 {
    fn used(hir: &Hir) -> u64 {
        match hir.kind() {
            HirKind::Empty => 0,
            HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
                Ok(s) => s.chars().fold(0, |m, c| m | bit(c)),
                Err(_) => ALL,
            },
            HirKind::Class(Class::Unicode(c)) => {
                c.ranges().iter().fold(0, |m, r| m | bits_in(r.start(), r.end()))
            }
            HirKind::Class(Class::Bytes(c)) => {
                if c.ranges().iter().any(|r| r.end() >= 0x80) {
                    ALL
                } else {
                    0
                }
            }
            HirKind::Look(
                Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode,
            ) => WORD,
            HirKind::Look(_) => 0,
            HirKind::Repetition(r) => used(&r.sub),
            HirKind::Capture(c) => used(&c.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().fold(0, |m, h| m | used(h)),
        }
    }
    ALL & !used(hir)
}
