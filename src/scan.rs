//! The scanning engine: rule patterns are tried only where they can start.
//!
//! A rule written as a regular expression would normally be searched over the whole text,
//! once per rule. Here each [`Pattern`] works out, from its syntax tree, the set of bytes a
//! match can start with; [`Tokens`] indexes every token start of the text by its first byte in
//! one pass; and a pattern then runs an *anchored* search only at the token starts whose byte
//! it can start with. Results equal the regex crate's leftmost-first `find_iter` for every
//! match that begins at a token start (the start of a run of letters, of digits, or any other
//! non-space character), which is where every rule's matches begin.

use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A rule pattern, compiled on first use.
pub struct Pattern {
    source: Cow<'static, str>,
    compiled: OnceLock<Compiled>,
}

struct Compiled {
    re: Regex,
    /// Bytes a match can start with (`None`: the pattern can match the empty string, so it is
    /// searched everywhere).
    first: Option<Vec<u8>>,
    /// When the pattern's matches all begin with one of a few literals: those literals,
    /// ASCII-lower-cased and cut to a few bytes, so most token starts are rejected without a
    /// search. `None` when the prefixes are not a small finite set.
    prefixes: Option<Prefixes>,
}

/// Literal prefixes, grouped by first byte for a quick test at a token start.
struct Prefixes {
    /// Sorted, deduplicated lower-case prefixes.
    lits: Vec<Box<[u8]>>,
    /// `lits[by_first[b]..by_first[b + 1]]` start with byte `b`.
    by_first: Vec<u16>,
    /// The first bytes of the prefixes, in both ASCII cases.
    first_bytes: Vec<u8>,
}

impl Prefixes {
    fn new(hir: &Hir) -> Option<Prefixes> {
        let seq = Extractor::new()
            .kind(ExtractKind::Prefix)
            .limit_literal_len(6)
            .limit_class(12)
            .limit_total(400)
            .extract(hir);
        let mut lits: Vec<Box<[u8]>> = seq
            .literals()?
            .iter()
            .map(|l| l.as_bytes().to_ascii_lowercase().into_boxed_slice())
            .collect();
        if lits.is_empty() || lits.iter().any(|l| l.is_empty()) || lits.len() > u16::MAX as usize {
            return None;
        }
        lits.sort();
        lits.dedup();
        let mut by_first = vec![0u16; 257];
        for l in &lits {
            by_first[l[0] as usize + 1] += 1;
        }
        for b in 0..256 {
            by_first[b + 1] += by_first[b];
        }
        let mut first_bytes: Vec<u8> = lits
            .iter()
            .flat_map(|l| [l[0], l[0].to_ascii_uppercase()])
            .collect();
        first_bytes.sort_unstable();
        first_bytes.dedup();
        Some(Prefixes {
            lits,
            by_first,
            first_bytes,
        })
    }

    /// True when `rest` (the text from a token start) begins with one of the prefixes.
    #[inline]
    fn admits(&self, rest: &[u8]) -> bool {
        let Some(&b) = rest.first() else { return false };
        let b = b.to_ascii_lowercase() as usize;
        let (lo, hi) = (self.by_first[b] as usize, self.by_first[b + 1] as usize);
        self.lits[lo..hi]
            .iter()
            .any(|l| rest.len() >= l.len() && rest[..l.len()].eq_ignore_ascii_case(l))
    }
}

impl Pattern {
    /// A pattern from a static source, usable in a `static`.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source: Cow::Borrowed(source),
            compiled: OnceLock::new(),
        }
    }

    /// A pattern from a source built at run time (e.g. with `format!`), for a `LazyLock`.
    pub fn owned(source: String) -> Pattern {
        Pattern {
            source: Cow::Owned(source),
            compiled: OnceLock::new(),
        }
    }

    /// The pattern's source.
    pub fn source(&self) -> &str {
        &self.source
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            // Patterns are fixed in the source and exercised by the tests: an invalid one is a
            // programming error, not something any input text can cause.
            let re = Regex::new(&self.source).unwrap_or_else(|e| panic!("pattern {:?}: {e}", self.source));
            let hir = regex_syntax::parse(&self.source)
                .unwrap_or_else(|e| panic!("pattern {:?}: {e}", self.source));
            let (set, nullable) = first_bytes(&hir);
            let first = (!nullable).then(|| (0..=255u8).filter(|&b| set[b as usize]).collect());
            let prefixes = if nullable { None } else { Prefixes::new(&hir) };
            Compiled { re, first, prefixes }
        })
    }

    /// All non-overlapping matches in `tokens`' text, leftmost first.
    pub fn find_iter<'t>(&'t self, tokens: &'t Tokens<'t>) -> impl Iterator<Item = Match<'t>> + 't {
        let c = self.compiled();
        let text = tokens.text;
        let candidates = match (&c.first, &c.prefixes) {
            (Some(_), Some(p)) => tokens.starting_with(&p.first_bytes, |at| p.admits(&text.as_bytes()[at..])),
            (Some(bytes), None) => tokens.starting_with(bytes, |_| true),
            (None, _) => (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect(),
        };
        let mut last_end = 0usize;
        let mut k = 0usize;
        std::iter::from_fn(move || {
            while k < candidates.len() {
                let at = candidates[k];
                k += 1;
                if at < last_end {
                    continue;
                }
                let input = Input::new(text).span(at..text.len()).anchored(Anchored::Yes);
                if let Some(m) = c.re.search(&input) {
                    if m.end() > m.start() {
                        last_end = m.end();
                        return Some(Match {
                            text,
                            start: m.start(),
                            end: m.end(),
                        });
                    }
                }
            }
            None
        })
    }

    /// All non-overlapping matches with their capture groups.
    pub fn captures_iter<'t>(&'t self, tokens: &'t Tokens<'t>) -> impl Iterator<Item = Caps<'t>> + 't {
        let c = self.compiled();
        self.find_iter(tokens).map(move |m| {
            let mut caps = c.re.create_captures();
            let input = Input::new(m.text).span(m.start..m.end).anchored(Anchored::Yes);
            c.re.search_captures(&input, &mut caps);
            Caps { text: m.text, caps }
        })
    }

    /// The match that starts exactly at byte `at`, if any.
    pub fn match_at<'t>(&self, text: &'t str, at: usize) -> Option<Match<'t>> {
        let c = self.compiled();
        if at > text.len() || !text.is_char_boundary(at) {
            return None;
        }
        let input = Input::new(text).span(at..text.len()).anchored(Anchored::Yes);
        c.re.search(&input).map(|m| Match {
            text,
            start: m.start(),
            end: m.end(),
        })
    }
}

/// A match: a byte range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    /// First byte of the match.
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The capture groups of one match.
pub struct Caps<'t> {
    text: &'t str,
    caps: Captures,
}

impl<'t> Caps<'t> {
    /// Group `i` (0 is the whole match).
    pub fn get(&self, i: usize) -> Option<Match<'t>> {
        let s = self.caps.get_group(i)?;
        Some(Match {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }

    /// The named group `name`.
    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        let s = self.caps.get_group_by_name(name)?;
        Some(Match {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }
}

/// Every token start of a text, bucketed by its first byte. A token start is the start of the
/// text, the start of a run of letters or of digits, and every other non-space character.
pub struct Tokens<'t> {
    text: &'t str,
    /// Token starts, grouped by first byte: bucket `b` is `positions[offsets[b]..offsets[b + 1]]`.
    positions: Vec<usize>,
    offsets: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Space,
    Letter,
    Digit,
    Other,
}

fn kind(c: char) -> Kind {
    if c.is_ascii_digit() {
        Kind::Digit
    } else if c.is_alphanumeric() {
        Kind::Letter
    } else if c.is_whitespace() {
        Kind::Space
    } else {
        Kind::Other
    }
}

impl<'t> Tokens<'t> {
    /// Indexes the token starts of `text` in one pass.
    pub fn new(text: &'t str) -> Tokens<'t> {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 4);
        let mut prev = Kind::Space;
        for (i, c) in text.char_indices() {
            let k = if c.is_ascii() {
                match bytes[i] {
                    b'0'..=b'9' => Kind::Digit,
                    b'a'..=b'z' | b'A'..=b'Z' => Kind::Letter,
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Kind::Space,
                    _ => Kind::Other,
                }
            } else {
                kind(c)
            };
            if k != Kind::Space && (k != prev || k == Kind::Other) {
                starts.push(i);
            }
            prev = k;
        }
        // Counting sort by first byte, keeping text order inside each bucket.
        let mut offsets = vec![0usize; 257];
        for &p in &starts {
            offsets[bytes[p] as usize + 1] += 1;
        }
        for b in 0..256 {
            offsets[b + 1] += offsets[b];
        }
        let mut fill = offsets.clone();
        let mut positions = vec![0usize; starts.len()];
        for &p in &starts {
            let b = bytes[p] as usize;
            positions[fill[b]] = p;
            fill[b] += 1;
        }
        Tokens {
            text,
            positions,
            offsets,
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Token starts, in order, whose first byte is one of `bytes` and that `keep` accepts.
    fn starting_with(&self, bytes: &[u8], keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut buckets = 0;
        for &b in bytes {
            let bucket = &self.positions[self.offsets[b as usize]..self.offsets[b as usize + 1]];
            let before = out.len();
            out.extend(bucket.iter().copied().filter(|&p| keep(p)));
            buckets += usize::from(out.len() > before);
        }
        if buckets > 1 {
            out.sort_unstable();
        }
        out
    }
}

/// The bytes a match of `hir` can start with, and whether it can match the empty string.
fn first_bytes(hir: &Hir) -> ([bool; 256], bool) {
    let mut set = [false; 256];
    let nullable = first_into(hir, &mut set);
    (set, nullable)
}

/// Adds the possible first bytes of `hir` to `set`; returns true if `hir` can match empty.
fn first_into(hir: &Hir, set: &mut [bool; 256]) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match lit.0.first() {
            Some(&b) => {
                set[b as usize] = true;
                false
            }
            None => true,
        },
        HirKind::Class(Class::Bytes(c)) => {
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    set[b as usize] = true;
                }
            }
            false
        }
        HirKind::Class(Class::Unicode(c)) => {
            for r in c.ranges() {
                let mut buf = [0u8; 4];
                let lo = r.start().encode_utf8(&mut buf).as_bytes()[0];
                let hi = r.end().encode_utf8(&mut buf).as_bytes()[0];
                for b in lo..=hi {
                    set[b as usize] = true;
                }
            }
            false
        }
        HirKind::Repetition(rep) => first_into(&rep.sub, set) || rep.min == 0,
        HirKind::Capture(cap) => first_into(&cap.sub, set),
        HirKind::Concat(parts) => {
            for p in parts {
                if !first_into(p, set) {
                    return false;
                }
            }
            true
        }
        HirKind::Alternation(alts) => {
            let mut nullable = false;
            for a in alts {
                nullable |= first_into(a, set);
            }
            nullable
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_find_iter(pattern: &str, text: &str) {
        let p = Pattern::owned(pattern.to_string());
        let tokens = Tokens::new(text);
        let ours: Vec<(usize, usize)> = p.find_iter(&tokens).map(|m| (m.start(), m.end())).collect();
        let re = regex::Regex::new(pattern).unwrap();
        let theirs: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        assert_eq!(ours, theirs, "{pattern:?} on {text:?}");
    }

    #[test]
    fn equals_find_iter_on_token_starting_matches() {
        let text =
            "Give 190 mg/m² Q3W; ORR was 45.5% (95% CI 37.1-54.1), µg doses, “quoted” ÉTUDE-3 and x106.";
        for pat in [
            r"\b\d+(?:\.\d+)?\s*(?:mg|µg)(?:/m²)?",
            r"(?i)\borr\b(?:\s+was\s+\d+(?:\.\d+)?%)?",
            r"\bQ\dW\b",
            r"\([^)]*\)",
            r"[A-ZÉ]{2,}-\d+",
            r"(?i:was|µg)",
            r"x?\d+",
            r"\d*\.?\d+%",
        ] {
            same_as_find_iter(pat, text);
        }
    }

    #[test]
    fn empty_matching_patterns_fall_back_to_every_position() {
        let p = Pattern::new(r"a*");
        let tokens = Tokens::new("baab");
        let got: Vec<&str> = p.find_iter(&tokens).map(|m| m.as_str()).collect();
        assert_eq!(got, vec!["aa"]);
    }

    #[test]
    fn captures_by_name() {
        let p = Pattern::new(r"(?P<n>\d+)\s*(?P<u>mg|g)\b");
        let tokens = Tokens::new("take 5 mg then 2g");
        let got: Vec<(&str, &str)> = p
            .captures_iter(&tokens)
            .map(|c| (c.name("n").unwrap().as_str(), c.name("u").unwrap().as_str()))
            .collect();
        assert_eq!(got, vec![("5", "mg"), ("2", "g")]);
        assert_eq!(p.match_at("x 5 mg", 2).map(|m| m.as_str()), Some("5 mg"));
        assert_eq!(p.match_at("x 5 mg", 1), None);
    }
}
