//! Inputs found by the fuzz targets under `fuzz/`, run through the same code with plain
//! `cargo test`. The targets' bodies live in `fuzz/src/lib.rs`, included here as it is, so a
//! test here and a fuzz run execute exactly the same steps. See `docs/fuzzing.md`.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

/// Runs every file of `folder` (relative to the crate) through `target`.
fn run_folder(folder: &str, target: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut count = 0;
    for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{folder:?}: {e}")) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        println!("{}", path.display());
        target(&bytes);
        count += 1;
    }
    count
}

/// Runs one found input, kept under `tests/fixtures/fuzz/`, through `target`.
fn run_fixture(name: &str, target: fn(&[u8])) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    target(&bytes);
}

#[test]
fn the_seed_corpus_runs_through_every_target() {
    assert!(run_folder("fuzz/seeds/front_matter", harness::front_matter) > 0);
    assert!(run_folder("fuzz/seeds/data_files", harness::data_files) > 0);
    assert!(run_folder("fuzz/seeds/shortcodes", harness::shortcodes) > 0);
    assert!(run_folder("fuzz/seeds/periods", harness::periods) > 0);
}

/// `periods`: a date in year 0 (`0000-01-02` and others the fuzzer found) parses, and its
/// period (year 0) is one `Period::new` refuses: its slug `0000-q1` does not read back.
#[test]
fn a_date_in_year_zero_gives_a_period_that_reads_back() {
    run_fixture("periods/date-in-year-zero", harness::periods);
}
