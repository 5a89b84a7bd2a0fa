//! `tally diff`, end to end: two builds of the `small` fixture, one with the overlay
//! `tests/fixtures/diff/old/` and one with `tests/fixtures/diff/new/` (the next quarter's
//! update; its README lists every difference), both built for the same preview address.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{Site, assert_success, stderr, stdout};

const PREVIEW: &str = "https://host/pr-42/";

/// The `small` fixture with the files of `tests/fixtures/diff/<overlay>` written over it.
fn site_with(overlay: &str) -> Site {
    let site = Site::fixture("small");
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(overlay);
    for entry in walkdir::WalkDir::new(&folder) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(&folder).unwrap();
            let text = fs::read_to_string(entry.path()).unwrap();
            site.write(&relative.to_string_lossy(), &text);
        }
    }
    site
}

fn built(site: &Site) {
    assert_success(&site.build(&["--base-url", PREVIEW]));
}

/// Runs `tally diff OLD NEW <args>` on the two sites' output folders.
fn diff(old: &Site, new: &Site, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("diff")
        .arg(old.out(""))
        .arg(new.out(""))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("tally runs")
}

fn quarterly_update() -> (Site, Site) {
    let (old, new) = (site_with("old"), site_with("new"));
    built(&old);
    built(&new);
    (old, new)
}

fn report(old: &Site, new: &Site, args: &[&str]) -> String {
    let output = diff(old, new, args);
    assert!(output.status.success(), "diff failed:\n{}", stderr(&output));
    stdout(&output)
}

#[test]
fn markdown_report_lists_every_change_with_old_and_new_values() {
    let (old, new) = quarterly_update();
    let markdown = report(&old, &new, &[]);

    let expected = [
        // Pages, linked into the preview at the new build's own address.
        "Removed:\n\n- `contact/`\n",
        "- [`bulletins/2025-q4/`](https://host/pr-42/bulletins/2025-q4/)",
        "- [`indicators/locks-repaired/`](https://host/pr-42/indicators/locks-repaired/)",
        "- [`/`](https://host/pr-42/)",
        // Figures.
        "| `locks-repaired` | 2025-Q1 | 12 → 11 | count |",
        "| `locks-repaired` | 2025-Q4 | – → 30 | count |",
        "| Rebuild the northern flight (`northern-flight`) | delayed → done |",
        "| All instruments | $14,500,000 → $15,500,000 | $500,000 → $750,000 |",
        "| `grants` | $2,000,000 → $3,000,000 | $500,000 → $750,000 |",
        "| `floods` | 16 (2025-Q3) → 12 (2025-Q4) |",
        "| `locks-repaired` | 2025-Q1 | 12 → 11 | count | 2025-11-05 | A lock was counted twice. |",
    ];
    for line in expected {
        assert!(markdown.contains(line), "missing {line:?} in:\n{markdown}");
    }
    assert!(
        !markdown.contains("published editions changed"),
        "a new quarter leaves the published editions as they were:\n{markdown}"
    );
    assert!(
        !markdown.contains("`works`"),
        "an instrument whose totals did not change is not listed"
    );
}

#[test]
fn preview_url_replaces_the_address_of_the_links() {
    let (old, new) = quarterly_update();
    let markdown = report(
        &old,
        &new,
        &["--preview-url", "https://previews.example/pr-7"],
    );
    assert!(markdown.contains("Preview: [https://previews.example/pr-7/]"));
    assert!(
        markdown
            .contains("- [`bulletins/2025-q4/`](https://previews.example/pr-7/bulletins/2025-q4/)")
    );
    assert!(!markdown.contains("https://host/pr-42/bulletins/"));
}

#[test]
fn json_report_holds_the_same_facts() {
    let (old, new) = quarterly_update();
    let text = report(&old, &new, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).expect("the report is JSON");

    let pages = json["pages"].as_array().unwrap();
    let page = |path: &str| pages.iter().find(|p| p["path"] == path).cloned();
    let removed = page("contact/index.html").expect("the removed page");
    assert_eq!(removed["change"], "removed");
    assert!(removed["url"].is_null());
    let added = page("bulletins/2025-q4/index.html").expect("the added bulletin");
    assert_eq!(added["change"], "added");
    assert_eq!(added["url"], "https://host/pr-42/bulletins/2025-q4/");

    let values = json["indicator_values"].as_array().unwrap();
    assert!(
        values
            .iter()
            .any(|v| v["period"] == "2025-Q1" && v["old"] == 12.0 && v["new"] == 11.0)
    );
    assert_eq!(json["milestones"][0]["milestone"], "northern-flight");
    assert_eq!(json["milestones"][0]["old"], "delayed");
    assert_eq!(json["milestones"][0]["new"], "done");
    assert!(
        json["funding"][0]["instrument"].is_null(),
        "the total comes first"
    );
    assert_eq!(json["funding"][0]["committed"]["new"], 15_500_000.0);
    assert_eq!(json["risks"][0]["new"]["score"], 12);
    assert_eq!(json["revisions"][0]["from"], 12.0);
    assert_eq!(json["revisions"][0]["to"], 11.0);
    assert_eq!(json["published_editions"].as_array().unwrap().len(), 0);
    assert_eq!(json["new"]["data"], "data/");
}

#[test]
fn the_same_builds_give_byte_identical_reports() {
    let (old, new) = quarterly_update();
    for format in ["markdown", "json"] {
        let first = diff(&old, &new, &["--format", format]);
        let second = diff(&old, &new, &["--format", format]);
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

#[test]
fn identical_builds_say_nothing_differs() {
    let (old, new) = (site_with("old"), site_with("old"));
    built(&old);
    built(&new);
    let markdown = report(&old, &new, &[]);
    assert!(
        markdown.contains("The two builds are identical"),
        "{markdown}"
    );
}

#[test]
fn changing_a_published_value_without_a_revision_warns_about_the_edition() {
    let old = site_with("old");
    let new = site_with("old");
    let indicators = fs::read_to_string(new.root.join("content/data/indicators.yaml")).unwrap();
    let changed = indicators.replace(
        "{ period: 2025-Q3, value: 25 }",
        "{ period: 2025-Q3, value: 27 }",
    );
    assert_ne!(indicators, changed);
    new.write("content/data/indicators.yaml", &changed);
    built(&old);
    built(&new);

    let markdown = report(&old, &new, &[]);
    assert!(
        markdown.contains("| `locks-repaired` | 2025-Q3 | 25 → 27 | count |"),
        "{markdown}"
    );
    let warning = markdown
        .split("### Warning: published editions changed")
        .nth(1)
        .unwrap_or_else(|| panic!("no warning in:\n{markdown}"));
    let warning = warning.split("###").next().unwrap();
    assert!(warning.contains(
        "changed [`editions/2025-q3/indicators/locks-repaired/`]\
         (https://host/pr-42/editions/2025-q3/indicators/locks-repaired/)"
    ));
    assert!(warning.contains("changed [`editions/2025-q3/data/indicator-values.json`]"));
    assert!(
        !warning.contains("editions/2025-q2/"),
        "the 2025-Q2 edition did not change"
    );
}

#[test]
fn reads_the_newest_edition_when_a_build_has_no_live_data_folder() {
    let (old, new) = quarterly_update();
    fs::remove_dir_all(old.out("data")).unwrap();
    let text = report(&old, &new, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["old"]["data"], "editions/2025-q3/data/");
    assert_eq!(json["milestones"][0]["old"], "delayed");
    let markdown = report(&old, &new, &[]);
    assert!(markdown.contains("read from `editions/2025-q3/data/` of the old build"));
}

#[test]
fn a_folder_that_is_not_a_build_is_a_clear_error() {
    let site = site_with("old");
    built(&site);
    let output = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("diff")
        .arg(site.root.join("content"))
        .arg(site.out(""))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: The folder `")
            && message.contains("content` is not a site built by tally"),
        "{message}"
    );
    assert!(message.contains("help: Give two folders written by `tally build`"));
    assert!(!message.contains("panicked"));
    assert!(stdout(&output).is_empty());

    let missing = site.root.join("no-such-folder");
    let output = Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("diff")
        .arg(site.out(""))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("does not exist"));
}
