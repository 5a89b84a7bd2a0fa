//! End-to-end builds of fixture sites and of the example site: what a reader sees.

mod common;

use common::{Site, assert_success, stderr, stdout};

#[test]
fn example_site_builds_every_page_with_its_figures() {
    let site = Site::fixture("example");
    let output = site.build(&[]);
    assert_success(&output);
    assert!(stdout(&output).starts_with("Built "), "{}", stdout(&output));

    let dashboard = site.page("index.html");
    assert!(dashboard.contains("Performance as of 2025-Q3."));
    assert!(
        dashboard.contains("On track: 6"),
        "six indicators are on track"
    );
    assert!(dashboard.contains("Off track: 4"));
    assert!(
        dashboard.contains("$566M"),
        "committed funding in short form"
    );
    assert!(dashboard.contains("$1,000,000,000"), "the pledge");
    assert!(
        dashboard.contains("Performance bulletin: July to September 2025"),
        "latest bulletin"
    );

    let indicator = site.page("indicators/domestic-input-share/index.html");
    assert!(indicator.contains("41% (2025-Q3)"));
    assert!(indicator.contains("60% by 2026-Q4"));
    assert!(indicator.contains("role=\"img\""));
    assert!(indicator.contains("Revised on 2 November 2025 from 40% to 41%"));

    let milestones = site.page("milestones/index.html");
    assert!(milestones.contains("Phase 1: governance set-up; alignment of intent"));
    for page in [
        "indicators/index.html",
        "funding/index.html",
        "risks/index.html",
        "bulletins/index.html",
        "bulletins/2025-q1/index.html",
        "bulletins/2025-q2/index.html",
        "bulletins/2025-q3/index.html",
        "notes/index.html",
        "notes/funding/funding-mechanisms/index.html",
        "about/index.html",
        "methodology/index.html",
        "404.html",
        "style.css",
        "favicon.svg",
    ] {
        assert!(site.out(page).is_file(), "{page} should be built");
    }
    assert!(
        !site
            .out("notes/governance/first-audit-scope/index.html")
            .exists(),
        "draft left out"
    );
}

#[test]
fn a_site_with_pages_and_notes_only_builds() {
    let site = Site::fixture("minimal");
    assert_success(&site.build(&[]));
    let dashboard = site.page("index.html");
    assert!(dashboard.contains("No bulletins published yet."));
    assert!(
        !dashboard.contains("indicators/"),
        "no indicator pages without indicator data"
    );
    assert!(
        site.page("about/index.html")
            .contains("This site has no data yet.")
    );
    assert!(
        site.page("notes/hello/index.html")
            .contains(r#"href="/about/""#)
    );
    assert!(!site.out("indicators").exists());
}

#[test]
fn dashboard_shows_live_figures() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let dashboard = site.page("index.html");
    assert!(
        dashboard.contains(r#"<span class="value">25</span>"#),
        "latest locks repaired"
    );
    assert!(dashboard.contains("+6"), "change since 2025-Q2");
    assert!(
        dashboard.contains("No values reported yet."),
        "closure days has no data"
    );
    assert!(dashboard.contains("$14.5M"), "committed");
    let funding = site.page("funding/index.html");
    assert!(funding.contains("$12,500,000"));
    assert!(funding.contains("No region given"));
    let risks = site.page("risks/index.html");
    assert!(risks.contains("Rising"));
    let milestones = site.page("milestones/index.html");
    assert!(
        milestones.contains("30 September 2025"),
        "a due date given as a day"
    );
}

#[test]
fn bulletins_show_data_as_of_their_period_and_as_first_published() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let q2 = site.page("bulletins/2025-q2/index.html");
    assert!(
        q2.contains("21 (2025-Q2)"),
        "the Q2 bulletin shows the value it published"
    );
    assert!(
        q2.contains("2025-Q2: Revised on 20 September 2025 from 21 to 19: Two locks re-inspected."),
        "the bulletin says its figure was revised after it was published"
    );
    assert!(
        !q2.contains(">2025-Q3</th>"),
        "no value after Q2 shows in the Q2 bulletin"
    );
    assert!(
        q2.contains("Data to the end of 2025-Q2."),
        "the footer dates the data shown"
    );
    assert!(q2.contains("$2M"), "only the Q1 award is committed by Q2");
    assert!(
        q2.contains("Rebuild the northern flight"),
        "in progress in Q2"
    );
    let q3 = site.page("bulletins/2025-q3/index.html");
    assert!(q3.contains("Winter floods"));
    let indicator = site.page("indicators/locks-repaired/index.html");
    assert!(
        indicator.contains("Revised on 20 September 2025 from 21 to 19: Two locks re-inspected.")
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    assert!(!site.out("notes/draft-idea/index.html").exists());
    assert!(!site.page("notes/index.html").contains("An unfinished idea"));
    assert_success(&site.build(&["--drafts"]));
    assert!(site.page("notes/index.html").contains("An unfinished idea"));
    assert!(site.out("notes/draft-idea/index.html").is_file());
}

#[test]
fn links_are_rewritten_under_a_sub_path_base_url() {
    let site = Site::fixture("small");
    assert_success(&site.build(&["--base-url", "https://preview.example.org/pr-42"]));
    let bulletin = site.page("bulletins/2025-q3/index.html");
    assert!(bulletin.contains(r#"href="/pr-42/method/""#), "{bulletin}");
    assert!(bulletin.contains(r#"href="/pr-42/notes/energy/northern-flight/""#));
    assert!(bulletin.contains(r#"href="/pr-42/style.css""#));
    assert!(bulletin.contains(
        r#"<link rel="canonical" href="https://preview.example.org/pr-42/bulletins/2025-q3/">"#
    ));
    let method = site.page("method/index.html");
    assert!(method.contains(r#"href="/pr-42/docs/plan.txt""#));
    assert!(method.contains(r#"href="/pr-42/indicators/locks-repaired/""#));
    assert!(!method.contains(r#"href="/indicators"#));
    assert!(
        site.out("docs/plan.txt").is_file(),
        "static files are copied"
    );
}

#[test]
fn text_from_content_never_becomes_markup() {
    let site = Site::fixture("escaping");
    assert_success(&site.build(&[]));
    let all: String = site
        .snapshot()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    assert!(!all.contains("<script>"), "no script element from content");
    assert!(!all.contains("<img src=x"), "no image element from content");
    assert!(!all.contains("<b>bold</b>"));
    assert!(!all.contains("<span onclick"));
    assert!(!all.contains("<i>with</i>"));
    let indicator = site.page("indicators/tricky/index.html");
    assert!(
        indicator.contains(
            "Share of &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; items"
        )
    );
    assert!(indicator.contains("&lt;img src=x onerror=alert(2)&gt;"));
    let dashboard = site.page("index.html");
    assert!(dashboard.contains("Fish &amp; Chips &lt;Programme&gt;"));
    let note = site.page("notes/raw/index.html");
    assert!(note.contains("&lt;script&gt;alert(3)&lt;/script&gt;"));
}

#[test]
fn raw_html_passes_only_when_the_site_allows_it() {
    let site = Site::fixture("escaping");
    let settings = std::fs::read_to_string(site.root.join("content/site.yaml")).unwrap();
    site.write(
        "content/site.yaml",
        &format!("{settings}allow_raw_html: true\n"),
    );
    assert_success(&site.build(&[]));
    let note = site.page("notes/raw/index.html");
    assert!(
        note.contains("<span>html</span>"),
        "allowed markup passes: {note}"
    );
    assert!(!note.contains("onclick"), "event handlers are removed");
    assert!(!note.contains("<script"), "scripts are removed");
}

#[test]
fn rebuilding_the_same_input_is_byte_identical() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let first = site.snapshot();
    assert_success(&site.build(&[]));
    assert_eq!(first, site.snapshot());
    let example = Site::fixture("example");
    assert_success(&example.build(&[]));
    let first = example.snapshot();
    assert_success(&example.build(&[]));
    assert!(
        first == example.snapshot(),
        "the example site rebuilds identically"
    );
}

#[test]
fn quiet_prints_nothing_on_success() {
    let site = Site::fixture("minimal");
    let output = site.build(&["--quiet"]);
    assert_success(&output);
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output), "");
}

#[test]
fn the_output_folder_cannot_be_the_content() {
    let site = Site::fixture("minimal");
    let output = site.build(&["--out", "content"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("The site cannot be written there"));
    assert!(site.root.join("content/site.yaml").is_file());
}
