//! End to end: `tally new` writes a working site, which builds and checks cleanly, and it
//! refuses a folder that already holds files.

mod common;

use std::process::Command;

use std::path::Path;
use std::process::Output;

use common::{assert_success, stderr, stdout};

/// Runs `tally <args>` in `dir`.
fn tally(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("tally runs")
}

/// Runs `tally new <folder>` in `dir`.
fn new_site(dir: &Path, folder: &str) -> Output {
    tally(dir, &["new", folder])
}

#[test]
fn new_site_builds_checks_cleanly_and_has_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let output = new_site(dir.path(), "site");
    assert_success(&output);
    assert!(
        stdout(&output).contains("tally serve --root site"),
        "{}",
        stdout(&output)
    );

    let root = dir.path().join("site");
    for data in ["milestones", "funding", "indicators", "risks"] {
        let text = std::fs::read_to_string(root.join(format!("content/data/{data}.yaml"))).unwrap();
        let fields = text
            .lines()
            .filter(|l| l.contains(": ") && !l.trim().starts_with('#'));
        for line in fields {
            assert!(
                line.contains(" # "),
                "{data}.yaml: a field without a comment: {line}"
            );
        }
    }

    let check = tally(&root, &["check", "--strict"]);
    assert_success(&check);
    assert!(
        stdout(&check).contains("No problems found."),
        "{}",
        stderr(&check)
    );

    assert_success(&tally(&root, &["build"]));
    for page in [
        "index.html",
        "notes/getting-started/index.html",
        "bulletins/2025-q2/index.html",
        "about/index.html",
        "indicators/people-served/index.html",
        "milestones/index.html",
        "funding/index.html",
        "risks/index.html",
        "404.html",
    ] {
        let html = std::fs::read_to_string(root.join("public").join(page))
            .unwrap_or_else(|e| panic!("{page} should exist: {e}"));
        assert!(
            html.contains("Our Programme"),
            "{page} shows the site title"
        );
        assert!(!html.contains("__tally"), "{page} has no preview script");
    }
    let bulletin = std::fs::read_to_string(root.join("public/bulletins/2025-q2/index.html"));
    assert!(bulletin.unwrap().contains("April to June 2025"));
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("site")).unwrap();
    std::fs::write(dir.path().join("site/notes.txt"), "keep me").unwrap();

    let output = new_site(dir.path(), "site");
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("error[folder-not-empty]"), "{text}");
    assert!(text.contains("help: "), "{text}");
    assert_eq!(
        std::fs::read_dir(dir.path().join("site")).unwrap().count(),
        1
    );
}
