//! Front matter and Markdown documents: the first byte picks page, note or bulletin (`0`, `1`,
//! `2`), the rest is the file. Runs `read_document`, then validation and Markdown rendering of
//! what reads, and renders every diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tally_fuzz::front_matter(data));
