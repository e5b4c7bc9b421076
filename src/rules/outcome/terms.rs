//! The vocabulary of OUTCOME heads: measures, endpoints, scales, safety statements and the
//! adverse-event lexicon (`data/ae_terms.txt`), found in one pass over the word starts of a
//! text.
//!
//! A term is a sequence of words. In the text, words of a term may be separated by spaces,
//! tabs or hyphens ("dose-limiting", "dose limiting", "dose- limiting"), the last word may take
//! a plural ("responses", "toxicities"), lower-case terms ignore case and terms written with
//! capitals (abbreviations such as `ORR`, `HbA1c`) must match their case.

use std::sync::LazyLock;

/// How a head takes modifiers and values; drives the phrase grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Response categories ("partial response", "CR"): counts and percentages may precede.
    Response,
    /// Rates ("objective response rate", "DCR"): a percentage may follow.
    Rate,
    /// Time-to-event measures ("progression-free survival", "OS"): a duration may follow.
    Tte,
    /// Ratios ("hazard ratio", "HR"): a unitless value may follow.
    Ratio,
    /// Risk statements ("risk reduction", "risk of"): followed by the event and a percentage.
    Risk,
    /// Trial endpoints: need a qualifier ("primary endpoint").
    Endpoint,
    /// Continuous endpoints, scales and laboratory measures ("HbA1c", "PASI 75").
    Score,
    /// Safety statements and event classes ("well tolerated", "adverse events", "DLT").
    Safety,
    /// A named adverse event from the lexicon ("neutropenia").
    Ae,
    /// A change noun ("improvement", "reduction") that heads "improvement in <measure>".
    Change,
    /// Clinical events ("death", "disease progression"): need a modifier, a value or a
    /// coordinated event.
    Event,
    /// Generic efficacy words ("response", "remission", "survival"): need support.
    Weak,
    /// Generic safety words ("toxicity", "side effects"): need support.
    WeakSafety,
    /// Statements of statistical significance ("not statistically significant").
    Significance,
    /// Count-like and symptom measures ("migraine days", "bleeds"): need a qualifier, a
    /// value or a change phrase around them.
    ScoreWeak,
    /// "not yet reached": a median that is not reached, in a sentence about survival.
    NotReached,
}

impl Class {
    /// `efficacy` or `safety`.
    pub fn kind(self) -> &'static str {
        match self {
            Class::Safety | Class::Ae | Class::WeakSafety => "safety",
            _ => "efficacy",
        }
    }
}

/// One vocabulary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The measure attribute (`ORR`, `PFS`, `AE`, ...).
    pub measure: &'static str,
    /// Grammar class.
    pub class: Class,
    /// Only an adverse event in a sentence about safety (the term also names diseases).
    pub needs_safety_context: bool,
}

/// `(variants separated by '|', measure, class)`.
const HEADS: &[(&str, &str, Class)] = &[
    // Response categories.
    ("complete response|complete remission|complete metabolic response|CR|CRs", "CR", Class::Response),
    ("stringent complete response|sCR", "sCR", Class::Response),
    ("partial response|partial remission|PR|PRs", "PR", Class::Response),
    ("very good partial response|VGPR", "VGPR", Class::Response),
    ("stable disease|SD", "SD", Class::Response),
    ("progressive disease", "PD", Class::Response),
    ("objective response|objective tumor response|objective tumour response", "ORR", Class::Response),
    ("pathological complete response|pathologic complete response|pCR", "pCR", Class::Response),
    ("major molecular response", "MMR", Class::Response),
    ("complete cytogenetic response", "CCyR", Class::Response),
    ("minimal residual disease negativity|measurable residual disease negativity|MRD negativity|MRD-negative|MRD negative", "MRD", Class::Response),
    ("sustained virologic response|sustained virological response|SVR12|SVR", "SVR", Class::Response),
    ("clinical remission|endoscopic remission|endoscopic improvement|histologic remission", "remission", Class::Response),
    ("clinical response|clinical responses|durable response|durable responses", "response", Class::Response),
    ("PSA response|PSA decline|PSA50", "PSA", Class::Response),
    ("endoscopic response|histologic response|histological response|mucosal healing|symptomatic remission", "remission", Class::Response),
    ("HBsAg loss|HBsAg seroclearance|HBeAg seroconversion|HBeAg loss|functional cure", "HBsAg loss", Class::Response),
    ("clinical cure|microbiological eradication|microbiological response|mycological cure|complete cure", "cure", Class::Response),
    ("tumor shrinkage|tumour shrinkage|tumor regression|tumour regression", "tumor shrinkage", Class::Response),
    // Rates.
    ("objective response rate|overall response rate|best overall response|response rate|ORR", "ORR", Class::Rate),
    ("disease control rate|DCR", "DCR", Class::Rate),
    ("clinical benefit rate|CBR", "CBR", Class::Rate),
    ("complete response rate|CR rate", "CR", Class::Rate),
    ("responder rate|clinical cure rate|cure rate", "response", Class::Rate),
    ("vaccine efficacy", "VE", Class::Rate),
    ("seroconversion|seroconversion rate|seroprotection|seroresponse rate", "seroconversion", Class::Rate),
    ("transfusion independence", "TI", Class::Rate),
    // Time to event.
    ("progression-free survival|radiographic progression-free survival|PFS|rPFS", "PFS", Class::Tte),
    ("overall survival|OS", "OS", Class::Tte),
    ("event-free survival|EFS", "EFS", Class::Tte),
    ("disease-free survival|DFS", "DFS", Class::Tte),
    ("invasive disease-free survival|IDFS", "IDFS", Class::Tte),
    ("relapse-free survival|recurrence-free survival|RFS", "RFS", Class::Tte),
    ("metastasis-free survival|MFS", "MFS", Class::Tte),
    ("time to progression|TTP", "TTP", Class::Tte),
    ("time to treatment failure|time to next treatment", "TTF", Class::Tte),
    ("time to death|time to response|time to first exacerbation|time to first relapse|time to first event|time to deterioration|time to confirmed deterioration", "TTE", Class::Tte),
    ("duration of response|DoR|DOR", "DoR", Class::Tte),
    ("time to clinical improvement|time to recovery|time to symptom improvement|time to sustained symptom resolution|time to hospital discharge", "TTE", Class::Tte),
    // Ratios and risk.
    ("hazard ratio|HR", "HR", Class::Ratio),
    ("odds ratio", "OR", Class::Ratio),
    ("relative risk|risk ratio", "RR", Class::Ratio),
    ("rate ratio", "rate ratio", Class::Ratio),
    ("risk reduction|relative risk reduction|risk of", "RR", Class::Risk),
    // Endpoints.
    ("endpoint|end point|end-point|outcome measure", "endpoint", Class::Endpoint),
    // Continuous endpoints and scales.
    ("HbA1c|HBA1c|HBA1C|A1C|A1c|glycated hemoglobin|glycated haemoglobin|hemoglobin A1c|haemoglobin A1c", "HbA1c", Class::Score),
    ("fasting plasma glucose|FPG|fasting glucose", "FPG", Class::Score),
    ("body weight|weight loss|weight reduction", "weight", Class::Score),
    ("LDL-C|LDL cholesterol|low-density lipoprotein cholesterol|low-density lipoprotein", "LDL-C", Class::Score),
    ("non-HDL-C|HDL-C|HDL cholesterol|triglyceride|apolipoprotein B|ApoB", "lipids", Class::Score),
    ("blood pressure|systolic blood pressure|diastolic blood pressure|SBP", "BP", Class::Score),
    ("PASI 50|PASI50", "PASI50", Class::Score),
    ("PASI 75|PASI75", "PASI75", Class::Score),
    ("PASI 90|PASI90", "PASI90", Class::Score),
    ("PASI 100|PASI100", "PASI100", Class::Score),
    ("Psoriasis Area and Severity Index|psoriasis area and severity index|PASI", "PASI", Class::Score),
    ("EASI 50|EASI-50|EASI50", "EASI50", Class::Score),
    ("EASI 75|EASI-75|EASI75", "EASI75", Class::Score),
    ("EASI 90|EASI-90|EASI90", "EASI90", Class::Score),
    ("Eczema Area and Severity Index|eczema area and severity index|EASI", "EASI", Class::Score),
    ("investigator global assessment|Investigator Global Assessment|vIGA-AD", "IGA", Class::Score),
    ("physician global assessment|Physician Global Assessment|Physician's Global Assessment|sPGA", "PGA", Class::Score),
    ("HAM-D|HAMD|HAMD-17|HAM-D17|HAMD17|Hamilton Depression Rating Scale|hamilton depression rating scale", "HAM-D", Class::Score),
    ("MADRS|Montgomery-Asberg Depression Rating Scale|Montgomery-Åsberg Depression Rating Scale", "MADRS", Class::Score),
    ("PANSS|Positive and Negative Syndrome Scale", "PANSS", Class::Score),
    ("Clinical Global Impression|clinical global impression|Clinical Global Impression-Severity|Clinical Global Impression–Severity|Clinical Global Impression of Severity|Clinical Global Impression-Improvement|Clinical Global Impression–Improvement|Clinical Global Impression of Improvement|Clinical Global Impressions|CGI-S|CGI-I", "CGI", Class::Score),
    ("YMRS|ADAS-Cog|ADAS-Cog13|CDR-SB|iADRS|MMSE|ADCS-ADL|ALSFRS-R|EDSS|UPDRS|MDS-UPDRS", "scale", Class::Score),
    ("ACR20", "ACR20", Class::Score),
    ("ACR50", "ACR50", Class::Score),
    ("ACR70", "ACR70", Class::Score),
    ("DAS28|DAS28-CRP|SRI-4|SRI4|BICLA|Mayo score|modified Mayo score", "scale", Class::Score),
    ("FEV1|forced expiratory volume|forced vital capacity|FVC", "FEV1", Class::Score),
    ("six-minute walk distance|6-minute walk distance|6MWD|6-minute walk test", "6MWD", Class::Score),
    ("annualized relapse rate|annualised relapse rate", "ARR", Class::Score),
    ("annualized exacerbation rate|annualised exacerbation rate|exacerbation rate|exacerbations|moderate-to-severe exacerbations", "exacerbations", Class::ScoreWeak),
    ("annualized bleeding rate|annualised bleeding rate|ABR|bleeding rate", "ABR", Class::Score),
    ("bleeding episodes|bleeds|bleed protection|joint bleeds|spontaneous bleeds", "bleeds", Class::ScoreWeak),
    ("seizure frequency|seizure freedom|seizure reduction|seizure rates|seizure rate|seizure-free|seizure free", "seizures", Class::ScoreWeak),
    ("migraine days|monthly migraine days", "MMD", Class::ScoreWeak),
    ("attack rate|attack rates|annualized attack rate|annualised attack rate|attack-free days|attack-free|attacks", "attacks", Class::ScoreWeak),
    ("quality of life|health-related quality of life|QoL|HRQoL", "QoL", Class::ScoreWeak),
    ("Vitiligo Area Scoring Index|vitiligo area scoring index|F-VASI|T-VASI|VASI", "VASI", Class::Score),
    ("visual acuity|best-corrected visual acuity|BCVA|vision gains|central subfield thickness", "BCVA", Class::ScoreWeak),
    ("viral load|HIV-1 RNA|HBV DNA|viral suppression", "viral load", Class::ScoreWeak),
    ("neutralizing antibody|neutralising antibody|neutralizing antibodies|antibody response|antibody titers|antibody titres|geometric mean titer|geometric mean titre|GMT", "antibody", Class::Score),
    ("proteinuria|albuminuria", "renal", Class::ScoreWeak),
    ("eGFR|proteinuria reduction|UPCR|urine protein-to-creatinine ratio", "renal", Class::Score),
    ("spleen volume reduction|spleen volume|SVR35", "SVR35", Class::Score),
    ("hemoglobin|haemoglobin|hemoglobin response", "hemoglobin", Class::ScoreWeak),
    ("NT-proBNP|KCCQ|LVEF", "cardiac", Class::Score),
    ("pain score|pain scores|itch|Peak Pruritus NRS|WOMAC", "symptom score", Class::ScoreWeak),
    ("skin clearance|total skin clearance|repigmentation", "skin", Class::ScoreWeak),
    ("factor activity|factor VIII activity|factor IX activity|factor VIII expression|factor IX expression|FVIII activity|FIX activity|FVIII expression|FIX expression", "factor activity", Class::ScoreWeak),
    ("neurofilament|neurofilament light|neurofilament light chain|NfL|amyloid plaque|amyloid|tau|phosphorylated tau|p-tau", "biomarker", Class::ScoreWeak),
    ("serum uric acid|hemoglobin levels|haemoglobin levels|serum creatinine|liver function tests", "lab", Class::ScoreWeak),
    ("mean difference|LS mean difference|least squares mean difference|placebo-adjusted difference|treatment difference|difference|differences", "difference", Class::ScoreWeak),
    ("depressive symptoms|disease activity|symptom severity", "symptoms", Class::ScoreWeak),
    ("time in range|TIR|body mass index|BMI|waist circumference", "metabolic", Class::Score),
    ("liver fat content|liver stiffness|liver fat|MRI-PDFF|NASH resolution|MASH resolution|fibrosis improvement|ALT normalization|ALT normalisation", "liver", Class::Score),
    ("UACR|urine albumin-to-creatinine ratio|LDH|lactate dehydrogenase|transfusion avoidance|platelet response|hematologic response|haematologic response", "lab", Class::Score),
    ("confirmed disability progression|CDP|new or enlarging T2 lesions|T2 lesions|gadolinium-enhancing lesions|Gd+ lesions", "MS", Class::Score),
    ("bone mineral density|BMD", "BMD", Class::Score),
    ("normalization|normalisation|normalizations", "normalization", Class::ScoreWeak),
    ("Hammersmith Functional Motor Scale Expanded|Hammersmith Functional Motor Scale|HFMSE|RULM|CHOP INTEND|North Star Ambulatory Assessment|NSAA|time to rise|time to rise from the floor|10-meter walk/run|motor milestones|motor milestone", "motor function", Class::Score),
    ("lesion growth|geographic atrophy lesion growth|GA lesion growth", "lesion growth", Class::Score),
    ("pain intensity|average daily pain|NPRS|Epworth Sleepiness Scale", "symptom score", Class::ScoreWeak),
    ("serum transthyretin|serum TTR|TTR levels|TTR reduction|TTR knockdown", "TTR", Class::ScoreWeak),
    ("UHDRS|cUHDRS|SARA|mFARS|FARS|HINE|Bayley-III|MoCA|RBANS|PDQ-39|MG-ADL|QMG|INCAT|I-RODS|ONLS|PHQ-9|GAD-7|CAPS-5|Y-BOCS|ADHD-RS|ADHD-RS-5|CDAI|SES-CD|PRO2|SCORAD|HS-PGA|PP-NRS|NYHA class|peak VO2|LVOT gradient|DRSS", "scale", Class::Score),
    ("OFF time|ON time|SALT score|HiSCR|DLQI|HiSCR50|HiSCR75|ASAS40|ASAS20|SGRQ|ACQ-5|ACQ|MIDAS|WI-NRS|Itch NRS", "scale", Class::Score),
    ("viral clearance|time to symptom resolution|symptom resolution|time to sustained recovery|ctDNA clearance|intracranial response|intracranial objective response rate|CNS response", "response", Class::Score),
    ("engraftment|neutrophil engraftment|GVHD-free survival|GRFS", "engraftment", Class::Tte),
    // Safety statements and event classes.
    ("well tolerated|well-tolerated|well tolerable", "tolerability", Class::Safety),
    ("tolerability profile|safety profile|safety and tolerability profile|safety findings|safety signal|safety signals|safety concerns", "safety profile", Class::Safety),
    ("adverse event|adverse events|AE|AEs|treatment-emergent adverse event|TEAE|TEAEs|treatment-related adverse event|TRAE|TRAEs|adverse reaction|adverse reactions|adverse drug reaction|side effect|side effects|adverse event profile", "AE", Class::Safety),
    ("local reactions|systemic reactions|solicited reactions|solicited local reactions|solicited systemic reactions|solicited adverse events|reactogenicity|local reactogenicity|systemic reactogenicity", "reactogenicity", Class::Safety),
    ("serious adverse event|serious adverse events|SAE|SAEs|serious treatment emergent adverse event|serious treatment-emergent adverse event", "SAE", Class::Safety),
    ("dose-limiting toxicity|dose limiting toxicity|DLT|DLTs", "DLT", Class::Safety),
    ("maximum tolerated dose|maximum tolerable dose|maximally tolerated dose|MTD", "MTD", Class::Safety),
    ("discontinuation due to adverse events|discontinuations due to adverse events|discontinuation due to an adverse event|discontinuation due to AEs|treatment discontinuation|treatment discontinuations|discontinued treatment due to adverse events", "discontinuation", Class::Safety),
    ("immunogenicity|anti-drug antibodies|ADAs", "immunogenicity", Class::WeakSafety),
    ("toxicity|tolerability|side-effect profile|laboratory abnormalities", "toxicity", Class::WeakSafety),
    // Change nouns: "improvement in", "reduction of".
    ("improvement|improvements|reduction|reductions|decrease|decreases|increase|increases|decline|declines|change from baseline|elevation|elevations|gain|gains|prevention", "change", Class::Change),
    // Events.
    ("death|deaths|disease progression|progression|recurrence|relapse|disease recurrence|invasive disease recurrence|mortality|all-cause mortality|hospitalization|hospitalisation|hospitalizations", "event", Class::Event),
    ("functional decline|cognitive decline|clinical decline|motor decline|disease worsening|clinical worsening", "decline", Class::Event),
    ("fractures|vertebral fractures|new vertebral fractures|hip fractures|nonvertebral fractures|non-vertebral fractures|clinical fractures", "fractures", Class::Event),
    ("major adverse cardiovascular events|major adverse cardiovascular event|MACE|cardiovascular death|hospitalization for heart failure|hospitalizations for heart failure|hospitalisation for heart failure|hospitalisations for heart failure|heart failure hospitalization|stroke or systemic embolism|worsening heart failure|heart failure events|heart failure event|urgent heart failure visits", "MACE", Class::Event),
    // Generic efficacy words.
    ("response|responses|remission|remissions|survival|clinical response|clinical responses|progression-free", "response", Class::Weak),
    ("efficacy", "efficacy", Class::Weak),
    ("non-inferiority|noninferiority|superiority", "non-inferiority", Class::Change),
    ("not statistically significant|statistical significance|nominally significant", "significance", Class::Significance),
    ("not yet reached|not reached|not been reached|not yet been reached", "not reached", Class::NotReached),
];

static AE_TERMS: &str = include_str!(concat!(env!("OUT_DIR"), "/ae_terms.txt"));

/// An entry of the index: the words of one spelling of a term.
struct Entry {
    /// Words, lower case unless `exact`.
    words: Vec<String>,
    /// Match case exactly.
    exact: bool,
    /// Index into [`Index::terms`].
    term: usize,
    /// Total length of the words, to try longer spellings first.
    len: usize,
}

struct Index {
    terms: Vec<Term>,
    entries: Vec<Entry>,
    /// Lower-case first word (and its plural forms for one-word terms) -> entries, longest
    /// first; sorted by word for binary search (a small table needs no hashing code).
    by_first: Vec<(String, Vec<usize>)>,
    /// Bit set of [`prefix_key`]s of the keys of `by_first`: most words of a text are rejected
    /// with one bit test, before any hashing of the whole word.
    prefixes: Vec<u64>,
}

/// A 16-bit key of a word's first three bytes (lower case), or of the whole word when
/// shorter.
#[inline]
fn prefix_key(word: &[u8]) -> usize {
    let mut k: u32 = 0x811c_9dc5;
    for &b in word.iter().take(3) {
        k = (k ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193);
    }
    k = (k ^ word.len().min(3) as u32).wrapping_mul(0x0100_0193);
    ((k >> 16) ^ k) as usize & 0xffff
}

/// Splits a spelling into its words (runs of letters and digits).
fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn plural_forms(word: &str) -> Vec<String> {
    let mut out = vec![format!("{word}s"), format!("{word}es")];
    if let Some(stem) = word.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    out
}

/// Words before "due to" in a discontinuation phrase (the last word takes its plural).
const DISCONTINUATION_LEADS: &[&str] = &[
    "discontinuation",
    "discontinuations",
    "treatment discontinuation",
    "treatment discontinuations",
    "study drug discontinuation",
    "study drug discontinuations",
    "permanent discontinuation",
    "permanent discontinuations",
];

/// Causes after "due to" in a discontinuation phrase.
const DISCONTINUATION_CAUSES: &[&str] = &[
    "adverse events",
    "an adverse event",
    "adverse reactions",
    "an adverse reaction",
    "AEs",
    "TEAEs",
    "TRAEs",
    "treatment-related adverse events",
    "treatment-emergent adverse events",
    "treatment-related AEs",
    "treatment-emergent AEs",
    "toxicity",
];

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index {
        terms: Vec::new(),
        entries: Vec::new(),
        by_first: Vec::new(),
        prefixes: vec![0; 1024],
    };
    let add = |index: &mut Index, spelling: &str, term: usize| {
        let exact = spelling.bytes().any(|b| b.is_ascii_uppercase());
        let words: Vec<String> = words_of(spelling)
            .into_iter()
            .map(|w| if exact { w } else { w.to_ascii_lowercase() })
            .collect();
        let Some(first) = words.first().map(|w| w.to_ascii_lowercase()) else {
            return;
        };
        let len = words.iter().map(String::len).sum();
        let one_word = words.len() == 1;
        let id = index.entries.len();
        index.entries.push(Entry {
            words,
            exact,
            term,
            len,
        });
        let mut keys = vec![first.clone()];
        if one_word {
            keys.extend(plural_forms(&first));
        }
        for k in keys {
            let slot = match index.by_first.binary_search_by(|(w, _)| w.as_str().cmp(&k)) {
                Ok(i) => i,
                Err(i) => {
                    index.by_first.insert(i, (k, Vec::new()));
                    i
                }
            };
            // longer spellings first: more words, then more letters
            let entries = &index.entries;
            let rank = |e: usize| (entries[e].words.len(), entries[e].len);
            let list = &mut index.by_first[slot].1;
            let at = list
                .iter()
                .position(|&e| rank(e) < rank(id))
                .unwrap_or(list.len());
            list.insert(at, id);
        }
    };
    for &(spellings, measure, class) in HEADS {
        let term = index.terms.len();
        index.terms.push(Term {
            measure,
            class,
            needs_safety_context: false,
        });
        for s in spellings.split('|') {
            add(&mut index, s, term);
        }
        // "Discontinuations due to TRAEs", "treatment discontinuation due to adverse reactions":
        // every lead with every cause, in lower case and capitalised (an abbreviated cause makes
        // the spelling case-exact).
        if measure == "discontinuation" {
            for lead in DISCONTINUATION_LEADS {
                for cause in DISCONTINUATION_CAUSES {
                    let lower = format!("{lead} due to {cause}");
                    add(&mut index, &lower, term);
                    // The leads are ASCII: an ASCII capital (char::to_uppercase would link
                    // Unicode's case tables into the wasm).
                    let mut capital = lower;
                    if let Some(first) = capital.get_mut(..1) {
                        first.make_ascii_uppercase();
                        add(&mut index, &capital, term);
                    }
                }
            }
        }
    }
    let plain = index.terms.len();
    index.terms.push(Term {
        measure: "AE",
        class: Class::Ae,
        needs_safety_context: false,
    });
    let contextual = index.terms.len();
    index.terms.push(Term {
        measure: "AE",
        class: Class::Ae,
        needs_safety_context: true,
    });
    for line in AE_TERMS.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.strip_prefix('*') {
            Some(t) => add(&mut index, t, contextual),
            None => add(&mut index, line, plain),
        }
    }
    for (key, _) in &index.by_first {
        let k = prefix_key(key.as_bytes());
        index.prefixes[k / 64] |= 1 << (k % 64);
    }
    index
});

/// A head found in the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Head {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The vocabulary entry.
    pub term: Term,
}

#[inline]
fn is_alnum(c: char) -> bool {
    c.is_alphanumeric()
}

/// The end of the run of letters and digits starting at `i`.
fn word_end(text: &str, i: usize) -> usize {
    text[i..]
        .char_indices()
        .find(|&(_, c)| !is_alnum(c))
        .map_or(text.len(), |(k, _)| i + k)
}

/// Skips one to three separator characters between the words of a term.
fn skip_separators(text: &str, i: usize) -> Option<usize> {
    let mut n = 0;
    let mut end = i;
    for (k, c) in text[i..].char_indices() {
        if matches!(
            c,
            ' ' | '\t' | '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{a0}' | '\'' | '’'
        ) && n < 3
        {
            n += 1;
            end = i + k + c.len_utf8();
        } else {
            break;
        }
    }
    (n > 0).then_some(end)
}

fn word_matches(found: &str, want: &str, exact: bool, last: bool) -> bool {
    let eq = |a: &str, b: &str| {
        if exact {
            a == b
        } else {
            a.eq_ignore_ascii_case(b)
        }
    };
    if eq(found, want) {
        return true;
    }
    if !last {
        return false;
    }
    if let Some(stem) = found.strip_suffix('s') {
        if eq(stem, want) {
            return true;
        }
        if !exact {
            if let Some(stem2) = stem.strip_suffix('e') {
                if eq(stem2, want) {
                    return true;
                }
            }
            if let (Some(a), Some(b)) = (found.strip_suffix("ies"), want.strip_suffix('y')) {
                return a.eq_ignore_ascii_case(b);
            }
        }
    }
    false
}

/// The end of `entry` when it matches at `start` (whose first word ends at `first_end`).
fn match_entry(text: &str, start: usize, first_end: usize, entry: &Entry) -> Option<usize> {
    let n = entry.words.len();
    if !word_matches(&text[start..first_end], &entry.words[0], entry.exact, n == 1) {
        return None;
    }
    let mut pos = first_end;
    for (k, want) in entry.words.iter().enumerate().skip(1) {
        let ws = skip_separators(text, pos)?;
        if !text[ws..].starts_with(|c: char| is_alnum(c)) {
            return None;
        }
        let we = word_end(text, ws);
        if !word_matches(&text[ws..we], want, entry.exact, k + 1 == n) {
            return None;
        }
        pos = we;
    }
    Some(pos)
}

/// Words that follow an abbreviation when it is not a measure ("PR Newswire").
const NOT_AFTER_ABBREVIATION: &[&str] = &["newswire", "web", "agency", "team", "department"];

/// Every head in `text`, sorted by start; at each word start only the longest term is kept,
/// and heads never overlap (the earliest, then longest, wins).
pub fn find(text: &str) -> Vec<Head> {
    let index = &*INDEX;
    let mut out: Vec<Head> = Vec::new();
    let mut lower = String::new();
    let mut prev: Option<char> = None;
    let mut prev2: Option<char> = None;
    let mut covered_to = 0;
    for (i, c) in text.char_indices() {
        let starts_word = is_alnum(c) && !prev.is_some_and(is_alnum);
        let hyphen_joined = prev == Some('-') && prev2.is_some_and(is_alnum);
        prev2 = prev;
        prev = Some(c);
        if !starts_word || hyphen_joined || i < covered_to {
            continue;
        }
        let we = word_end(text, i);
        let k = prefix_key(&text.as_bytes()[i..we]);
        if index.prefixes[k / 64] & (1 << (k % 64)) == 0 {
            continue;
        }
        lower.clear();
        lower.push_str(&text[i..we]);
        lower.make_ascii_lowercase();
        let Ok(slot) = index
            .by_first
            .binary_search_by(|(w, _)| w.as_str().cmp(lower.as_str()))
        else {
            continue;
        };
        let list = &index.by_first[slot].1;
        let best = list.iter().find_map(|&id| {
            let e = &index.entries[id];
            let end = match_entry(text, i, we, e)?;
            // A term glued to a following hyphenated word is part of a compound ("PD-1",
            // "response-adapted").
            let mut after = text[end..].chars();
            if after.next() == Some('-') && after.next().is_some_and(is_alnum) {
                return None;
            }
            if e.exact {
                let next_word: String = text[end..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if NOT_AFTER_ABBREVIATION.contains(&next_word.as_str()) {
                    return None;
                }
            }
            Some((end, index.terms[e.term]))
        });
        if let Some((end, term)) = best {
            out.push(Head { start: i, end, term });
            covered_to = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(t: &str) -> Vec<(&str, &'static str)> {
        find(t)
            .iter()
            .map(|h| (&t[h.start..h.end], h.term.measure))
            .collect()
    }

    #[test]
    fn longest_term_plural_and_separators() {
        assert_eq!(
            heads("Dose- limiting toxicities and two partial responses; PFS"),
            vec![
                ("Dose- limiting toxicities", "DLT"),
                ("partial responses", "PR"),
                ("PFS", "PFS")
            ]
        );
        assert_eq!(
            heads("progression-free survival"),
            vec![("progression-free survival", "PFS")]
        );
    }

    #[test]
    fn abbreviations_keep_their_case_and_compounds_are_skipped() {
        assert!(heads("the os and pfs").is_empty());
        assert!(heads("anti-PD-1 PR Newswire").is_empty());
        assert_eq!(heads("non-serious events, SAEs"), vec![("SAEs", "SAE")]);
    }

    #[test]
    fn adverse_event_lexicon_is_loaded() {
        let h = find("Febrile neutropenia and hypertension");
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].term.class, Class::Ae);
        assert!(!h[0].term.needs_safety_context);
        assert!(h[1].term.needs_safety_context);
        assert!(INDEX.entries.len() > 500);
    }
}
