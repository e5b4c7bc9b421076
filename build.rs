//! Compiles the drug lexicon (`data/drugs.tsv`) into FST maps at build time, so the annotator
//! does no work at start-up: the maps are embedded with `include_bytes!`.
//!
//! Outputs in `OUT_DIR`:
//! - `names.fst`: lower-case generic and brand name -> `(canonical << 1) | brand`, where
//!   `canonical` is 0 when the canonical name is the name itself (most generics, so their
//!   outputs are zero and the FST shares their suffixes), else one plus the line number of the
//!   canonical name in `canonical.txt`;
//! - `codes.fst`: development code, upper case with only its letters and digits ("MK-3475" ->
//!   "MK3475") -> one plus the line number of its canonical name;
//! - `canonical.txt`: the canonical names, one per line, sorted.
//!
//! With the environment variable `RA_NO_LEXICON=1` the maps are empty (to measure the
//! lexicon's cost in size and start-up time).

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let src = "data/drugs.tsv";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RA_NO_LEXICON");
    let text = if env::var("RA_NO_LEXICON").is_ok_and(|v| v == "1") {
        String::new()
    } else {
        fs::read_to_string(src).expect("data/drugs.tsv is missing: run scripts/build_lexicon.py")
    };

    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(kind), Some(canonical)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("{src}:{}: expected name<TAB>kind<TAB>canonical", n + 1);
        };
        if !matches!(kind, "generic" | "brand" | "code") {
            panic!("{src}:{}: unknown kind {kind:?}", n + 1);
        }
        rows.push((name, kind, canonical));
    }

    // Canonical names that some entry points to, sorted; an entry stores its line number + 1.
    let canon: BTreeSet<&str> = rows
        .iter()
        .filter(|(name, kind, canonical)| *kind == "code" || name != canonical)
        .map(|r| r.2)
        .collect();
    let canon_index: BTreeMap<&str, u64> = canon.iter().zip(1u64..).map(|(c, i)| (*c, i)).collect();

    let mut names: BTreeMap<String, u64> = BTreeMap::new();
    let mut codes: BTreeMap<String, u64> = BTreeMap::new();
    for &(name, kind, canonical) in &rows {
        if kind == "code" {
            let key: String = name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_uppercase())
                .collect();
            codes.entry(key).or_insert(canon_index[canonical]);
        } else {
            let id = if name == canonical {
                0
            } else {
                canon_index[canonical]
            };
            let brand = u64::from(kind == "brand");
            names.entry(name.to_string()).or_insert((id << 1) | brand);
        }
    }

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let build = |map: &BTreeMap<String, u64>| {
        fst::Map::from_iter(map.iter().map(|(k, v)| (k.as_bytes(), *v)))
            .expect("fst build")
            .into_fst()
            .into_inner()
    };
    fs::write(out.join("names.fst"), build(&names)).unwrap();
    fs::write(out.join("codes.fst"), build(&codes)).unwrap();
    let mut blob = String::new();
    for c in &canon {
        blob.push_str(c);
        blob.push('\n');
    }
    fs::write(out.join("canonical.txt"), blob).unwrap();
}
