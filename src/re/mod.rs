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
//! pattern's answer. Capture groups are read on the match span alone, which the DFA has shown
//! to hold only ASCII (and, past the next paragraph, inert) characters, exactly as the `regex`
//! crate does it.
//!
//! Press releases are not all ASCII, though: quotes, dashes, bullets, signs (’ “ – — • ® ™ ≥
//! ±), special spaces, Greek and accented letters. A pattern treats such a character exactly
//! as its ASCII restriction treats the character's bytes (which it never takes) when no class
//! of the pattern contains it (as `.`, `[^)]`, `\W`, `\S` would), it is no literal of the
//! pattern, and, if the pattern has word boundaries, it is no word character (ASCII `\b`
//! sees its bytes as non-word). Which of a list of common characters (`COMMON`) are so
//! *inert* is read off the syntax tree when the pattern is compiled (a 64-bit mask). When the
//! quitting DFA stops at a non-ASCII character, or the search starts after one, the search is
//! redone by lazy DFAs of the same restriction that do not quit, and that check every
//! non-ASCII character they read (and the one before the search start) against the mask.
//! Their answer stands when all are inert, except an empty match inside a character (which
//! the `regex` crate skips). Only a search that reads another character, or starts inside a
//! character, is redone with the full Unicode pattern, compiled on first need.
//!
//! Compiling is most of the cost of the first call (dozens of patterns, some of thousands of
//! characters), so it is kept to what searches need:
//! - nothing is parsed: `build.rs` translates every pattern of `data/patterns.txt` (the
//!   rules' patterns, as `warm_up` compiles them; `scripts/patterns` rewrites the list) and
//!   writes its syntax tree and inert characters in a compact form (`tree.rs`), which
//!   [`Regex::new`] reads, by the pattern's key, reading the ASCII restriction straight off
//!   it. So the wasm carries no pattern parser and none of its Unicode tables. Native builds
//!   translate the patterns the list lacks (`syntax.rs`, shared with `build.rs`); the wasm
//!   cannot, and makes such a pattern match nothing, which tests/warm_up.rs rules out by
//!   failing while the list is out of date;
//! - one NFA (a shared handle) feeds the forward DFA and, on the first `captures` call, the
//!   capture engines; the reverse DFA (for where an unanchored match starts) comes on first
//!   need too.
//!
//! Engines, by search:
//! - ASCII: forward lazy DFA (match end), reverse lazy DFA (match start), then for capture
//!   groups on the match span the bounded backtracker, or the PikeVM on spans too long for it.
//!   Past inert characters: the same two lazy DFAs without quitting (the forward one run by a
//!   loop that checks each non-ASCII character), then the same capture engines.
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
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock};
use tree::bit;

#[cfg(not(target_arch = "wasm32"))]
mod syntax;
mod tree;

/// The trees `build.rs` wrote for the patterns of `data/patterns.txt`: `INDEX` holds, sorted
/// by [`tree::key`], each pattern's key, inert mask and the offset of its tree in `TREES`. A
/// pattern is found by its key alone: the patterns are the rules' constants, and two of them
/// sharing a 64-bit key fails the build.
mod prebuilt {
    include!(concat!(env!("OUT_DIR"), "/patterns.rs"));
}

/// NFA size limit, as in the `regex` crate.
const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);
/// Lazy DFA cache capacity, as in the `regex` crate.
const CACHE_CAPACITY: usize = 2 * (1 << 20);

/// A compiled regular expression (see the module documentation).
pub struct Regex {
    pattern: Arc<str>,
    ascii: Arc<Ascii>,
    pool: Pool<Caches, CacheFn>,
    /// Where the Unicode tree is, for the Unicode engines.
    source: Source,
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
    /// The reverse automaton it is built from.
    rev_nfa: OnceLock<NFA>,
    /// True when every match starts where the search starts (`\A...`).
    anchored: bool,
    /// The non-ASCII characters that leave the ASCII answer standing (see [`Inert`]).
    inert: Inert,
    /// Forward and reverse lazy DFAs of the ASCII restriction that do not quit, for the
    /// searches that read only inert non-ASCII characters; built on first need.
    loose: OnceLock<Loose>,
    /// The engines that read capture groups, built on the first `captures` call (most
    /// patterns only ever `find`).
    groups: OnceLock<Groups>,
}

/// The NFA engines, for capture groups (and whatever the lazy DFAs cannot answer): the
/// bounded backtracker when the input is short enough, else the PikeVM. Both give the
/// leftmost-first match of the same automaton.
struct Groups {
    backtrack: BoundedBacktracker,
    pikevm: PikeVM,
}

impl Groups {
    /// Engines over `nfa` (a shared handle). Neither fails on an NFA a lazy DFA could be
    /// built from (they have no size limit of their own and accept every look-around).
    fn new(nfa: &NFA) -> Result<Groups, String> {
        Ok(Groups {
            backtrack: BoundedBacktracker::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?,
            pikevm: PikeVM::new_from_nfa(nfa.clone()).map_err(|e| e.to_string())?,
        })
    }

    fn create_cache(&self) -> GroupCaches {
        GroupCaches {
            backtrack: self.backtrack.create_cache(),
            pikevm: self.pikevm.create_cache(),
        }
    }

    fn fits(&self, input: &Input) -> bool {
        input.get_span().len() <= self.backtrack.max_haystack_len()
    }

    /// The capture groups of the leftmost-first match of `input`.
    fn captures(&self, cache: &mut GroupCaches, input: &Input, caps: &mut RaCaptures) {
        let done = self.fits(input)
            && self
                .backtrack
                .try_search(&mut cache.backtrack, input, caps)
                .is_ok();
        if !done {
            self.pikevm.search(&mut cache.pikevm, input, caps);
        }
    }

    /// The span of the leftmost-first match of `input` (two slots: no groups to allocate).
    fn find(&self, cache: &mut GroupCaches, input: &Input) -> Option<(usize, usize)> {
        let mut slots = [None, None];
        let found = if self.fits(input) {
            self.backtrack
                .try_search_slots(&mut cache.backtrack, input, &mut slots)
                .ok()
        } else {
            None
        };
        found
            .unwrap_or_else(|| self.pikevm.search_slots(&mut cache.pikevm, input, &mut slots))
            .and(Some((slots[0]?.get(), slots[1]?.get())))
    }
}

/// See [`Ascii::loose`].
struct Loose {
    fwd: DFA,
    rev: DFA,
}

struct Caches {
    fwd: DfaCache,
    rev: Option<DfaCache>,
    loose_fwd: Option<DfaCache>,
    loose_rev: Option<DfaCache>,
    groups: Option<GroupCaches>,
}

struct GroupCaches {
    backtrack: BacktrackCache,
    pikevm: PikeCache,
}

/// The ASCII restriction of `hir`: equal to `hir` on ASCII haystacks, and no class takes a
/// byte or character beyond ASCII. Rebuilt from the parts, which are moved, not copied.
fn restrict(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(c) => Hir::class(tree::ascii_class(c)),
        HirKind::Look(look) => Hir::look(tree::ascii_look(look)),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(restrict(*r.sub)),
            ..r
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(restrict(*c.sub)),
            ..c
        }),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(restrict).collect()),
        HirKind::Alternation(alts) => Hir::alternation(alts.into_iter().map(restrict).collect()),
    }
}

/// A lazy DFA over `nfa` that quits on every non-ASCII byte. The reverse one (which finds
/// where a leftmost-first match starts) matches as far as it can, as in `regex-automata`.
fn ascii_dfa(nfa: NFA) -> Result<DFA, String> {
    dfa(nfa, true)
}

/// A lazy DFA over `nfa` (see [`ascii_dfa`]), quitting on non-ASCII bytes when `quit`.
fn dfa(nfa: NFA, quit: bool) -> Result<DFA, String> {
    let kind = if nfa.is_reverse() {
        MatchKind::All
    } else {
        MatchKind::LeftmostFirst
    };
    let mut config = DFA::config().match_kind(kind).cache_capacity(CACHE_CAPACITY);
    if quit {
        for b in 0x80..=0xFF {
            config = config.quit(b, true);
        }
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
    fn new(hir: Hir, inert: Inert) -> Result<Ascii, String> {
        let nfa = nfa(&hir, false)?;
        let fwd = ascii_dfa(nfa.clone())?;
        let anchored = nfa.is_always_start_anchored();
        Ok(Ascii {
            hir,
            nfa,
            fwd,
            rev: OnceLock::new(),
            anchored,
            inert,
            rev_nfa: OnceLock::new(),
            loose: OnceLock::new(),
            groups: OnceLock::new(),
        })
    }

    /// The automata that do not quit, over the same NFAs (lazy DFAs cost little to build).
    fn loose(&self) -> &Loose {
        self.loose.get_or_init(|| {
            // Cannot fail where the quitting automata did not.
            let build =
                |nfa: &NFA| dfa(nfa.clone(), false).unwrap_or_else(|e| panic!("ASCII automaton: {e}"));
            Loose {
                fwd: build(&self.nfa),
                rev: build(self.rev_nfa()),
            }
        })
    }

    /// The pattern compiled backwards, on first need.
    fn rev_nfa(&self) -> &NFA {
        self.rev_nfa.get_or_init(|| {
            // It cannot fail where the forward one did not.
            nfa(&self.hir, true).unwrap_or_else(|e| panic!("reverse automaton: {e}"))
        })
    }

    fn groups(&self) -> &Groups {
        // Cannot fail where the lazy DFA did not (see `Groups::new`).
        self.groups
            .get_or_init(|| Groups::new(&self.nfa).unwrap_or_else(|e| panic!("capture engines: {e}")))
    }

    fn rev(&self) -> &DFA {
        self.rev.get_or_init(|| {
            ascii_dfa(self.rev_nfa().clone()).unwrap_or_else(|e| panic!("reverse automaton: {e}"))
        })
    }

    /// The leftmost-first match of `input` when the search reads only ASCII bytes and inert
    /// characters; `Err` when it would have to read another character (the answer must then
    /// come from the Unicode pattern).
    fn search(&self, caches: &mut Caches, input: &Input) -> Result<Option<(usize, usize)>, ()> {
        if input.is_done() {
            return Ok(None);
        }
        let start = input.start();
        if start > 0 && input.haystack().get(start - 1).is_none_or(|&b| b >= 0x80) {
            return self.search_inert(caches, input); // look-behind on a non-ASCII character
        }
        let end = match self.fwd.try_search_fwd(&mut caches.fwd, input) {
            Ok(None) => return Ok(None),
            Ok(Some(m)) => m.offset(),
            Err(_) => return self.search_inert(caches, input),
        };
        if self.starts_at_search(input, end) {
            return Ok(Some((start, end)));
        }
        let rev = self.rev();
        let cache = caches.rev.get_or_insert_with(|| rev.create_cache());
        match_start(rev, cache, input, end)
    }

    /// True when the match ending at `end` starts where the search does: it is empty, or
    /// anchored, or only whether there is one matters.
    fn starts_at_search(&self, input: &Input, end: usize) -> bool {
        end == input.start() || self.anchored || input.get_anchored().is_anchored() || input.get_earliest()
    }

    /// [`Ascii::search`] past non-ASCII characters, by the automata that do not quit, when
    /// every non-ASCII character the search reads is inert; `Err` otherwise, and for empty
    /// matches inside a character (which the `regex` crate skips).
    fn search_inert(&self, caches: &mut Caches, input: &Input) -> Result<Option<(usize, usize)>, ()> {
        if self.inert.0 == 0 {
            return Err(());
        }
        let hay = input.haystack();
        let start = input.start();
        if !boundary(hay, start) || !boundary(hay, input.end()) {
            return Err(());
        }
        if start > 0 && hay.get(start - 1).is_none_or(|&b| b >= 0x80) {
            let lead = (start.saturating_sub(4)..start)
                .rev()
                .find(|&i| hay.get(i).is_some_and(|&b| b >= 0xC0));
            if !lead.is_some_and(|i| self.inert.at(hay, i)) {
                return Err(());
            }
        }
        let loose = self.loose();
        let fwd = caches.loose_fwd.get_or_insert_with(|| loose.fwd.create_cache());
        let end = match find_fwd_inert(&loose.fwd, fwd, input, self.inert)? {
            None => return Ok(None),
            Some(end) => end,
        };
        if !boundary(hay, end) {
            return Err(()); // an empty match inside a character
        }
        if self.starts_at_search(input, end) {
            return Ok(Some((start, end)));
        }
        // The reverse search reads the bytes the forward one has checked, and the one
        // before the start.
        let cache = caches.loose_rev.get_or_insert_with(|| loose.rev.create_cache());
        match_start(&loose.rev, cache, input, end)
    }
}

/// The characters of [`COMMON`] that a pattern treats exactly as its ASCII restriction treats
/// their bytes (see `syntax::inert`).
#[derive(Clone, Copy)]
struct Inert(u64);

impl Inert {
    /// True when the character starting at `hay[i]` is one of the inert ones.
    fn at(self, hay: &[u8], i: usize) -> bool {
        let len = match hay.get(i) {
            Some(0xC0..=0xDF) => 2,
            Some(0xE0..=0xEF) => 3,
            _ => return false,
        };
        let c = hay
            .get(i..i + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|s| s.chars().next());
        c.is_some_and(|c| self.0 & bit(c) != 0)
    }
}

/// The span of the leftmost-first match of `input` that ends at `end`, its start found by the
/// reverse lazy DFA `rev`; `Err` when it gives up, or finds a start inside a character.
fn match_start(
    rev: &DFA,
    cache: &mut DfaCache,
    input: &Input,
    end: usize,
) -> Result<Option<(usize, usize)>, ()> {
    let span = input.clone().anchored(Anchored::Yes).range(input.start()..end);
    match rev.try_search_rev(cache, &span) {
        Ok(Some(m)) if boundary(input.haystack(), m.offset()) => Ok(Some((m.offset(), end))),
        _ => Err(()),
    }
}

/// True when `i` is at a character boundary of `hay` (or past its end).
fn boundary(hay: &[u8], i: usize) -> bool {
    hay.get(i).is_none_or(|&b| !(0x80..0xC0).contains(&b))
}

/// The end of the leftmost-first match of `input` by the lazy DFA `dfa` (which does not
/// quit), as `DFA::try_search_fwd` finds it, provided every non-ASCII character the search
/// reads (from `input.start()` on, including the one after the end for look-ahead) is
/// `inert`; `Err` otherwise, or when the DFA gives up.
fn find_fwd_inert(dfa: &DFA, cache: &mut DfaCache, input: &Input, inert: Inert) -> Result<Option<usize>, ()> {
    let hay = input.haystack();
    let mut sid = dfa.start_state_forward(cache, input).map_err(drop)?;
    let mut found = None;
    let mut at = input.start();
    while let Some(&b) = hay.get(at).filter(|_| at < input.end()) {
        // Lead bytes are checked; continuation bytes belong to a checked character.
        if b >= 0xC0 && !inert.at(hay, at) {
            return Err(());
        }
        sid = dfa.next_state(cache, sid, b).map_err(drop)?;
        if sid.is_tagged() {
            if sid.is_match() {
                found = Some(at);
                if input.get_earliest() {
                    return Ok(found);
                }
            } else if sid.is_dead() {
                return Ok(found);
            } else if sid.is_quit() {
                return Err(());
            }
        }
        at += 1;
    }
    sid = match hay.get(at) {
        Some(&b) => {
            if b >= 0xC0 && !inert.at(hay, at) {
                return Err(());
            }
            dfa.next_state(cache, sid, b)
        }
        None => dfa.next_eoi_state(cache, sid),
    }
    .map_err(drop)?;
    if sid.is_match() {
        found = Some(at);
    }
    Ok(found)
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
    /// The pattern's tree (for the reverse automaton).
    hir: Hir,
    /// The pattern, with every capture group.
    nfa: NFA,
    /// Forward lazy DFA; `None` with Unicode word boundaries.
    fwd: Option<DFA>,
    /// Reverse lazy DFA, built on first need (`None` when it cannot be).
    rev: OnceLock<Option<DFA>>,
    groups: Groups,
}

struct UnicodeCaches {
    fwd: Option<DfaCache>,
    rev: Option<DfaCache>,
    groups: GroupCaches,
}

impl Unicode {
    fn new(hir: Hir) -> Result<Unicode, String> {
        let nfa = nfa(&hir, false)?;
        // No lazy DFA either when it cannot be built within the cache capacity (as with the
        // `regex` crate, the NFA engines then do all the work).
        let fwd = if nfa.look_set_any().contains_word_unicode() {
            None
        } else {
            dfa(nfa.clone(), false).ok()
        };
        let engines = Arc::new(UnicodeEngines {
            hir,
            groups: Groups::new(&nfa)?,
            nfa,
            fwd,
            rev: OnceLock::new(),
        });
        let e = Arc::clone(&engines);
        let create: UnicodeCacheFn = Box::new(move || UnicodeCaches {
            fwd: e.fwd.as_ref().map(DFA::create_cache),
            rev: None,
            groups: e.groups.create_cache(),
        });
        Ok(Unicode {
            engines,
            pool: Pool::new(create),
        })
    }

    fn create_captures(&self) -> RaCaptures {
        self.engines.groups.pikevm.create_captures()
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
        let rev = e
            .rev
            .get_or_init(|| nfa(&e.hir, true).and_then(|nfa| dfa(nfa, false)).ok());
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

    fn search(&self, input: &Input) -> Option<(usize, usize)> {
        let mut caches = self.pool.get();
        match self.dfa_search(&mut caches, input) {
            Ok(m) => m,
            Err(()) => self.engines.groups.find(&mut caches.groups, input),
        }
    }

    fn captures(&self, input: &Input, caps: &mut RaCaptures) {
        let mut caches = self.pool.get();
        match self.dfa_search(&mut caches, input) {
            Ok(None) => caps.set_pattern(None),
            Ok(Some((start, end))) => {
                let span = input.clone().anchored(Anchored::Yes).range(start..end);
                self.engines.groups.captures(&mut caches.groups, &span, caps);
            }
            Err(()) => self.engines.groups.captures(&mut caches.groups, input, caps),
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

/// How many patterns [`Regex::new`] did not find in `data/patterns.txt` in this process: the
/// wasm makes those match nothing, so the tests require 0 after [`crate::warm_up`] on every
/// target (tests/warm_up.rs natively, tests/wasm_node.rs in the wasm).
pub fn unlisted() -> usize {
    UNLISTED.load(Ordering::Relaxed)
}

static UNLISTED: AtomicUsize = AtomicUsize::new(0);

/// The places in the source (file, line) that have called [`Regex::new`] in this process:
/// tests/warm_up.rs checks that [`crate::warm_up`] reaches every call of the library's rules,
/// so that `data/patterns.txt` lists every pattern they can compile.
#[cfg(not(target_arch = "wasm32"))]
pub fn call_sites() -> Vec<(String, u32)> {
    SITES
        .lock()
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
static SITES: std::sync::Mutex<std::collections::BTreeSet<(String, u32)>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// The patterns compiled so far in this process, sorted: after [`crate::warm_up`], the
/// patterns `data/patterns.txt` must list (tests/warm_up.rs checks it).
#[cfg(not(target_arch = "wasm32"))]
pub fn seen() -> Vec<String> {
    SEEN.lock()
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
static SEEN: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Where the tree of a pattern comes from.
enum Source {
    /// At this offset of the prebuilt trees.
    Prebuilt(usize),
    /// Translated from the pattern (native builds, for patterns `data/patterns.txt` lacks).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    Translated(Hir),
}

/// The reader of the prebuilt trees (`None` if they were damaged, which the tests rule out).
static TREES: LazyLock<Option<tree::Reader<'static>>> = LazyLock::new(|| tree::Reader::new(prebuilt::TREES));

impl Source {
    /// The pattern's tree (with Unicode), or its ASCII restriction when `ascii`.
    fn hir(&self, ascii: bool) -> Result<Hir, String> {
        match self {
            Source::Prebuilt(at) => TREES
                .as_ref()
                .and_then(|r| r.tree(*at, ascii))
                .ok_or_else(|| "damaged pattern tree".to_string()),
            Source::Translated(hir) if ascii => Ok(restrict(hir.clone())),
            Source::Translated(hir) => Ok(hir.clone()),
        }
    }
}

/// The inert characters and the tree of `pattern` when `data/patterns.txt` lists it.
fn lookup(pattern: &str) -> Option<(Inert, Source)> {
    let key = tree::key(pattern);
    let i = prebuilt::INDEX.binary_search_by_key(&key, |e| e.0).ok()?;
    let (_, inert, at) = prebuilt::INDEX[i];
    Some((Inert(inert), Source::Prebuilt(at as usize)))
}

/// The inert characters and the tree of a pattern `data/patterns.txt` does not list:
/// translated natively.
#[cfg(not(target_arch = "wasm32"))]
fn translated(pattern: &str) -> Result<(Inert, Source), String> {
    let c = syntax::translate(pattern)?;
    Ok((Inert(c.inert), Source::Translated(c.hir)))
}

/// The wasm has no pattern parser: a pattern `data/patterns.txt` does not list matches
/// nothing. The tests make sure every pattern the rules compile is listed.
#[cfg(target_arch = "wasm32")]
fn translated(_pattern: &str) -> Result<(Inert, Source), String> {
    Ok((Inert(0), Source::Translated(Hir::fail())))
}

impl Regex {
    /// Compiles `pattern` (the syntax of the `regex` crate), from its prebuilt trees when
    /// `data/patterns.txt` lists it (see the module documentation).
    #[track_caller]
    pub fn new(pattern: &str) -> Result<Regex, String> {
        COMPILED.fetch_add(1, Ordering::Relaxed);
        #[cfg(not(target_arch = "wasm32"))]
        {
            let at = std::panic::Location::caller();
            if let Ok(mut sites) = SITES.lock() {
                sites.insert((at.file().to_string(), at.line()));
            }
            if let Ok(mut seen) = SEEN.lock() {
                seen.insert(pattern.to_string());
            }
        }
        let (inert, source) = match lookup(pattern) {
            Some(found) => found,
            None => {
                UNLISTED.fetch_add(1, Ordering::Relaxed);
                translated(pattern)?
            }
        };
        if cfg!(debug_assertions) {
            // The tests build every pattern's Unicode engines, which release builds build
            // only on the first search that needs them (see `unicode`).
            Unicode::new(source.hir(false)?)?;
        }
        let ascii = Arc::new(Ascii::new(source.hir(true)?, inert)?);
        let engines = Arc::clone(&ascii);
        let create: CacheFn = Box::new(move || Caches {
            fwd: engines.fwd.create_cache(),
            rev: None,
            loose_fwd: None,
            loose_rev: None,
            groups: None,
        });
        Ok(Regex {
            pattern: Arc::from(pattern),
            ascii,
            pool: Pool::new(create),
            source,
            unicode: OnceLock::new(),
        })
    }

    /// The pattern.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The full Unicode pattern, compiled on first need.
    fn unicode(&self) -> &Unicode {
        // Debug builds build these engines in `new` already; the patterns are the rules'
        // constants, and the tests compile them all (tests/warm_up.rs), so a release build
        // meets no pattern whose engines the tests did not build.
        self.unicode.get_or_init(|| {
            self.source
                .hir(false)
                .and_then(Unicode::new)
                .unwrap_or_else(|e| panic!("pattern {:?}: {e}", self.pattern))
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
                let c = caches.groups.get_or_insert_with(|| g.create_cache());
                let mut caps = g.pikevm.create_captures();
                let span = input.clone().anchored(Anchored::Yes).range(start..end);
                g.captures(c, &span, &mut caps);
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

// Native only: they translate patterns, which the wasm cannot (and `wasm-pack test` runs only
// the tests in tests/wasm_*.rs).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::syntax::WORD;
    use super::tree::COMMON;
    use super::*;

    /// The trees `build.rs` wrote are those the patterns translate to, and the index finds
    /// every pattern of the list by its key.
    #[test]
    fn prebuilt_trees_are_the_translated_ones() {
        let list = include_str!("../../data/patterns.txt");
        assert!(list.lines().count() > 100, "the rules have over 100 patterns");
        assert_eq!(prebuilt::INDEX.len(), list.lines().count());
        for pattern in list.lines() {
            let c = syntax::translate(pattern).unwrap();
            let Some((inert, source @ Source::Prebuilt(_))) = lookup(pattern) else {
                panic!("{pattern:?} is not prebuilt");
            };
            assert_eq!(inert.0, c.inert, "inert characters of {pattern:?}");
            assert!(source.hir(false).unwrap() == c.hir, "tree of {pattern:?}");
            assert!(
                source.hir(true).unwrap() == restrict(c.hir),
                "ASCII tree of {pattern:?}"
            );
        }
        assert!(lookup("(?:not a pattern of the rules)").is_none());
    }

    /// Trees of every kind read back as written; bytes that are no tree read as `None`.
    #[test]
    fn trees_round_trip() {
        // Over 248 classes, so that some take the two-byte reference.
        let many: String = (0..300u32)
            .map(|i| {
                let c = |n| char::from_u32(0x100 + n).unwrap();
                format!("[{}-{}]", c(2 * i), c(2 * i + 1))
            })
            .collect();
        let patterns = [
            r"(?i)\bcaf\xe9s?\b",
            r"(?P<n>\d{1,3}(?:,\d{3})*)\s?(?:mg|g)(?:/kg)??",
            r"\A(?:a|b|[c-f\p{Greek}])+?x{2,}\z",
            r"(?-u:\w+)[^)]*\W.",
            "",
            &many,
        ];
        let mut w = tree::Writer::default();
        let hirs: Vec<Hir> = patterns
            .iter()
            .map(|p| syntax::translate(p).unwrap().hir)
            .collect();
        for hir in &hirs {
            w.add(hir);
        }
        let (bytes, offsets) = w.finish();
        let r = tree::Reader::new(&bytes).unwrap();
        for (at, hir) in offsets.into_iter().zip(&hirs) {
            assert!(r.tree(at, false).as_ref() == Some(hir), "{hir:?}");
            assert!(r.tree(at, true) == Some(restrict(hir.clone())), "ASCII {hir:?}");
        }
        let bad: [&[u8]; 6] = [
            &[],
            &[0, 9],
            &[0, 1, 5, b'a'],
            &[0, 6, 2, 0],
            &[0, 2, 0x80],
            &[0, 3, 0xff, 0xff, 0xff, 0xff, 0x7f],
        ];
        for bytes in bad {
            assert!(
                tree::Reader::new(bytes).and_then(|r| r.tree(1, false)).is_none(),
                "{bytes:?}"
            );
        }
    }

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

    /// Texts full of the non-ASCII characters of press releases, at every kind of place: the
    /// start, the end, beside matches, inside words and numbers, before search starts.
    const PUNCTUATED: &[&str] = &[
        "\u{2013}12\u{a0}mg \u{2014} 5\u{2009}µg/kg\u{2019}s \u{201c}ORR\u{201d} 45% (95% CI 37\u{2013}54)\u{2022}",
        "•\u{a0}Patients aged ≥18 years (n\u{202f}=\u{202f}120) received 10 mg ± 2; p≤0.05™ ®",
        "Grade ≥3 AEs: 4%–6%, café-au-lait, naïve, Müller’s, αβ T cells, ×3 daily, 37°C, ½ dose…",
        "x’ ’x 1–2 a—b ©2026 ™ \u{feff}start\u{200b}zero \u{ad}soft \u{2212}3 \u{2192} \u{2248}4 €5 \u{3bc}g",
        "’", "x–", "–x", "12 mg–", "é", "éé mg", "a\u{b5}b 5\u{b5}g 5 \u{b5}g \u{2011}",
    ];

    /// Patterns whose classes leave most of those characters out, beside ones that take them
    /// (negated classes, `.`, `\W`, `\S`, `\D`, literals, word boundaries, `(?i)`), with
    /// capture groups, anchors and empty matches.
    #[test]
    fn same_results_past_inert_characters() {
        for pattern in [
            r"(?P<n>\d+(?:\.\d+)?)\s?(?P<u>mg|g|kg)\b",
            r"\d+(?:\.\d+)?\s?%",
            r"\b[A-Z]{2,}\b",
            r"(?i)\bgrade\s?(?P<g>\d)",
            r"(?i)ci\s?(?P<lo>\d+)\s?[-–]\s?(?P<hi>\d+)",
            r"[a-z]+",
            r"\w+",
            r"\W+",
            r"\S+",
            r"\D+\d",
            r"[^)]+\)",
            r"[^–)]+",
            r"[^\w\s]",
            r".\d",
            r"\d*",
            r"x*",
            r"\B",
            r"\b",
            r"(?m)^\w+$",
            r"\A\s*\d+",
            r"\d+\z",
            r"[!-~&&[^a-z]]+|[a-z--[aeiou]]",
            r"mg|µg|μg",
            r"≥\s?\d+",
            r"(?i)x|µ",
            r"(?i:é)|[à-ü]+",
            r"\b\d+\b|(?-u:\b)x",
            r"\p{Pd}|\d",
        ] {
            same(pattern, PUNCTUATED);
            same(pattern, HAYS);
        }
    }

    /// The masks of `\d`, `\s`, `\w` and of the cased characters are those of the Unicode
    /// tables the patterns are translated with.
    #[test]
    fn common_character_masks() {
        for (i, &c) in COMMON.iter().enumerate() {
            assert!(COMMON.len() <= 64 && (i == 0 || COMMON[i - 1] < c), "sorted");
            assert!(!c.is_ascii());
            assert_eq!(
                regex_syntax::try_is_word_character(c).unwrap(),
                WORD & 1 << i != 0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn inert_characters_by_pattern() {
        let of = |pattern: &str| syntax::translate(pattern).unwrap().inert;
        let inert = |pattern: &str, c: char| of(pattern) & bit(c) != 0;
        // Neither `\d` nor `\s` nor `m`, `g` takes a dash or a quote; `\s` takes NBSP.
        assert!(inert(r"\d+\s?mg", '–') && inert(r"\d+\s?mg", '’'));
        assert!(!inert(r"\d+\s?mg", '\u{a0}'));
        // Word boundaries see letters, `\w` takes them; a dash is neither.
        assert!(inert(r"\bmg\b", '–') && !inert(r"\bmg\b", 'é') && !inert(r"\w+", 'µ'));
        assert!(inert(r"\d+", 'é'));
        // Negated classes and `.` take what they do not exclude.
        assert!(!inert(r"[^)]+", '–') && inert(r"[^–)]+", '–') && !inert(r"\W", '–'));
        assert!(!inert(r".", '’') && inert(r"\W", 'é') && !inert(r"\S", '•'));
        // Literals, also in classes and ranges, and case variants under `(?i)`.
        assert!(!inert(r"–", '–') && !inert(r"[x–]", '–') && !inert(r"[\x{2000}-\x{2100}]", '’'));
        assert!(!inert(r"(?i)µg", '\u{3bc}') && inert(r"µg", '\u{3bc}') && inert(r"(?i)mg", 'µ'));
        // Unicode classes, and byte classes (ASCII ones read no other character).
        assert!(!inert(r"\p{L}+", 'é') && inert(r"\p{L}+", '–'));
        assert_eq!(of(r"(?-u:\w)+"), of(""));
        assert_eq!(of(""), (1 << COMMON.len()) - 1);
    }

    /// Searches that read only ASCII and inert characters never compile the Unicode engines.
    #[test]
    fn inert_characters_leave_the_unicode_engines_uncompiled() {
        let re = Regex::new(r"(?P<n>\d+)\s?mg\b").unwrap();
        let hay = "“Doses” – 10 mg, 20mg — and ’30 mg’ ≥ 5 mg•";
        let got: Vec<_> = re
            .captures_iter(hay)
            .map(|c| c.name("n").unwrap().as_str())
            .collect();
        assert_eq!(got, ["10", "20", "30", "5"]);
        assert!(re.is_match("– 7 mg –"));
        assert!(re.unicode.get().is_none());
        // A character a class takes does need them.
        assert_eq!(re.find("7\u{a0}mg").map(|m| m.as_str()), Some("7\u{a0}mg"));
        assert!(re.unicode.get().is_some());
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
