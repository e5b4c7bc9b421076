//! CONDITION: diseases and indications ("metastatic triple negative breast cancer (mTNBC)",
//! "CA6-positive cancers", "type 2 diabetes", "relapsed or refractory multiple myeloma").
//!
//! One pass over the words of the text looks each word up in the vocabulary of
//! `data/conditions.txt`. A condition core is
//! - a named condition ("vitiligo", "multiple sclerosis", "Alzheimer's disease"),
//! - a generic head with a specific modifier: a site, histology or pathogen ("breast cancer",
//!   "kidney disease", "HIV infection"), a biomarker ("CA6-positive cancers") or an eponym
//!   ("Dravet syndrome"); never the head alone ("cancer", "tumors", "autoimmune disease"),
//! - a condition abbreviation: a known one (NSCLC) or one the text defines after a
//!   condition ("Alzheimer's disease (AD)").
//!
//! The core then grows to the left over modifiers (stage, severity, status, biomarkers) joined
//! by "or", "and", "to", "/" or commas ("relapsed or refractory", "moderate to severe",
//! "KRAS G12C-mutated advanced"), and to the right over a bracketed abbreviation. A core
//! followed by a word that makes it part of another noun ("migraine days", "Psoriasis Area and
//! Severity Index", "Epilepsy Society") is not a condition.

use super::context::{tokens, Words};
use super::Doc;
use crate::entity::{Label, Span};
use crate::resolve::Candidate;
use std::collections::HashMap;
use std::sync::LazyLock;

const VOCABULARY: &str = include_str!(concat!(env!("OUT_DIR"), "/conditions.txt"));

/// What a word can be the last word of.
#[derive(Default)]
struct Entry {
    /// Named conditions ending with this word (indices into `Vocab::phrases`).
    named: Vec<u32>,
    /// Site phrases ending with this word.
    site: Vec<u32>,
    /// Modifier phrases ending with this word.
    modifier: Vec<u32>,
    head: bool,
    stop_after: bool,
    stop_before: bool,
}

/// A small multiplicative hash for short lower-case words: the vocabulary is fixed, so
/// collision attacks do not apply, and it is several times faster than SipHash here.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

type WordMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A 64K-bit filter over words: a clear bit proves a word is not in the vocabulary, so most
/// words of a text skip the hash lookup.
fn filter_bit(w: &[u8]) -> usize {
    let n = w.len();
    let at = |i: usize| u32::from(w.get(i).copied().unwrap_or(0));
    let h = (n as u32).wrapping_mul(0x9E37_79B1)
        ^ at(0).wrapping_mul(0x85EB_CA6B)
        ^ at(1).wrapping_mul(0xC2B2_AE35)
        ^ at(n.wrapping_sub(1)).wrapping_mul(0x27D4_EB2F)
        ^ at(n.wrapping_sub(2)).wrapping_mul(0x1656_67B1);
    (h ^ (h >> 16)) as usize & 0xFFFF
}

struct Vocab {
    /// Bits set by [`filter_bit`] for every word of `words`.
    filter: Vec<u64>,
    /// Each phrase as lower-case words.
    phrases: Vec<Vec<&'static str>>,
    words: WordMap<Entry>,
    abbrevs: Vec<&'static str>,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let mut v = Vocab {
        filter: vec![0; 1024],
        phrases: Vec::new(),
        words: WordMap::default(),
        abbrevs: Vec::new(),
    };
    let mut section = "";
    for line in VOCABULARY.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
            continue;
        }
        if section == "abbrev" {
            v.abbrevs.push(line);
            continue;
        }
        let words: Vec<&'static str> = phrase_words(line);
        let Some(&last) = words.last() else { continue };
        let index = v.phrases.len() as u32;
        let entry = v.words.entry(last).or_default();
        match section {
            "named" => entry.named.push(index),
            "site" => entry.site.push(index),
            "modifier" => entry.modifier.push(index),
            "head" => entry.head = true,
            "stop-after" => entry.stop_after = true,
            "stop-before" => entry.stop_before = true,
            _ => {}
        }
        v.phrases.push(words);
    }
    // Longest phrases first, so the first match is the longest.
    let lens: Vec<usize> = v.phrases.iter().map(Vec::len).collect();
    for e in v.words.values_mut() {
        for list in [&mut e.named, &mut e.site, &mut e.modifier] {
            crate::sort::sort_by_key(list, |&i| std::cmp::Reverse(lens[i as usize]));
        }
    }
    crate::sort::sort(&mut v.abbrevs);
    let keys: Vec<&str> = v.words.keys().copied().collect();
    for k in keys {
        let bit = filter_bit(k.as_bytes());
        v.filter[bit / 64] |= 1 << (bit % 64);
    }
    v
});

/// The words of a vocabulary phrase: split on spaces, hyphens, slashes and apostrophes,
/// with a possessive "s" dropped ("alzheimer's disease" -> alzheimer, disease).
fn phrase_words(line: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for (start, end) in tokens(line) {
        out.push(&line[start..end]);
    }
    out
}

/// Status words that make a biomarker modifier ("HER2-positive", "KRAS G12C-mutated").
const STATUS: &[&str] = &[
    "positive",
    "negative",
    "low",
    "high",
    "mutated",
    "mutant",
    "mutation",
    "amplified",
    "overexpressing",
    "expressing",
    "altered",
    "rearranged",
    "deficient",
    "proficient",
    "null",
    "driven",
    "associated",
    "ultralow",
];

/// Statuses of response to earlier treatment after a hyphen ("lenalidomide-refractory",
/// "BCG-unresponsive"): plain modifiers that extend a condition but never make one.
const RESPONSE: &[&str] = &[
    "refractory",
    "resistant",
    "naive",
    "naïve",
    "sensitive",
    "intolerant",
    "dependent",
    "eligible",
    "ineligible",
    "unresponsive",
    "exposed",
    "experienced",
    "pretreated",
];

/// Modifiers that take "to" as a preposition, not as the end of a range: "secondary to",
/// "refractory to" ("moderate to severe" is a range).
const TAKES_TO: &[&str] = &[
    "secondary",
    "refractory",
    "resistant",
    "intolerant",
    "unresponsive",
    "related",
];

/// Heads that a biomarker alone makes specific ("CA6-positive cancers").
const BIOMARKER_HEADS: &[&str] = &[
    "cancer",
    "cancers",
    "carcinoma",
    "carcinomas",
    "tumor",
    "tumors",
    "tumour",
    "tumours",
    "malignancy",
    "malignancies",
    "neoplasm",
    "neoplasms",
    "adenocarcinoma",
    "lymphoma",
];

/// Disease families: heads that any modifier makes specific ("relapsed lymphoma").
const FAMILY_HEADS: &[&str] = &[
    "leukemia",
    "leukaemia",
    "leukemias",
    "leukaemias",
    "lymphoma",
    "lymphomas",
    "sarcoma",
    "sarcomas",
];

/// Heads that an eponym makes specific ("Dravet syndrome", "Still's disease").
const EPONYM_HEADS: &[&str] = &[
    "disease", "syndrome", "disorder", "palsy", "lymphoma", "sarcoma", "tumor", "tumour",
];

/// Plural heads that name a group of diseases ("solid tumours", "renal diseases").
const GROUP_HEADS: &[&str] = &[
    "cancers",
    "tumors",
    "tumours",
    "malignancies",
    "neoplasms",
    "diseases",
    "disorders",
    "conditions",
];

/// Sites too broad to make a plural head one indication: "solid tumours", "haematologic
/// malignancies", "cardiovascular diseases" name a field (a company's focus, a class of side
/// effect) unless a stage or status word narrows them ("advanced solid tumours") or they say
/// whom a study enrolled ("patients with solid tumours").
const BROAD_SITES: &[&str] = &[
    "b cell",
    "b-cell",
    "cardiovascular",
    "endocrine",
    "gastrointestinal",
    "genitourinary",
    "gi",
    "gynaecologic",
    "gynecologic",
    "haematologic",
    "heart",
    "hematologic",
    "kidney",
    "liver",
    "lymphoid",
    "myeloid",
    "renal",
    "skin",
    "solid",
    "t cell",
    "t-cell",
];

/// Lipid risk factors that "elevated", "high" or "raised" make an indication ("elevated
/// lipoprotein(a)", "high LDL-C"), lower case.
const LIPIDS: &[&str] = &[
    "lipoprotein(a)",
    "lp(a)",
    "ldl cholesterol",
    "ldl-cholesterol",
    "ldl-c",
    "low-density lipoprotein cholesterol",
    "triglycerides",
    "cholesterol",
];

/// Priority of a lipid risk factor that a population has ("adults with high LDL-C"): above
/// an OUTCOME reading of the same words.
const RISK_PRIORITY: u8 = 7;

/// Words after a lipid that make it a measurement, not a condition ("elevated Lp(a) levels").
const MEASURE_AFTER: &[&str] = &[
    "level",
    "levels",
    "concentration",
    "concentrations",
    "value",
    "values",
];

/// Cues of a sentence about adverse events, lower case.
const SAFETY_CUES: &[&str] = &["adverse", "side effect", "side-effect", "teae", "toxicit"];

/// What follows an adverse event named as such ("myelitis was reported in two participants").
const EVENT_AFTER: &[&str] = &[
    " was reported",
    " were reported",
    " occurred",
    " was observed",
    " were observed",
];

/// Event nouns after a condition ("COPD exacerbations", "migraine attacks"): severity words
/// before the condition describe the events.
const EVENT_NOUNS: &[&str] = &[
    "exacerbation",
    "exacerbations",
    "flare",
    "flares",
    "attack",
    "attacks",
    "episode",
    "episodes",
    "crises",
    "crisis",
    "relapses",
];

/// Joins that make two conditions one indication ("DLBCL arising from follicular lymphoma",
/// "macular edema following retinal vein occlusion", "anemia due to chronic kidney disease").
/// Cues after which a sentence lists symptoms rather than indications.
const SYMPTOM_CUES: &[&str] = &[
    "characterized by ",
    "characterised by ",
    "marked by ",
    "symptoms such as ",
    "symptoms include ",
    "symptoms including ",
    "symptoms like ",
    "symptoms of the disease include",
];

const ARISING: &[&str] = &[
    " arising from ",
    " arising in ",
    " transformed from ",
    " following ",
    " secondary to ",
    " due to ",
    " associated with ",
];

/// Capitalised words that are not eponyms before a head.
const NOT_EPONYM: &[&str] = &[
    "a",
    "an",
    "and",
    "any",
    "each",
    "for",
    "in",
    "its",
    "new",
    "no",
    "novel",
    "of",
    "or",
    "our",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "with",
    "human",
    "late",
    "severe",
    "mild",
    "moderate",
    "early",
    "active",
    "residual",
    "stable",
    "positive",
    "negative",
    "treating",
    "treat",
    "rare",
    "orphan",
    "complex",
    "target",
    "targeted",
    "heart",
    "about",
    "with",
    "without",
    "from",
    "into",
    "against",
    "across",
    "after",
    "before",
    "during",
    "versus",
    "among",
    "between",
    "through",
    "under",
    "over",
    "via",
    "per",
    "like",
    "including",
    "such",
    "other",
    "all",
    "both",
    "more",
    "most",
    "some",
    "modifying",
    "chronic",
    "acute",
    "genetic",
    "common",
    "serious",
    "inflammatory",
    "infectious",
    "autoimmune",
    "metabolic",
    "advanced",
];

/// Suffixes of disease names (inflammations, conditions, tumours, blood and tissue states).
const DISEASE_SUFFIXES: &[&str] = &[
    "itis", "osis", "oma", "omas", "aemia", "emia", "pathy", "plasia", "algia", "iasis", "trophy",
];

/// Words with a disease suffix that are not conditions, or are mostly adverse events in
/// releases (left to the OUTCOME rules).
const NOT_DISEASE: &[&str] = &[
    "academia",
    "anaemia",
    "anemia",
    "apoptosis",
    "arthralgia",
    "bacteremia",
    "bronchitis",
    "carcinoma",
    "carcinomas",
    "cellulitis",
    "cholestasis",
    "colitis",
    "conjunctivitis",
    "cystitis",
    "dermatitis",
    "diagnosis",
    "diplomas",
    "enteritis",
    "fibrosis",
    "folliculitis",
    "gastroenteritis",
    "genomas",
    "hepatitis",
    "hyperglycemia",
    "hypocalcemia",
    "hypoglycemia",
    "hypokalemia",
    "hypomagnesemia",
    "hyponatremia",
    "hypophosphatemia",
    "hypertrophy",
    "keratitis",
    "keratopathy",
    "leukocytosis",
    "lymphocytosis",
    "mucositis",
    "myalgia",
    "myocarditis",
    "nasopharyngitis",
    "necrosis",
    "nephritis",
    "neuralgia",
    "neuropathy",
    "osteonecrosis",
    "pancreatitis",
    "pharyngitis",
    "phlebitis",
    "pneumonitis",
    "prognosis",
    "proteinemia",
    "sclerosis",
    "septicemia",
    "sinusitis",
    "stenosis",
    "stomatitis",
    "symbiosis",
    "thrombosis",
    "uremia",
    "viremia",
    "glaucomas",
    "neoplasia",
    "dysplasia",
    "hyperplasia",
    "atrophy",
    "dystrophy",
    "hypnosis",
    "osmosis",
    "haematoma",
    "hematoma",
    "granuloma",
    "adenoma",
    "adenomas",
    "lipoma",
    "papilloma",
    "fibroma",
    "hemangioma",
    "sarcomas",
    "lymphomas",
    "trachoma",
    "glaucoma",
    "chromatography",
    "homeopathy",
    "naturopathy",
    "osteopathy",
    "telepathy",
    "empathy",
    "sympathy",
    "apathy",
    "antipathy",
];

/// True for a lower-case stage number: 0 to 4 or I to IV, with an optional sub-letter a to c
/// ("iiia", "2b", "ivb").
fn is_stage_number(w: &str) -> bool {
    let base = w.strip_suffix(['a', 'b', 'c']).unwrap_or(w);
    matches!(base, "0" | "1" | "2" | "3" | "4" | "i" | "ii" | "iii" | "iv")
}

/// True for a single word shaped like a disease name ("achondroplasia", "amyloidosis",
/// "hidradenitis") and not in [`NOT_DISEASE`].
fn disease_shaped(w: &str) -> bool {
    w.len() >= 8
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && DISEASE_SUFFIXES.iter().any(|s| w.ends_with(s))
        && !NOT_DISEASE.contains(&w)
}

/// One text being scanned: its words, lower-cased, and what the rules need.
struct Scan<'a> {
    text: &'a str,
    lower: &'a str,
    toks: &'a [(usize, usize)],
    sentences: &'a [Span],
}

impl<'a> Scan<'a> {
    fn word(&self, i: usize) -> &str {
        let (s, e) = self.toks[i];
        &self.lower[s..e]
    }

    fn orig(&self, i: usize) -> &'a str {
        let (s, e) = self.toks[i];
        &self.text[s..e]
    }

    /// The text between word `i` and word `i + 1`.
    fn gap(&self, i: usize) -> &'a str {
        let end = self.toks[i].1;
        let next = self.toks.get(i + 1).map_or(self.text.len(), |t| t.0);
        &self.text[end..next]
    }

    /// True when the gap after word `i` joins two words of one phrase: a space, a hyphen,
    /// or a possessive ("Crohn's ").
    fn tight_gap(&self, i: usize) -> bool {
        matches!(
            self.gap(i),
            " " | "-" | "'s " | "’s " | "' " | "’ " | "‐" | "\u{a0}"
        )
    }

    /// The longest phrase among `candidates` whose words end at word `end`, its first word
    /// index.
    fn phrase_ending(&self, candidates: &[u32], end: usize) -> Option<usize> {
        let v = &*VOCAB;
        'next: for &p in candidates {
            let words = &v.phrases[p as usize];
            let n = words.len();
            if n > end + 1 {
                continue;
            }
            let first = end + 1 - n;
            for (k, w) in words.iter().enumerate() {
                let i = first + k;
                if self.word(i) != *w {
                    continue 'next;
                }
                if i < end && !self.tight_gap(i) {
                    continue 'next;
                }
            }
            return Some(first);
        }
        None
    }

    fn entry(&self, i: usize) -> Option<&'static Entry> {
        let w = self.word(i);
        let v = &*VOCAB;
        let bit = filter_bit(w.as_bytes());
        if v.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        v.words.get(w)
    }

    /// A site phrase, modifier phrase or biomarker ending at word `end`, joined to the word
    /// after it by a tight gap: its first word, and whether it is specific (a site or a
    /// biomarker) rather than a plain modifier.
    fn modifier_ending(&self, end: usize) -> Option<(usize, bool)> {
        // "HR+/HER2- breast cancer", "ER+ disease": receptor status by sign.
        if let Some(first) = self.signed_biomarker_ending(end) {
            return Some((first, true));
        }
        if !self.tight_gap(end) && !matches!(self.gap(end), "- " | " - ") {
            return None;
        }
        if let Some(first) = self.stage_ending(end) {
            return Some((first, false));
        }
        self.modifier_ending_loose(end)
    }

    /// A stage with its sub-letter or a range of stages: "stage IIIA", "Stage 2",
    /// "stage II-IIIA", "stages IIB to IIIA", "stage IIIB/IV". Returns the first word.
    fn stage_ending(&self, end: usize) -> Option<usize> {
        let is_stage = |i: usize| is_stage_number(self.word(i));
        if !is_stage(end) {
            return None;
        }
        let mut k = end;
        for _ in 0..4 {
            if k >= 1 && matches!(self.word(k - 1), "stage" | "stages") && self.gap(k - 1) == " " {
                return Some(k - 1);
            }
            if k >= 1 && matches!(self.gap(k - 1), "-" | "/" | "–") && is_stage(k - 1) {
                k -= 1;
                continue;
            }
            if k >= 2
                && matches!(self.word(k - 1), "to" | "or" | "and" | "through")
                && self.gap(k - 1) == " "
                && self.gap(k - 2) == " "
                && is_stage(k - 2)
            {
                k -= 2;
                continue;
            }
            return None;
        }
        None
    }

    /// Receptor status by sign, before a space: "HER2- ", "HR+/HER2- ", "ER+ ". Returns the
    /// first word.
    fn signed_biomarker_ending(&self, end: usize) -> Option<usize> {
        let gene = |i: usize| {
            let w = self.orig(i);
            (2..=6).contains(&w.len())
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        };
        if !matches!(self.gap(end), "+ " | "- " | "− ") || !gene(end) {
            return None;
        }
        let mut first = end;
        while first > 0 && matches!(self.gap(first - 1), "+/" | "-/" | "+, " | "-, ") && gene(first - 1) {
            first -= 1;
        }
        Some(first)
    }

    /// "HER2-positive", "HER2 positive", "KRAS G12C-mutated", "PD-L1-expressing", "CA6-positive":
    /// a status word after one or two gene-like words.
    fn biomarker_ending(&self, end: usize) -> Option<usize> {
        if end == 0 || !STATUS.contains(&self.word(end)) || !self.tight_gap(end - 1) {
            return None;
        }
        let gene = |i: usize| {
            let w = self.orig(i);
            w.len() <= 8
                && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars()
                    .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    .count()
                    >= 2
        };
        let mut first = end - 1;
        if !gene(first) {
            return None;
        }
        if first > 0 && gene(first - 1) && matches!(self.gap(first - 1), " " | "-") {
            first -= 1;
        }
        Some(first)
    }

    /// Grows a core that starts at word `start` to the left over modifiers and conjunctions;
    /// returns the new first word and whether a specific modifier was crossed.
    fn extend_left(&self, mut start: usize) -> (usize, bool) {
        let mut specific = false;
        loop {
            if start == 0 {
                break;
            }
            // Directly adjacent modifier.
            if let Some((first, spec)) = self.modifier_ending(start - 1) {
                start = first;
                specific |= spec;
                continue;
            }
            // A bracketed synonym between two modifiers: "neovascular (wet) age-related".
            if start >= 2 && self.gap(start - 1) == ") " && self.gap(start - 2) == " (" {
                if let Some((inner, spec)) = self.modifier_ending_loose(start - 1) {
                    if inner == start - 1 {
                        if let Some((outer, spec2)) = self.modifier_ending_loose(start - 2) {
                            start = outer;
                            specific |= spec || spec2;
                            continue;
                        }
                    }
                }
            }
            // A conjunction between two modifiers: "relapsed or refractory",
            // "lung and colorectal", "ovarian, breast, and other epithelial", "relapsed/refractory".
            let mut k = start;
            let mut joined = false;
            if k >= 1 && self.word(k - 1) == "other" && self.gap(k - 1) == " " {
                k -= 1;
            }
            if k >= 1
                && matches!(self.word(k - 1), "or" | "and" | "to")
                && matches!(self.gap(k - 1), " " | "-")
            {
                k -= 1;
                joined = true;
            }
            if k >= 1 {
                let g = self.gap(k - 1);
                let sep = if joined {
                    matches!(g, " " | ", " | "-")
                } else {
                    matches!(g, ", " | "/" | " / " | ",")
                };
                // A listed condition of its own ("heart failure, stroke or diabetes") is not
                // a modifier of the next one.
                let named_before = self
                    .entry(k - 1)
                    .is_some_and(|e| self.phrase_ending(&e.named, k - 1).is_some());
                // "geographic atrophy secondary to age-related macular degeneration": a
                // preposition, not a range of modifiers.
                let preposition = joined && self.word(k) == "to" && TAKES_TO.contains(&self.word(k - 1));
                if sep && !named_before && !preposition {
                    if let Some((first, spec)) = self.modifier_ending_loose(k - 1) {
                        start = first;
                        specific |= spec;
                        continue;
                    }
                }
            }
            break;
        }
        (start, specific)
    }

    /// A site phrase, modifier phrase or biomarker ending at word `end`, without the gap,
    /// sign and stage checks of [`Self::modifier_ending`] (the caller checked the gap).
    fn modifier_ending_loose(&self, end: usize) -> Option<(usize, bool)> {
        if let Some(e) = self.entry(end) {
            if let Some(first) = self.phrase_ending(&e.site, end) {
                return Some((first, true));
            }
            if let Some(first) = self.phrase_ending(&e.modifier, end) {
                // "lenalidomide-refractory" reaches further than "refractory".
                let first = self.response_ending(end).map_or(first, |r| r.min(first));
                return Some((first, false));
            }
        }
        if let Some(first) = self.biomarker_ending(end) {
            return Some((first, true));
        }
        self.response_ending(end).map(|first| (first, false))
    }

    /// A response to earlier treatment joined by hyphens: "lenalidomide-refractory",
    /// "TKI-resistant", "BCG-unresponsive", "treatment-naive", "triple-class-exposed". Returns
    /// the first word (at most three words before the status).
    fn response_ending(&self, end: usize) -> Option<usize> {
        let hyphen = |i: usize| matches!(self.gap(i), "-" | "‐");
        if end == 0 || !RESPONSE.contains(&self.word(end)) || !hyphen(end - 1) {
            return None;
        }
        let mut first = end - 1;
        while first > 0 && end - first < 3 && hyphen(first - 1) {
            first -= 1;
        }
        Some(first)
    }

    /// True when the words before word `start` say whom a study enrolled: "patients with",
    /// "a study in".
    fn enrolment_before(&self, start: usize) -> bool {
        if start == 0 || self.gap(start - 1) != " " {
            return false;
        }
        match self.word(start - 1) {
            "with" => true,
            "in" => {
                start >= 2
                    && self.gap(start - 2) == " "
                    && matches!(
                        self.word(start - 2),
                        "study"
                            | "studies"
                            | "trial"
                            | "trials"
                            | "patients"
                            | "participants"
                            | "adults"
                            | "children"
                            | "cohort"
                            | "cohorts"
                    )
            }
            _ => false,
        }
    }

    /// True when the capitalised condition ending at word `last` opens the name of an
    /// organisation, meeting or publication a few capitalised words later ("Leukemia &
    /// Lymphoma Society", "Breast Cancer Research Foundation").
    fn opens_a_name(&self, last: usize) -> bool {
        if !self.orig(last).starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        let n = self.toks.len();
        for k in last + 1..(last + 5).min(n) {
            if !matches!(self.gap(k - 1), " " | " & " | " and " | " of ") {
                return false;
            }
            if !self.orig(k).starts_with(|c: char| c.is_uppercase()) {
                return false;
            }
            if self.entry(k).is_some_and(|e| e.stop_after) {
                return true;
            }
        }
        false
    }

    /// True when the phrase starting at word `start` is the predicate of a definition: "X is
    /// a chronic inflammatory [skin disease]", "are rare [kidney diseases]", where it names
    /// the class X belongs to, over lower-case words only ("is a rare form of [breast cancer]"
    /// keeps it: "of" stops the walk).
    fn is_class_predicate(&self, start: usize) -> bool {
        let mut i = start;
        for _ in 0..6 {
            if i == 0 || !matches!(self.gap(i - 1), " " | ", ") {
                return false;
            }
            let w = self.word(i - 1);
            if matches!(w, "a" | "an" | "the") {
                return i >= 2
                    && self.gap(i - 2) == " "
                    && matches!(self.word(i - 2), "is" | "was" | "are" | "were" | "remains");
            }
            if w == "are" {
                return true;
            }
            let adjective = self
                .orig(i - 1)
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
                && !matches!(
                    w,
                    "of" | "with"
                        | "in"
                        | "for"
                        | "to"
                        | "from"
                        | "by"
                        | "on"
                        | "at"
                        | "and"
                        | "or"
                        | "as"
                        | "than"
                        | "like"
                        | "including"
                        | "such"
                        | "patients"
                        | "people"
                        | "adults"
                );
            if !adjective {
                return false;
            }
            i -= 1;
        }
        false
    }

    /// True when byte `at` follows a cue that lists symptoms ("characterized by", "symptoms
    /// such as") earlier in its sentence.
    fn symptom_list(&self, at: usize) -> bool {
        let k = self.sentences.partition_point(|sp| sp.end <= at);
        let Some(sp) = self.sentences.get(k).filter(|sp| sp.start <= at) else {
            return false;
        };
        let before = self.lower.get(sp.start..at).unwrap_or("");
        SYMPTOM_CUES.iter().any(|c| before.contains(c))
    }

    /// The sentence around byte `at`.
    fn sentence_at(&self, at: usize) -> &'a str {
        let k = self.sentences.partition_point(|sp| sp.end <= at);
        match self.sentences.get(k) {
            Some(sp) if sp.start <= at => self.lower.get(sp.start..sp.end).unwrap_or(""),
            _ => "",
        }
    }

    /// True when the condition of words `first..=i` is named as an adverse event: followed by
    /// "was reported" or "occurred", after "developed", or (one word) an item of a list in a
    /// sentence about adverse events ("the most common adverse events were nasopharyngitis,
    /// acne and headache").
    fn adverse_event(&self, first: usize, i: usize) -> bool {
        let end = self.toks[i].1;
        let after = super::context::head(self.lower, end, 16);
        if EVENT_AFTER.iter().any(|c| after.starts_with(c)) {
            return true;
        }
        if first > 0
            && self.gap(first - 1) == " "
            && matches!(self.word(first - 1), "developed" | "experienced")
        {
            return true;
        }
        if first != i {
            return false;
        }
        let n = self.toks.len();
        let joined = |k: usize| matches!(self.word(k), "and" | "or");
        let listed = (i > 0 && matches!(self.gap(i - 1), ", " | "; "))
            || (i + 1 < n && matches!(self.gap(i), ", " | "; "))
            || (i > 0 && self.gap(i - 1) == " " && joined(i - 1))
            || (i + 1 < n && self.gap(i) == " " && joined(i + 1));
        if !listed {
            return false;
        }
        let sentence = self.sentence_at(self.toks[i].0);
        SAFETY_CUES.iter().any(|c| sentence.contains(c))
    }

    /// "elevated Lp(a)", "high LDL-C": a lipid risk factor from word `i` ("elevated", "high",
    /// "raised"); its end byte.
    fn lipid_risk(&self, i: usize) -> Option<usize> {
        if !matches!(self.word(i), "elevated" | "high" | "raised") || self.gap(i) != " " {
            return None;
        }
        let from = self.toks.get(i + 1)?.0;
        let rest = super::context::head(self.lower, from, 48);
        let lipid = LIPIDS.iter().find(|l| rest.starts_with(*l))?;
        let end = from + lipid.len();
        let tail = &rest[lipid.len()..];
        if tail.starts_with(|c: char| c.is_alphanumeric() || c == '-') {
            return None;
        }
        let next = tail
            .trim_start_matches(' ')
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        (!MEASURE_AFTER.contains(&next)).then_some(end)
    }

    /// True when a capitalised word opening with `c` starts a name that runs up to word
    /// `start`: at most four words back, over tight gaps and the small words of titles
    /// ("Walking Programme for Stroke").
    fn name_opens_before(&self, start: usize, c: char) -> bool {
        let mut k = start;
        for _ in 0..4 {
            if k == 0 || !(self.tight_gap(k - 1) || self.gap(k - 1) == " & ") {
                return false;
            }
            k -= 1;
            let w = self.orig(k);
            if w.starts_with(c) {
                return true;
            }
            let small = matches!(self.word(k), "for" | "of" | "in" | "with" | "and" | "on" | "the");
            if !small && !w.starts_with(|x: char| x.is_uppercase()) {
                return false;
            }
        }
        false
    }

    /// True when word `i` is a condition abbreviation: listed, or defined in this text.
    fn is_abbrev(&self, i: usize, defined: &[&str]) -> bool {
        let w = self.orig(i);
        let upper = w.bytes().filter(u8::is_ascii_uppercase).count();
        if upper < 2 || w.len() > 8 {
            return false;
        }
        // "COVID-19" is two words.
        let full = if self.gap(i) == "-" && i + 1 < self.toks.len() {
            &self.text[self.toks[i].0..self.toks[i + 1].1]
        } else {
            w
        };
        VOCAB.abbrevs.binary_search(&w).is_ok()
            || VOCAB.abbrevs.binary_search(&full).is_ok()
            || defined.contains(&w)
            || defined.contains(&full)
    }

    /// The first word of a gene named right before the condition starting at word `start`:
    /// "SOD1-ALS", "GBA1 Parkinson's disease", "superoxide dismutase 1 (SOD1) amyotrophic
    /// lateral sclerosis" (the gene's name, up to four lower-case words before its symbol).
    fn gene_before(&self, start: usize) -> Option<usize> {
        if start == 0 || !gene_like(self.orig(start - 1)) {
            return None;
        }
        match self.gap(start - 1) {
            " " | "-" => Some(start - 1),
            ") " if start >= 2 && self.gap(start - 2) == " (" => {
                let mut first = start - 1;
                while first > 0 && start - first <= 4 {
                    let w = self.orig(first - 1);
                    let plain = w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
                    let tight = first == start - 1 || self.gap(first - 1) == " ";
                    if !plain || !tight || GENE_NAME_STOP.contains(&w) {
                        break;
                    }
                    first -= 1;
                }
                // The name must hold a word, not only the symbol.
                (first < start - 1 && self.orig(first).bytes().any(|b| b.is_ascii_lowercase()))
                    .then_some(first)
            }
            _ => None,
        }
    }

    /// True when words `i` and `i + 1` joined by a hyphen are one listed or defined
    /// abbreviation ("ATTR-CM").
    fn hyphenated_abbrev(&self, i: usize, defined: &[&str]) -> bool {
        if self.gap(i) != "-" || i + 1 >= self.toks.len() {
            return false;
        }
        let full = &self.text[self.toks[i].0..self.toks[i + 1].1];
        VOCAB.abbrevs.binary_search(&full).is_ok() || defined.contains(&full)
    }
}

/// Words that end a gene's name on its left ("patients with superoxide dismutase 1 (SOD1)").
const GENE_NAME_STOP: &[&str] = &[
    "with",
    "in",
    "for",
    "of",
    "and",
    "or",
    "the",
    "a",
    "an",
    "to",
    "from",
    "by",
    "on",
    "at",
    "patients",
    "people",
    "adults",
    "children",
    "participants",
    "individuals",
    "who",
    "have",
    "has",
    "had",
    "due",
    "caused",
    "carrying",
    "treat",
    "treating",
    "mutations",
    "mutation",
    "variants",
    "variant",
];

/// A gene symbol: a capital, then letters and digits with at least one digit ("SOD1", "GBA1",
/// "LRRK2", "C9orf72"); not a plain code with digits only after the first letter ("T2").
fn gene_like(w: &str) -> bool {
    let b = w.as_bytes();
    (3..=8).contains(&b.len())
        && b[0].is_ascii_uppercase()
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().any(u8::is_ascii_digit)
        && b[1..].iter().any(u8::is_ascii_alphabetic)
        && (b.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2 || b.iter().any(u8::is_ascii_lowercase))
}

/// The end of a type designator right after byte `end`: " type 1", " Type II", " type Ia",
/// " type C", " type 2b"; followed by neither a letter nor a digit.
fn type_designator(text: &str, end: usize) -> Option<usize> {
    let rest = text.get(end..)?;
    let r = rest
        .strip_prefix(" type ")
        .or_else(|| rest.strip_prefix(" Type "))
        .or_else(|| rest.strip_prefix(" TYPE "))?;
    let word_len = r.bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    let word = &r[..word_len];
    let roman = |w: &str| matches!(w, "I" | "II" | "III" | "IV" | "V" | "VI" | "VII");
    let ok = match word.as_bytes() {
        // "1", "2b"
        [d] | [d, b'a' | b'b'] if (b'1'..=b'9').contains(d) => true,
        // "A", "B", "C" (capital only: "type a" is not a designator)
        [c] if (b'A'..=b'C').contains(c) => true,
        _ => {
            roman(word)
                || word
                    .strip_suffix(['a', 'b'])
                    .is_some_and(|w| !w.is_empty() && roman(w))
        }
    };
    if !ok {
        return None;
    }
    // Not a range or list continuing into a number ("type 1-2" stays "type 1").
    Some(end + (rest.len() - r.len()) + word_len)
}

/// Words that do not begin the long form of an abbreviation (lower case).
const LONG_FORM_STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "its", "of", "on", "or", "the",
    "their", "to", "was", "were", "with", "patients", "people", "adults", "children",
];

/// Where the long form of abbreviation `abbr` starts in `long`, a byte offset: the letters and
/// digits of `abbr` found in `long` from right to left (ASCII case-insensitive), the first of
/// them at the start of a word when `word_start` (the Schwartz-Hearst match).
fn long_form_start(long: &str, abbr: &str, word_start: bool) -> Option<usize> {
    let l = long.as_bytes();
    let mut li = l.len();
    let letters: Vec<u8> = abbr.bytes().filter(u8::is_ascii_alphanumeric).collect();
    for (si, c) in letters.into_iter().enumerate().rev() {
        loop {
            li = li.checked_sub(1)?;
            let at_start = li == 0 || !l.get(li - 1).is_some_and(u8::is_ascii_alphanumeric);
            if l.get(li).is_some_and(|b| b.eq_ignore_ascii_case(&c)) && (si > 0 || !word_start || at_start) {
                break;
            }
        }
    }
    Some(li)
}

/// A bracketed abbreviation right after byte `end`: "(mTNBC)", "(AD)", "(NETs)".
fn bracket_abbrev(text: &str, end: usize) -> Option<(usize, &str)> {
    let rest = text.get(end..)?;
    let after_space = rest.trim_start_matches([' ', '\u{a0}']);
    let inner_start = after_space.strip_prefix('(')?;
    let close = inner_start.find(')')?;
    let inner = &inner_start[..close];
    let ok = (2..=10).contains(&inner.len())
        && inner
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '/')
        && inner.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && !inner.chars().all(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    let consumed = rest.len() - inner_start.len() + close + 1;
    Some((end + consumed, inner))
}

/// The length of a qualifier that belongs to the condition ending at byte `end` of the
/// lower-case text: " not otherwise specified", " with facial involvement"; 0 when none.
fn qualifier_after(lower: &str, end: usize) -> usize {
    let rest = lower.get(end..).unwrap_or("");
    if let Some(r) = rest.strip_prefix(" not otherwise specified") {
        if !r.starts_with(|c: char| c.is_alphanumeric()) {
            return rest.len() - r.len();
        }
    }
    if let Some(r) = rest.strip_prefix(" with ") {
        let word = r
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
            .count();
        if word >= 3 {
            if let Some(r2) = r[word..].strip_prefix(" involvement") {
                if !r2.starts_with(|c: char| c.is_alphanumeric()) {
                    return rest.len() - r2.len();
                }
            }
        }
    }
    0
}

/// Finds CONDITION candidates in `doc`.
pub fn scan(doc: &Doc, words: &Words, out: &mut Vec<Candidate>) {
    let text = doc.text;
    let s = Scan {
        text,
        lower: &words.lower,
        toks: &words.toks,
        sentences: &doc.sentences,
    };
    let mut defined: Vec<&str> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut risks: Vec<Span> = Vec::new();
    let n = s.toks.len();
    let mut i = 0;
    while i < n {
        let mut core: Option<(usize, bool)> = None; // (first word, specific already)
        if let Some(e) = s.entry(i) {
            if let Some(first) = s.phrase_ending(&e.named, i) {
                core = Some((first, true));
            } else if e.head {
                core = Some((i, false));
            }
        }
        if core.is_none() && disease_shaped(s.word(i)) {
            core = Some((i, true));
        }
        if core.is_none() && s.is_abbrev(i, &defined) {
            core = Some((i, true));
        }
        let Some((first, named)) = core else {
            if let Some(end) = s.lipid_risk(i) {
                let span = Span::new(s.toks[i].0, end);
                // "adults with high LDL-C": who has it, not a measured result; so is a
                // risk factor joined to one ("with elevated Lp(a) or high LDL-C").
                let joined = i >= 1
                    && matches!(s.word(i - 1), "or" | "and")
                    && s.gap(i - 1) == " "
                    && risks.last().is_some_and(|r: &Span| {
                        text.get(r.end..s.toks[i - 1].0)
                            .is_some_and(|g| g.trim().is_empty())
                    });
                if s.enrolment_before(i) || joined {
                    risks.push(span);
                }
                spans.push(span);
                while i < n && s.toks[i].0 < end {
                    i += 1;
                }
                continue;
            }
            i += 1;
            continue;
        };
        // A hyphenated abbreviation such as COVID-19 ends one word later.
        let mut last = i;
        if named
            && first == i
            && s.gap(i) == "-"
            && i + 1 < n
            && ((s.orig(i + 1).chars().all(|c| c.is_ascii_digit()) && s.is_abbrev(i, &defined))
                || s.hyphenated_abbrev(i, &defined))
        {
            last = i + 1;
        }
        i = last + 1;
        if let Some(span) = accept(&s, first, last, named, &mut defined) {
            while i < n && s.toks[i].0 < span.end {
                i += 1;
            }
            spans.push(span);
        }
    }
    // Abbreviations defined later in the text than some of their uses.
    if !defined.is_empty() {
        for i in 0..n {
            let (st, en) = s.toks[i];
            if spans.iter().any(|sp| sp.start < en && st < sp.end) {
                continue;
            }
            if defined.contains(&s.orig(i)) {
                if let Some(span) = accept(&s, i, i, true, &mut defined) {
                    spans.push(span);
                }
            }
        }
    }
    // "DLBCL arising from follicular lymphoma": one indication.
    crate::sort::sort_by_key(&mut spans, |sp| sp.start);
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(prev) = merged.last_mut() {
            let between = text.get(prev.end..span.start).unwrap_or("");
            if span.start >= prev.end && ARISING.iter().any(|a| between.eq_ignore_ascii_case(a)) {
                prev.end = span.end;
                continue;
            }
        }
        merged.push(span);
    }
    for span in merged {
        let priority = if risks.contains(&span) { RISK_PRIORITY } else { 1 };
        out.push(Candidate::new(Label::Condition, span, "condition").priority(priority));
    }
}

/// Turns a core (words `first..=last`) into a condition span, or rejects it.
fn accept<'a>(
    s: &Scan<'a>,
    first: usize,
    last: usize,
    named: bool,
    defined: &mut Vec<&'a str>,
) -> Option<Span> {
    let text = s.text;
    let n = s.toks.len();
    // A numbered type completes the condition ("spinal muscular atrophy type 1",
    // "mucopolysaccharidosis type II"), where "type" alone would end it ("cancer type").
    let typed_end = type_designator(text, s.toks[last].1);
    // Part of another noun: "migraine days", "Epilepsy Society", "tumor-targeting".
    if last + 1 < n && typed_end.is_none() {
        let gap = s.gap(last);
        if matches!(gap, " " | "-") {
            if let Some(e) = s.entry(last + 1) {
                if e.stop_after {
                    return None;
                }
            }
        }
        if gap == "-"
            && !s.word(last + 1).chars().all(|c| c.is_ascii_digit())
            && s.word(last + 1) != "positive"
        {
            return None;
        }
    }
    // Part of a vaccine's name: "Seasonal Influenza Quadrivalent Vaccine".
    for k in last + 1..(last + 6).min(n) {
        if s.gap(k - 1).contains(['\n', '.', ',', ';']) {
            break;
        }
        if matches!(s.word(k), "vaccine" | "vaccines" | "vaccination" | "vaccinations") {
            return None;
        }
    }
    // An abbreviation inside a hyphenated name ("HERIZON-BTC-01") is not a condition.
    if named && first == last && s.orig(first).bytes().filter(u8::is_ascii_uppercase).count() >= 2 {
        let hyphen_before = first > 0 && s.gap(first - 1) == "-" && !gene_like(s.orig(first - 1));
        let hyphen_after = last + 1 < n && s.gap(last) == "-";
        if (hyphen_before || hyphen_after) && s.entry(first).is_none_or(|e| e.named.is_empty()) {
            return None;
        }
    }
    // "anti-cancer", "anti-tumor".
    if first > 0 && s.word(first - 1) == "anti" && matches!(s.gap(first - 1), "-" | "") {
        return None;
    }
    let head_word = s.word(last);
    let mut specific = named;
    let mut start = first;
    if !named {
        // A head: needs a site, a biomarker or an eponym right before it.
        if first == 0 {
            return None;
        }
        if let Some((f, spec)) = s.modifier_ending(first - 1) {
            // A biomarker alone makes only a tumour head specific ("CA6-positive cancers").
            let via_site = s
                .entry(first - 1)
                .is_some_and(|e| s.phrase_ending(&e.site, first - 1).is_some());
            if spec && (via_site || BIOMARKER_HEADS.contains(&head_word)) {
                start = f;
                specific = true;
            }
        }
        if !specific && EPONYM_HEADS.contains(&head_word) {
            let prev = s.orig(first - 1);
            let prev_lower = s.word(first - 1);
            let possessive = matches!(s.gap(first - 1), "'s " | "’s " | "' " | "’ ");
            let titled = prev.len() >= 3
                && prev.chars().next().is_some_and(|c| c.is_uppercase())
                && prev.chars().skip(1).all(|c| c.is_lowercase() || c == '-');
            let stop = VOCAB
                .words
                .get(prev_lower)
                .is_some_and(|e| e.stop_before || !e.modifier.is_empty())
                || NOT_EPONYM.contains(&prev_lower);
            if titled && !stop && (possessive || s.tight_gap(first - 1)) {
                start = first - 1;
                specific = true;
            }
        }
        // "relapsed lymphoma", "acute leukemia": a disease family that a stage or course
        // word makes an indication; alone ("whose lymphoma came back") it stays generic.
        if !specific && FAMILY_HEADS.contains(&head_word) && s.modifier_ending(first - 1).is_some() {
            specific = true;
        }
        if !specific {
            return None;
        }
    }
    let core_start = start;
    // Severity words before "COPD exacerbations" or "migraine attacks" qualify the events.
    let events_after = last + 1 < n && s.gap(last) == " " && EVENT_NOUNS.contains(&s.word(last + 1));
    let (start, _) = if events_after {
        (start, false)
    } else {
        s.extend_left(start)
    };
    let mut start = s.gene_before(start).unwrap_or(start);
    if !named {
        // A field rather than an indication: "for solid tumours", "cardiovascular diseases".
        if start == core_start && first > start && GROUP_HEADS.contains(&head_word) {
            let site = s.lower[s.toks[start].0..s.toks[first].0].trim_end_matches([' ', '-']);
            if BROAD_SITES.contains(&site) && !s.enrolment_before(start) {
                return None;
            }
        }
        // "X is a chronic inflammatory skin disease": the class X belongs to.
        if s.is_class_predicate(start) {
            return None;
        }
    }
    // "acne" in a list of adverse events.
    if start == first && s.orig(first).bytes().any(|b| b.is_ascii_lowercase()) && s.adverse_event(first, last)
    {
        return None;
    }
    if typed_end.is_none() && s.opens_a_name(last) {
        return None;
    }
    // "characterised by hallucinations and cognitive impairment": symptoms of another
    // condition, listed after a cue in the same sentence.
    if s.symptom_list(s.toks[start].0) {
        return None;
    }
    // "Response Evaluation Criteria In Solid Tumors" names criteria, not a condition.
    // A journal named after a disease: "published in Arthritis & Rheumatology".
    let before = super::context::tail(text, s.toks[start].0, 40)
        .trim_end()
        .to_ascii_lowercase();
    if [
        "criteria in",
        "published in",
        "journal",
        "published in the",
        "assessment for",
        "scale for",
        "index for",
        "score for",
    ]
    .iter()
    .any(|w| before.ends_with(w))
    {
        return None;
    }
    let mut end = typed_end.unwrap_or(s.toks[last].1);
    if let Some((after, abbr)) = bracket_abbrev(text, end) {
        // An abbreviation whose first capital starts no word of the condition but starts a
        // capitalised name just before it spells that longer name, a scale, a programme or
        // an index ("Quantitative Myasthenia Gravis (QMG)", "Walking Programme for Stroke
        // (WPS)"): not a condition.
        if let Some(c) = abbr.chars().find(char::is_ascii_uppercase) {
            let initial = |k: usize| s.orig(k).starts_with(|x: char| x.eq_ignore_ascii_case(&c));
            if !(start..=last).any(initial) && s.name_opens_before(start, c) {
                return None;
            }
        }
        // The abbreviation of a condition spells it ("metastatic castration-resistant
        // prostate cancer (mCRPC)") or words just before it ("central sleep apnea (CSA)": the
        // span grows over them); a bracketed name that spells neither is another thing, such
        // as a trial ("cerebral palsy (ORBIT)").
        let mut from = start;
        while from > 0
            && start - from < 4
            && matches!(s.gap(from - 1), " " | "-")
            && !LONG_FORM_STOP.contains(&s.word(from - 1))
        {
            from -= 1;
        }
        let base = s.toks[from].0;
        let long = text.get(base..end).unwrap_or("");
        // Each part of "ATTR-CM" or "HR+/HER2-" may start a word ("cardiomyopathy").
        let starts_a_word = abbr.split(['-', '/']).any(|part| {
            let first_letter = part.chars().find(char::is_ascii_alphabetic);
            let first_capital = part.chars().find(char::is_ascii_uppercase);
            (start..=last).any(|k| {
                s.orig(k).chars().next().is_some_and(|x| {
                    [first_letter, first_capital]
                        .iter()
                        .flatten()
                        .any(|c| c.eq_ignore_ascii_case(&x))
                })
            })
        });
        let spells = if starts_a_word {
            true
        } else if let Some(at) = long_form_start(long, abbr, true) {
            if let Some(k) = (from..start).find(|&k| s.toks[k].0 == base + at) {
                start = k;
            }
            true
        } else {
            long_form_start(long, abbr, false).is_some()
        };
        if spells {
            end = after;
            if !defined.contains(&abbr) {
                defined.push(abbr);
            }
            // "spinal muscular atrophy (SMA) type 1"
            if typed_end.is_none() {
                end = type_designator(text, end).unwrap_or(end);
            }
        }
    }
    end += qualifier_after(s.lower, end);
    Some(Span::new(s.toks[start].0, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conditions(text: &str) -> Vec<String> {
        let doc = Doc::new(text);
        let mut out = Vec::new();
        scan(&doc, &Words::new(text), &mut out);
        out.iter()
            .map(|c| text[c.span.start..c.span.end].to_string())
            .collect()
    }

    #[test]
    fn vocabulary_parses() {
        let v = &*VOCAB;
        assert!(v.phrases.len() > 500);
        assert!(v.words.get("cancer").is_some_and(|e| e.head));
        assert!(v.abbrevs.binary_search(&"NSCLC").is_ok());
    }

    #[test]
    fn heads_need_a_specific_modifier() {
        assert_eq!(
            conditions("patients with advanced breast cancer"),
            vec!["advanced breast cancer"]
        );
        assert!(conditions("a company fighting cancer and autoimmune disease").is_empty());
        assert_eq!(conditions("CA6-positive tumors"), vec!["CA6-positive tumors"]);
    }

    #[test]
    fn modifiers_conjunctions_and_abbreviations() {
        assert_eq!(
            conditions("people who had relapsed or refractory multiple myeloma (RRMM). In RRMM, it works."),
            vec!["relapsed or refractory multiple myeloma (RRMM)", "RRMM"]
        );
        assert_eq!(conditions("mean monthly migraine days"), Vec::<String>::new());
    }
}
