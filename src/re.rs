//! Regular expressions with an ASCII fast path and the exact semantics of the `regex` crate.
//!
//! The rules' patterns are Unicode-aware (`\d`, `\s`, `\w`, `\b`, `(?i)`), which makes their
//! automata big: slow to compile, and (for `\b`) beyond the lazy DFA on non-ASCII text, so
//! searches fall back to the slow PikeVM. Yet almost every byte the rules search is ASCII, and
//! on ASCII text a pattern means exactly what its ASCII restriction means (every class
//! intersected with ASCII, Unicode word boundaries made ASCII ones): the result of a search
//! depends only on which of the text's characters each class accepts.
//!
//! So each [`Regex`] compiles that ASCII restriction, and searches with a lazy DFA built from
//! it that *quits* on any non-ASCII byte. When the search ends without reading one (and the
//! character before the search start is ASCII, for look-behind), its answer is the Unicode
//! pattern's answer; otherwise the search is redone with the full Unicode pattern, compiled
//! on first need. Capture groups are read on the match span alone, which the DFA has shown to
//! be ASCII, exactly as the `regex` crate does it.
//!
//! Compiling is most of the cost of the first call (dozens of patterns, some of thousands of
//! characters), so it is kept to what searches need:
//! - the ASCII restriction is translated from the syntax tree *without* Unicode
//!   (`ascii_hir`): the ASCII meanings of `\w`, `\s`, `\d`, `\b` and `(?i)` are the
//!   restrictions of the Unicode ones, so the Unicode tables are never read for it;
//! - one NFA (a shared handle) feeds the forward DFA and, on the first `captures` call, the
//!   capture engines; the reverse DFA (for where an unanchored match starts) comes on first
//!   need too.
//!
//! Engines, by search:
//! - ASCII: forward lazy DFA (match end), reverse lazy DFA (match start), then for capture
//!   groups on the match span the bounded backtracker, or the PikeVM on spans too long for it.
//! - Unicode (`Unicode`, compiled on the first search the ASCII engines cannot answer): the
//!   same forward and reverse lazy DFAs over the Unicode pattern, except with Unicode word
//!   boundaries (which a lazy DFA cannot follow past non-ASCII bytes) and for empty matches
//!   (which must not split a character); then the backtracker or the PikeVM. This is the core
//!   of what `regex::Regex` runs, without its literal prefilters and strategy selection, which
//!   would link much more code into the wasm for no gain here.
//!
//! The API is the subset of `regex::Regex` the rules use, with the same results.

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::backtrack::{BoundedBacktracker, Cache as BacktrackCache};
use regex_automata::nfa::thompson::pikevm::{Cache as PikeCache, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::util::captures::Captures as RaCaptures;
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem, LiteralKind};
use regex_syntax::hir::translate::TranslatorBuilder;
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look,
    Repetition,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// NFA size limit, as in the `regex` crate.
const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
/// Lazy DFA cache capacity, as in the `regex` crate.
const CACHE_CAPACITY: usize = 2 * (1 << 20);

/// A compiled regular expression (see the module documentation).
pub struct Regex {
    pattern: Arc<str>,
    ascii: Arc<Ascii>,
    pool: Pool<Caches, CacheFn>,
    unicode: OnceLock<Unicode>,
}

type CacheFn = Box<dyn Fn() -> Caches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// The engines of the ASCII restriction.
struct Ascii {
    /// The ASCII restriction of the pattern (for the reverse automaton).
    hir: Hir,
    /// Its automaton, with every capture group (shared by the engines built from it).
    nfa: NFA,
    /// Forward lazy DFA that quits on non-ASCII bytes.
    fwd: DFA,
    /// Reverse lazy DFA (for the start of unanchored matches), built on first need.
    rev: OnceLock<DFA>,
    /// True when every match starts where the search starts (`\A...`).
    anchored: bool,
    /// The engines that read capture groups, built on the first `captures` call (most
    /// patterns only ever `find`).
    groups: OnceLock<Groups>,
}

/// For capture groups, on match spans: the bounded backtracker when the span is short
/// enough, else the PikeVM.
struct Groups {
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
}

struct Caches {
    fwd: DfaCache,
    rev: Option<DfaCache>,
    groups: Option<GroupCaches>,
}

struct GroupCaches {
    backtrack: BacktrackCache,
    pikevm: PikeCache,
}

fn ascii_class() -> ClassUnicode {
    ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')])
}

/// The ASCII restriction of `hir`: equal to `hir` on ASCII haystacks.
fn restrict(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) => hir.clone(),
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.intersect(&ascii_class());
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut c = c.clone();
            c.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7f)]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Look(look) => Hir::look(match *look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => other,
        }),
        // Built from the parts, not cloned and patched: a clone would copy the whole subtree
        // at every level (quadratic in the nesting depth).
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(restrict(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(restrict(&c.sub)),
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(restrict).collect()),
        HirKind::Alternation(alts) => Hir::alternation(alts.iter().map(restrict).collect()),
    }
}

/// The two non-ASCII characters whose simple case folding reaches ASCII letters (KELVIN SIGN
/// and LATIN SMALL LETTER LONG S): under `(?i)` they match `k` and `s`.
fn folds_to_ascii(lo: char, hi: char) -> bool {
    ['\u{17f}', '\u{212a}'].iter().any(|&c| lo <= c && c <= hi)
}

/// Rewrites `ast` so that its translation *without* Unicode is the ASCII restriction of its
/// translation with Unicode (see [`ascii_hir`]): drops the non-ASCII members of bracketed
/// classes. False when the pattern has something this cannot vouch for (`(?u)` flags, a
/// non-ASCII character that case-folds to ASCII); the caller then takes the long way.
fn asciify(ast: &mut Ast) -> bool {
    fn flags_ok(flags: &ast::Flags) -> bool {
        flags.flag_state(ast::Flag::Unicode).is_none()
    }
    fn set(s: &mut ClassSet) -> bool {
        match s {
            ClassSet::Item(item) => set_item(item),
            ClassSet::BinaryOp(op) => set(&mut op.lhs) && set(&mut op.rhs),
        }
    }
    fn set_item(item: &mut ClassSetItem) -> bool {
        match item {
            ClassSetItem::Empty(_) | ClassSetItem::Ascii(_) | ClassSetItem::Perl(_) => true,
            // `\p{..}` has no translation without Unicode.
            ClassSetItem::Unicode(_) => false,
            ClassSetItem::Literal(lit) => {
                if lit.c.is_ascii() {
                    true
                } else if folds_to_ascii(lit.c, lit.c) {
                    false
                } else {
                    *item = ClassSetItem::Empty(lit.span);
                    true
                }
            }
            ClassSetItem::Range(r) => {
                if r.end.c.is_ascii() {
                    true
                } else if folds_to_ascii(r.start.c.max('\u{80}'), r.end.c) {
                    false
                } else if r.start.c.is_ascii() {
                    r.end.c = '\x7f';
                    r.end.kind = LiteralKind::Verbatim;
                    true
                } else {
                    *item = ClassSetItem::Empty(r.span);
                    true
                }
            }
            ClassSetItem::Bracketed(b) => set(&mut b.kind),
            ClassSetItem::Union(u) => u.items.iter_mut().all(set_item),
        }
    }
    match ast {
        Ast::Empty(_) | Ast::Dot(_) | Ast::Assertion(_) | Ast::ClassPerl(_) => true,
        Ast::ClassUnicode(_) => false,
        Ast::Flags(f) => flags_ok(&f.flags),
        Ast::Literal(lit) => !folds_to_ascii(lit.c, lit.c),
        Ast::ClassBracketed(b) => set(&mut b.kind),
        Ast::Repetition(r) => asciify(&mut r.ast),
        Ast::Group(g) => g.flags().is_none_or(flags_ok) && asciify(&mut g.ast),
        Ast::Alternation(a) => a.asts.iter_mut().all(asciify),
        Ast::Concat(c) => c.asts.iter_mut().all(asciify),
    }
}

/// The ASCII restriction of `pattern` (as [`restrict`] gives it), translated from the syntax
/// tree without Unicode: `\w`, `\d`, `\s`, `\b` and `(?i)` then mean their ASCII versions,
/// which on ASCII text is what the Unicode ones mean, and the Unicode tables (the costliest
/// part of compiling) are never read. Classes may then admit bytes 0x80-0xFF (`[^)]`, `\W`,
/// `.`): harmless, as the DFA quits on those bytes before any transition. Falls back to
/// translating with Unicode and restricting when [`asciify`] declines.
fn ascii_hir(pattern: &str) -> Result<Hir, String> {
    let mut ast = ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())?;
    // Debug builds (the tests) also check that the Unicode pattern translates, as the fallback
    // compiles it on first need.
    let unicode = |ast: &Ast| {
        TranslatorBuilder::new()
            .build()
            .translate(pattern, ast)
            .map_err(|e| e.to_string())
    };
    if cfg!(debug_assertions) {
        unicode(&ast)?;
    }
    if asciify(&mut ast) {
        let ascii = TranslatorBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .translate(pattern, &ast);
        if let Ok(hir) = ascii {
            return Ok(hir);
        }
        ast = ast::parse::Parser::new()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
    }
    Ok(restrict(&unicode(&ast)?))
}

/// A lazy DFA over `nfa` that quits on every non-ASCII byte. The reverse one (which finds
/// where a leftmost-first match starts) matches as far as it can, as in `regex-automata`.
fn ascii_dfa(nfa: NFA) -> Result<DFA, String> {
    let kind = if nfa.is_reverse() {
        MatchKind::All
    } else {
        MatchKind::LeftmostFirst
    };
    let mut config = DFA::config().match_kind(kind).cache_capacity(CACHE_CAPACITY);
    for b in 0x80..=0xFF {
        config = config.quit(b, true);
    }
    DFA::builder()
        .configure(config)
        .build_from_nfa(nfa)
        .map_err(|e| e.to_string())
}

fn nfa(hir: &Hir, reverse: bool) -> Result<NFA, String> {
    let captures = if reverse {
        WhichCaptures::None
    } else {
        WhichCaptures::All
    };
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .which_captures(captures)
                .reverse(reverse)
                .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
        )
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

impl Ascii {
    fn new(pattern: &str) -> Result<Ascii, String> {
        let hir = ascii_hir(pattern)?;
        let nfa = nfa(&hir, false)?;
        let fwd = ascii_dfa(nfa.clone())?;
        let anchored = nfa.is_always_start_anchored();
        Ok(Ascii {
            hir,
            nfa,
            fwd,
            rev: OnceLock::new(),
            anchored,
            groups: OnceLock::new(),
        })
    }

    fn groups(&self) -> &Groups {
        self.groups.get_or_init(|| {
            // `NFA` is a reference-counted handle: the engines share one automaton.
            let nfa = &self.nfa;
            Groups {
                // Neither fails on an NFA the lazy DFA was built from (they have no size limit
                // of their own and accept every look-around).
                backtrack: BoundedBacktracker::new_from_nfa(nfa.clone())
                    .unwrap_or_else(|e| panic!("backtracker: {e}")),
                pikevm: PikeVM::new_from_nfa(nfa.clone()).unwrap_or_else(|e| panic!("PikeVM: {e}")),
            }
        })
    }

    fn rev(&self) -> &DFA {
        self.rev.get_or_init(|| {
            // The pattern compiled backwards: it cannot fail where the forward one did not.
            nfa(&self.hir, true)
                .and_then(ascii_dfa)
                .unwrap_or_else(|e| panic!("reverse automaton: {e}"))
        })
    }

    /// The leftmost-first match of `input` when the search reads only ASCII bytes; `Err` when
    /// it would have to read another byte (the answer must then come from the Unicode pattern).
    fn search(&self, caches: &mut Caches, input: &Input) -> Result<Option<(usize, usize)>, ()> {
        let start = input.start();
        if start > 0 && input.haystack().get(start - 1).is_none_or(|&b| b >= 0x80) {
            return Err(()); // look-behind on a non-ASCII character
        }
        let end = match self.fwd.try_search_fwd(&mut caches.fwd, input) {
            Ok(None) => return Ok(None),
            Ok(Some(m)) => m.offset(),
            Err(_) => return Err(()),
        };
        if end == start || self.anchored || input.get_anchored().is_anchored() || input.get_earliest() {
            return Ok(Some((start, end)));
        }
        let rev = self.rev();
        let cache = caches.rev.get_or_insert_with(|| rev.create_cache());
        let span = input.clone().anchored(Anchored::Yes).range(start..end);
        match rev.try_search_rev(cache, &span) {
            Ok(Some(m)) => Ok(Some((m.offset(), end))),
            _ => Err(()),
        }
    }
}

/// The engines of the full Unicode pattern, for the searches the ASCII ones cannot answer: a
/// forward and a reverse lazy DFA for the match span (unless the pattern has Unicode word
/// boundaries, which a lazy DFA cannot follow on non-ASCII text), then the bounded
/// backtracker on short spans, else the PikeVM, for the capture groups and for whatever the
/// DFAs cannot answer. Same results as `regex::Regex` (leftmost-first; no empty match splits
/// a character), as all three give leftmost-first matches of the same automaton.
struct Unicode {
    engines: Arc<UnicodeEngines>,
    pool: Pool<UnicodeCaches, UnicodeCacheFn>,
}

type UnicodeCacheFn =
    Box<dyn Fn() -> UnicodeCaches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

struct UnicodeEngines {
    pattern: Arc<str>,
    /// The pattern, with every capture group.
    nfa: NFA,
    /// Forward lazy DFA; `None` with Unicode word boundaries.
    fwd: Option<DFA>,
    /// Reverse lazy DFA, built on first need (`None` when it cannot be).
    rev: OnceLock<Option<DFA>>,
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
}

struct UnicodeCaches {
    fwd: Option<DfaCache>,
    rev: Option<DfaCache>,
    backtrack: BacktrackCache,
    pikevm: PikeCache,
}

fn unicode_hir(pattern: &str) -> Result<Hir, String> {
    regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

fn unicode_dfa(nfa: NFA) -> Result<DFA, String> {
    let kind = if nfa.is_reverse() {
        MatchKind::All
    } else {
        MatchKind::LeftmostFirst
    };
    DFA::builder()
        .configure(DFA::config().match_kind(kind).cache_capacity(CACHE_CAPACITY))
        .build_from_nfa(nfa)
        .map_err(|e| e.to_string())
}

impl Unicode {
    fn new(pattern: &str) -> Result<Unicode, String> {
        let nfa = nfa(&unicode_hir(pattern)?, false)?;
        // No lazy DFA either when it cannot be built within the cache capacity (as with the
        // `regex` crate, the NFA engines then do all the work).
        let fwd = if nfa.look_set_any().contains_word_unicode() {
            None
        } else {
            unicode_dfa(nfa.clone()).ok()
        };
        let engines = Arc::new(UnicodeEngines {
            pattern: Arc::from(pattern),
            backtrack: BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?,
            pikevm: PikeVM::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?,
            nfa,
            fwd,
            rev: OnceLock::new(),
        });
        let e = Arc::clone(&engines);
        let create: UnicodeCacheFn = Box::new(move || UnicodeCaches {
            fwd: e.fwd.as_ref().map(DFA::create_cache),
            rev: None,
            backtrack: e.backtrack.create_cache(),
            pikevm: e.pikevm.create_cache(),
        });
        Ok(Unicode {
            engines,
            pool: Pool::new(create),
        })
    }

    fn create_captures(&self) -> RaCaptures {
        self.engines.pikevm.create_captures()
    }

    /// The match of `input` from the lazy DFAs: `Err` when they cannot tell (no forward
    /// DFA, a quit, or an empty match, which may split a character and is left to the NFA
    /// engines).
    fn dfa_search(&self, caches: &mut UnicodeCaches, input: &Input) -> Result<Option<(usize, usize)>, ()> {
        let e = &*self.engines;
        let (Some(fwd), Some(cache)) = (&e.fwd, &mut caches.fwd) else {
            return Err(());
        };
        let start = input.start();
        let end = match fwd.try_search_fwd(cache, input) {
            Ok(None) => return Ok(None),
            Ok(Some(m)) => m.offset(),
            Err(_) => return Err(()),
        };
        if end == start || e.nfa.is_always_start_anchored() || input.get_anchored().is_anchored() {
            return if end == start {
                Err(())
            } else {
                Ok(Some((start, end)))
            };
        }
        if input.get_earliest() && !e.nfa.has_empty() {
            // Some match ends at `end`, and none is empty: enough for `is_match`.
            return Ok(Some((start, end)));
        }
        let rev = e.rev.get_or_init(|| {
            unicode_hir(&e.pattern)
                .and_then(|hir| nfa(&hir, true))
                .and_then(unicode_dfa)
                .ok()
        });
        let Some(rev) = rev else {
            return Err(());
        };
        let cache = caches.rev.get_or_insert_with(|| rev.create_cache());
        let span = input.clone().anchored(Anchored::Yes).range(start..end);
        match rev.try_search_rev(cache, &span) {
            Ok(Some(m)) if m.offset() < end => Ok(Some((m.offset(), end))),
            _ => Err(()),
        }
    }

    /// Capture groups of the leftmost-first match of `input` (anchored at its start when
    /// the input is), by the backtracker when `input` is short enough, else the PikeVM.
    fn nfa_search(&self, caches: &mut UnicodeCaches, input: &Input, caps: &mut RaCaptures) {
        let e = &*self.engines;
        let done = input.get_span().len() <= e.backtrack.max_haystack_len()
            && e.backtrack.try_search(&mut caches.backtrack, input, caps).is_ok();
        if !done {
            e.pikevm.search(&mut caches.pikevm, input, caps);
        }
    }

    fn search(&self, input: &Input) -> Option<(usize, usize)> {
        let mut caches = self.pool.get();
        match self.dfa_search(&mut caches, input) {
            Ok(m) => m,
            Err(()) => {
                // The overall match only: two slots, no capture groups to allocate.
                let e = &*self.engines;
                let mut slots = [None, None];
                let found = if input.get_span().len() <= e.backtrack.max_haystack_len() {
                    e.backtrack
                        .try_search_slots(&mut caches.backtrack, input, &mut slots)
                        .ok()
                } else {
                    None
                };
                found
                    .unwrap_or_else(|| e.pikevm.search_slots(&mut caches.pikevm, input, &mut slots))
                    .and(Some((slots[0]?.get(), slots[1]?.get())))
            }
        }
    }

    fn captures(&self, input: &Input, caps: &mut RaCaptures) {
        let mut caches = self.pool.get();
        match self.dfa_search(&mut caches, input) {
            Ok(None) => caps.set_pattern(None),
            Ok(Some((start, end))) => {
                let span = input.clone().anchored(Anchored::Yes).range(start..end);
                self.nfa_search(&mut caches, &span, caps);
            }
            Err(()) => self.nfa_search(&mut caches, input, caps),
        }
    }
}

/// A match: a byte range of the haystack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// First byte of the match.
    #[inline]
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    #[inline]
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range.
    #[inline]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    #[inline]
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }
}

/// The capture groups of one match.
pub struct Captures<'h> {
    hay: &'h str,
    caps: RaCaptures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match).
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let s = self.caps.get_group(i)?;
        Some(Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }

    /// The named group `name`.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let s = self.caps.get_group_by_name(name)?;
        Some(Match {
            hay: self.hay,
            start: s.start,
            end: s.end,
        })
    }
}

/// How many patterns [`Regex::new`] has compiled in this process.
static COMPILED: AtomicUsize = AtomicUsize::new(0);

/// How many patterns have been compiled so far in this process (each rule's patterns are
/// compiled once, on first use): lets tests check that [`crate::warm_up`] leaves none for later.
pub fn compiled() -> usize {
    COMPILED.load(Ordering::Relaxed)
}

impl Regex {
    /// Compiles `pattern` (the syntax of the `regex` crate).
    pub fn new(pattern: &str) -> Result<Regex, String> {
        COMPILED.fetch_add(1, Ordering::Relaxed);
        let ascii = Arc::new(Ascii::new(pattern)?);
        let engines = Arc::clone(&ascii);
        let create: CacheFn = Box::new(move || Caches {
            fwd: engines.fwd.create_cache(),
            rev: None,
            groups: None,
        });
        Ok(Regex {
            pattern: Arc::from(pattern),
            ascii,
            pool: Pool::new(create),
            unicode: OnceLock::new(),
        })
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The full Unicode pattern, compiled on first need.
    fn unicode(&self) -> &Unicode {
        // Debug builds check in `new` that the Unicode pattern compiles; the patterns are the
        // rules' constants, so a release build meets no pattern the tests did not.
        self.unicode.get_or_init(|| {
            Unicode::new(&self.pattern).unwrap_or_else(|e| panic!("pattern {:?}: {e}", self.pattern))
        })
    }

    /// The match of `input`, leftmost first.
    fn search(&self, input: &Input) -> Option<(usize, usize)> {
        let found = {
            let mut caches = self.pool.get();
            self.ascii.search(&mut caches, input)
        };
        match found {
            Ok(m) => m,
            Err(()) => self.unicode().search(input),
        }
    }

    /// The match of `input` with its capture groups.
    fn search_captures<'h>(&self, hay: &'h str, input: &Input<'_>) -> Option<Captures<'h>> {
        let mut caches = self.pool.get();
        match self.ascii.search(&mut caches, input) {
            Ok(None) => None,
            Ok(Some((start, end))) => {
                let g = self.ascii.groups();
                let c = caches.groups.get_or_insert_with(|| GroupCaches {
                    backtrack: g.backtrack.create_cache(),
                    pikevm: g.pikevm.create_cache(),
                });
                let mut caps = g.pikevm.create_captures();
                let span = input.clone().anchored(Anchored::Yes).range(start..end);
                let done = end - start <= g.backtrack.max_haystack_len()
                    && g.backtrack.try_search(&mut c.backtrack, &span, &mut caps).is_ok();
                if !done {
                    g.pikevm.search(&mut c.pikevm, &span, &mut caps);
                }
                caps.is_match().then_some(Captures { hay, caps })
            }
            Err(()) => {
                drop(caches);
                let mut caps = self.unicode().create_captures();
                self.unicode().captures(input, &mut caps);
                caps.is_match().then_some(Captures { hay, caps })
            }
        }
    }

    /// True when the pattern matches somewhere in `hay`.
    pub fn is_match(&self, hay: &str) -> bool {
        self.search(&Input::new(hay).earliest(true)).is_some()
    }

    /// The leftmost-first match in `hay`.
    pub fn find<'h>(&self, hay: &'h str) -> Option<Match<'h>> {
        self.search(&Input::new(hay))
            .map(|(start, end)| Match { hay, start, end })
    }

    /// The capture groups of the leftmost-first match in `hay`.
    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.search_captures(hay, &Input::new(hay))
    }

    /// All non-overlapping matches in `hay`, as `regex::Regex::find_iter` gives them.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let mut it = Searcher::new(Input::new(hay));
        std::iter::from_fn(move || {
            it.advance(|input| {
                Ok(self
                    .search(input)
                    .map(|(s, e)| regex_automata::Match::must(0, s..e)))
            })
            .map(|m| Match {
                hay,
                start: m.start(),
                end: m.end(),
            })
        })
    }

    /// All non-overlapping matches in `hay` with their capture groups, as
    /// `regex::Regex::captures_iter` gives them.
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        let mut it = Searcher::new(Input::new(hay));
        std::iter::from_fn(move || {
            let mut found = None;
            it.advance(|input| {
                found = self.search_captures(hay, input);
                Ok(found
                    .as_ref()
                    .and_then(|c| c.get(0))
                    .map(|m| regex_automata::Match::must(0, m.start..m.end)))
            })?;
            found
        })
    }
}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Regex").field(&self.pattern).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compares every result with the `regex` crate's on texts with and without non-ASCII
    /// characters.
    fn same(pattern: &str, hays: &[&str]) {
        let ours = Regex::new(pattern).unwrap();
        let theirs = regex::Regex::new(pattern).unwrap();
        for hay in hays {
            let a: Vec<_> = ours.find_iter(hay).map(|m| m.range()).collect();
            let b: Vec<_> = theirs.find_iter(hay).map(|m| m.range()).collect();
            assert_eq!(a, b, "find_iter {pattern:?} on {hay:?}");
            assert_eq!(
                ours.is_match(hay),
                theirs.is_match(hay),
                "is_match {pattern:?} on {hay:?}"
            );
            assert_eq!(
                ours.find(hay).map(|m| m.range()),
                theirs.find(hay).map(|m| m.range()),
                "find {pattern:?} on {hay:?}"
            );
            let groups = theirs.captures_len();
            let a: Vec<Vec<_>> = ours
                .captures_iter(hay)
                .map(|c| (0..groups).map(|i| c.get(i).map(|m| m.range())).collect())
                .collect();
            let b: Vec<Vec<_>> = theirs
                .captures_iter(hay)
                .map(|c| (0..groups).map(|i| c.get(i).map(|m| m.range())).collect())
                .collect();
            assert_eq!(a, b, "captures_iter {pattern:?} on {hay:?}");
        }
    }

    const HAYS: &[&str] = &[
        "",
        "ORR was 45.5% (95% CI 37.1-54.1), p<0.001 in 34 patients",
        "ORR was 45.5%\u{a0}(95%\u{2009}CI 37.1–54.1), p≤0.001 in ३४ patients",
        "Kelvin \u{212a}g and long \u{17f}ign, é12 mg, 12é mg, 12 mgé, café",
        "a\u{301}b ab ñ1 1ñ _x x_ 9\u{ff13}",
        "doses of .032 mg, 0.5 x 10 and 1,000,000 or 12,34",
        "x",
        "é",
    ];

    #[test]
    fn same_results_as_the_regex_crate() {
        for pattern in [
            r"\d+(?:\.\d+)?\s?%",
            r"(?i)\bci\b\s?(?P<lo>\d+(?:\.\d+)?)\s?[-–]\s?(?P<hi>\d+(?:\.\d+)?)",
            r"\A\s?(?i:was|of)\s(?P<v>\d+)",
            r"\b\w+\b",
            r"(?i)k|s",
            r"\B\d",
            r"a*",
            r"(?i:patients?)\b",
            r"[^)]+\)",
            r"\d+\s*mg\z",
            r"(?m)^\w",
            r"x*?",
            r"(?P<n>(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+))(?P<m>\s*x\s*10)?",
            r"\d{1,3}(?:,\d{3})+|\d+",
            // Non-ASCII class members, ranges across 0x7F, set operations, negations.
            r"\d\s?[–-]\s?\d",
            r"[^–)]+\)",
            r"[!-\x{2013}]+",
            r"[\w&&[^\d]]+|[a-z--[aeiou]]",
            r"\W+\d|(?s).\b",
            r"(?i)é\w+|[é-ü]",
            // Taken the long way: Unicode classes, `(?u)` flags, characters that fold to ASCII.
            r"\p{L}+\d",
            r"(?-u:\w)+(?u:\w)",
            r"(?i)\x{212A}g|[ſ]ign|[\x{100}-\x{200}]+",
        ] {
            same(pattern, HAYS);
        }
    }

    /// Long texts take the PikeVM where the backtracker's memory bound stops it.
    #[test]
    fn same_results_on_long_texts() {
        let hay = "x\u{a0}12\u{2009}mg, ñ 3 µg – 7 k\u{17f} ".repeat(20_000);
        for pattern in [
            r"\b(?P<n>\d+)\s(?P<u>\w+)\b",
            r"(?P<n>\d+)\s?(?P<u>[a-zµ]+)",
            r"[^,]+,",
        ] {
            same(pattern, &[&hay]);
        }
    }

    #[test]
    fn searches_after_a_non_ascii_character() {
        let re = Regex::new(r"\b\d+").unwrap();
        let hay = "é12 12";
        let got: Vec<_> = re.find_iter(hay).map(|m| m.as_str()).collect();
        assert_eq!(got, vec!["12"]);
        assert_eq!(re.find("é12"), None);
        assert_eq!(re.find("x é12 3").map(|m| m.as_str()), Some("3"));
    }
}
