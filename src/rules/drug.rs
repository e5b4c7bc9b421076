//! DRUG: named therapeutic agents, from several signals, as no single one is enough:
//!
//! - the embedded lexicon of FDA substance names (generics, brands, development codes), with
//!   canonical names ([`crate::lexicon`]);
//! - INN stem morphology for names no list has yet (`-mab`, `-tinib`, `-siran`, ...: the table
//!   is `data/inn_stems.txt`), extended over second words ("trastuzumab deruxtecan"), salts
//!   ("imatinib mesylate"), formulation words ("octreotide LAR") and the FDA four-letter
//!   suffixes of biologics ("lecanemab-irmb");
//! - development-code patterns (MK-3475, BAY 94-9343, CP-690,550, mRNA-1273, T-DM1);
//! - cues: a capitalised word followed by ®/™/(R)/(TM); "Brand (generic)", "generic (Brand)",
//!   "generic (CODE)" and "(formerly CODE)" pairs, whose members share one canonical name;
//! - tables of named components (payloads, adjuvants, antibodies), regimen abbreviations,
//!   radioligands, short forms of cell therapies ("cilta-cel") and named vaccines.
//!
//! Document-level propagation (a name found once is found at every occurrence) runs after
//! overlaps are resolved: see [`crate::propagate`].

use super::Doc;
use crate::entity::{Attrs, Label, Span};
use crate::lexicon::{self, NameKind};
use crate::re::Regex;
use crate::resolve::Candidate;
use crate::text::{char_at, char_before, is_word_char};
use std::sync::LazyLock;
use tables::*;

mod tables;

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

static INN_STEMS: &str = include_str!(concat!(env!("OUT_DIR"), "/inn_stems.txt"));
static STEM_EXCEPTIONS: &str = include_str!(concat!(env!("OUT_DIR"), "/stem_exceptions.txt"));
static STOPLIST: &str = include_str!(concat!(env!("OUT_DIR"), "/stoplist.txt"));
static STOPLIST_ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/stoplist_english.txt"));

/// The parsed word lists.
struct Vocab {
    /// Stems indexed by their last two letters: `(ending, minimum word length)`.
    stems: Vec<Vec<(&'static str, usize)>>,
    /// Whole words that continue a generic ("alfa", "pegol").
    second_words: Vec<&'static str>,
    /// Endings of words that continue a generic ("-vedotin", "-leucel").
    second_ends: Vec<&'static str>,
    /// Salt words, any case.
    salts: Vec<&'static str>,
    /// Formulation words, exact case.
    forms: Vec<&'static str>,
    /// Lower-case words never tagged by the stem rule nor taken as brands: English words that
    /// end in a stem, and the stop-lists. Sorted.
    stop: Vec<&'static str>,
}

fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

fn stem_slot(a: u8, b: u8) -> Option<usize> {
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| usize::from(a - b'a') * 26 + usize::from(b - b'a'))
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let mut v = Vocab {
        stems: vec![Vec::new(); 26 * 26],
        second_words: Vec::new(),
        second_ends: Vec::new(),
        salts: Vec::new(),
        forms: Vec::new(),
        stop: Vec::new(),
    };
    let mut section = "";
    for line in lines(INN_STEMS) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        match section {
            "stem" => {
                let mut parts = line.split_whitespace();
                let ending = parts.next().unwrap_or("");
                let min = parts
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(ending.len() + 3);
                let b = ending.as_bytes();
                if let Some(slot) = b.len().checked_sub(2).and_then(|i| stem_slot(b[i + 1], b[i])) {
                    v.stems[slot].push((ending, min));
                }
            }
            "second" => match line.strip_prefix('=') {
                Some(word) => v.second_words.push(word),
                None => v.second_ends.push(line),
            },
            "salt" if line.bytes().all(|b| !b.is_ascii_uppercase()) => v.salts.push(line),
            "salt" => v.forms.push(line),
            _ => {}
        }
    }
    for src in [STEM_EXCEPTIONS, STOPLIST, STOPLIST_ENGLISH] {
        v.stop.extend(lines(src).filter(|l| !l.starts_with('!')));
    }
    crate::sort::sort(&mut v.stop);
    v.stop.dedup();
    v
});

/// Lower-cases an ASCII word into `buf`; `None` when it does not fit or is not ASCII.
fn lower<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

fn is_stopped(lower_word: &str) -> bool {
    VOCAB.stop.binary_search(&lower_word).is_ok()
}

/// True when `word` is lower case, Capitalised or ALL CAPS ASCII letters.
fn plain_shape(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b.iter().all(u8::is_ascii_alphabetic)
        && (b[1..].iter().all(u8::is_ascii_lowercase) || b.iter().all(u8::is_ascii_uppercase))
}

/// True when `text[start..end]` names a drug by itself: a lexicon name (brands written with
/// capitals), a word the INN-stem rule takes, or a lettered or "alfa" name. For rules of other
/// dimensions that need to know whether a word is a drug ("weekly semaglutide").
pub fn is_drug_name(text: &str, start: usize, end: usize) -> bool {
    let Some(word) = text.get(start..end) else {
        return false;
    };
    let lexicon_name = lexicon::longest_at(text, start).is_some_and(|m| {
        m.end == end && (m.kind != NameKind::Brand || word.bytes().any(|b| b.is_ascii_uppercase()))
    });
    lexicon_name || is_stem_word(word)
}

/// True when `word` looks like an INN: it ends in a stem, is long enough, and is not an English
/// word or a stop-listed name.
pub fn is_stem_word(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() < 6 {
        return false;
    }
    // Most words end in two letters no stem ends in.
    let slot = stem_slot(
        b[b.len() - 1].to_ascii_lowercase(),
        b[b.len() - 2].to_ascii_lowercase(),
    );
    if slot.is_none_or(|k| VOCAB.stems[k].is_empty()) || !plain_shape(word) {
        return false;
    }
    let mut buf = [0u8; 64];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    let b = w.as_bytes();
    let Some(slot) = stem_slot(b[b.len() - 1], b[b.len() - 2]) else {
        return false;
    };
    VOCAB.stems[slot]
        .iter()
        .any(|&(ending, min)| w.len() >= min && w.ends_with(ending))
        && !is_stopped(w)
        && !NOT_STEM_ENDINGS.iter().any(|e| w.ends_with(e))
}

fn is_second_word(word: &str) -> bool {
    let mut buf = [0u8; 64];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    VOCAB.second_words.contains(&w)
        || (w.bytes().all(|b| b.is_ascii_lowercase())
            && VOCAB
                .second_ends
                .iter()
                .any(|e| w.len() >= e.len() + 2 && w.ends_with(e))
            && !is_stopped(w))
}

fn is_salt(word: &str) -> bool {
    VOCAB.salts.iter().any(|s| s.eq_ignore_ascii_case(word))
}

fn is_form(word: &str) -> bool {
    VOCAB.forms.contains(&word)
}

// ---------------------------------------------------------------------------------------------
// Patterns (the word tables are in `drug/tables.rs`)
// ---------------------------------------------------------------------------------------------

/// The code patterns, anchored: they are tried at word starts that look like codes, on a short
/// window of text, so no pattern runs over the whole text.
static CODES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    let anchored: Vec<(&'static str, String)> = CODE_RULES
        .iter()
        .map(|&(id, p)| (id, format!(r"\A(?:{p})")))
        .collect();
    let table: Vec<(&'static str, &str)> = anchored.iter().map(|(id, p)| (*id, p.as_str())).collect();
    super::compile(&table)
});
static RADIOLIGAND: LazyLock<Regex> = LazyLock::new(|| {
    let isotopes = ISOTOPES.join("|");
    Regex::new(&format!(
        r"\A\[?(?:{isotopes})\]?(?:-|\x20)?[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b"
    ))
    .unwrap()
});
static RADIOLIGAND_INN: LazyLock<Regex> = LazyLock::new(|| {
    // USAN "lutetium Lu 177 vipivotide", INN "lutetium (177Lu) vipivotide"
    Regex::new(r"\A(?i:lutetium|actinium|radium|yttrium|iodine|thorium|lead|samarium|strontium)\x20(?:(?:Lu|Ac|Ra|Y|I|Th|Pb|Sm|Sr)[\x20-]?\d{2,3}|\(\d{2,3}\x20?(?:Lu|Ac|Ra|Y|I|Th|Pb|Sm|Sr)\))\x20[a-z]{4,}\b").unwrap()
});
static FORMERLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[(,]\x20?(?:formerly(?:\x20known\x20as)?|previously(?:\x20known\x20as)?|also\x20known\x20as|a\.k\.a\.)",
        r"\x20+([A-Z][A-Za-z0-9]*(?:[-\x20]\d[A-Za-z0-9]*|-[A-Z][A-Za-z0-9]*)?)\b",
    ))
    .unwrap()
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// True when the text before `end` ends in an antibody stem (-mab, -bart, -tug, -mig).
fn antibody_end(head: &str) -> bool {
    ["mab", "bart", "tug", "mig"].iter().any(|s| head.ends_with(s))
}

fn is_space_byte(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    match b.get(i) {
        Some(b' ' | b'\t') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// The word after `pos` when only spaces separate them: letters and digits, with "-2b" style
/// tails ("alfa-2b", "beta-1a"). Returns `(start, end)`.
fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut i = pos;
    let mut gap = 0;
    loop {
        let n = is_space_byte(text, i);
        if n == 0 {
            break;
        }
        i += n;
        gap += 1;
        if gap > 3 {
            return None;
        }
    }
    if gap == 0 {
        return None;
    }
    let start = i;
    let mut end = word_end(text, start);
    if end == start {
        return None;
    }
    // "-2b", "-1a": a digit tail
    if text.as_bytes().get(end) == Some(&b'-') && text.as_bytes().get(end + 1).is_some_and(u8::is_ascii_digit)
    {
        end = word_end(text, end + 1);
    }
    Some((start, end))
}

/// End of the run of word characters starting at `start`.
fn word_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or("");
    // ASCII byte by byte; characters from the first non-ASCII byte on.
    let mut k = 0;
    while let Some(&b) = rest.as_bytes().get(k) {
        if b.is_ascii_alphanumeric() || b == b'_' {
            k += 1;
        } else if b.is_ascii() {
            return start + k;
        } else {
            let tail = rest.get(k..).unwrap_or("");
            return start + k + tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
        }
    }
    start + k
}

/// True when the word at `start..end` stands alone: not glued to a word before it by a hyphen
/// ("anti-" compounds) and not followed by more word characters.
fn free_standing(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    if before.is_some_and(is_word_char) || char_at(text, end).is_some_and(is_word_char) {
        return false;
    }
    !inside_compound(text, start)
}

/// True when `start` follows a hyphen that follows a word ("anti-" in "anti-PD-1").
fn inside_compound(text: &str, start: usize) -> bool {
    char_before(text, start) == Some('-')
        && start >= 2
        && char_before(text, start - 1).is_some_and(is_word_char)
}

/// True when the byte after `end` ends a salt or formulation word ("ER" in "ER-positive" does
/// not).
fn clean_end(text: &str, end: usize) -> bool {
    !matches!(char_at(text, end), Some(c) if is_word_char(c) || c == '-')
}

/// True when the words after a generic at `end` show it names a target or class.
fn target_use(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let word_after = |r: &str| -> String {
        r.chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    if let Some(r) = rest.strip_prefix('-') {
        return NOT_DRUG_HYPHEN.contains(&word_after(r).as_str());
    }
    match next_word(text, end) {
        Some((ws, _)) => NOT_DRUG_NEXT.contains(&word_after(&text[ws..]).as_str()),
        None => false,
    }
}

/// Extends a generic or brand name over its FDA biologic suffix, second words, salts and
/// formulation words. Returns the new end and the end of the part that names the moiety (for
/// the canonical name).
fn extend(text: &str, end: usize, generic: bool) -> (usize, usize) {
    let mut end = end;
    let mut name_end = end;
    let b = text.as_bytes();
    // The FDA suffix: four lower-case letters, or capitals after a name in capitals.
    let caps = end > 0 && b[end - 1].is_ascii_uppercase();
    let suffix_letter = |c: &u8| {
        if caps {
            c.is_ascii_uppercase()
        } else {
            c.is_ascii_lowercase()
        }
    };
    if generic
        && b.get(end) == Some(&b'-')
        && b.get(end + 1..end + 5)
            .is_some_and(|s| s.iter().all(suffix_letter))
        && !char_at(text, end + 5).is_some_and(|c| is_word_char(c) || c == '-')
        && !NOT_SUFFIXES.contains(&text[end + 1..end + 5].to_ascii_lowercase().as_str())
    {
        end += 5;
    }
    // "mitomycin C", "amphotericin B", "cyclosporine A"
    let tail = text[..end]
        .char_indices()
        .rev()
        .nth(6)
        .map_or(&text[..end], |(k, _)| &text[k..end])
        .to_ascii_lowercase();
    if generic && LETTER_NAMED.iter().any(|e| tail.ends_with(e)) {
        if let Some((ws, we)) = next_word(text, end) {
            if we == ws + 1 && matches!(b[ws], b'A'..=b'D') && clean_end(text, we) {
                end = we;
                name_end = we;
            }
        }
    }
    for _ in 0..3 {
        let Some((ws, we)) = next_word(text, end) else {
            break;
        };
        let w = &text[ws..we];
        // "maridebart cafraglutide": an antibody joined to a peptide in one name
        let joined = generic
            && name_end == end
            && antibody_end(&text[..end])
            && w.ends_with("tide")
            && is_stem_word(w)
            && w.bytes().all(|c| c.is_ascii_lowercase());
        if generic && name_end == end && (is_second_word(w) || joined) {
            end = we;
            name_end = we;
            // "... deruxtecan-nxki"
            if b.get(end) == Some(&b'-') {
                let (e, _) = extend(text, end, true);
                if e == end + 5 {
                    end = e;
                }
            }
        } else if ((generic && is_salt(w)) || is_form(w)) && clean_end(text, we) {
            end = we;
        } else {
            break;
        }
    }
    (end, name_end)
}

fn drug(
    span: Span,
    rule: &'static str,
    priority: u8,
    kind: &'static str,
    canonical: Option<String>,
) -> Candidate {
    Candidate::new(Label::Drug, span, rule)
        .priority(priority)
        .attrs(Attrs {
            kind: Some(kind),
            canonical,
            ..Attrs::default()
        })
}

/// The canonical name of a generic found by the rules: the lexicon's when it knows the name
/// (or its moiety), else the name itself, lower case, salt and formulation words left out.
fn generic_canonical(text: &str, start: usize, name_end: usize) -> String {
    let name = text.get(start..name_end).unwrap_or("");
    lexicon::canonical(name).unwrap_or_else(|| lexicon::normalise(name))
}

fn code_prefix(code: &str) -> &str {
    let end = code
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(code.len());
    &code[..end]
}

/// True for a code-pattern match that is not a drug code: registry and conference numbers,
/// years, mutations ("V600E"), gene names.
fn not_a_code(code: &str) -> bool {
    let prefix = code_prefix(code);
    if NOT_CODES.contains(&prefix) {
        return true;
    }
    let spaced = code.as_bytes().get(prefix.len()) == Some(&b' ');
    let digits: String = code
        .chars()
        .skip(prefix.len())
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    // "ESMO 2024", "FY2023"; not a known code that happens to end in a year ("GP2017")
    if year && (spaced || code.len() == prefix.len() + 4) && lexicon::code(code).is_none() {
        return true;
    }
    if spaced && digits.len() == 5 && US_STATES.contains(&prefix) {
        return true; // "NJ 07033": a ZIP code
    }
    // one letter, digits, one letter: a mutation
    if prefix.len() == 1 && code.ends_with(|c: char| c.is_ascii_uppercase()) && digits.len() < 5 {
        return true;
    }
    // one letter needs a long number: E7080, S-217622
    prefix.len() == 1 && digits.len() < 4 && !code.contains('-')
}

/// True for "HCTZ 320 mg": letters, a space and a number followed by a dose unit.
fn dose_like(text: &str, code: &str, end: usize) -> bool {
    let prefix = code_prefix(code);
    if code.as_bytes().get(prefix.len()) != Some(&b' ') {
        return false;
    }
    let rest =
        text[end..].trim_start_matches([' ', '/', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.']);
    let unit: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '%')
        .collect();
    matches!(
        unit.as_str(),
        "mg" | "g" | "mcg" | "µg" | "μg" | "ug" | "mL" | "ml" | "IU" | "U" | "units" | "%"
    )
}

fn brand_shaped(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 3
        && !NOT_BRANDS.contains(&word)
        && {
            let mut buf = [0u8; 64];
            lower(word, &mut buf).is_some_and(|w| !is_stopped(w))
        }
}

/// Skips trademark signs and spaces backwards from `pos`: the end of the name before them.
fn before_marks(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[..pos];
        let trimmed = rest.trim_end_matches([' ', '®', '™', '^']);
        let trimmed = trimmed
            .strip_suffix("(R)")
            .or_else(|| trimmed.strip_suffix("(TM)"))
            .or_else(|| trimmed.strip_suffix("[®]"))
            .unwrap_or(trimmed);
        if trimmed.len() == pos {
            return pos;
        }
        pos = trimmed.len();
    }
}

/// Start of the word that ends at `end` (letters, digits, inner hyphens).
fn word_start(text: &str, end: usize) -> usize {
    let head = &text[..end];
    let mut start = end;
    for (i, c) in head.char_indices().rev() {
        if is_word_char(c) || (c == '-' && i > 0 && start < end) {
            start = i;
        } else {
            break;
        }
    }
    // no leading hyphen
    while text[start..end].starts_with('-') {
        start += 1;
    }
    start
}

// ---------------------------------------------------------------------------------------------
// Scan
// ---------------------------------------------------------------------------------------------

/// Finds DRUG candidates in `doc`. One pass over the word starts does the lexicon, stems,
/// codes, tables and radioligands; the cues are found by searching for their few literal
/// strings (®, ™, "(R)", "-cel", "Vaccine", "formerly"), so no pattern runs over the whole text.
pub fn scan(doc: &Doc, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let mut found: Vec<Candidate> = Vec::new();
    words(doc, &mut found);
    trademark_cues(text, &mut found);
    for (at, _) in text.match_indices("-cel") {
        cell_short(text, at, &mut found);
    }
    for (at, _) in text.match_indices("Vaccine") {
        vaccine(text, at, &mut found);
    }
    for cue in BRAND_CUES {
        for (at, _) in text.match_indices(cue) {
            named_brand(text, at + cue.len(), &mut found);
        }
    }
    pairs(text, &mut found);
    out.extend(found);
}

/// First bytes of the names in the component and regimen tables (and "hu" antibodies).
static TABLE_FIRST: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut t = [false; 256];
    let abbreviations = ABBREVIATIONS.iter().map(|(n, _)| n);
    for name in REGIMENS
        .iter()
        .chain(COMPONENTS.iter().map(|(n, _)| n))
        .chain(abbreviations)
    {
        t[usize::from(name.as_bytes()[0])] = true;
    }
    t[usize::from(b'h')] = true;
    t
});

/// The regimen table, sorted for binary search.
static SORTED_REGIMENS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v = REGIMENS.to_vec();
    crate::sort::sort(&mut v);
    v
});

/// The pass over word starts.
fn words(doc: &Doc, found: &mut Vec<Candidate>) {
    let text = doc.text;
    let bytes = text.as_bytes();
    let mut prev_word = false;
    let mut next = 0;
    while let Some(&b) = bytes.get(next) {
        let i = next;
        // ASCII bytes are their own character; others are decoded.
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        next = i + c.len_utf8();
        let word = is_word_char(c);
        let starts = word && !prev_word;
        prev_word = word;
        if !starts {
            continue;
        }
        if c.is_ascii_digit() {
            radioligand_at(text, i, found);
            if TABLE_FIRST[usize::from(bytes[i])] {
                tables_at(doc, i, found);
            }
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        let compound = inside_compound(text, i);
        if TABLE_FIRST[usize::from(bytes[i])] {
            tables_at(doc, i, found);
        }
        if compound {
            let we = word_end(text, i);
            if let Some(prefix) = fda_prefix(text, i) {
                // "fam-trastuzumab deruxtecan-nxki": the FDA prefix is part of the name.
                let first = found.len();
                names_at(text, i, we, found);
                for c in &mut found[first..] {
                    if c.span.start == i {
                        c.span = Span::new(prefix, c.span.end);
                    }
                }
            } else if we - i >= 3 && drug_before_hyphen(text, i) {
                // "carboplatin-paclitaxel": the second drug of a hyphenated pair.
                names_at(text, i, we, found);
            }
            continue;
        }
        let mask = code_shape(text, i);
        if mask != 0 {
            code_at(text, i, mask, found);
        }
        let we = word_end(text, i);
        // No lexicon name or stem word starts with a word of one or two letters.
        if we - i >= 3 {
            names_at(text, i, we, found);
        }
    }
}

/// Start of the prefix "ado-" or "fam-" that the FDA writes before the names of some
/// antibody-drug conjugates, when the word at `i` follows one.
fn fda_prefix(text: &str, i: usize) -> Option<usize> {
    let start = i.checked_sub(4)?;
    let head = text.get(start..i)?;
    let free = start == 0 || !text[..start].ends_with(|c: char| is_word_char(c) || c == '-');
    (free && ["ado-", "fam-", "Ado-", "Fam-"].contains(&head)).then_some(start)
}

/// True when the word glued by a hyphen before word start `i` is a drug name by itself
/// ("carboplatin" in "carboplatin-paclitaxel").
fn drug_before_hyphen(text: &str, i: usize) -> bool {
    let end = i - 1;
    let start = word_start(text, end);
    start < end && is_drug_name(text, start, end)
}

/// Lexicon names, INN-stem words and INN-style radioligands at word start `i`, with their
/// extensions.
fn names_at(text: &str, i: usize, we: usize, found: &mut Vec<Candidate>) {
    // Brands are written with capitals; in lower case they are ordinary words ("luminal").
    let lexicon_match = lexicon::longest_at(text, i)
        .filter(|m| m.kind != NameKind::Brand || text[i..m.end].bytes().any(|b| b.is_ascii_uppercase()));
    if let Some(m) = lexicon_match {
        let generic = m.kind == NameKind::Generic;
        if generic && target_use(text, m.end) {
            return;
        }
        let (end, name_end) = extend(text, m.end, generic);
        let canonical = if name_end > m.end {
            generic_canonical(text, i, name_end)
        } else {
            m.canonical(text)
        };
        found.push(drug(
            Span::new(i, end),
            "drug.lexicon",
            6,
            m.kind.as_str(),
            Some(canonical),
        ));
        return;
    }
    let word = &text[i..we];
    // "nab-paclitaxel": an albumin-bound form, named with its generic.
    if word.eq_ignore_ascii_case("nab") && text.as_bytes().get(we) == Some(&b'-') {
        let inner_end = word_end(text, we + 1);
        if is_stem_word(&text[we + 1..inner_end]) {
            let (end, name_end) = extend(text, inner_end, true);
            let canonical = generic_canonical(text, we + 1, name_end);
            found.push(drug(
                Span::new(i, end),
                "drug.stem",
                4,
                "generic",
                Some(canonical),
            ));
        }
        return;
    }
    if ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
        if let Some(m) = RADIOLIGAND_INN.find(window(text, i, 60)) {
            let (end, _) = extend(text, i + m.end(), true);
            found.push(drug(Span::new(i, end), "drug.radioligand", 5, "generic", None));
        }
        return;
    }
    if !is_stem_word(word) && !before_alfa(text, word, we) || target_use(text, we) {
        return;
    }
    let mut start = i;
    // gene therapies: "onasemnogene abeparvovec"
    if let Some(ps) = gene_word_before(text, i) {
        start = ps;
    }
    let (end, name_end) = extend(text, we, true);
    let canonical = generic_canonical(text, start, name_end);
    found.push(drug(
        Span::new(start, end),
        "drug.stem",
        4,
        "generic",
        Some(canonical),
    ));
}

/// `text[start..]`, cut to at most `len` bytes on a char boundary.
fn window(text: &str, start: usize, len: usize) -> &str {
    let mut end = text.len().min(start + len);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[start..end]
}

/// Which code patterns may match at word start `i` (bit k for `CODE_RULES[k]`), from the shape
/// of the text: capitals then a digit, a hyphen or a space and a digit (MK-3475, AMG 334),
/// capitals, a hyphen and a capital (T-DM1), or a hyphen and a payload name (Dato-DXd).
fn code_shape(text: &str, i: usize) -> u8 {
    let b = &text.as_bytes()[i..];
    let caps = if b.starts_with(b"mRNA") {
        4
    } else {
        b.iter().take(7).take_while(|c| c.is_ascii_uppercase()).count()
    };
    if caps == 0 {
        return 0;
    }
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let mut mask = 0;
    if caps <= 6
        && (at(caps).is_ascii_digit() || (matches!(at(caps), b'-' | b' ') && at(caps + 1).is_ascii_digit()))
    {
        mask |= 1;
    }
    if caps <= 5 && at(caps) == b'-' && at(caps + 1).is_ascii_uppercase() {
        mask |= 2;
    }
    let token = b.iter().take(7).take_while(|c| c.is_ascii_alphanumeric()).count();
    if at(token) == b'-' && matches!(at(token + 1), b'D' | b'M') {
        mask |= 4;
    }
    mask
}

/// Development codes starting at word start `i`.
fn code_at(text: &str, i: usize, mask: u8, found: &mut Vec<Candidate>) {
    let win = window(text, i, 48);
    for (k, (id, re)) in CODES.iter().enumerate() {
        if mask & (1 << k) == 0 {
            continue;
        }
        let Some(m) = re.find(win) else {
            continue;
        };
        let (start, end) = (i, i + m.end());
        let code = m.as_str();
        let checked = *id == "drug.code";
        if !free_standing(text, start, end)
            || (checked && not_a_code(code))
            || dose_like(text, code, end)
            || test_after(&text[end..])
        {
            continue;
        }
        let prefix = code_prefix(code);
        let canonical = lexicon::code(code);
        // Words that name trial programmes ("ECHO-301") are not code prefixes.
        if canonical.is_none() && TRIAL_WORDS.contains(&prefix) {
            continue;
        }
        // Known codes and short company prefixes beat trial-name patterns; longer
        // prefixes give way to them.
        let priority = if canonical.is_some() {
            7
        } else if prefix.len() <= 4 {
            5
        } else {
            3
        };
        found.push(drug(
            Span::new(start, end),
            id,
            priority,
            "code",
            canonical.map(str::to_string),
        ));
    }
}

/// Radioligands written with their isotope first ("177Lu-PSMA-617", "[177Lu]Lu-PSMA-617") at
/// word start `i` (a digit).
fn radioligand_at(text: &str, i: usize, found: &mut Vec<Candidate>) {
    let rest = &text[i..];
    if !ISOTOPES.iter().any(|iso| rest.starts_with(iso)) {
        return;
    }
    let start = if char_before(text, i) == Some('[') {
        i - 1
    } else {
        i
    };
    if char_before(text, start).is_some_and(|c| is_word_char(c) || c == '-') {
        return;
    }
    if let Some(m) = RADIOLIGAND.find(window(text, start, 60)) {
        let (end, _) = extend(text, start + m.end(), true);
        found.push(drug(
            Span::new(start, end),
            "drug.radioligand",
            5,
            "generic",
            None,
        ));
    }
}

/// Named components ("DM4", "Matrix-M", "huDS6") and regimen abbreviations ("R-CHOP", "DPd")
/// at word start `i`.
fn tables_at(doc: &Doc, i: usize, found: &mut Vec<Candidate>) {
    let text = doc.text;
    let rest = &text[i..];
    let glued = |c: Option<char>| c.is_some_and(|c| is_word_char(c) || c == '-' || c == '+');
    if glued(char_before(text, i)) {
        return;
    }
    // The token: letters, digits, '-' and '+' ("R-CHOP", "A+AVD", "SN-38"), or "CpG 1018".
    // (All ASCII, so bytes do: a non-ASCII byte ends the token as its character would.)
    let mut len = rest
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'+'))
        .unwrap_or(rest.len());
    if rest.starts_with("CpG 1018") {
        len = "CpG 1018".len();
    }
    let token = rest[..len].trim_end_matches(['-', '+']);
    // Every table name has two capitals or more, or a hyphen; most capitalised words have
    // one capital.
    if token.len() > 16 || (token.bytes().filter(u8::is_ascii_uppercase).count() < 2 && !token.contains('-'))
    {
        return;
    }
    if let Some(&(name, canonical)) = ABBREVIATIONS.iter().find(|(n, _)| *n == token) {
        found.push(drug(
            Span::new(i, i + name.len()),
            "drug.abbreviation",
            5,
            "code",
            Some(canonical.to_string()),
        ));
        return;
    }
    if let Ok(k) = SORTED_REGIMENS.binary_search(&token) {
        let name = SORTED_REGIMENS[k];
        found.push(drug(
            Span::new(i, i + name.len()),
            "drug.regimen",
            // above the lexicon: a few regimens are also listed as combination brands
            7,
            "regimen",
            None,
        ));
        return;
    }
    let component = COMPONENTS.iter().find(|(n, _)| *n == token);
    if let Some(&(name, ambiguous)) = component.filter(|_| !glued(char_at(text, i + token.len()))) {
        if !ambiguous || adc_sentence(doc, i) {
            found.push(drug(
                Span::new(i, i + name.len()),
                "drug.component",
                5,
                "component",
                None,
            ));
        }
        return;
    }
    // A humanised antibody named by its parent clone: huDS6, huC242, huMy9-6.
    let b = rest.as_bytes();
    if b.len() > 3 && b.starts_with(b"hu") && b[2].is_ascii_uppercase() {
        let mut end = word_end(text, i);
        if text.as_bytes().get(end) == Some(&b'-')
            && text.as_bytes().get(end + 1).is_some_and(u8::is_ascii_digit)
        {
            end = word_end(text, end + 1);
        }
        let name = &text[i..end];
        if name.bytes().any(|c| c.is_ascii_digit())
            && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        {
            found.push(drug(Span::new(i, end), "drug.component", 5, "component", None));
        }
    }
}

/// Brand cue: a capitalised name directly followed by ®, ™, (R), (TM), [R] or [TM] (a space,
/// "^" or "[" may come between, as text extraction leaves them).
fn trademark_cues(text: &str, found: &mut Vec<Candidate>) {
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for sign in ["®", "™", "(R)", "(TM)", "[R]", "[TM]"] {
        marks.extend(text.match_indices(sign).map(|(k, s)| (k, k + s.len())));
    }
    crate::sort::sort(&mut marks);
    let mut last_name_end = usize::MAX;
    for (mark, mark_end) in marks {
        let head = text[..mark]
            .strip_suffix(['^', '[', ' '])
            .unwrap_or(&text[..mark]);
        let name_end = head.len();
        if name_end == last_name_end {
            continue; // "Name®™"
        }
        let mut start = word_start(text, name_end);
        if start >= name_end || inside_compound(text, start) {
            continue;
        }
        let mut name = &text[start..name_end];
        // "Lupron Depot®": a formulation word joins the name before it.
        if is_form(name) {
            if let Some(prev) = text[..start].strip_suffix(' ') {
                start = word_start(text, prev.len());
                name = &text[start..name_end];
            }
        }
        let first = name.split(' ').next().unwrap_or("");
        if !brand_shaped(first) || platform_after(text, mark_end) {
            continue;
        }
        last_name_end = name_end;
        found.push(drug(
            Span::new(start, name_end),
            "drug.brand_cue",
            5,
            "brand",
            lexicon::canonical(name),
        ));
    }
}

/// Phrases that introduce a brand: "under the brand name Brand", "marketed as Brand".
const BRAND_CUES: [&str; 4] = ["brand name ", "trade name ", "tradename ", "marketed as "];

/// Brand cue: the capitalised name right after a [`BRAND_CUES`] phrase ending at `at`.
fn named_brand(text: &str, at: usize, found: &mut Vec<Candidate>) {
    let start = at + is_space_byte(text, at);
    let end = word_end(text, start);
    let Some(word) = text.get(start..end) else {
        return;
    };
    if brand_shaped(word) && free_standing(text, start, end) {
        let canonical = lexicon::canonical(word);
        found.push(drug(
            Span::new(start, end),
            "drug.brand_cue",
            4,
            "brand",
            canonical,
        ));
    }
}

/// The short form of a cell therapy ending at "-cel" at byte `at`: "cilta-cel", "axi-cel".
fn cell_short(text: &str, at: usize, found: &mut Vec<Candidate>) {
    let end = at + "-cel".len();
    if char_at(text, end).is_some_and(is_word_char) {
        return;
    }
    let start = word_start(text, at);
    let stem = &text[start..at];
    let ok = (3..=6).contains(&stem.len())
        && stem.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        && stem.as_bytes()[0].is_ascii_alphabetic()
        && !inside_compound(text, start);
    if ok {
        found.push(drug(Span::new(start, end), "drug.cell_short", 5, "generic", None));
    }
}

/// True when `word` (ending at `end`) is a plain word followed by "alfa" or "pegol".
fn before_alfa(text: &str, word: &str, end: usize) -> bool {
    if word.len() < 5 || !plain_shape(word) {
        return false;
    }
    let Some((ws, we)) = next_word(text, end) else {
        return false;
    };
    let mut buf = [0u8; 64];
    ALFA_WORDS.iter().any(|a| a.eq_ignore_ascii_case(&text[ws..we]))
        && lower(word, &mut buf).is_some_and(|w| !is_stopped(w))
}

/// The start of a "-gene" word right before `start` ("onasemnogene" before "abeparvovec").
fn gene_word_before(text: &str, start: usize) -> Option<usize> {
    let head = text.get(..start)?;
    let trimmed = head.strip_suffix(' ')?;
    let ws = word_start(text, trimmed.len());
    let w = &text[ws..trimmed.len()];
    (w.len() >= 8 && w.to_ascii_lowercase().ends_with("gene") && plain_shape(w)).then_some(ws)
}

fn platform_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    if rest.starts_with('-') {
        return true; // "XmAb®-engineered"
    }
    let next = rest
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    NOT_DRUG_AFTER.contains(&next) || test_after(rest)
}

/// True when one of the next few words of the clause names a diagnostic test: "VENTANA® PD-L1
/// (SP263) Assay".
fn test_after(rest: &str) -> bool {
    let mut cut = rest.find(['.', ',', ';', '\n']).unwrap_or(rest.len()).min(80);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let clause = &rest[..cut];
    clause
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(5)
        .any(|w| TEST_WORDS.iter().any(|t| t.eq_ignore_ascii_case(w)))
}

fn adc_sentence(doc: &Doc, at: usize) -> bool {
    let span = doc
        .sentences
        .iter()
        .find(|s| s.start <= at && at < s.end)
        .copied()
        .unwrap_or(Span::new(0, doc.text.len()));
    let s = doc.slice(span);
    ADC_WORDS.iter().any(|w| s.contains(w)) || s.contains("-DM")
}

/// A named vaccine ending at the word "Vaccine" at byte `at`: the capitalised disease, pathogen,
/// strain and qualifier words before it, with at least one disease or pathogen.
fn vaccine(text: &str, at: usize, found: &mut Vec<Candidate>) {
    let end = at + "Vaccine".len();
    if char_before(text, at).is_some_and(is_word_char)
        || char_at(text, end).is_some_and(|c| is_word_char(c) && c != 's')
    {
        return;
    }
    let end = if text[end..].starts_with('s') {
        end + 1
    } else {
        end
    };
    if char_at(text, end).is_some_and(is_word_char) {
        return;
    }
    let mut start = at;
    let mut named = false;
    for _ in 0..8 {
        let Some(head) = text[..start].strip_suffix(' ') else {
            break;
        };
        let mut ws = head.rfind(' ').map_or(0, |k| k + 1);
        let mut token = &head[ws..];
        // "(Zoster Vaccine Recombinant)": an opening parenthesis starts the name.
        let opens = token.starts_with('(') && !token.ends_with(')');
        if opens {
            ws += 1;
            token = &token[1..];
        }
        let is_year = token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit());
        let is_strain = token.starts_with('(') && token.ends_with(')') && token.len() > 2;
        let has_digit =
            token.bytes().any(|b| b.is_ascii_digit()) && token.starts_with(|c: char| c.is_ascii_uppercase());
        let target = VACCINE_TARGETS
            .iter()
            .any(|t| token == *t || token.strip_prefix(t).is_some_and(|r| r.starts_with('-')));
        if !(target || has_digit || is_year || is_strain || VACCINE_QUALIFIERS.contains(&token)) {
            break;
        }
        named |= target || (has_digit && !is_year && !is_strain);
        start = ws;
        if opens {
            break;
        }
    }
    // The name starts with a word, not a year or a strain in parentheses.
    while start < at && !text[start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        match text[start..at].find(' ') {
            Some(k) => start += k + 1,
            None => start = at,
        }
    }
    if named && start < at {
        found.push(drug(Span::new(start, end), "drug.vaccine", 4, "generic", None));
    }
}

// ---------------------------------------------------------------------------------------------
// Pairs
// ---------------------------------------------------------------------------------------------

/// "Brand (generic)", "generic (Brand)", "generic (CODE)" and "(formerly CODE)": tags the side
/// no other rule found, and gives both sides one canonical name.
fn pairs(text: &str, found: &mut Vec<Candidate>) {
    crate::sort::sort_by_key(found, |c| (c.span.start, std::cmp::Reverse(c.span.end)));
    // Candidates by end (then start), to find the drug right before a parenthesis.
    let mut by_end: Vec<(usize, usize, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, c)| (c.span.end, c.span.start, i))
        .collect();
    crate::sort::sort(&mut by_end);
    let ending_at = |end: usize| -> Option<usize> {
        let k = by_end.partition_point(|&(e, _, _)| e < end);
        by_end.get(k).filter(|&&(e, _, _)| e == end).map(|&(_, _, i)| i)
    };
    let exactly = |found: &[Candidate], span: Span| -> Option<usize> {
        let k = found.partition_point(|c| c.span.start < span.start);
        found[k..]
            .iter()
            .take_while(|c| c.span.start == span.start)
            .position(|c| c.span.end == span.end)
            .map(|j| k + j)
    };
    let bytes = text.as_bytes();
    let mut added = Vec::new();
    let mut links: Vec<(usize, usize)> = Vec::new(); // indices into found ++ added
    for (p, _) in text.match_indices('(') {
        let window = &bytes[p..bytes.len().min(p + 121)];
        let Some(close) = window.iter().position(|&b| b == b')').map(|k| p + k) else {
            continue;
        };
        let inner_start = p + 1;
        let left_end = before_marks(text, p);
        let left_start = word_start(text, left_end);
        // The drug before the parenthesis, if any.
        let left = ending_at(left_end);
        // Candidates inside the parenthesis, by part (split at ';' and ',').
        let mut part_start = inner_start;
        let mut first_part = true;
        for part in text[inner_start..close].split([';', ',']) {
            let ps = part_start + (part.len() - part.trim_start().len());
            let pe = before_marks(text, part_start + part.trim_end().len());
            part_start += part.len() + 1;
            if pe <= ps {
                first_part = false;
                continue;
            }
            let inside =
                exactly(found, Span::new(ps, pe)).or_else(|| before_dosage_form(text, found, ps, pe));
            match (left, inside) {
                (Some(l), Some(i)) => links.push((l, i)),
                (Some(l), None) if first_part => {
                    if let Some(c) = alias_in_parens(text, &found[l], ps, pe) {
                        added.push(c);
                        links.push((l, found.len() + added.len() - 1));
                    }
                }
                (None, Some(i)) if first_part && left_end > left_start => {
                    let word = &text[left_start..left_end];
                    let known = found[i].attrs.kind != Some("regimen");
                    let letters = word.bytes().all(|b| b.is_ascii_alphabetic());
                    if known
                        && letters
                        && brand_shaped(word)
                        && free_standing(text, left_start, left_end)
                        && !title_case_word(text, left_start, word)
                    {
                        added.push(drug(
                            Span::new(left_start, left_end),
                            "drug.pair",
                            4,
                            "brand",
                            None,
                        ));
                        links.push((found.len() + added.len() - 1, i));
                    }
                }
                _ => {}
            }
            first_part = false;
        }
    }
    // "(formerly X)", ", previously X": the pattern runs only where its key words occur.
    let mut keys: Vec<usize> = ["formerly", "previously", "known as", "a.k.a."]
        .iter()
        .flat_map(|k| text.match_indices(k).map(|(at, _)| at))
        .collect();
    crate::sort::sort(&mut keys);
    keys.dedup();
    for at in keys {
        let mut from = at.saturating_sub(2);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let win = window(text, from, 80);
        let Some(caps) = FORMERLY.captures(win) else {
            continue;
        };
        let (Some(all), Some(name)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let (all_start, name) = (from + all.start(), (from + name.start(), from + name.end()));
        if all_start + 2 < at {
            continue;
        }
        let name = (name.0, name.1, &text[name.0..name.1]);
        let left_end = before_marks(text, all_start);
        let code = name.2.bytes().any(|b| b.is_ascii_digit());
        let l = match ending_at(left_end) {
            Some(l) => l,
            // "Vantrixa (formerly ZB-101)": a new name for a development code.
            None => {
                let left_start = word_start(text, left_end);
                let word = &text[left_start..left_end];
                let brand = code
                    && word.bytes().all(|b| b.is_ascii_alphabetic())
                    && brand_shaped(word)
                    && free_standing(text, left_start, left_end)
                    && !title_case_word(text, left_start, word);
                if !brand {
                    continue;
                }
                added.push(drug(
                    Span::new(left_start, left_end),
                    "drug.pair",
                    4,
                    "brand",
                    None,
                ));
                found.len() + added.len() - 1
            }
        };
        let span = Span::new(name.0, name.1);
        if let Some(existing) = exactly(found, span) {
            links.push((l, existing));
            continue;
        }
        if !code && !brand_shaped(name.2) {
            continue;
        }
        let kind = if code { "code" } else { "brand" };
        added.push(drug(span, "drug.pair", 4, kind, None));
        links.push((l, found.len() + added.len() - 1));
    }
    found.extend(added);
    share_canonical(found, &links);
}

/// A candidate that starts at `ps` and is followed, up to `pe`, only by dosage-form or vaccine
/// qualifier words ("nirmatrelvir tablets", "Zoster Vaccine Recombinant").
fn before_dosage_form(text: &str, found: &[Candidate], ps: usize, pe: usize) -> Option<usize> {
    let k = found.partition_point(|c| c.span.start < ps);
    let c = found.get(k).filter(|c| c.span.start == ps && c.span.end < pe)?;
    let rest = &text[c.span.end..pe];
    let qualifier = |w: &str| DOSAGE_FORMS.contains(&w) || VACCINE_QUALIFIERS.contains(&w);
    (rest.starts_with(' ') && rest.split_whitespace().all(qualifier)).then_some(k)
}

/// True when `word` (at `start`) is a capitalised word in a run of capitalised words, as in a
/// headline, where capitals say nothing about names. ALL-CAPS words are not.
fn title_case_word(text: &str, start: usize, word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let head = text[..start].trim_end_matches([' ', '\t']);
    if head.len() == start {
        return false;
    }
    let prev = &head[word_start(text, head.len())..];
    prev.starts_with(|c: char| c.is_uppercase())
}

/// The name in parentheses right after drug `left`: a brand ("aflibercept (EYLEA)") or an
/// abbreviation that starts like the drug ("trastuzumab emtansine (T-DM1)").
fn alias_in_parens(text: &str, left: &Candidate, ps: usize, pe: usize) -> Option<Candidate> {
    let p = &text[ps..pe];
    if p.contains(' ') || !free_standing(text, ps, pe) || left.attrs.kind == Some("regimen") {
        return None;
    }
    let left_text = &text[left.span.start..left.span.end];
    let short = p.len() <= 3 || p.contains(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    if short {
        let same_initial = p
            .chars()
            .next()
            .zip(left_text.chars().next())
            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(&b));
        let abbreviation = p.len() >= 2
            && p.len() <= 10
            && p.bytes().any(|b| b.is_ascii_uppercase())
            && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        (same_initial && abbreviation && !NOT_ABBREVIATIONS.contains(&p))
            .then(|| drug(Span::new(ps, pe), "drug.pair", 4, "code", None))
    } else if p.bytes().all(|b| b.is_ascii_uppercase())
        && left_text
            .to_ascii_lowercase()
            .starts_with(&p.to_ascii_lowercase())
    {
        // "nivolumab (NIVO)": the start of the name, in capitals
        Some(drug(Span::new(ps, pe), "drug.pair", 4, "code", None))
    } else {
        brand_shaped(p).then(|| drug(Span::new(ps, pe), "drug.pair", 4, "brand", None))
    }
}

/// Gives the members of each pair one canonical name: the lexicon's when one side has it,
/// else the generic's own name.
fn share_canonical(found: &mut [Candidate], links: &[(usize, usize)]) {
    // Union-find over the linked candidates.
    let mut parent: Vec<usize> = (0..found.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for &(a, b) in links {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra] = rb;
    }
    let rank = |c: &Candidate| match (c.rule, c.attrs.kind) {
        (_, Some("regimen")) => 0,
        ("drug.lexicon", _) => 4,
        ("drug.code" | "drug.brand_cue", _) if c.attrs.canonical.is_some() => 4,
        (_, Some("generic")) if c.attrs.canonical.is_some() => 3,
        _ if c.attrs.canonical.is_some() => 2,
        _ => 1,
    };
    let mut best: Vec<Option<(u8, String)>> = vec![None; found.len()];
    let members: Vec<usize> = links.iter().flat_map(|&(a, b)| [a, b]).collect();
    for &i in &members {
        let r = root(&mut parent, i);
        let c = &found[i];
        let score = rank(c);
        if let Some(name) = c.attrs.canonical.clone().filter(|_| score >= 2) {
            if best[r].as_ref().is_none_or(|(s, _)| score > *s) {
                best[r] = Some((score, name));
            }
        }
    }
    for &i in &members {
        let r = root(&mut parent, i);
        if found[i].attrs.kind == Some("regimen") {
            continue;
        }
        match &best[r] {
            Some((_, name)) => found[i].attrs.canonical = Some(name.clone()),
            // No canonical name links the pair: a provisional tag that crate::link::link
            // turns into the final group id.
            None => found[i].attrs.group = u32::try_from(r).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drugs(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        let mut out = Vec::new();
        scan(&doc, &mut out);
        let kept = crate::resolve::resolve(out);
        kept.into_iter()
            .filter(|c| c.label == Label::Drug)
            .map(|c| text[c.span.start..c.span.end].to_string())
            .collect()
    }

    #[test]
    fn vocabulary_loads() {
        assert!(VOCAB.stems.iter().map(Vec::len).sum::<usize>() > 100);
        assert!(VOCAB.salts.contains(&"mesylate"));
        assert!(VOCAB.forms.contains(&"LAR"));
        assert!(VOCAB.second_words.contains(&"alfa"));
        assert!(VOCAB.stop.windows(2).all(|w| w[0] < w[1]));
        assert!(VOCAB
            .stop
            .iter()
            .all(|w| !w.bytes().any(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn stems_find_new_names_but_not_english() {
        for w in [
            "zanidatamab",
            "Olomorasib",
            "SOTORASIB",
            "lepodisiran",
            "tobevibart",
            "pasritamig",
        ] {
            assert!(is_stem_word(w), "{w}");
        }
        for w in [
            "treatment",
            "nucleotide",
            "thermostat",
            "Andersen",
            "intercept",
            "PeMab",
            "mab",
        ] {
            assert!(!is_stem_word(w), "{w}");
        }
    }

    #[test]
    fn codes_skip_years_mutations_and_registries() {
        for c in [
            "ESMO 2024",
            "FY2023",
            "V600E",
            "T790M",
            "NCT01234567",
            "CD123",
            "A123",
        ] {
            assert!(not_a_code(c), "{c}");
        }
        for c in ["MK-3475", "E7080", "S-217622", "BAY 94-9343", "AMG 334"] {
            assert!(!not_a_code(c), "{c}");
        }
    }

    #[test]
    fn extends_over_salts_suffixes_and_second_words() {
        assert_eq!(drugs("given imatinib mesylate daily"), ["imatinib mesylate"]);
        assert_eq!(drugs("with lecanemab-irmb and"), ["lecanemab-irmb"]);
        assert_eq!(drugs("FDA APPROVES LECANEMAB-IRMB"), ["LECANEMAB-IRMB"]);
        assert_eq!(
            drugs("PEMBROLIZUMAB-FREE and pembrolizumab-FREE"),
            ["PEMBROLIZUMAB", "pembrolizumab"]
        );
        assert_eq!(drugs("versus octreotide LAR in"), ["octreotide LAR"]);
        assert_eq!(
            drugs("an ER-positive tumour on octreotide ER-positive"),
            ["octreotide"]
        );
        assert_eq!(
            drugs("pembrolizumab-treated and Zuranolone-exposed"),
            ["pembrolizumab", "Zuranolone"]
        );
        assert_eq!(
            drugs("Zuranolone-like compounds and semaglutide receptor"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn odd_text_does_not_panic() {
        for t in [
            "(",
            ")(",
            "(®",
            "X (",
            "Ab (ö) ™",
            "é®",
            "lu (177Lu-",
            "\u{a0}(R)",
            "a-\u{a0}",
            "Vaccine",
        ] {
            let _ = drugs(t);
        }
    }
}
