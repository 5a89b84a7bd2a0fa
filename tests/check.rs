//! End to end: `tally check` finds broken anchors and missing images in rendered pages,
//! reports them at the Markdown line, prints JSON lines for tools, and writes nothing.

mod common;

use common::{Site, assert_success, stderr, stdout};

#[test]
fn check_reports_a_broken_anchor_and_a_missing_image_at_their_lines() {
    let site = Site::fixture("check/broken-references");
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stderr(&output);

    assert!(text.contains("error[broken-anchor]"), "{text}");
    assert!(text.contains("content/notes/hello.md:6:"), "{text}");
    assert!(text.contains("help: Did you mean #who-we-are?"), "{text}");

    assert!(text.contains("error[missing-file]"), "{text}");
    assert!(text.contains("content/notes/hello.md:8:"), "{text}");
    assert!(text.contains("/images/missing-map.png"), "{text}");

    assert!(
        text.contains("#hello-again"),
        "the same-page anchor: {text}"
    );
    assert!(!site.root.join("public").exists(), "check writes nothing");
}

#[test]
fn check_prints_json_lines_with_place_code_and_help() {
    let site = Site::fixture("check/broken-references");
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "{}", stdout(&output));
    let anchor = lines
        .iter()
        .find(|l| l["code"] == "broken-anchor" && l["line"] == 6)
        .expect("the broken anchor");
    assert_eq!(anchor["file"], "content/notes/hello.md");
    assert_eq!(anchor["severity"], "error");
    assert!(anchor["column"].as_u64().unwrap() > 1);
    assert!(anchor["message"].as_str().unwrap().contains("#who-we-were"));
    assert!(anchor["help"].is_string());
}

#[test]
fn check_passes_good_anchors_images_and_a_base_path() {
    let site = Site::fixture("check/clean");
    let output = site.run(&["check"]);
    assert_success(&output);
    assert!(stdout(&output).contains("No problems found."));
}

#[test]
fn check_reports_what_build_reports() {
    let site = Site::fixture("invalid/broken-link");
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("\"code\":\"broken-link\""),
        "{}",
        stdout(&output)
    );
}

#[test]
fn strict_check_turns_warnings_into_errors() {
    let site = Site::fixture("check/clean");
    site.write("content/data/budget.yaml", "total: 1\n");
    let lenient = site.run(&["check"]);
    assert_success(&lenient);
    assert!(stderr(&lenient).contains("warning[unknown-data-file]"));

    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("error[unknown-data-file]"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn the_example_site_checks_cleanly() {
    let site = Site::fixture("example");
    let output = site.run(&["check", "--strict"]);
    assert_success(&output);
}
