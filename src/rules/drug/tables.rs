//! The word tables of the DRUG rules: what is and is not a drug name, code or cue.

/// Endings of biology words that also end in a stem ("octapeptide", "dinucleotide").
#[rustfmt::skip]
pub(super) const NOT_STEM_ENDINGS: &[&str] = &[
    "peptide", "nucleotide", "nucleoside",
];

/// Development-code patterns: `(rule id, regex)`.
#[rustfmt::skip]
pub(super) const CODE_RULES: &[(&str, &str)] = &[
    // SAR566658, MLN2704, MK-3475, ABBV-399, AMG 334, HS-110, CP-690,550, DS-8201a, BNT162b2,
    // mRNA-1273, BAY 94-9343, PF-06651600, IMM-1-104, REGN5713-5714-5715
    (
        "drug.code",
        r"\b(?:[A-Z]{1,6}|mRNA)(?:-|\x20)?(?:\d{1,2}-\d{3,5}|\d{3,8}(?:,\d{3})?(?:-\d{1,4}){0,2})(?:[a-z]\d?|[A-Z]\d?)?\b",
    ),
    // T-DM1, CT-P13, SB-A12: letters, hyphen, letters and digits
    ("drug.code", r"\b[A-Z]{1,5}-[A-Z]{1,3}\d{1,4}[A-Z]?[a-z]?\b"),
    // T-DXd, Dato-DXd, HER3-DXd: an antibody abbreviation joined to its payload
    (
        "drug.code_adc",
        r"\b[A-Z][A-Za-z0-9]{0,5}-(?:DXd|DM1|DM4|MMAE|MMAF)\b",
    ),
];

/// Letter prefixes of things that look like codes but are not drugs: registries, conferences,
/// exchanges, currencies, regulators, genes and targets, scales, units of time.
#[rustfmt::skip]
pub(super) const NOT_CODES: &[&str] = &[
    "A", "AACR", "AAN", "ACC", "ACR", "ACTG", "ACTRN", "ADA", "AFP", "AHA", "ALSFRS", "ALT", "ANC",
    "ANSI", "ARM", "ASCO", "ASH", "AST", "ASTM", "AT", "AUC", "AUD", "B", "BASDAI", "BE", "BILAG",
    "BLA", "BMI", "BNP", "BOX", "BP", "BRCA", "BS", "CA", "CAD", "CALGB", "CAS", "CCR", "CD",
    "CDAI", "CDK", "CDR", "CE", "CEA", "CEO", "CFO", "CH", "CHF", "CHO", "CI", "CIK", "CLASI",
    "CMAX", "CMV", "CN", "CNY", "COHORT", "COVID", "CRP", "CTCAE", "CTLA", "CUSIP", "CXCR", "CY",
    "CYP", "D", "DAX", "DBP", "DE", "DIN", "DK", "DKK", "DLQI", "DOI", "DRKS", "EADV", "EASD",
    "EASI", "EC", "ECC", "ECG", "ECOG", "EDSS", "EGF", "EGFR", "EHA", "EIN", "EKG", "EMA", "EN",
    "EORTC", "EP", "EQ", "ES", "ESC", "ESMO", "ESR", "EU", "EUR", "EXT", "F", "FACT", "FAX", "FDA",
    "FEV", "FGFR", "FI", "FIGURE", "FORM", "FPG", "FR", "FTSE", "FVC", "FY", "GAD", "GBP", "GFR",
    "GLP", "GOG", "GPR", "H", "HAM", "HAQ", "HBV", "HCV", "HEK", "HER", "HGB", "HIV", "HKD", "HKEX",
    "HLA", "HPTN", "HPV", "HR", "HVTN", "I", "ICD", "ID", "IDH", "IEC", "IGA", "IL", "IND", "ISIN",
    "ISO", "ISRCTN", "IT", "ITEM", "IU", "JAK", "JCOG", "JP", "JPY", "KCCQ", "KG", "KOSPI", "KRAS",
    "L", "LDL", "LEI", "LOT", "LSE", "LVEF", "MAA", "MADRS", "MDS", "MG", "ML", "MMSE", "MSCI",
    "MWD", "NASDAQ", "NCI", "NCT", "NDA", "NDC", "NIKKEI", "NL", "NO", "NOK", "NRG", "NRS", "NSABP",
    "NYHA", "NYSE", "OR", "PANSS", "PART", "PASI", "PD", "PDUFA", "PHASE", "PHQ", "PIN", "PLT",
    "PMID", "PROTOCOL", "PSA", "Q", "QLQ", "QRS", "QT", "REF", "RMB", "ROOM", "RR", "RSV", "RTOG",
    "RULE", "SARS", "SBP", "SCORAD", "SDAI", "SE", "SEC", "SECTION", "SEK", "SF", "SGLT", "SIX",
    "SKU", "STOXX", "STUDY", "SUITE", "TABLE", "TEL", "TGF", "TLR", "TMAX", "TNF", "TOPIX", "TRIAL",
    "TSE", "TSX", "UACR", "UK", "UMIN", "UNIT", "UPCR", "UPDRS", "US", "USD", "USP", "VAS", "VEGF",
    "WBC", "WHO", "WO",
];

/// US state abbreviations, which precede ZIP codes in addresses.
#[rustfmt::skip]
pub(super) const US_STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
];

/// Short words that name trial programmes more often than code prefixes do.
#[rustfmt::skip]
pub(super) const TRIAL_WORDS: &[&str] = &[
    "ECHO", "STEP", "CARE", "HOPE", "LIFE", "STAR", "PATH", "NOVA", "SURE", "PEAK",
];

/// Named components that are active agents: payloads and adjuvants. `true` when the name is
/// ambiguous and needs an antibody-drug-conjugate word in its sentence.
#[rustfmt::skip]
pub(super) const COMPONENTS: &[(&str, bool)] = &[
    ("DM1", true), ("DM4", true), ("MMAE", false), ("MMAF", false), ("DXd", false),
    ("SN-38", false), ("SG3199", false), ("PBD", true), ("Matrix-M", false), ("Matrix-M1", false),
    ("AS01", false), ("AS01B", false), ("AS01E", false), ("AS03", false), ("AS04", false),
    ("MF59", false), ("CpG 1018", false), ("QS-21", false),
];

/// Words that show a sentence is about an antibody-drug conjugate.
#[rustfmt::skip]
pub(super) const ADC_WORDS: &[&str] = &[
    "conjugate", "ADC", "payload", "maytansin", "linker", "cytotoxic",
];

/// Abbreviations of established drugs, with their canonical names (exact case).
#[rustfmt::skip]
pub(super) const ABBREVIATIONS: &[(&str, &str)] = &[
    ("4-aminopyridine", "dalfampridine"), ("5-ASA", "mesalamine"),
    ("5-Fluorouracil", "fluorouracil"), ("5-azacytidine", "azacitidine"),
    ("5-fluorouracil", "fluorouracil"), ("6-mercaptopurine", "mercaptopurine"),
    ("5-FU", "fluorouracil"), ("6-MP", "mercaptopurine"), ("ARA-C", "cytarabine"),
    ("ATRA", "tretinoin"), ("Ara-C", "cytarabine"), ("BCNU", "carmustine"),
    ("CBDCA", "carboplatin"), ("CBZ", "carbamazepine"), ("CCNU", "lomustine"),
    ("CDDP", "cisplatin"), ("CsA", "cyclosporine"), ("HCQ", "hydroxychloroquine"),
    ("IVIG", "immune globulin"), ("L-DOPA", "levodopa"), ("L-dopa", "levodopa"),
    ("LTG", "lamotrigine"), ("MMF", "mycophenolate mofetil"), ("MTX", "methotrexate"),
    ("SCIG", "immune globulin"), ("TMZ", "temozolomide"), ("TXA", "tranexamic acid"),
    ("VPA", "valproic acid"), ("rt-PA", "alteplase"), ("rtPA", "alteplase"),
    ("r-tPA", "alteplase"), ("3TC", "lamivudine"), ("AZT", "zidovudine"),
    ("HCTZ", "hydrochlorothiazide"), ("MDMA", "midomafetamine"),
    ("TMP-SMX", "sulfamethoxazole and trimethoprim"), ("TMP-SMZ", "sulfamethoxazole and trimethoprim"),
];

/// Regimen abbreviations that name drug combinations (exact case).
#[rustfmt::skip]
pub(super) const REGIMENS: &[&str] = &[
    "R-CHOP", "R-CHP", "Pola-R-CHP", "R-CVP", "R-EPOCH", "DA-EPOCH-R", "R-ICE", "R-DHAP", "R-GemOx",
    "GemOx", "FOLFOX", "FOLFOX4", "FOLFOX6", "mFOLFOX6", "FOLFIRI", "FOLFIRINOX", "mFOLFIRINOX",
    "FOLFOXIRI", "CAPOX", "XELOX", "XELIRI", "CAPIRI", "FLOT", "ABVD", "A+AVD", "BEACOPP",
    "escBEACOPP", "TCHP", "AC-T", "ddAC", "MVAC", "ddMVAC", "VRd", "RVd", "KRd", "DRd", "DPd",
    "DVd", "DKd", "IRd", "EPd", "VCd", "KPd", "SVd", "XVd", "CyBorD", "VMP", "D-VMP", "D-VRd",
    "D-VTd", "VTd", "Isa-Pd", "Isa-Kd", "IsaPd", "Isa-KRd", "Dara-VRd", "hyper-CVAD", "Hyper-CVAD",
];

/// Capitalised words that are not brand names although they may precede a parenthesis or carry
/// a trademark sign: classes, study words, places, organisations.
#[rustfmt::skip]
pub(super) const NOT_BRANDS: &[&str] = &[
    "About", "Adjuvant", "Agency", "Announces", "Antibody", "Approval", "Approves", "Arm", "Care",
    "Chemotherapy", "China", "Cohort", "Combination", "Commission", "Company", "Conjugate", "Corp",
    "Corporation", "Data", "Drug", "Europe", "European", "Group", "Inc", "Infusion", "Inhibitor",
    "Injection", "Japan", "Limited", "Ltd", "Medicine", "Monotherapy", "Oncology", "Patients",
    "Pharma", "Pharmaceuticals", "Placebo", "Plus", "Product", "Regimen", "Results", "Standard",
    "States", "Study", "Tablets", "Therapeutics", "Therapy", "Treatment", "Trial", "Union",
    "Vaccine", "With",
];

/// Words after a trademarked name that show it is a platform, device or test, not a drug.
#[rustfmt::skip]
pub(super) const NOT_DRUG_AFTER: &[&str] = &[
    "platform", "platforms", "technology", "technologies", "system", "systems", "device", "devices",
    "test", "tests", "assay", "assays", "kit", "app", "software", "sensor", "pump", "monitor",
    "scanner", "service", "services", "program", "programme", "engine", "library", "process",
    "method", "format", "formats", "CDx", "Dx", "molecules", "bispecifics", "molecule",
    "bispecific", "antibody", "antibodies", "ADC", "ADCs", "conjugate", "conjugates", "construct",
    "constructs", "scaffold", "scaffolds", "engager", "engagers", "T-cell", "modality", "discovery",
];

/// Words that make a trademarked name a diagnostic test, not a drug.
#[rustfmt::skip]
pub(super) const TEST_WORDS: &[&str] = &[
    "assay", "test", "kit", "CDx", "Dx", "panel", "analyzer",
];

/// Dosage-form words that may follow a generic inside a "Brand (generic tablets)" pair.
#[rustfmt::skip]
pub(super) const DOSAGE_FORMS: &[&str] = &[
    "tablet", "tablets", "capsule", "capsules", "injection", "injections", "for", "oral",
    "suspension", "solution", "cream", "gel", "ointment", "film-coated", "extended-release",
    "delayed-release", "co-packaged", "powder", "infusion", "subcutaneous", "intravenous", "use",
];

/// Endings of generics that take a letter as part of their name ("mitomycin C").
#[rustfmt::skip]
pub(super) const LETTER_NAMED: &[&str] = &[
    "mycin", "micin", "tericin", "sporine", "sporin",
];

/// Four-letter words that follow a drug name after a hyphen and are not FDA biologic suffixes.
#[rustfmt::skip]
pub(super) const NOT_SUFFIXES: &[&str] = &[
    "alone", "arms", "base", "dose", "fold", "form", "free", "held", "line", "like", "load", "mode",
    "only", "pair", "rich", "side", "time", "type", "week", "year",
];

/// Words after a generic name that show it names a target, hormone or class, not a drug given
/// ("calcitonin gene-related peptide", "insulin resistance", "somatostatin analogues").
#[rustfmt::skip]
pub(super) const NOT_DRUG_NEXT: &[&str] = &[
    "gene", "genes", "receptor", "receptors", "pathway", "pathways", "agonist", "agonists",
    "antagonist", "antagonists", "analog", "analogs", "analogue", "analogues", "level", "levels",
    "deficiency", "resistance", "signaling", "signalling", "secretion", "production", "synthesis",
    "blocker", "blockers", "mimetic", "mimetics", "transporter", "concentrations", "release",
];

/// Hyphenated words after a generic name with the same meaning ("insulin-like", "calcitonin
/// gene-related").
#[rustfmt::skip]
pub(super) const NOT_DRUG_HYPHEN: &[&str] = &[
    "like", "related", "producing", "secreting", "dependent", "receptor", "ion",
];

/// Abbreviations that follow a drug in parentheses but name routes, schedules or results.
#[rustfmt::skip]
pub(super) const NOT_ABBREVIATIONS: &[&str] = &[
    "IV", "SC", "SQ", "IM", "PO", "QD", "BID", "TID", "QW", "QM", "ORR", "OS", "PFS", "DFS", "EFS",
    "CR", "PR", "SD", "PD", "HR", "AE", "AEs", "SAE", "DLT", "MTD", "RP2D", "ADC", "SOC", "TKI",
    "mAb", "MoA", "US", "EU", "UK",
];

/// Therapeutic radionuclides, as written before a ligand name ("177Lu-PSMA-617").
#[rustfmt::skip]
pub(super) const ISOTOPES: &[&str] = &[
    "177Lu", "225Ac", "90Y", "131I", "223Ra", "212Pb", "203Pb", "227Th", "161Tb", "211At", "213Bi",
    "166Ho", "188Re", "186Re", "153Sm", "89Sr", "67Cu",
];

/// Elements of therapeutic radionuclides, as written in INN style ("lutetium Lu 177 ...").
#[rustfmt::skip]
pub(super) const ELEMENTS: &[&str] = &[
    "lutetium", "actinium", "radium", "yttrium", "iodine", "thorium", "lead", "samarium",
    "strontium",
];

/// Diseases and pathogens that name a vaccine ("Influenza A (H1N1) 2009 Monovalent Vaccine").
#[rustfmt::skip]
pub(super) const VACCINE_TARGETS: &[&str] = &[
    "Anthrax", "BCG", "Chikungunya", "Cholera", "CMV", "COVID", "Coronavirus", "Cytomegalovirus",
    "Dengue", "Diphtheria", "DTaP", "Ebola", "Encephalitis", "Haemophilus", "Hepatitis", "Herpes",
    "Hib", "HPV", "Influenza", "Flu", "Lyme", "Malaria", "Measles", "Meningococcal", "MMR", "Mpox",
    "Monkeypox", "Mumps", "Norovirus", "Papillomavirus", "Pertussis", "Pneumococcal", "Polio",
    "Poliovirus", "Rabies", "Rotavirus", "RSV", "Rubella", "Shingles", "Smallpox", "Streptococcus",
    "Syncytial", "Tdap", "Tetanus", "Tuberculosis", "Typhoid", "Varicella", "Zika", "Zoster",
];

/// Words that qualify a vaccine name.
#[rustfmt::skip]
pub(super) const VACCINE_QUALIFIERS: &[&str] = &[
    "A", "Adjuvanted", "Attenuated", "Avian", "B", "Bivalent", "C", "Conjugate", "Fever", "Group",
    "Hexavalent", "High-Dose", "Human", "Inactivated", "Japanese", "Live", "Meningitis",
    "Monovalent", "Oral", "Pandemic", "Pentavalent", "Polysaccharide", "Quadrivalent",
    "Recombinant", "Respiratory", "Seasonal", "Strain", "Tetravalent", "Tick-Borne", "Trivalent",
    "Type", "Virus", "Y", "W", "Yellow", "mRNA",
];

/// Second words after which any plain word is a generic: "dornase alfa", "X pegol" (English
/// writes "alpha", never "alfa").
#[rustfmt::skip]
pub(super) const ALFA_WORDS: &[&str] = &[
    "alfa", "alfa-2a", "alfa-2b", "pegol",
];
