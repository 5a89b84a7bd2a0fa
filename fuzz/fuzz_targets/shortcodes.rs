//! Shortcodes: `shortcodes::parse` on the text, and the same text rendered as a Markdown body,
//! where a paragraph written `{{ ... }}` becomes a block.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tally_fuzz::shortcodes(data));
