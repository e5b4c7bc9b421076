//! Writes what the library embeds, to `OUT_DIR`: the rules' patterns as syntax trees
//! (`patterns.bin` and its index `patterns.rs`, from `data/patterns.txt`; see `src/re/tree.rs`),
//! and the drug lexicon (`data/drugs.tsv`) in a compact text form, `lexicon.txt` in
//! `OUT_DIR`, which `src/lexicon.rs` embeds and turns into its look-up tables at first use.
//!
//! The text is grouped by canonical name, so that the link between a name and its canonical
//! name costs no bytes, and laid out in four sections (columns) of one line per canonical name,
//! so that gzip sees like next to like. `src/lexicon.rs` documents the format; in short:
//!
//! ```text
//! canonical names, sorted, each as a digit (bytes shared with the previous one) + the rest,
//!   and a trailing `*` when the canonical name is not itself a generic name of the lexicon
//! =
//! the other generic names of each canonical name, comma-separated, each as a digit (bytes
//!   shared with its canonical name) + the rest
//! =
//! the brand names of each canonical name, comma-separated
//! =
//! the development codes of each canonical name, letters and digits only, lower case
//! ```
//!
//! As before the format changed, a name (or a code, compared on its letters and digits) listed
//! twice keeps its first line. With the environment variable `RA_NO_LEXICON=1` the lexicon is
//! empty (to measure its cost in size and start-up time).
//!
//! It also writes the word lists the rules embed (`data/*.txt`) to `OUT_DIR` without their
//! comment lines (see [`WORD_LISTS`]), which the rules skip anyway: they are documentation, and
//! about 2.5 KB of the gzipped wasm.

#[allow(dead_code)]
#[path = "src/re/syntax.rs"]
mod syntax;
#[allow(dead_code)] // the reading half serves the library
#[path = "src/re/tree.rs"]
mod tree;

use std::collections::{BTreeMap, HashSet};
use std::env;
use std::fs;
use std::path::PathBuf;

/// The members of one canonical name.
#[derive(Default)]
struct Group<'a> {
    /// Whether the canonical name is itself a generic name of the lexicon.
    is_generic: bool,
    generics: Vec<&'a str>,
    brands: Vec<&'a str>,
    codes: Vec<String>,
}

/// Number of leading bytes `a` and `b` share, at most 9 (one digit), on a char boundary.
fn shared(a: &str, b: &str) -> usize {
    let mut n = a
        .bytes()
        .zip(b.bytes())
        .take(9)
        .take_while(|(x, y)| x == y)
        .count();
    while !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// The word lists written to `OUT_DIR` without comments: `(file, inline comments)`. Every file
/// loses its blank lines and the lines that start with `#`; a file read with inline comments
/// (`src/rules/drug.rs`: the text before `#` of each line, trimmed) is written as its reader
/// sees it.
const WORD_LISTS: [(&str, bool); 6] = [
    ("conditions.txt", false),
    ("ae_terms.txt", false),
    ("inn_stems.txt", true),
    ("stem_exceptions.txt", true),
    ("stoplist.txt", true),
    ("stoplist_english.txt", true),
];

fn write_word_lists(out: &std::path::Path) {
    for (name, inline_comments) in WORD_LISTS {
        let src = format!("data/{name}");
        println!("cargo:rerun-if-changed={src}");
        let text = fs::read_to_string(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let mut kept = String::with_capacity(text.len());
        for line in text.lines() {
            let line = if inline_comments {
                line.split('#').next().unwrap_or("").trim()
            } else {
                line
            };
            let content = line.trim();
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            kept.push_str(line);
            kept.push('\n');
        }
        fs::write(out.join(name), kept).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

fn main() {
    lexicon();
    patterns();
    write_word_lists(&PathBuf::from(env::var("OUT_DIR").unwrap()));
}

/// Translates every pattern of `data/patterns.txt` (one per line) and writes the trees the
/// library reads instead of parsing (see `src/re/tree.rs`): `patterns.bin`, and `patterns.rs`
/// with the index.
fn patterns() {
    let src = "data/patterns.txt";
    for path in [src, "src/re/tree.rs", "src/re/syntax.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let list = fs::read_to_string(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut writer = tree::Writer::default();
    let mut index = Vec::new();
    // No pattern has a line break (tests/warm_up.rs checks the patterns it lists).
    for pattern in list.lines() {
        let c = syntax::translate(pattern).unwrap_or_else(|e| panic!("{src}: {pattern:?}: {e}"));
        index.push((tree::key(pattern), c.inert, writer.add(&c.hir)));
    }
    let (bytes, offsets) = writer.finish();
    let mut index: Vec<_> = index
        .into_iter()
        .map(|(key, inert, i)| (key, inert, offsets[i]))
        .collect();
    index.sort_unstable();
    if let Some(w) = index.windows(2).find(|w| w[0].0 == w[1].0) {
        panic!(
            "{src}: a pattern is listed twice, or two share the key {:#x}",
            w[0].0
        );
    }
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("patterns.bin"), &bytes).unwrap();
    let rows: String = index
        .iter()
        .map(|(key, inert, at)| format!("    ({key:#x}, {inert:#x}, {at}),\n"))
        .collect();
    let rs = format!(
        "pub static INDEX: [(u64, u64, u32); {}] = [\n{rows}];\n\
         pub static TREES: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/patterns.bin\"));\n",
        index.len()
    );
    fs::write(out.join("patterns.rs"), rs).unwrap();
}

/// Writes the drug lexicon (see the crate documentation above).
fn lexicon() {
    let src = "data/drugs.tsv";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RA_NO_LEXICON");
    let text = if env::var("RA_NO_LEXICON").is_ok_and(|v| v == "1") {
        String::new()
    } else {
        fs::read_to_string(src).expect("data/drugs.tsv is missing: run scripts/build_lexicon.py")
    };

    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(kind), Some(canonical)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("{src}:{}: expected name<TAB>kind<TAB>canonical", n + 1);
        };
        // The separators of the compact form cannot occur in the names.
        let clean = |s: &str| !s.is_empty() && s != "=" && !s.contains([',', '\n', '\r']);
        if !clean(name) || !clean(canonical) || canonical.ends_with('*') {
            panic!(
                "{src}:{}: a name is empty or holds a separator (`,`, or is `=`)",
                n + 1
            );
        }
        if kind == "code" {
            let key: String = name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if !key.is_empty() && codes.insert(key.clone()) {
                groups.entry(canonical).or_default().codes.push(key);
            }
            continue;
        }
        if !names.insert(name) {
            continue;
        }
        let group = groups.entry(canonical).or_default();
        match kind {
            "generic" if name == canonical => group.is_generic = true,
            "generic" => group.generics.push(name),
            "brand" => group.brands.push(name),
            _ => panic!("{src}:{}: unknown kind {kind:?}", n + 1),
        }
    }

    let mut canonical = Vec::new();
    let mut generics = Vec::new();
    let mut brands = Vec::new();
    let mut code_lines = Vec::new();
    let mut previous = "";
    for (name, group) in &groups {
        let n = shared(previous, name);
        let star = if group.is_generic { "" } else { "*" };
        canonical.push(format!("{n}{}{star}", &name[n..]));
        previous = name;
        let relative = |g: &&str| {
            let n = shared(name, g);
            format!("{n}{}", &g[n..])
        };
        generics.push(group.generics.iter().map(relative).collect::<Vec<_>>().join(","));
        brands.push(group.brands.join(","));
        code_lines.push(group.codes.join(","));
    }
    let blob = [canonical, generics, brands, code_lines]
        .map(|lines| lines.join("\n"))
        .join("\n=\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("lexicon.txt"), blob).unwrap();
}
