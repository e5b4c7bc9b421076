//! Pattern text to syntax trees: what `build.rs` runs on every pattern of
//! `data/patterns.txt` (it includes this file), and what native builds run on a pattern that
//! list does not have. The wasm has no parser: it reads the trees `build.rs` wrote (see
//! `tree.rs`).

use super::tree::{bit, COMMON};
use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem};
use regex_syntax::hir::translate::TranslatorBuilder;
use regex_syntax::hir::Hir;

/// What a search needs of a pattern: see the documentation of `src/re/mod.rs`.
pub struct Compiled {
    /// The inert characters: bits of `COMMON`.
    pub inert: u64,
    /// The syntax tree (with Unicode).
    pub hir: Hir,
}

/// Translates `pattern` (the syntax of the `regex` crate).
pub fn compile(pattern: &str) -> Result<Compiled, String> {
    let ast = ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    let mut walk = Walk::default();
    let inert = if walk_ast(&ast, &mut walk) {
        walk.inert()
    } else {
        0
    };
    let hir = TranslatorBuilder::new()
        .build()
        .translate(pattern, &ast)
        .map_err(|e| e.to_string())?;
    Ok(Compiled { inert, hir })
}

/// The two non-ASCII characters whose simple case folding reaches ASCII letters (KELVIN SIGN
/// and LATIN SMALL LETTER LONG S): under `(?i)` they match `k` and `s`.
fn folds_to_ascii(lo: char, hi: char) -> bool {
    ['\u{17f}', '\u{212a}'].iter().any(|&c| lo <= c && c <= hi)
}

/// Walks `ast`, gathering in `walk` what the pattern uses of the common non-ASCII characters.
/// False when the pattern has something the walk cannot vouch for (`(?u)` flags, `\p{..}`, a
/// non-ASCII character that case-folds to ASCII): then no character is inert.
fn walk_ast(ast: &Ast, walk: &mut Walk) -> bool {
    fn set(s: &ClassSet) -> bool {
        match s {
            ClassSet::Item(item) => set_item(item),
            ClassSet::BinaryOp(op) => set(&op.lhs) && set(&op.rhs),
        }
    }
    fn set_item(item: &ClassSetItem) -> bool {
        match item {
            ClassSetItem::Empty(_) | ClassSetItem::Ascii(_) | ClassSetItem::Perl(_) => true,
            ClassSetItem::Unicode(_) => false,
            ClassSetItem::Literal(lit) => !folds_to_ascii(lit.c, lit.c),
            ClassSetItem::Range(r) => r.end.c.is_ascii() || !folds_to_ascii(r.start.c.max('\u{80}'), r.end.c),
            ClassSetItem::Bracketed(b) => set(&b.kind),
            ClassSetItem::Union(u) => u.items.iter().all(set_item),
        }
    }
    match ast {
        Ast::Empty(_) => true,
        Ast::Dot(_) => {
            walk.used = ALL;
            true
        }
        Ast::Assertion(a) => {
            walk.assertion(a);
            true
        }
        Ast::ClassPerl(p) => {
            walk.used |= perl(p);
            true
        }
        Ast::ClassUnicode(_) => false,
        Ast::Flags(f) => walk.flags(&f.flags),
        Ast::Literal(lit) => {
            walk.used |= bit(lit.c);
            !folds_to_ascii(lit.c, lit.c)
        }
        Ast::ClassBracketed(b) => match bracketed(b) {
            Some(m) => {
                walk.used |= m;
                set(&b.kind)
            }
            None => false,
        },
        Ast::Repetition(r) => walk_ast(&r.ast, walk),
        Ast::Group(g) => g.flags().is_none_or(|f| walk.flags(f)) && walk_ast(&g.ast, walk),
        Ast::Alternation(a) => a.asts.iter().all(|a| walk_ast(a, walk)),
        Ast::Concat(c) => c.asts.iter().all(|a| walk_ast(a, walk)),
    }
}

/// The mask of every character of [`COMMON`].
const ALL: u64 = (1 << COMMON.len()) - 1;

/// The characters of [`COMMON`] in `[lo, hi]`.
pub(crate) fn bits_in(lo: char, hi: char) -> u64 {
    COMMON
        .iter()
        .enumerate()
        .filter(|&(_, &c)| lo <= c && c <= hi)
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// Which characters of [`COMMON`] the Unicode `\d`, `\s` and `\w` contain, and which have
/// case variants (which `(?i)` may reach): constants, checked against the tables the patterns
/// are translated with by a test.
pub(crate) const DIGIT: u64 = 0;
pub(crate) const SPACE: u64 = 0x8002_0000_0001;
pub(crate) const WORD: u64 = 0x1_ffff_8200;
pub(crate) const CASED: u64 = 0x1_ffff_8200;

/// What a pattern's syntax tree uses of [`COMMON`] (gathered by [`asciify`]).
#[derive(Default)]
struct Walk {
    used: u64,
    case_insensitive: bool,
    word_boundary: bool,
}

impl Walk {
    /// False on `u` flags (which [`asciify`] declines).
    fn flags(&mut self, flags: &ast::Flags) -> bool {
        if flags.flag_state(ast::Flag::CaseInsensitive).is_some() {
            self.case_insensitive = true;
        }
        flags.flag_state(ast::Flag::Unicode).is_none()
    }

    fn assertion(&mut self, a: &ast::Assertion) {
        use ast::AssertionKind as A;
        if !matches!(a.kind, A::StartLine | A::EndLine | A::StartText | A::EndText) {
            self.word_boundary = true;
        }
    }

    /// The characters of [`COMMON`] that no class of the pattern (with Unicode) contains,
    /// that are no literal of it, and, when it has word boundaries, that are no word
    /// characters. Where a search reads only such characters besides ASCII, the pattern's
    /// matches are those of its ASCII restriction on the text (whose classes take no
    /// non-ASCII byte and whose `\b` sees those bytes as non-word), except empty ones inside
    /// a character. Conservative where it cannot be exact: any `(?i)` makes every cased
    /// character count as used.
    fn inert(&self) -> u64 {
        let mut used = self.used;
        if self.word_boundary {
            used |= WORD;
        }
        if self.case_insensitive {
            used |= CASED;
        }
        ALL & !used
    }
}

/// The characters of [`COMMON`] in `\d`, `\s`, `\w` or their negations.
fn perl(p: &ast::ClassPerl) -> u64 {
    let m = match p.kind {
        ast::ClassPerlKind::Digit => DIGIT,
        ast::ClassPerlKind::Space => SPACE,
        ast::ClassPerlKind::Word => WORD,
    };
    if p.negated {
        ALL & !m
    } else {
        m
    }
}

/// The characters of [`COMMON`] in a bracketed class (exact for the characters without case
/// variants, the only ones `(?i)` leaves inert); `None` with `\p{..}`.
fn bracketed(b: &ast::ClassBracketed) -> Option<u64> {
    fn set(s: &ClassSet) -> Option<u64> {
        match s {
            ClassSet::Item(item) => item_bits(item),
            ClassSet::BinaryOp(op) => {
                let (l, r) = (set(&op.lhs)?, set(&op.rhs)?);
                Some(match op.kind {
                    ast::ClassSetBinaryOpKind::Intersection => l & r,
                    ast::ClassSetBinaryOpKind::Difference => l & !r,
                    ast::ClassSetBinaryOpKind::SymmetricDifference => l ^ r,
                })
            }
        }
    }
    fn item_bits(item: &ClassSetItem) -> Option<u64> {
        Some(match item {
            ClassSetItem::Empty(_) => 0,
            ClassSetItem::Literal(lit) => bit(lit.c),
            ClassSetItem::Range(r) => bits_in(r.start.c, r.end.c),
            // `[:alpha:]` and the like are ASCII (their case variants are cased).
            ClassSetItem::Ascii(a) => {
                if a.negated {
                    ALL
                } else {
                    0
                }
            }
            ClassSetItem::Unicode(_) => return None,
            ClassSetItem::Perl(p) => perl(p),
            ClassSetItem::Bracketed(b) => bracketed(b)?,
            ClassSetItem::Union(u) => {
                let mut m = 0;
                for item in &u.items {
                    m |= item_bits(item)?;
                }
                m
            }
        })
    }
    let m = set(&b.kind)?;
    Some(if b.negated { ALL & !m } else { m })
}

#[cfg(test)]
pub(crate) fn unicode_hir(pattern: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())
}
