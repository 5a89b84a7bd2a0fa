//! Publishing: open data with a Frictionless data package, discoverability (sitemap, robots,
//! canonical and Open Graph tags, search), print styles and preview builds under a sub-path.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::{Site, assert_success};

#[test]
fn every_dataset_is_published_as_csv_and_json_with_a_data_package() {
    let site = Site::fixture("example");
    assert_success(&site.build(&[]));
    let names = [
        "milestones",
        "milestone-updates",
        "instruments",
        "awards",
        "indicators",
        "indicator-values",
        "risks",
        "risk-assessments",
    ];
    for name in names {
        assert!(
            site.out(&format!("data/{name}.csv")).is_file(),
            "{name}.csv"
        );
        let json: serde_json::Value =
            serde_json::from_str(&site.page(&format!("data/{name}.json"))).unwrap();
        assert!(!json.as_array().unwrap().is_empty(), "{name}.json has rows");
    }
    let package: serde_json::Value =
        serde_json::from_str(&site.page("data/datapackage.json")).unwrap();
    assert_eq!(package["profile"], "tabular-data-package");
    assert_eq!(package["licenses"][0]["name"], "CC0-1.0");
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), names.len());
    let values = resources
        .iter()
        .find(|r| r["name"] == "indicator-values")
        .unwrap();
    let fields = values["schema"]["fields"].as_array().unwrap();
    assert!(
        fields.iter().any(|f| f["name"] == "unit"),
        "units are a column"
    );
    assert!(
        fields
            .iter()
            .any(|f| f["name"] == "value" && f["type"] == "number")
    );
    let awards = site.page("data/awards.csv");
    assert!(
        awards
            .lines()
            .next()
            .unwrap()
            .contains("committed,disbursed")
    );
    let values = site.page("data/indicator-values.csv");
    assert!(
        values.contains("domestic-input-share,2025-Q3,41,%,40,2025-11-02"),
        "revisions"
    );
}

#[test]
fn the_data_package_passes_the_frictionless_validator() {
    let site = Site::fixture("example");
    assert_success(&site.build(&[]));
    let package = site.out("data/datapackage.json");
    let run = Command::new("frictionless")
        .arg("validate")
        .arg(&package)
        .output();
    let output = match run {
        Ok(output) => output,
        Err(error) => {
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
            assert!(
                !ci,
                "frictionless is missing ({error}); .ci/run installs it"
            );
            eprintln!("skipped: frictionless is not installed ({error})");
            return;
        }
    };
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "frictionless found problems:\n{report}"
    );
    assert!(!report.contains("INVALID"), "{report}");
}

#[test]
fn charts_and_tables_link_to_the_data_behind_them() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let indicator = site.page("indicators/locks-repaired/index.html");
    assert!(indicator.contains(r#"href="/locks/data/indicator-values.csv""#));
    assert!(
        site.page("funding/index.html")
            .contains(r#"href="/locks/data/awards.json""#)
    );
    assert!(
        site.page("risks/index.html")
            .contains("data/risk-assessments.csv")
    );
    let old = site.page("editions/2025-q2/indicators/locks-repaired/index.html");
    assert!(
        old.contains(r#"href="/locks/editions/2025-q2/data/indicator-values.csv""#),
        "an edition links to its own data"
    );
}

#[test]
fn sitemap_robots_and_page_metadata_help_people_find_the_site() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let sitemap = site.page("sitemap.xml");
    let document = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let urls: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        urls.iter()
            .all(|u| u.starts_with("https://example.org/locks/")),
        "absolute"
    );
    assert!(urls.contains(&"https://example.org/locks/notes/energy/northern-flight/"));
    assert!(!urls.iter().any(|u| u.ends_with("404.html")));
    let northern = "<loc>https://example.org/locks/notes/energy/northern-flight/</loc>";
    assert!(sitemap.contains(&format!("{northern}<lastmod>2025-08-01</lastmod>")));
    let robots = site.page("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/locks/sitemap.xml"));
    let note = site.page("notes/energy/northern-flight/index.html");
    assert!(note.contains(
        r#"<link rel="canonical" href="https://example.org/locks/notes/energy/northern-flight/">"#
    ));
    assert!(note.contains(r#"<meta property="og:title" content="The northern flight">"#));
    assert!(
        note.contains(r#"<meta name="description" content="Why the northern flight is late.">"#)
    );
    assert!(!note.contains("noindex"));
}

#[test]
fn search_has_a_static_index_and_works_without_javascript() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let index: serde_json::Value = serde_json::from_str(&site.page("search-index.json")).unwrap();
    let entries = index.as_array().unwrap();
    let kinds: BTreeSet<&str> = entries
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["bulletin", "indicator", "milestone", "note"])
    );
    let search = site.page("search/index.html");
    assert!(
        search.contains("The northern flight"),
        "the full list shows without a script"
    );
    assert!(search.contains(r#"<script src="/locks/search.js" defer></script>"#));
    assert!(site.out("search.js").is_file());
    let dashboard = site.page("index.html");
    assert!(dashboard.contains(r#"<form class="site-search wrap" action="/locks/search/""#));
    assert!(
        !dashboard.contains("<script"),
        "only the search page loads a script"
    );
}

#[test]
fn a_preview_under_a_sub_path_is_complete_and_not_indexed() {
    let site = Site::fixture("small");
    let base = "https://previews.example.org/pr-42/";
    assert_success(&site.build(&["--base-url", base, "--preview"]));
    assert_eq!(site.page("robots.txt"), "User-agent: *\nDisallow: /\n");
    let files: BTreeSet<String> = site.snapshot().into_iter().map(|(path, _)| path).collect();
    let mut checked = 0;
    for path in files.iter().filter(|p| p.ends_with(".html")) {
        let html = site.page(path);
        assert!(
            html.contains(r#"<meta name="robots" content="noindex, nofollow">"#),
            "{path}"
        );
        for attribute in ["href=\"", "src=\""] {
            for piece in html.split(attribute).skip(1) {
                let link = &piece[..piece.find('"').unwrap()];
                if link.starts_with("http") || link.starts_with('#') || link.starts_with("data:") {
                    continue;
                }
                let Some(inside) = link.strip_prefix("/pr-42/") else {
                    panic!("{path}: link {link} is not under the sub-path");
                };
                let target = inside.split('#').next().unwrap();
                let target = if target.is_empty() || target.ends_with('/') {
                    format!("{target}index.html")
                } else {
                    target.to_string()
                };
                assert!(files.contains(&target), "{path}: {link} resolves");
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "links were checked: {checked}");
    let feed = site.page("feed.xml");
    assert!(feed.contains("<id>https://previews.example.org/pr-42/bulletins/2025-q3/</id>"));
    assert!(
        site.page("sitemap.xml")
            .contains("<loc>https://previews.example.org/pr-42/</loc>")
    );
}

#[test]
fn bulletins_print_as_clean_documents() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let css = site.page("style.css");
    let print = &css[css.find("@media print").expect("print styles")..];
    for rule in [
        ".site-nav",
        ".edition-switcher",
        "break-before: page",
        "break-inside: avoid",
    ] {
        assert!(print.contains(rule), "print styles handle {rule}");
    }
    assert!(print.contains("attr(href)"), "links print their address");
    let bulletin = site.page("bulletins/2025-q3/index.html");
    // Browsers print the title on every page: it names the edition and its day.
    assert!(
        bulletin
            .contains("<title>Bulletin for the third quarter – 2025-Q3 edition, 17 October 2025 –"),
        "{bulletin}"
    );
}
