//! Compiles the drug lexicon (`data/drugs.tsv`) into an FST map at build time, so the
//! annotator does no work at start-up: the map is embedded with `include_bytes!`.
//!
//! Outputs in `OUT_DIR`:
//! - `drugs.fst`: lower-case name -> `(canonical << 2) | kind` (kind 0 generic, 1 brand,
//!   2 code), where `canonical` is 0 when the canonical name is the name itself, else one plus
//!   the byte offset of the canonical name in `canonical.txt` (so most outputs are zero and the
//!   FST shares suffixes);
//! - `canonical.txt`: the canonical names, each ended by a line feed.

use std::collections::{BTreeMap, HashMap};
use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let src = "data/drugs.tsv";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = fs::read_to_string(src).expect("data/drugs.tsv is missing: run scripts/build_lexicon.py");

    let mut canon_offsets: HashMap<&str, u64> = HashMap::new();
    let mut canon_blob = String::new();
    let mut entries: BTreeMap<&str, u64> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(kind), Some(canonical)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("{src}:{}: expected name<TAB>kind<TAB>canonical", n + 1);
        };
        let kind = match kind {
            "generic" => 0,
            "brand" => 1,
            "code" => 2,
            other => panic!("{src}:{}: unknown kind {other:?}", n + 1),
        };
        let canon = if canonical == name {
            0
        } else {
            1 + *canon_offsets.entry(canonical).or_insert_with(|| {
                let at = canon_blob.len() as u64;
                canon_blob.push_str(canonical);
                canon_blob.push('\n');
                at
            })
        };
        entries.entry(name).or_insert((canon << 2) | kind);
    }

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let map = fst::Map::from_iter(entries.iter().map(|(k, v)| (k.as_bytes(), *v))).expect("fst build");
    fs::write(out.join("drugs.fst"), map.as_fst().as_bytes()).unwrap();
    fs::write(out.join("canonical.txt"), canon_blob).unwrap();
}
