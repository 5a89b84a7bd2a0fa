//! End to end: `tally check` finds broken anchors and missing images in rendered pages, files
//! missing for the `url()`s of stylesheets, and addresses that leave the base path; it reports
//! them at the Markdown or stylesheet line, prints JSON lines for tools, and writes nothing.

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

/// Each diagnostic of `check --format json` as file, line, column and code, in order.
fn places(output: &std::process::Output) -> Vec<(String, u64, u64, String)> {
    stdout(output)
        .lines()
        .map(|line| {
            let d: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn place(file: &str, line: u64, column: u64, code: &str) -> (String, u64, u64, String) {
    (file.to_string(), line, column, code.to_string())
}

/// Publishes the site at `base_url`, as `build --base-url` would, by changing its `site.yaml`.
fn set_base_url(site: &Site, base_url: &str) {
    let path = site.root.join("content/site.yaml");
    let settings = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<String> = settings
        .lines()
        .map(|line| {
            if line.starts_with("base_url:") {
                format!("base_url: {base_url}")
            } else {
                line.to_string()
            }
        })
        .collect();
    assert_ne!(
        changed.join("\n"),
        settings.trim_end(),
        "site.yaml has a base_url"
    );
    site.write("content/site.yaml", &(changed.join("\n") + "\n"));
}

#[test]
fn check_reports_stylesheet_addresses_at_their_line_and_column() {
    let site = Site::fixture("check/stylesheets");
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        places(&output),
        [
            // The theme's page template: a `<style>` element and a `style` attribute.
            place("about/index.html", 13, 20, "missing-file"),
            place("about/index.html", 15, 46, "outside-base-path"),
            // The site's own stylesheet, whose relative addresses count from `css/`.
            place("content/static/css/site.css", 3, 20, "missing-file"),
            // The theme's stylesheet: `@import url(...)`, a root-relative `url("...")`, and the
            // first of two `url()`s on one line.
            place("themes/plain/static/style.css", 3, 9, "missing-file"),
            place("themes/plain/static/style.css", 5, 27, "outside-base-path"),
            place("themes/plain/static/style.css", 8, 21, "missing-file"),
        ]
    );

    let text = stderr(&site.run(&["check"]));
    assert!(
        text.contains("The file /pr-42/images/key.png is used by this stylesheet"),
        "{text}"
    );
    assert!(
        text.contains("help: Write it relative to the stylesheet, as `images/paper.svg`,"),
        "{text}"
    );
    assert!(
        text.contains("help: Write it relative to the page, as `../images/paper.svg`,"),
        "{text}"
    );
}

#[test]
fn check_passes_stylesheets_under_any_base_path() {
    let site = Site::fixture("check/clean-stylesheets");
    assert_success(&site.run(&["check", "--strict"]));
    set_base_url(&site, "https://example.org/");
    assert_success(&site.run(&["check", "--strict"]));
}

#[test]
fn check_reports_html_addresses_that_leave_the_base_path() {
    let site = Site::fixture("check/outside-base-path");
    let output = site.run(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // The Markdown link and image of line 6 are placed under the base path by tally; the
    // same addresses in HTML are not.
    assert_eq!(
        places(&output),
        [
            place("content/notes/hello.md", 8, 22, "outside-base-path"),
            place("content/notes/hello.md", 10, 11, "outside-base-path"),
        ]
    );
    let help = stdout(&output);
    assert!(
        help.contains("relative to the page: `../../about/#who-we-are`"),
        "{help}"
    );
    assert!(help.contains("`[words](/images/map.svg)`"), "{help}");

    // `--base-url` replaces the address in site.yaml, as it does for `build`.
    assert_success(&site.run(&["check", "--base-url", "https://example.org/"]));
}

#[test]
fn the_example_site_checks_cleanly_under_a_sub_path() {
    let site = Site::fixture("example");
    let base_url = "https://example.org/pr-42/";
    assert_success(&site.run(&["check", "--strict", "--base-url", base_url]));
}

#[test]
fn the_new_site_checks_cleanly_at_the_root_and_under_a_sub_path() {
    let site = Site::fixture("new");
    assert_success(&site.run(&["check", "--strict"]));
    set_base_url(&site, "https://example.org/pr-42/");
    assert_success(&site.run(&["check", "--strict"]));
}
