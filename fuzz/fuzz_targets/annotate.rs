//! `annotate` on arbitrary bytes (read as UTF-8 with replacement characters): no panic, and
//! every invariant of tests/common/mod.rs holds.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Err(msg) = common::check_annotate_bytes(data) {
        panic!("{msg}");
    }
});
