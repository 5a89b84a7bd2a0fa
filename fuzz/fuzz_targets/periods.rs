//! Periods and dates: `Period::parse` and `parse_date`, and what a parsed value must keep:
//! its written forms read back as the same value, and its days lie in it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tally_fuzz::periods(data));
