//! The byte format of the prebuilt pattern trees, shared by the library (which reads them)
//! and `build.rs` (which writes them; it includes this file).
//!
//! `build.rs` translates every pattern listed in `data/patterns.txt` (`syntax::compile`) and
//! writes each one's syntax tree (with Unicode; the ASCII restriction the fast engines run is
//! derived from it when the pattern is compiled) into one byte string, and an index, sorted
//! by [`key`], of each pattern's tree and inert-character mask. So the wasm needs no pattern
//! parser, and a pattern costs no parsing at start-up.
//!
//! The byte string is the classes (the number of them, then each one's body), then the
//! trees. A tree is a node in prefix order; numbers are LEB128 varints:
//! - `0` empty; `1 len bytes` literal; `3 repr` look-around;
//! - `8 + i` (up to 255) the `i`-th class; `2 i` the `i`-th class, for larger `i` (classes
//!   are numbered by how often the trees use them, most used first, so nearly every class
//!   costs one byte: most are the case pairs `(?i)` makes of letters);
//! - `4 min max+1 greedy sub` repetition (`max+1` is 0 for no maximum);
//! - `5 index name-len+1 name sub` capture group (`name-len+1` is 0 for no name);
//! - `6 n subs` concatenation; `7 n subs` alternation.
//!
//! A class body is `0` (characters) or `1` (bytes), the number of ranges, then per range its
//! start minus the previous range's end and its length minus one.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
    Repetition,
};

/// Non-ASCII characters common in press releases (spaces, dashes, quotes, bullets, signs,
/// Greek and accented letters), sorted; at most 64, one bit each in an inert-character mask
/// (the bit order is part of the index's format).
pub const COMMON: [char; 60] = [
    '\u{A0}', '\u{A9}', '\u{AB}', '\u{AD}', '\u{AE}', '\u{B0}', '\u{B1}', '\u{B2}', '\u{B3}', '\u{B5}',
    '\u{B7}', '\u{B9}', '\u{BB}', '\u{BD}', '\u{D7}', '\u{E0}', '\u{E1}', '\u{E4}', '\u{E5}', '\u{E6}',
    '\u{E7}', '\u{E8}', '\u{E9}', '\u{ED}', '\u{F1}', '\u{F3}', '\u{F6}', '\u{FC}', '\u{3B1}', '\u{3B2}',
    '\u{3B3}', '\u{3BA}', '\u{3BC}', '\u{2009}', '\u{200B}', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}',
    '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2020}', '\u{2021}', '\u{2022}', '\u{2026}',
    '\u{202F}', '\u{2032}', '\u{2075}', '\u{207B}', '\u{20AC}', '\u{2122}', '\u{2192}', '\u{2212}',
    '\u{2248}', '\u{2264}', '\u{2265}', '\u{25BC}', '\u{FEFF}',
];

/// The bit of `c` in the masks (0 when `c` is not one of [`COMMON`]).
pub fn bit(c: char) -> u64 {
    if c.is_ascii() {
        return 0;
    }
    COMMON.binary_search(&c).map_or(0, |i| 1 << i)
}

/// The index key of a pattern (64-bit FNV-1a of its text).
pub fn key(pattern: &str) -> u64 {
    pattern.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// First tag of the one-byte class references.
const CLASS_TAGS: u8 = 8;

/// Writes trees into one byte string (for `build.rs`, and the tests).
#[allow(dead_code)] // written by build.rs (and by the tests)
#[derive(Default)]
pub struct Writer {
    trees: Vec<Hir>,
    /// Each class body, with how many times the trees use it.
    classes: std::collections::HashMap<Vec<u8>, usize>,
}

#[allow(dead_code)] // written by build.rs (and by the tests)
impl Writer {
    /// Adds `hir`; returns its number (the trees are numbered from 0 in the order added).
    pub fn add(&mut self, hir: &Hir) -> usize {
        self.count(hir);
        self.trees.push(hir.clone());
        self.trees.len() - 1
    }

    fn count(&mut self, hir: &Hir) {
        match hir.kind() {
            HirKind::Class(class) => *self.classes.entry(class_body(class)).or_default() += 1,
            HirKind::Repetition(r) => self.count(&r.sub),
            HirKind::Capture(c) => self.count(&c.sub),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().for_each(|s| self.count(s)),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => {}
        }
    }

    /// The byte string, and the offset of each tree in it.
    pub fn finish(self) -> (Vec<u8>, Vec<usize>) {
        let mut classes: Vec<(Vec<u8>, usize)> = self.classes.into_iter().collect();
        // Most used first; ties in a fixed order, so that the output is reproducible.
        classes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut bytes = Vec::new();
        varint(&mut bytes, classes.len() as u64);
        for (body, _) in &classes {
            bytes.extend_from_slice(body);
        }
        let number: std::collections::HashMap<Vec<u8>, usize> = classes
            .into_iter()
            .enumerate()
            .map(|(i, (body, _))| (body, i))
            .collect();
        let mut offsets = Vec::new();
        for tree in &self.trees {
            offsets.push(bytes.len());
            node(tree, &number, &mut bytes);
        }
        (bytes, offsets)
    }
}

/// The body of `class` (see the module documentation).
#[allow(dead_code)] // written by build.rs (and by the tests)
fn class_body(class: &Class) -> Vec<u8> {
    let mut body = Vec::new();
    let ranges: Vec<(u32, u32)> = match class {
        Class::Unicode(c) => {
            body.push(0);
            c.ranges()
                .iter()
                .map(|r| (r.start() as u32, r.end() as u32))
                .collect()
        }
        Class::Bytes(c) => {
            body.push(1);
            c.ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end())))
                .collect()
        }
    };
    varint(&mut body, ranges.len() as u64);
    let mut prev = 0;
    for (lo, hi) in ranges {
        varint(&mut body, u64::from(lo - prev));
        varint(&mut body, u64::from(hi - lo));
        prev = hi;
    }
    body
}

#[allow(dead_code)] // written by build.rs (and by the tests)
fn node(hir: &Hir, classes: &std::collections::HashMap<Vec<u8>, usize>, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(0),
        HirKind::Literal(lit) => {
            out.push(1);
            varint(out, lit.0.len() as u64);
            out.extend_from_slice(&lit.0);
        }
        HirKind::Class(class) => {
            let i = classes[&class_body(class)];
            match u8::try_from(i).ok().and_then(|i| i.checked_add(CLASS_TAGS)) {
                Some(tag) => out.push(tag),
                None => {
                    out.push(2);
                    varint(out, i as u64);
                }
            }
        }
        HirKind::Look(look) => {
            out.push(3);
            varint(out, u64::from(look.as_repr()));
        }
        HirKind::Repetition(r) => {
            out.push(4);
            varint(out, u64::from(r.min));
            varint(out, r.max.map_or(0, |m| u64::from(m) + 1));
            out.push(u8::from(r.greedy));
            node(&r.sub, classes, out);
        }
        HirKind::Capture(c) => {
            out.push(5);
            varint(out, u64::from(c.index));
            match &c.name {
                None => varint(out, 0),
                Some(name) => {
                    varint(out, name.len() as u64 + 1);
                    out.extend_from_slice(name.as_bytes());
                }
            }
            node(&c.sub, classes, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                6
            } else {
                7
            });
            varint(out, subs.len() as u64);
            for sub in subs {
                node(sub, classes, out);
            }
        }
    }
}

#[allow(dead_code)] // written by build.rs (and by the tests)
fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// `class` without its members beyond ASCII.
pub fn ascii_class(class: Class) -> Class {
    match class {
        Class::Unicode(mut c) => {
            c.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            Class::Unicode(c)
        }
        Class::Bytes(mut c) => {
            c.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7f)]));
            Class::Bytes(c)
        }
    }
}

/// `look` with ASCII word boundaries for Unicode ones.
pub fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

/// Reads the trees of a byte string written by [`Writer`], as written or as their ASCII
/// restrictions (every class without its members beyond ASCII, ASCII word boundaries for
/// Unicode ones: equal to the tree on ASCII text).
pub struct Reader<'a> {
    bytes: &'a [u8],
    /// The classes, by number.
    classes: Vec<Class>,
    /// The same, without their members beyond ASCII.
    ascii_classes: Vec<Class>,
}

/// How [`Reader::tree`] reads a tree.
struct ReadAs<'r> {
    classes: &'r [Class],
    ascii: bool,
}

impl<'a> Reader<'a> {
    /// A reader of `bytes`; `None` when they do not start with classes (which a byte string
    /// written by [`Writer`] always does).
    pub fn new(bytes: &'a [u8]) -> Option<Reader<'a>> {
        let mut r = Reader {
            bytes,
            classes: Vec::new(),
            ascii_classes: Vec::new(),
        };
        let mut at = 0;
        let n = r.len(&mut at)?;
        for _ in 0..n {
            let class = r.class(&mut at)?;
            r.ascii_classes.push(ascii_class(class.clone()));
            r.classes.push(class);
        }
        Some(r)
    }

    /// The tree at `at`, or its ASCII restriction when `ascii`; `None` when the bytes there
    /// are no tree.
    pub fn tree(&self, at: usize, ascii: bool) -> Option<Hir> {
        let mut at = at;
        let classes = if ascii { &self.ascii_classes } else { &self.classes };
        self.node(&mut at, &ReadAs { classes, ascii }, 0)
    }

    fn byte(&self, at: &mut usize) -> Option<u8> {
        let b = *self.bytes.get(*at)?;
        *at += 1;
        Some(b)
    }

    fn varint(&self, at: &mut usize) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte(at)?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&self, at: &mut usize) -> Option<u32> {
        u32::try_from(self.varint(at)?).ok()
    }

    fn len(&self, at: &mut usize) -> Option<usize> {
        usize::try_from(self.varint(at)?).ok()
    }

    fn node(&self, at: &mut usize, how: &ReadAs, depth: usize) -> Option<Hir> {
        // Deeper than any pattern's tree (the parser allows 250 levels of nesting): the
        // bytes are not a tree.
        if depth > 500 {
            return None;
        }
        Some(match self.byte(at)? {
            0 => Hir::empty(),
            1 => {
                let n = self.len(at)?;
                let lit = self.bytes.get(*at..at.checked_add(n)?)?;
                *at += n;
                Hir::literal(lit)
            }
            2 => Hir::class(how.classes.get(self.len(at)?)?.clone()),
            3 => {
                let look = Look::from_repr(self.u32(at)?)?;
                Hir::look(if how.ascii { ascii_look(look) } else { look })
            }
            4 => {
                let min = self.u32(at)?;
                let max = match self.u32(at)? {
                    0 => None,
                    m => Some(m - 1),
                };
                let greedy = self.byte(at)? != 0;
                let sub = Box::new(self.node(at, how, depth + 1)?);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy,
                    sub,
                })
            }
            5 => {
                let index = self.u32(at)?;
                let name = match self.len(at)? {
                    0 => None,
                    n => {
                        let name = self.bytes.get(*at..at.checked_add(n - 1)?)?;
                        *at += n - 1;
                        Some(Box::from(std::str::from_utf8(name).ok()?))
                    }
                };
                let sub = Box::new(self.node(at, how, depth + 1)?);
                Hir::capture(Capture { index, name, sub })
            }
            tag @ (6 | 7) => {
                let n = self.len(at)?;
                let mut subs = Vec::with_capacity(n.min(1024));
                for _ in 0..n {
                    subs.push(self.node(at, how, depth + 1)?);
                }
                if tag == 6 {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            tag => Hir::class(how.classes.get(usize::from(tag - CLASS_TAGS))?.clone()),
        })
    }

    fn class(&self, at: &mut usize) -> Option<Class> {
        let bytes = self.byte(at)? == 1;
        let n = self.len(at)?;
        let mut ranges = Vec::with_capacity(n.min(1024));
        let mut prev = 0u32;
        for _ in 0..n {
            let lo = prev.checked_add(self.u32(at)?)?;
            let hi = lo.checked_add(self.u32(at)?)?;
            ranges.push((lo, hi));
            prev = hi;
        }
        Some(if bytes {
            let byte = |n: u32| u8::try_from(n).ok();
            let ranges: Option<Vec<_>> = ranges
                .into_iter()
                .map(|(lo, hi)| Some(ClassBytesRange::new(byte(lo)?, byte(hi)?)))
                .collect();
            Class::Bytes(ClassBytes::new(ranges?))
        } else {
            let ranges: Option<Vec<_>> = ranges
                .into_iter()
                .map(|(lo, hi)| Some(ClassUnicodeRange::new(char::from_u32(lo)?, char::from_u32(hi)?)))
                .collect();
            Class::Unicode(ClassUnicode::new(ranges?))
        })
    }
}
