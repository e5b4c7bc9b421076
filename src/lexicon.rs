//! The embedded drug lexicon: `build.rs` writes `data/drugs.tsv` as a compact text, embedded in
//! the binary, and the look-up tables are built from it once, at first use.
//!
//! # The embedded text
//!
//! It is laid out for gzip (the wasm travels compressed): grouped by canonical (FDA preferred)
//! name, so that which name belongs to which drug costs no bytes, in four sections (columns)
//! separated by a line `=`, each holding one line per canonical name, in the same order:
//!
//! 1. the canonical names, sorted, front-coded: a digit `n`, then the name without its first
//!    `n` bytes, which are those of the previous line's name (`0abacavir`, `3ciclovir` for
//!    "abaciclovir"); a trailing `*` marks a canonical name that is not itself a generic name of
//!    the lexicon (it is only the canonical name of the names on its line);
//! 2. the other generic names of that canonical name, comma-separated, each coded as a digit
//!    `n` (bytes shared with the canonical name), then the rest;
//! 3. its brand names, comma-separated;
//! 4. its development codes, comma-separated, in letters and digits only, lower case.
//!
//! Names are lower case with single spaces. Every name and code occurs once (`build.rs` keeps
//! the first line of a name listed twice).
//!
//! # Look-up
//!
//! The generic and brand names are kept sorted. A name lookup narrows the range of names that
//! start with the bytes read so far, one byte of the text at a time from a word start (binary
//! searches on the next byte), folding ASCII case and runs of white space, and returns the
//! longest name that ends at a word boundary. A table does the first three steps at a word
//! of ASCII letters or digits. Development codes are looked up by their letters and digits
//! only, so "MK-3475", "MK 3475" and "MK3475" are one entry.
//!
//! Building the tables (decoding the text, one sort of the names) costs about 8.5 million
//! instructions natively, once, at the first look-up; the look-ups themselves are a little
//! faster than walking the FSTs that the lexicon was before (FST bytes gzip poorly: the text is
//! about 40 KB smaller in the gzipped wasm).

use crate::text::{char_at, is_word_char};
use std::ops::Range;
use std::sync::LazyLock;

/// The lexicon text written by `build.rs` (format in the module docs).
static LEXICON_TXT: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt"));

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::parse(LEXICON_TXT));

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

/// The look-up tables.
struct Lexicon {
    /// The generic and brand names, sorted by bytes.
    names: Vec<&'static str>,
    /// For each name of `names`: its kind, and its canonical name when that is another name.
    info: Vec<(NameKind, Option<&'static str>)>,
    /// The development codes (letters and digits, lower case), sorted, with their canonical
    /// name.
    codes: Vec<(&'static str, &'static str)>,
    /// The range of `names` after their first three bytes.
    start3: Start3,
}

/// Appends `coded` (a digit `n`, then the rest of a name) to `buf`, after the first `n` bytes
/// of `buf[reference]`; returns the decoded name's range in `buf`.
fn decode(buf: &mut Vec<u8>, reference: Range<usize>, coded: &str) -> Range<usize> {
    let start = buf.len();
    let (n, rest) = match coded.as_bytes().first() {
        Some(d @ b'0'..=b'9') => (usize::from(d - b'0'), coded.get(1..).unwrap_or("")),
        _ => (0, coded),
    };
    let n = n.min(reference.len());
    buf.extend_from_within(reference.start..reference.start + n);
    buf.extend_from_slice(rest.as_bytes());
    start..buf.len()
}

/// The items sorted by name (bytes). The first eight bytes of each name, read as one integer,
/// decide most comparisons, and the sort moves pairs of integers: a fraction of the
/// instructions of sorting by string comparisons.
fn sorted_by_name<'a, T: Copy>(
    items: &'a [(&'static str, T)],
) -> impl Iterator<Item = (&'static str, T)> + 'a {
    let prefix = |name: &str| {
        let mut key = [0u8; 8];
        for (k, b) in key.iter_mut().zip(name.bytes()) {
            *k = b;
        }
        u64::from_be_bytes(key)
    };
    let name = |i: u32| items.get(i as usize).map_or("", |item| item.0);
    let mut order: Vec<(u64, u32)> = (0..).zip(items).map(|(i, item)| (prefix(item.0), i)).collect();
    order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| name(a.1).cmp(name(b.1))));
    order
        .into_iter()
        .filter_map(|(_, i)| items.get(i as usize).copied())
}

/// The parts of `text` between the bytes `sep`, like `text.split(sep)`: a plain byte loop, which
/// costs a fraction of `str::split` on lines as short as these.
fn split(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let part = rest?;
        match part.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = part.get(i + 1..);
                part.get(..i)
            }
            None => rest.take(),
        }
    })
}

/// The comma-separated items of a line (none when it is empty).
fn items(line: &str) -> impl Iterator<Item = &str> {
    split(line, b',').filter(|s| !s.is_empty())
}

impl Lexicon {
    /// Builds the tables from the text (format in the module docs); a malformed text gives
    /// odd or fewer names, never a panic.
    fn parse(text: &'static str) -> Lexicon {
        let lines: Vec<&'static str> = split(text, b'\n').collect();
        let mut sections = lines.split(|line| *line == "=");
        let mut section = || sections.next().unwrap_or_default();
        let (canonicals, generics, brands, codes) = (section(), section(), section(), section());

        // The front-coded names (canonical and other generic names) are decoded into one
        // buffer, as ranges first: the buffer grows meanwhile.
        let mut buf = Vec::with_capacity(text.len());
        let mut groups = Vec::with_capacity(canonicals.len()); // (canonical name, is generic)
        let mut other_generics = Vec::new(); // (name, group)
        let mut previous = 0..0;
        for (line, generics) in canonicals.iter().zip(generics) {
            let (coded, is_generic) = match line.strip_suffix('*') {
                Some(coded) => (coded, false),
                None => (*line, true),
            };
            let canonical = decode(&mut buf, previous, coded);
            for name in items(generics) {
                other_generics.push((decode(&mut buf, canonical.clone(), name), groups.len()));
            }
            groups.push((canonical.clone(), is_generic && !line.is_empty()));
            previous = canonical;
        }
        // The decoded names live as long as the program, like the text.
        let buf: &'static str = String::from_utf8(buf).unwrap_or_default().leak();
        let decoded = |range: Range<usize>| buf.get(range).unwrap_or("");
        let canonical: Vec<&'static str> = groups.iter().map(|(r, _)| decoded(r.clone())).collect();
        let other = |group: usize| canonical.get(group).copied();

        let mut names: Vec<(&'static str, (NameKind, Option<&'static str>))> =
            Vec::with_capacity(groups.len() + other_generics.len() + brands.len());
        for (&name, (_, is_generic)) in canonical.iter().zip(&groups) {
            if *is_generic {
                names.push((name, (NameKind::Generic, None)));
            }
        }
        for (range, group) in other_generics {
            names.push((decoded(range), (NameKind::Generic, other(group))));
        }
        let mut codes_found = Vec::new();
        for (group, (brands, codes)) in brands.iter().zip(codes).enumerate() {
            let Some(canonical) = other(group) else { break };
            names.extend(items(brands).map(|name| (name, (NameKind::Brand, Some(canonical)))));
            codes_found.extend(items(codes).map(|code| (code, canonical)));
        }
        let (names, info): (Vec<_>, Vec<_>) = sorted_by_name(&names).unzip();
        let codes = sorted_by_name(&codes_found).collect();
        let start3 = Start3::build(&names);
        Lexicon {
            names,
            info,
            codes,
            start3,
        }
    }

    /// The sub-range of `range`, names that share their first `depth` bytes, whose next byte
    /// is `b` (names of `depth` bytes sort first, then by that byte).
    fn narrow(&self, range: Range<usize>, depth: usize, b: u8) -> Range<usize> {
        let Some(names) = self.names.get(range.clone()) else {
            return 0..0;
        };
        let byte = |name: &&str| name.as_bytes().get(depth).copied();
        let first = names.partition_point(|n| byte(n) < Some(b));
        let len = names
            .get(first..)
            .map_or(0, |rest| rest.partition_point(|n| byte(n) == Some(b)));
        range.start + first..range.start + first + len
    }

    /// The match when the name at `index` is `len` bytes long (then it ends at `end`).
    fn match_at(&self, index: usize, len: usize, start: usize, end: usize) -> Option<LexMatch> {
        if self.names.get(index)?.len() != len {
            return None;
        }
        let &(kind, other) = self.info.get(index)?;
        Some(LexMatch {
            start,
            end,
            kind,
            other,
        })
    }
}

/// The longest lexicon name (generic or brand) that starts at byte `start` of `text` and ends
/// at a word boundary. Case is ignored (ASCII), and any run of spaces, tabs or no-break spaces
/// in the text matches the single space of a multi-word name.
pub fn longest_at(text: &str, start: usize) -> Option<LexMatch> {
    let lexicon = &*LEXICON;
    let bytes = text.as_bytes();
    let mut best = None;
    let at_end = |i: usize| !char_at(text, i).is_some_and(is_word_char);
    // Three ASCII letters or digits: one table look-up does the first three steps (no name of
    // one or two bytes can end inside them, as word characters follow).
    let (mut range, mut depth, mut i) = match bytes.get(start..start + 3) {
        Some(&[a, b, c])
            if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && c.is_ascii_alphanumeric() =>
        {
            let range = lexicon.start3.get(a, b, c)?;
            let i = start + 3;
            if at_end(i) {
                best = lexicon.match_at(range.start, 3, start, i);
            }
            (range, 3, i)
        }
        _ => (0..lexicon.names.len(), 0, start),
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
        range = lexicon.narrow(range, depth, b);
        if range.is_empty() {
            break;
        }
        depth += 1;
        i = next;
        if at_end(i) {
            if let Some(m) = lexicon.match_at(range.start, depth, start, i) {
                best = Some(m);
            }
        }
    }
    best
}

/// The range of the sorted names after their first three bytes, for every start of three ASCII
/// letters or digits (case folded): most words leave the walk within three bytes, and the
/// others skip its three widest steps.
struct Start3 {
    /// For each of the 36 x 36 first two bytes: 0 when no name starts with them, else one
    /// more than the index of their block of 36 entries in `blocks`.
    pairs: Vec<u16>,
    /// The range of names that start with the three bytes (empty when none does).
    blocks: Vec<Range<u32>>,
}

/// Each ASCII letter's or digit's index among the 36 bytes of the table (lower-case letters,
/// then digits).
fn class(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'A'..=b'Z' => usize::from(b - b'A'),
        _ => 26 + usize::from(b.wrapping_sub(b'0')) % 10,
    }
}

impl Start3 {
    /// One pass over the sorted names: the names that share their first three bytes follow
    /// each other.
    fn build(names: &[&str]) -> Start3 {
        let mut pairs = vec![0u16; 36 * 36];
        let mut blocks: Vec<Range<u32>> = Vec::new();
        let table_byte = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        for (i, name) in names.iter().enumerate() {
            let (Some(&[a, b, c]), Ok(i)) = (name.as_bytes().get(..3), u32::try_from(i)) else {
                continue;
            };
            if ![a, b, c].iter().all(table_byte) {
                continue;
            }
            let pair = class(a) * 36 + class(b);
            if pairs[pair] == 0 {
                let Ok(index) = u16::try_from(blocks.len() / 36 + 1) else {
                    continue;
                };
                pairs[pair] = index;
                blocks.resize(blocks.len() + 36, 0..0);
            }
            let block = usize::from(pairs[pair] - 1);
            let slot = &mut blocks[block * 36 + class(c)];
            if slot.start == slot.end {
                *slot = i..i + 1;
            } else {
                slot.end = i + 1;
            }
        }
        Start3 { pairs, blocks }
    }

    /// The range of names that start with `a`, `b`, `c` (ASCII letters or digits), if any.
    fn get(&self, a: u8, b: u8, c: u8) -> Option<Range<usize>> {
        let block = usize::from(*self.pairs.get(class(a) * 36 + class(b))?).checked_sub(1)?;
        let range = self.blocks.get(block * 36 + class(c))?;
        (range.start < range.end).then_some(range.start as usize..range.end as usize)
    }
}

/// The canonical name of a development code ("MK-3475" -> "pembrolizumab"), compared on its
/// letters and digits only, when the lexicon knows the code.
pub fn code(code: &str) -> Option<&'static str> {
    let key = code
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase());
    let codes = &LEXICON.codes;
    let i = codes.binary_search_by(|(c, _)| c.bytes().cmp(key.clone())).ok()?;
    codes.get(i).map(|&(_, canonical)| canonical)
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
    LEXICON.names.len() + LEXICON.codes.len()
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
        assert_eq!(code("-"), None);
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
        let names = &LEXICON.names;
        for (name, &(kind, other)) in names.iter().zip(&LEXICON.info) {
            for text in [format!("{name}\n"), format!("{}\n", name.to_ascii_uppercase())] {
                let m = longest_at(&text, 0).unwrap_or_else(|| panic!("{name}"));
                assert_eq!((m.end, m.kind, m.other), (name.len(), kind, other), "{name}");
            }
        }
        assert!(names.len() > 5_000);
        assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted, each name once");
        assert!(longest_at("qqqzz", 0).is_none());
        assert!(longest_at("x_methotrexate", 2).is_some());
    }

    #[test]
    fn every_code_is_found() {
        for &(code_key, canonical) in &LEXICON.codes {
            assert_eq!(
                code(&code_key.to_ascii_uppercase()),
                Some(canonical),
                "{code_key}"
            );
        }
        assert!(LEXICON.codes.len() > 2_000);
    }

    #[test]
    fn parses_the_compact_text() {
        let text =
            "0alpha one\n6two*\n0beta\n=\n5\n\n4 sodium\n=\nalfix,alphor\ntwofer\nbetamax\n=\nab12,ab13\n\n";
        let lex = Lexicon::parse(text);
        let found: Vec<_> = lex
            .names
            .iter()
            .zip(&lex.info)
            .map(|(n, &(k, o))| (*n, k, o))
            .collect();
        assert_eq!(
            found,
            [
                ("alfix", NameKind::Brand, Some("alpha one")),
                ("alpha", NameKind::Generic, Some("alpha one")),
                ("alpha one", NameKind::Generic, None),
                ("alphor", NameKind::Brand, Some("alpha one")),
                ("beta", NameKind::Generic, None),
                ("beta sodium", NameKind::Generic, Some("beta")),
                ("betamax", NameKind::Brand, Some("beta")),
                ("twofer", NameKind::Brand, Some("alpha two")),
            ]
        );
        assert_eq!(lex.codes, [("ab12", "alpha one"), ("ab13", "alpha one")]);
        assert_eq!(lex.start3.get(b'B', b'E', b'T'), Some(4..7));
        assert_eq!(lex.start3.get(b'a', b'l', b'p'), Some(1..4));
        assert_eq!(lex.start3.get(b'a', b'l', b'x'), None);
        assert_eq!(lex.narrow(1..4, 5, b' '), 2..3);
        assert_eq!(lex.narrow(1..4, 4, b'o'), 3..4);
        assert_eq!(lex.narrow(1..4, 3, b'x'), 4..4);
        let empty = Lexicon::parse("");
        assert!(empty.names.is_empty() && empty.codes.is_empty());
        assert!(empty.start3.get(b'a', b'b', b'c').is_none());
        // Malformed text gives odd or no names, never a panic.
        for bad in [
            "9x\n=\n9",
            "*\n=\n,,\n=\n,\n=\n,",
            "\n=\n\n=\n\n=\n",
            "0\u{e9}\n1",
        ] {
            let lex = Lexicon::parse(bad);
            assert!(lex.names.len() <= 2 && lex.codes.is_empty(), "{bad:?}");
            assert_eq!(lex.narrow(0..9, 0, b'x').len(), 0);
        }
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
