//! Data files: the first byte picks the type (`0` site, `1` milestones, `2` funding,
//! `3` indicators, `4` risks), the rest is the YAML. Runs `yaml::parse`, then validation of
//! what parses, and renders every diagnostic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| tally_fuzz::data_files(data));
