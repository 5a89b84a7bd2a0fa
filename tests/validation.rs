//! One end-to-end test per validation rule.
//!
//! Each case is a tiny site in `tests/fixtures/invalid/<case>/` with exactly one problem. The
//! test copies it to a temporary folder, puts a previous build in `public/`, runs the real
//! `tally build`, and checks that the problem is reported with its code, file, line, column,
//! message and help, that the build exits with 1 without panicking, and that the previous
//! build is left exactly as it was.

mod common;

use std::fs;

use common::Site;

/// What the previous build left in `public/`, which a failed build must not touch.
const PREVIOUS: [(&str, &str); 2] = [
    ("public/index.html", "previous build"),
    (
        "public/old/page.html",
        "<p>a page of the previous build</p>",
    ),
];

/// Writes a previous build, runs `tally build <args>`, checks that it failed cleanly and left
/// the previous build alone, and returns what it printed on standard error.
fn build_fails(site: &Site, args: &[&str]) -> String {
    for (path, text) in PREVIOUS {
        site.write(path, text);
    }
    let before = site.snapshot();
    let output = site.build(args);
    let stderr = common::stderr(&output);
    assert!(!stderr.contains("panicked"), "tally panicked:\n{stderr}");
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stderr:\n{stderr}"
    );
    assert_eq!(
        site.snapshot(),
        before,
        "the previous build changed; stderr:\n{stderr}"
    );
    for (path, text) in PREVIOUS {
        let bytes = fs::read(site.root.join(path)).expect("previous file still there");
        assert_eq!(bytes, text.as_bytes(), "{path} changed");
    }
    for leftover in [".public.tally-new", ".public.tally-old"] {
        assert!(
            !site.root.join(leftover).exists(),
            "{leftover} was left behind"
        );
    }
    stderr
}

/// Checks that `stderr` reports the problem `code` with `message` at `place` (`path:line:col`,
/// or only the path for a problem about a whole file; `None` when no file applies), with the
/// help line `help`.
fn assert_reported(stderr: &str, code: &str, place: Option<&str>, message: &str, help: &str) {
    let has_line = |wanted: &str| stderr.lines().any(|line| line.trim_start() == wanted);
    let title = format!("error[{code}]: {message}");
    assert!(has_line(&title), "expected `{title}` in:\n{stderr}");
    match place {
        Some(place) => {
            let arrow = format!("--> {place}");
            assert!(has_line(&arrow), "expected `{arrow}` in:\n{stderr}");
        }
        None => assert!(!stderr.contains("-->"), "expected no place in:\n{stderr}"),
    }
    let help = format!("help: {help}");
    assert!(has_line(&help), "expected `{help}` in:\n{stderr}");
}

/// Checks the last line of `stderr` counts `errors` errors and no warnings.
fn assert_summary(stderr: &str, errors: usize) {
    let plural = if errors == 1 { "" } else { "s" };
    let summary = format!("{errors} error{plural} found; nothing was written.\n");
    assert!(
        stderr.ends_with(&summary),
        "expected `{summary}` at the end of:\n{stderr}"
    );
}

/// Builds the fixture `invalid/<case>` and checks that it reports exactly one error: `code`
/// with `message` and `help` at `place`.
fn expect_error(case: &str, code: &str, place: &str, message: &str, help: &str) {
    let site = Site::fixture(&format!("invalid/{case}"));
    let stderr = build_fails(&site, &[]);
    assert_reported(&stderr, code, Some(place), message, help);
    assert_summary(&stderr, 1);
}

const YAML_HELP: &str = "Check the indentation, colons and brackets on this line and the one \
                         before it; put text containing `: ` or `#` in quotes.";
const PERIOD_HELP: &str =
    "Write a period as year and quarter, like `2025-Q3`, or a date like `2025-08-14`.";
const ORDER_HELP: &str = "Move this entry so that periods increase down the list.";
const RANGE_HELP: &str = "Use a value within the range.";
const FRONT_MATTER_HELP: &str =
    "Start the file with `---`, then `title: ...`, then a line with `---`.";
const BULLETIN_ONLY_HELP: &str = "Remove it, or move the file to `content/bulletins/`.";
const SHORTCODE_HELP: &str =
    "Write it like `{{ indicator(id=\"domestic-input-share\") }}` on a line of its own.";
const STATUSES: &str = "`planned`, `in_progress`, `at_risk`, `delayed`, `done`, `cancelled`";

// ---------------------------------------------------------------------------------------------
// YAML and structure

#[test]
fn unclosed_flow_mapping_points_at_its_bracket() {
    expect_error(
        "yaml-unclosed-flow-mapping",
        "yaml-syntax",
        "content/data/milestones.yaml:5:5",
        "This is not valid YAML: unclosed bracket '{'.",
        YAML_HELP,
    );
}

#[test]
fn unknown_key_in_site_settings_names_nearest_key() {
    expect_error(
        "site-unknown-key",
        "unknown-key",
        "content/site.yaml:1:1",
        "`titel` is not a key tally knows here.",
        "Did you mean `title`?",
    );
}

#[test]
fn unknown_key_in_milestone_update_names_nearest_key() {
    expect_error(
        "update-unknown-key",
        "unknown-key",
        "content/data/milestones.yaml:7:9",
        "`stauts` is not a key tally knows here.",
        "Did you mean `status`?",
    );
}

#[test]
fn milestone_without_title_names_missing_key() {
    expect_error(
        "milestone-missing-title",
        "missing-key",
        "content/data/milestones.yaml:6:5",
        "The required key `title` is missing here.",
        "Add `title:` with a value.",
    );
}

#[test]
fn word_where_indicator_value_belongs_is_wrong_kind() {
    expect_error(
        "indicator-value-wrong-kind",
        "wrong-kind",
        "content/data/indicators.yaml:10:35",
        "Expected a number here.",
        "Write a number, without quotes unless it is text.",
    );
}

#[test]
fn phase_in_words_is_wrong_kind() {
    expect_error(
        "phase-wrong-kind",
        "wrong-kind",
        "content/data/milestones.yaml:4:12",
        "Expected a whole number here.",
        "Write a whole number, without quotes unless it is text.",
    );
}

#[test]
fn yes_instead_of_true_is_wrong_kind() {
    expect_error(
        "yes-for-true",
        "wrong-kind",
        "content/data/milestones.yaml:5:19",
        "Expected `true` or `false` here.",
        "Write `true` or `false`, without quotes unless it is text.",
    );
}

#[test]
fn list_where_text_belongs_is_wrong_kind() {
    expect_error(
        "title-is-a-list",
        "wrong-kind",
        "content/data/milestones.yaml:3:12",
        "Expected text here.",
        "Write text, without quotes unless it is text.",
    );
}

#[test]
fn key_given_twice_is_reported_at_second() {
    expect_error(
        "duplicate-key",
        "duplicate-key",
        "content/data/risks.yaml:5:5",
        "The key `owner` is given twice.",
        "Remove one of the two.",
    );
}

#[test]
fn alias_heavy_file_is_too_complex() {
    let site = Site::fixture("invalid/too-complex");
    let stderr = build_fails(&site, &[]);
    // The place and the detail after the colon come from the YAML reader; only the file and the
    // sentence are tally's.
    assert!(
        stderr.contains("error[too-complex]: This file is too large or too deeply nested"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> content/data/milestones.yaml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: Split the data or remove anchors and aliases (`&name`, `*name`)."),
        "{stderr}"
    );
    assert_summary(&stderr, 1);
}

#[test]
fn missing_site_settings_file_is_reported() {
    expect_error(
        "no-site-file",
        "no-site-file",
        "content/site.yaml",
        "The site settings file `content/site.yaml` is missing.",
        "Create it with at least `title:` and `base_url:`; see docs/content-format.md.",
    );
}

#[test]
fn missing_content_folder_is_reported() {
    let site = Site::fixture("invalid/no-content");
    let stderr = build_fails(&site, &[]);
    assert_reported(
        &stderr,
        "no-content",
        None,
        "There is no `content/` folder here.",
        "Run tally in the site's folder, or pass the site's folder with `--root`.",
    );
    assert_summary(&stderr, 1);
}

#[test]
fn site_settings_without_base_url_names_missing_key() {
    expect_error(
        "site-without-base-url",
        "missing-key",
        "content/site.yaml",
        "The required key `base_url` is missing here.",
        "Add `base_url:` with a value.",
    );
}

#[test]
fn base_url_without_scheme_is_rejected() {
    expect_error(
        "bad-base-url",
        "bad-base-url",
        "content/site.yaml:2:11",
        "The base URL `example.gov/x` is not an absolute http or https address.",
        "Write the full address, like `https://example.gov/programme/`.",
    );
}

#[test]
fn base_url_on_command_line_without_scheme_is_rejected() {
    let site = Site::fixture("invalid/bad-command-line");
    let stderr = build_fails(&site, &["--base-url", "example.gov"]);
    assert_reported(
        &stderr,
        "bad-base-url",
        None,
        "The base URL `example.gov` is not an absolute http or https address.",
        "Write the full address, like `https://example.gov/programme/`.",
    );
    assert_summary(&stderr, 1);
}

#[test]
fn output_folder_inside_content_is_refused() {
    let site = Site::fixture("invalid/bad-command-line");
    let stderr = build_fails(&site, &["--out", "content/out"]);
    let root = fs::canonicalize(&site.root).unwrap();
    let out = root.join("content/out").display().to_string();
    assert_reported(
        &stderr,
        "bad-output-folder",
        Some(&out),
        "The site cannot be written there: it is inside the site's content or themes.",
        "Choose another folder with `--out`.",
    );
    assert_summary(&stderr, 1);
    assert!(
        !site.root.join("content/out").exists(),
        "nothing is written inside content/"
    );
}

#[test]
fn unknown_theme_suggests_nearest_theme() {
    expect_error(
        "unknown-theme",
        "unknown-theme",
        "content/site.yaml:3:8",
        "There is no theme called `defualt`.",
        "Did you mean `default`?",
    );
}

// ---------------------------------------------------------------------------------------------
// Values

#[test]
fn quarter_five_is_not_a_period() {
    expect_error(
        "period-quarter-out-of-range",
        "bad-period",
        "content/data/milestones.yaml:6:17",
        "`2025-Q5` is not a period: the quarter must be 1, 2, 3 or 4.",
        PERIOD_HELP,
    );
}

#[test]
fn period_written_quarter_first_is_not_a_period() {
    expect_error(
        "period-bad-shape",
        "bad-period",
        "content/data/milestones.yaml:4:10",
        "`Q3 2025` is not a period.",
        PERIOD_HELP,
    );
}

#[test]
fn february_thirtieth_is_not_a_day() {
    expect_error(
        "revision-no-such-day",
        "bad-date",
        "content/data/indicators.yaml:13:15",
        "`2025-02-30` is not a day of the calendar.",
        "Write a date as year-month-day, like `2025-08-14`.",
    );
}

#[test]
fn capitalised_id_is_rejected() {
    expect_error(
        "bad-id",
        "bad-id",
        "content/data/funding.yaml:3:11",
        "`Grants` cannot be used as an id.",
        "Use lower-case letters, digits and hyphens, starting with a letter or digit, \
         like `domestic-input-share`.",
    );
}

#[test]
fn duplicate_id_names_line_of_first_use() {
    expect_error(
        "duplicate-id",
        "duplicate-id",
        "content/data/milestones.yaml:8:9",
        "The id `first` is already used on line 2 of this file.",
        "Give each entry its own id.",
    );
}

#[test]
fn unknown_status_suggests_nearest_value() {
    expect_error(
        "unknown-status",
        "unknown-value",
        "content/data/milestones.yaml:6:36",
        "`inprogress` is not a valid status.",
        "Did you mean `in_progress`?",
    );
}

#[test]
fn unknown_direction_lists_allowed_values() {
    expect_error(
        "unknown-direction",
        "unknown-value",
        "content/data/indicators.yaml:5:16",
        "`up` is not a valid direction.",
        "Use one of `increase`, `decrease`.",
    );
}

#[test]
fn unknown_instrument_in_award_suggests_nearest_id() {
    expect_error(
        "unknown-instrument",
        "unknown-reference",
        "content/data/funding.yaml:7:17",
        "There is no instrument with the id `grant`.",
        "Did you mean `grants`?",
    );
}

#[test]
fn unknown_region_in_award_lists_known_ids() {
    expect_error(
        "unknown-region",
        "unknown-reference",
        "content/data/funding.yaml:10:13",
        "There is no region with the id `mountain`.",
        "The ids are `west`, `alaska`.",
    );
}

#[test]
fn negative_committed_amount_is_rejected() {
    expect_error(
        "negative-committed",
        "negative",
        "content/data/funding.yaml:7:16",
        "The committed amount cannot be negative.",
        "Write zero or a positive number.",
    );
}

#[test]
fn nan_budget_is_not_finite() {
    expect_error(
        "budget-not-finite",
        "not-finite",
        "content/data/funding.yaml:3:41",
        "This number is not a finite value.",
        "Write an ordinary number such as `12` or `0.5`.",
    );
}

#[test]
fn budgets_over_total_are_reported_at_first_budget() {
    expect_error(
        "budgets-over-total",
        "budgets-over-total",
        "content/data/funding.yaml:3:41",
        "The instrument budgets add up to $1,100, more than the total of $1,000.",
        "Lower a budget or raise `total` to the full pledge.",
    );
}

#[test]
fn commitments_over_budget_are_reported_at_award_that_exceeds_it() {
    expect_error(
        "committed-over-budget",
        "committed-over-budget",
        "content/data/funding.yaml:10:16",
        "Awards under `grants` commit $350, more than its budget of $300.",
        "Check the awards' `committed` amounts or raise the instrument's budget.",
    );
}

#[test]
fn disbursed_over_committed_is_reported() {
    expect_error(
        "disbursed-over-committed",
        "disbursed-over-committed",
        "content/data/funding.yaml:8:16",
        "This award disbursed $120, more than the $100 it committed.",
        "`disbursed` is the part of `committed` paid out so far; check both.",
    );
}

#[test]
fn indicator_values_out_of_order_are_reported() {
    expect_error(
        "indicator-values-out-of-order",
        "out-of-order",
        "content/data/indicators.yaml:10:19",
        "The values of an indicator must be in time order, oldest first, with one entry per \
         period: 2025-Q1 comes after 2025-Q2.",
        ORDER_HELP,
    );
}

#[test]
fn milestone_updates_out_of_order_are_reported() {
    expect_error(
        "updates-out-of-order",
        "out-of-order",
        "content/data/milestones.yaml:8:19",
        "The updates of a milestone must be in time order, oldest first, with one entry per \
         period: 2025-Q2 comes after 2025-Q3.",
        ORDER_HELP,
    );
}

#[test]
fn two_risk_assessments_for_one_period_are_out_of_order() {
    expect_error(
        "assessments-out-of-order",
        "out-of-order",
        "content/data/risks.yaml:6:19",
        "The assessments of a risk must be in time order, oldest first, with one entry per \
         period: 2025-Q1 comes after 2025-Q1.",
        ORDER_HELP,
    );
}

#[test]
fn likelihood_of_six_is_out_of_range() {
    expect_error(
        "likelihood-out-of-range",
        "out-of-range",
        "content/data/risks.yaml:5:40",
        "The likelihood is 6, but it must be from 1 to 5.",
        RANGE_HELP,
    );
}

#[test]
fn impact_of_zero_is_out_of_range() {
    expect_error(
        "impact-zero",
        "out-of-range",
        "content/data/risks.yaml:7:17",
        "The impact is 0, but it must be from 1 to 5.",
        RANGE_HELP,
    );
}

#[test]
fn target_before_baseline_is_reported_at_target_period() {
    expect_error(
        "target-before-baseline",
        "target-before-baseline",
        "content/data/indicators.yaml:7:23",
        "The target period 2025-Q2 is not after the baseline period 2025-Q4.",
        "The target's period must come after the baseline's.",
    );
}

#[test]
fn revision_dated_before_its_period_is_reported() {
    expect_error(
        "revision-before-period",
        "revision-before-period",
        "content/data/indicators.yaml:11:34",
        "The revision is dated 2025-06-30, before its period 2025-Q3 began.",
        "`on` is the day the value was corrected; check the date.",
    );
}

// ---------------------------------------------------------------------------------------------
// Documents

#[test]
fn markdown_without_front_matter_is_reported() {
    expect_error(
        "no-front-matter",
        "no-front-matter",
        "content/pages/about.md:1:1",
        "This file has no front matter.",
        FRONT_MATTER_HELP,
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    expect_error(
        "unclosed-front-matter",
        "unclosed-front-matter",
        "content/pages/about.md:1:1",
        "The front matter starts with `---` but is never closed.",
        FRONT_MATTER_HELP,
    );
}

#[test]
fn front_matter_unknown_key_counts_lines_from_top_of_file() {
    // `summray` is on line 3 of the front matter's YAML but line 4 of the file.
    expect_error(
        "front-matter-unknown-key",
        "unknown-key",
        "content/notes/first.md:4:1",
        "`summray` is not a key tally knows here.",
        "Did you mean `summary`?",
    );
}

#[test]
fn front_matter_without_title_names_missing_key() {
    expect_error(
        "front-matter-missing-title",
        "missing-key",
        "content/pages/about.md:2:1",
        "The required key `title` is missing here.",
        "Add `title:` with a value.",
    );
}

#[test]
fn front_matter_date_that_is_not_a_date_is_reported() {
    expect_error(
        "front-matter-bad-date",
        "bad-date",
        "content/notes/first.md:3:7",
        "`14/02/2025` is not a date.",
        "Write a date as year-month-day, like `2025-08-14`.",
    );
}

#[test]
fn period_in_note_is_bulletin_only() {
    expect_error(
        "period-in-note",
        "bulletin-only-key",
        "content/notes/first.md:3:9",
        "`period` is only used in bulletins, not in pages or notes.",
        BULLETIN_ONLY_HELP,
    );
}

#[test]
fn published_in_page_is_bulletin_only() {
    expect_error(
        "published-in-page",
        "bulletin-only-key",
        "content/pages/about.md:3:12",
        "`published` is only used in bulletins, not in pages or notes.",
        BULLETIN_ONLY_HELP,
    );
}

#[test]
fn bulletin_without_period_names_missing_key() {
    expect_error(
        "bulletin-without-period",
        "missing-key",
        "content/bulletins/2025-q1.md:1:1",
        "The required key `period` is missing here.",
        "Add `period:` with a value.",
    );
}

#[test]
fn bulletin_named_for_another_period_is_reported() {
    expect_error(
        "bulletin-name-mismatch",
        "bulletin-name",
        "content/bulletins/2025-q1.md:3:9",
        "This bulletin's file is named for 2025-Q1, but its period is 2025-Q2.",
        "Rename the file to `2025-q2.md` or correct `period`.",
    );
}

#[test]
fn bulletin_file_name_that_is_not_a_period_is_reported() {
    expect_error(
        "bulletin-bad-name",
        "bulletin-name",
        "content/bulletins/latest.md",
        "The bulletin file name `latest` is not a period.",
        "Name bulletins by their period, like `2025-q3.md`.",
    );
}

/// A bulletin's file must be named for its period, so the only way to give two bulletins one
/// period is two file names differing in case; they then share an address. The second file is
/// written here rather than committed, so that the repository checks out on case-insensitive
/// file systems.
#[test]
fn two_bulletins_for_one_period_share_an_address() {
    let site = Site::fixture("invalid/two-bulletins-one-period");
    site.write(
        "content/bulletins/2025-Q1.md",
        "---\ntitle: Same bulletin again\nperiod: 2025-Q1\n---\n\nText.\n",
    );
    let count = fs::read_dir(site.root.join("content/bulletins"))
        .unwrap()
        .count();
    if count < 2 {
        eprintln!("skipped: the file system does not tell 2025-Q1.md from 2025-q1.md");
        return;
    }
    let stderr = build_fails(&site, &[]);
    assert_reported(
        &stderr,
        "duplicate-page",
        Some("content/bulletins/2025-q1.md"),
        "The address /bulletins/2025-q1/ is already used by content/bulletins/2025-Q1.md.",
        "Rename one of the two files.",
    );
    assert_summary(&stderr, 1);
}

#[test]
fn page_with_reserved_slug_clashes_with_dashboard() {
    expect_error(
        "reserved-page-slug",
        "duplicate-page",
        "content/pages/funding.md",
        "The address /funding/ is already used by a page of the dashboard.",
        "Rename one of the two files.",
    );
}

#[test]
fn page_in_notes_folder_clashes_with_note() {
    expect_error(
        "page-clashes-with-note",
        "duplicate-page",
        "content/notes/first.md",
        "The address /notes/first/ is already used by content/pages/notes/first.md.",
        "Rename one of the two files.",
    );
}

#[test]
fn broken_link_in_note_suggests_nearest_address() {
    expect_error(
        "broken-link",
        "broken-link",
        "content/notes/first.md:6:9",
        "The link to /methodolgy/ points to a page this site does not have.",
        "Did you mean /methodology/?",
    );
}

#[test]
fn broken_image_suggests_nearest_static_file() {
    expect_error(
        "broken-image",
        "broken-link",
        "content/pages/about.md:5:1",
        "The link to /images/mapp.png points to a page this site does not have.",
        "Did you mean /images/map.png?",
    );
}

#[test]
fn link_to_draft_is_broken_in_normal_build() {
    expect_error(
        "draft-link",
        "broken-link",
        "content/pages/about.md:5:5",
        "The link to /notes/draft/ points to a page this site does not have.",
        "Link to a page as readers see its address, like `/methodology/`.",
    );
}

#[test]
fn unknown_shortcode_suggests_nearest_name() {
    expect_error(
        "unknown-shortcode",
        "unknown-shortcode",
        "content/pages/about.md:7:1",
        "`kpi` is not a shortcode tally knows.",
        "Did you mean `kpis`?",
    );
}

#[test]
fn unknown_shortcode_argument_names_what_it_takes() {
    expect_error(
        "unknown-shortcode-argument",
        "unknown-argument",
        "content/pages/about.md:5:1",
        "The shortcode `risks` does not take the argument `count`.",
        "It takes `top`.",
    );
}

#[test]
fn shortcode_without_required_argument_names_it() {
    expect_error(
        "shortcode-missing-argument",
        "missing-argument",
        "content/pages/about.md:7:1",
        "The shortcode `indicator` needs the argument `id`.",
        "Add `id=\"...\"` inside the brackets.",
    );
}

#[test]
fn shortcode_argument_of_wrong_kind_is_reported() {
    expect_error(
        "shortcode-bad-argument",
        "bad-argument",
        "content/pages/about.md:5:1",
        "The argument `top` of `risks` must be a whole number of at least 1.",
        SHORTCODE_HELP,
    );
}

#[test]
fn shortcode_naming_unknown_indicator_suggests_nearest_id() {
    expect_error(
        "shortcode-unknown-indicator",
        "unknown-reference",
        "content/pages/about.md:5:1",
        "There is no indicator with the id `domestic-input-shares`.",
        "Did you mean `domestic-input-share`?",
    );
}

#[test]
fn shortcode_naming_indicator_without_values_builds() {
    let site = Site::fixture("invalid/shortcode-indicator-without-values");
    let output = site.build(&[]);
    common::assert_success(&output);
}

#[test]
fn shortcode_with_unknown_status_lists_statuses() {
    expect_error(
        "shortcode-unknown-status",
        "unknown-value",
        "content/pages/about.md:5:1",
        "`finished` is not a valid status.",
        &format!("Use one of {STATUSES}."),
    );
}

#[test]
fn shortcode_with_unquoted_text_is_syntax_error() {
    expect_error(
        "shortcode-syntax",
        "shortcode-syntax",
        "content/pages/about.md:5:1",
        "This shortcode cannot be read: `x` is not a value: put text in double quotes.",
        SHORTCODE_HELP,
    );
}

/// The Latin-1 bytes are written here so that the repository holds no binary junk.
#[test]
fn file_that_is_not_utf8_is_reported() {
    let site = Site::fixture("invalid/not-text");
    let path = site.root.join("content/notes/first.md");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, b"---\ntitle: Caf\xe9\n---\n\nCaf\xe9 au lait.\n").unwrap();
    let stderr = build_fails(&site, &[]);
    assert_reported(
        &stderr,
        "not-text",
        Some("content/notes/first.md"),
        "This file is not UTF-8 text.",
        "Save the file as UTF-8 in your editor.",
    );
    assert_summary(&stderr, 1);
}

// ---------------------------------------------------------------------------------------------
// All problems in one run

#[test]
fn several_problems_in_one_file_are_all_reported() {
    let site = Site::fixture("invalid/several-problems");
    let stderr = build_fails(&site, &[]);
    assert_reported(
        &stderr,
        "unknown-value",
        Some("content/data/milestones.yaml:6:36"),
        "`inprogress` is not a valid status.",
        "Did you mean `in_progress`?",
    );
    assert_reported(
        &stderr,
        "bad-period",
        Some("content/data/milestones.yaml:9:10"),
        "`2025-Q9` is not a period: the quarter must be 1, 2, 3 or 4.",
        PERIOD_HELP,
    );
    let first = stderr.find("milestones.yaml:6:36").unwrap();
    let second = stderr.find("milestones.yaml:9:10").unwrap();
    assert!(
        first < second,
        "problems are listed in file order:\n{stderr}"
    );
    assert_summary(&stderr, 2);
}

// Bounded input: files that are too large, too deep or linked from elsewhere get a clear error
// within seconds; a byte-order mark and Windows line endings simply work.

#[test]
fn a_two_hundred_megabyte_file_is_refused_without_reading_it() {
    let site = Site::fixture("minimal");
    let path = site.root.join("content/notes/huge.md");
    let file = fs::File::create(&path).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let stderr = build_fails(&site, &[]);
    assert!(started.elapsed().as_secs() < 10, "refused quickly");
    assert_reported(
        &stderr,
        "too-large",
        Some("content/notes/huge.md"),
        "This file is 209.7 MB, more than the 16 MB tally reads in a content file.",
        "Split it into smaller files, or put large downloads in `content/static/`.",
    );
}

#[test]
fn deeply_nested_yaml_is_too_complex() {
    let site = Site::fixture("minimal");
    let nested = format!("risks: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    site.write("content/data/risks.yaml", &nested);
    let stderr = build_fails(&site, &[]);
    assert!(stderr.contains("error[too-complex]"), "{stderr}");
    assert!(
        stderr.contains("nests lists or mappings more deeply than tally reads"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_site_is_not_followed() {
    let site = Site::fixture("minimal");
    let outside = site.root.parent().unwrap().join("secret.md");
    fs::write(&outside, "---\ntitle: Secret\n---\nPrivate.\n").unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("content/notes/secret.md")).unwrap();
    let stderr = build_fails(&site, &[]);
    assert!(stderr.contains("error[unfollowed-link]"), "{stderr}");
    assert!(stderr.contains("--> content/notes/secret.md"), "{stderr}");
    assert!(stderr.contains("it leads outside the site"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_link_in_a_loop_is_not_followed() {
    let site = Site::fixture("minimal");
    let notes = site.root.join("content/notes");
    std::os::unix::fs::symlink(notes.join("b.md"), notes.join("a.md")).unwrap();
    std::os::unix::fs::symlink(notes.join("a.md"), notes.join("b.md")).unwrap();
    let stderr = build_fails(&site, &[]);
    assert!(
        stderr.contains("it leads nowhere, or round in a loop"),
        "{stderr}"
    );
    assert_summary(&stderr, 2);
}

#[test]
fn a_byte_order_mark_and_windows_line_endings_simply_work() {
    let site = Site::fixture("minimal");
    site.write(
        "content/notes/windows.md",
        "\u{feff}---\r\ntitle: Written on Windows\r\ndate: 2025-02-01\r\n---\r\n\r\nBody text.\r\n",
    );
    site.write(
        "content/site.yaml",
        "\u{feff}title: Pages Only\r\nbase_url: https://example.org/\r\n",
    );
    let output = site.build(&[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    assert!(
        site.page("notes/windows/index.html")
            .contains("Written on Windows")
    );
}

#[test]
fn every_unknown_key_in_a_file_is_reported_in_one_run() {
    let site = Site::fixture("invalid/several-unknown-keys");
    let stderr = build_fails(&site, &[]);
    assert_reported(
        &stderr,
        "unknown-key",
        Some("content/data/indicators.yaml:3:5"),
        "`titel` is not a key tally knows here.",
        "Did you mean `title`?",
    );
    assert!(
        stderr.contains("--> content/data/indicators.yaml:14:5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`owner` is not a key tally knows here."),
        "{stderr}"
    );
    assert!(
        !stderr.contains("missing-key"),
        "no echo of the mended key: {stderr}"
    );
    assert_summary(&stderr, 2);
}
