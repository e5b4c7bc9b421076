//! The `--jsonl` path of the CLI (`release_annotator::cli::process_jsonl`) on arbitrary bytes:
//! no panic, every line written whole or reported by number (tests/common/mod.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Err(msg) = common::check_jsonl(data) {
        panic!("{msg}\ninput: {:?}", String::from_utf8_lossy(data));
    }
});
