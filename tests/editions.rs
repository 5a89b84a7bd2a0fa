//! Editions, revisions, the feed and the manifest, end to end on the `small` fixture: two
//! bulletins (2025-Q2 published 18 July 2025, 2025-Q3 published 17 October 2025) and a value
//! for 2025-Q2 revised on 20 September 2025 from 21 to 19.

mod common;

use common::{Site, assert_success};

fn built() -> Site {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    site
}

#[test]
fn each_bulletin_is_an_edition_at_the_live_paths() {
    let site = built();
    for page in [
        "editions/index.html",
        "editions/2025-q2/index.html",
        "editions/2025-q2/indicators/index.html",
        "editions/2025-q2/indicators/locks-repaired/index.html",
        "editions/2025-q2/milestones/index.html",
        "editions/2025-q2/funding/index.html",
        "editions/2025-q2/risks/index.html",
        "editions/2025-q3/index.html",
    ] {
        assert!(site.out(page).is_file(), "{page}");
    }
    let list = site.page("editions/index.html");
    assert!(list.contains("2025-Q3 edition") && list.contains("2025-Q2 edition"));
    assert!(list.contains("18 July 2025"));
}

#[test]
fn an_old_edition_shows_values_as_first_published_and_the_live_site_as_revised() {
    let site = built();
    let old = site.page("editions/2025-q2/indicators/locks-repaired/index.html");
    assert!(old.contains("21 (2025-Q2)"), "first published value");
    assert!(
        !old.contains(">2025-Q3</th>"),
        "no later period in the Q2 edition"
    );
    assert!(old.contains("You are viewing the 2025-Q2 edition, published 18 July 2025."));
    let newer = site.page("editions/2025-q3/indicators/locks-repaired/index.html");
    assert!(
        newer.contains("Revised on 20 September 2025 from 21 to 19"),
        "revised before Q3"
    );
    let live = site.page("indicators/locks-repaired/index.html");
    assert!(live.contains("Revised on 20 September 2025 from 21 to 19"));
    assert!(
        !live.contains("You are viewing the"),
        "the live site has no banner"
    );
}

#[test]
fn editions_publish_their_data_as_published() {
    let site = built();
    let json = site.page("editions/2025-q2/data/indicator-values.json");
    let values: serde_json::Value = serde_json::from_str(&json).unwrap();
    let q2 = values
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["indicator"] == "locks-repaired" && v["period"] == "2025-Q2")
        .expect("the Q2 value");
    assert_eq!(q2["value"], 21.0);
    assert!(q2["revised_from"].is_null());
    let csv = site.page("editions/2025-q2/data/milestones.csv");
    assert!(csv.starts_with("id,title,phase,due,lead,status,status_period,illustrative\r\n"));
    assert!(
        csv.contains(
            "northern-flight,Rebuild the northern flight,,2025-09-30,,in_progress,2025-Q1"
        )
    );
    let awards = site.page("editions/2025-q2/data/awards.csv");
    assert_eq!(
        awards.lines().count(),
        2,
        "one award by Q2, after the header"
    );
    for name in [
        "awards.json",
        "risk-assessments.csv",
        "risk-assessments.json",
    ] {
        assert!(
            site.out(&format!("editions/2025-q3/data/{name}")).is_file(),
            "{name}"
        );
    }
}

#[test]
fn editions_never_change_when_later_data_arrives() {
    let site = built();
    let edition = |site: &Site| -> Vec<(String, Vec<u8>)> {
        site.snapshot()
            .into_iter()
            .filter(|(path, _)| path.starts_with("editions/2025-q"))
            .collect()
    };
    let before = edition(&site);
    assert!(before.len() > 10);

    let indicators =
        std::fs::read_to_string(site.root.join("content/data/indicators.yaml")).unwrap();
    let with_q4 = indicators.replace(
        "      - { period: 2025-Q3, value: 25 }\n",
        concat!(
            "      - period: 2025-Q3\n        value: 24\n",
            "        revised: { from: 25, on: 2026-01-10 }\n",
            "      - { period: 2025-Q4, value: 31 }\n",
        ),
    );
    assert_ne!(with_q4, indicators);
    site.write("content/data/indicators.yaml", &with_q4);
    let milestones =
        std::fs::read_to_string(site.root.join("content/data/milestones.yaml")).unwrap();
    site.write(
        "content/data/milestones.yaml",
        &format!("{milestones}      - {{ period: 2025-Q4, status: done }}\n"),
    );
    site.write(
        "content/bulletins/2025-q4.md",
        "---\ntitle: Fourth quarter\nperiod: 2025-Q4\npublished: 2026-01-16\n---\n\n{{ kpis() }}\n",
    );
    site.write(
        "content/notes/later.md",
        "---\ntitle: A later note\ndate: 2026-01-20\n---\n\nNew.\n",
    );
    assert_success(&site.build(&[]));

    let after: Vec<(String, Vec<u8>)> = edition(&site)
        .into_iter()
        .filter(|(path, _)| !path.starts_with("editions/2025-q4"))
        .collect();
    assert_eq!(before.len(), after.len(), "the same files");
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        assert!(old == new, "{path} changed after new data arrived");
    }
    assert!(site.page("editions/2025-q4/index.html").contains("2025-Q4"));
    assert!(
        site.page("indicators/locks-repaired/index.html")
            .contains("31 (2025-Q4)")
    );
}

#[test]
fn every_switcher_link_resolves() {
    let site = built();
    let files: Vec<String> = site.snapshot().into_iter().map(|(p, _)| p).collect();
    let mut checked = 0;
    for (path, bytes) in site.snapshot() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let Some(start) = html.find("<nav class=\"edition-switcher\"") else {
            continue;
        };
        let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
        for piece in nav.split("href=\"").skip(1) {
            let href = &piece[..piece.find('"').unwrap()];
            let target = href.trim_start_matches("/locks/");
            let target = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            assert!(
                files.contains(&target),
                "{path}: switcher link {href} resolves"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "switchers were found and checked");
    let q2 = site.page("editions/2025-q2/index.html");
    assert!(
        !q2.contains("2025-Q3 edition"),
        "an edition names no later edition"
    );
}

#[test]
fn the_revision_log_lists_every_revision_newest_first() {
    let site = built();
    let log = site.page("revisions/index.html");
    assert!(log.contains("20 September 2025"));
    assert!(log.contains("Locks repaired"));
    assert!(log.contains("Two locks re-inspected."));
}

#[test]
fn the_feed_is_atom_with_one_entry_per_bulletin() {
    let site = built();
    let feed = site.page("feed.xml");
    let document = roxmltree::Document::parse(&feed).expect("the feed parses as XML");
    let root = document.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 2, "drafts left out, one entry per bulletin");
    let id = |entry: &roxmltree::Node<'_, '_>| {
        entry
            .children()
            .find(|n| n.has_tag_name("id"))
            .unwrap()
            .text()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        id(&entries[0]),
        "https://example.org/locks/bulletins/2025-q3/"
    );
    let updated = entries[1]
        .children()
        .find(|n| n.has_tag_name("updated"))
        .unwrap();
    assert_eq!(updated.text(), Some("2025-07-18T00:00:00Z"));
    assert_success(&site.build(&[]));
    assert_eq!(
        site.page("feed.xml"),
        feed,
        "ids and dates are stable across builds"
    );
}

#[test]
fn versions_and_build_manifests_describe_the_build() {
    let site = Site::fixture("small");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tally"))
        .arg("build")
        .current_dir(&site.root)
        .env("SOURCE_DATE_EPOCH", "1760000000")
        .output()
        .unwrap();
    assert_success(&output);
    let versions: serde_json::Value = serde_json::from_str(&site.page("versions.json")).unwrap();
    let editions = versions["editions"].as_array().unwrap();
    assert_eq!(editions.len(), 2);
    assert_eq!(editions[0]["period"], "2025-Q3");
    assert_eq!(editions[1]["url"], "/locks/editions/2025-q2/");
    let build: serde_json::Value = serde_json::from_str(&site.page("build.json")).unwrap();
    assert_eq!(build["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(build["inputs_digest"].as_str().unwrap().len(), 64);
    assert_eq!(build["built_at"], "2025-10-09T08:53:20Z");
    assert!(build["source_commit"].is_null(), "not a git checkout");
    assert_eq!(build["editions"].as_array().unwrap().len(), 2);

    assert_success(&site.build(&[]));
    let again: serde_json::Value = serde_json::from_str(&site.page("build.json")).unwrap();
    assert!(
        again["built_at"].is_null(),
        "no clock time without SOURCE_DATE_EPOCH"
    );
}

#[test]
fn footers_show_the_edition_and_its_data_digest() {
    let site = built();
    let old = site.page("editions/2025-q2/index.html");
    let digest = |html: &str| {
        let start = html.find("data digest ").unwrap() + "data digest ".len();
        html[start..start + 12].to_string()
    };
    assert!(old.contains("Edition 2025-Q2 · data digest "));
    let q2_bulletin = site.page("bulletins/2025-q2/index.html");
    assert_eq!(
        digest(&old),
        digest(&q2_bulletin),
        "a bulletin shows its edition's digest"
    );
    let live = site.page("index.html");
    assert!(live.contains("Live data to 2025-Q3 · data digest "));
    assert_ne!(digest(&old), digest(&live));
}

#[test]
fn the_inputs_digest_covers_every_byte_of_every_input_file() {
    use sha2::{Digest, Sha256};
    let site = Site::fixture("small");
    // A byte-order mark is dropped from the text, but it is part of the file's digest.
    site.write(
        "content/notes/energy/bom.md",
        "\u{feff}---\ntitle: With a mark\ndate: 2025-08-01\n---\nBody.\n",
    );
    assert_success(&site.build(&[]));
    let build: serde_json::Value = serde_json::from_str(&site.page("build.json")).unwrap();

    let mut files = std::collections::BTreeMap::new();
    for folder in ["content", "themes"] {
        // The fixture has no themes folder; a folder that is not there adds nothing.
        for entry in walkdir::WalkDir::new(site.root.join(folder)) {
            let Ok(entry) = entry else { continue };
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(&site.root).unwrap();
                let relative = relative.to_str().unwrap().replace('\\', "/");
                files.insert(
                    relative,
                    Sha256::digest(std::fs::read(entry.path()).unwrap()),
                );
            }
        }
    }
    assert!(files.contains_key("content/notes/energy/bom.md"));
    let mut all = Sha256::new();
    for (relative, digest) in &files {
        all.update(relative.as_bytes());
        all.update([0]);
        all.update(digest);
    }
    let expected: String = all.finalize().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(build["inputs_digest"], expected.as_str());
    assert!(
        site.page("notes/energy/bom/index.html")
            .contains("With a mark")
    );
}
