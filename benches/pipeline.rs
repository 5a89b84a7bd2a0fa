//! How long the stages of a build take, besides drawing charts (see `charts.rs`): turning a
//! note's Markdown into HTML, loading and rendering the theme's templates, and reading and
//! checking content and data.
//!
//! Every input is made here, so that the figures do not move when the example site changes,
//! except for the whole-site rendering, which renders the example site on purpose.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use serde_json::json;
use tally::diagnostics::{Diagnostics, Problem, Source};
use tally::render::markdown::{BlockRenderer, Markdown, SiteLinks};
use tally::render::shortcodes::Shortcode;
use tally::render::templates;
use tally::render::words::Words;
use tally::validate::{Settings, validate};
use tally::{BuildOptions, content, render_site};

/// How many notes and indicators the sample site has, for the notes to link to; the
/// Markdown batch renders that many notes and the data site has that many indicators.
const NOTES: usize = 1_000;
const INDICATORS: usize = 1_000;

/// The base path pages are published under, as for a site in a sub-folder.
const BASE_PATH: &str = "/programme/";

/// A note of about 600 words using what publishers use: headings, lists, a table, emphasis,
/// links to other pages, a data block and a footnote. `{number}`, `{first}`, `{second}`,
/// `{third}`, `{related}` and `{returns}` are filled in per note, so that no two are alike.
const NOTE_BODY: &str = r#"
## Why this note exists

This note explains how the programme reports on the work of facility {number}, and how the
figures on the [indicator pages](/indicators/) are gathered. It is written for readers who want
to check a figure themselves, and for partners who send us data each quarter. The rules for
deciding whether an indicator is **on track** are set out on the [methodology](/methodology/)
page; this note does not repeat them.

Every figure starts as a return from a funded facility. The monitoring office reads each
return, compares it with the previous quarter and asks questions when a figure moves by more
than a tenth. Only then is the figure added to the data files this site is built from.[^review]

## What was collected this quarter

The office received {returns} returns this quarter, from facilities in five regions. The table
shows how many arrived on time, how many were late, and how many did not arrive at all.

| Region | On time | Late | Missing |
|---|---:|---:|---:|
| West Coast | 12 | 2 | 0 |
| Mountain West | 8 | 1 | 1 |
| Midwest | 14 | 3 | 0 |
| South | 9 | 0 | 2 |
| Northeast | 11 | 1 | 0 |

Late returns are included in the figures once they arrive. A missing return means that the
facility's share of an indicator is left out, and the indicator page says so in a note under
its chart.

## Indicators covered

The returns feed these indicators:

- [Share of inputs from domestic suppliers](/indicators/indicator-{first}/), which counts the
  value of inputs bought at home against all inputs bought;
- [Pilot lines operating](/indicators/indicator-{second}/), a count of the lines that have
  completed a qualified run;
- [Growth of national expert teams](/indicators/indicator-{third}/), measured against the
  headcount at the end of the baseline year;
- ~~Export volumes~~, which were dropped in the second year because no facility could report
  them reliably.

{{ indicator(id="indicator-{first}") }}

## How a figure is checked

1. The facility sends its return through the reporting portal within fifteen days of the end
   of the quarter.
2. An analyst compares each value with the facility's own history and with similar facilities.
3. Questions go back to the facility within five working days, and the answers are logged.
4. The head of the monitoring office signs off the corrected return.
5. The figure is added to the data files, and the site is built again.

When a published figure turns out to be wrong, it is corrected in the open: the old figure
stays visible next to the new one, with the date and the reason. The
[revisions page](/revisions/) lists every correction made so far.

### What the checks cannot catch

No check can tell that a facility has *misread a definition in the same way every quarter*.
For that reason the office visits a sample of facilities each year and reads their books. The
findings of the last visit are summarised in the [latest bulletin](/bulletins/2025-q3/).

- [x] Visits planned for the year
- [x] First round of visits made
- [ ] Findings discussed with the facilities

## Funding behind the figures

Most facilities that report were funded through *low-interest loans*; the rest received grants
or procurement incentives. The [funding page](/funding/#instruments) shows how much was
committed and paid out in each quarter, by instrument and by region. A facility keeps reporting
for two years after its last payment, so the number of returns grows even in quarters with no
new awards.

## Related notes

Readers of this note often read these as well:

- [How the indicators are measured](/notes/note-{related}/)
- [How facilities are chosen for a visit](/notes/note-{number}/)
- [About this site](/about/)

> Figures marked *Illustrative* are not taken from a facility's return. They show how the site
> will look once real figures exist, and the [about page](/about/) explains them.

[^review]: The review takes about three weeks. Figures for a quarter are therefore published
    about six weeks after it ends, together with the quarterly bulletin.
"#;

/// A note as read from its file.
struct SampleNote {
    path: String,
    text: String,
    body_start: usize,
}

fn sample_note(index: usize) -> SampleNote {
    let front = format!(
        "---\ntitle: How facility {index} reports its figures\ndate: 2025-03-14\n\
         tags: [data, methodology]\n---\n"
    );
    let body = NOTE_BODY
        .replace("{number}", &index.to_string())
        .replace("{first}", &(index % INDICATORS).to_string())
        .replace("{second}", &((index * 7 + 3) % INDICATORS).to_string())
        .replace("{third}", &((index * 13 + 5) % INDICATORS).to_string())
        .replace("{related}", &((index + 1) % NOTES).to_string())
        .replace("{returns}", &(40 + index % 20).to_string());
    SampleNote {
        path: format!("content/notes/note-{index}.md"),
        body_start: front.len(),
        text: front + &body,
    }
}

/// The addresses of a site with the sample notes and indicators.
fn site_links() -> SiteLinks {
    let mut links = SiteLinks::default();
    for path in [
        "/",
        "/about/",
        "/methodology/",
        "/indicators/",
        "/notes/",
        "/revisions/",
        "/funding/",
        "/bulletins/2025-q3/",
    ] {
        links.insert(path);
    }
    for index in 0..NOTES {
        links.insert(format!("/notes/note-{index}/"));
    }
    for index in 0..INDICATORS {
        links.insert(format!("/indicators/indicator-{index}/"));
    }
    links
}

/// Stands in for the data blocks, whose cost is that of the charts and templates they show.
fn placeholder_block(shortcode: &Shortcode) -> Result<String, Problem> {
    Ok(format!(
        "<figure class=\"block block-{}\"></figure>",
        shortcode.name
    ))
}

fn render_note(note: &SampleNote, links: &SiteLinks, blocks: &BlockRenderer<'_>) -> String {
    let markdown = Markdown {
        source: Source {
            path: &note.path,
            text: &note.text,
        },
        body_start: note.body_start,
        allow_raw_html: false,
        base_path: BASE_PATH,
        links,
        blocks,
        task_words: ("Done:", "Not done:"),
    };
    let mut diagnostics = Diagnostics::new();
    let html = markdown.render(&mut diagnostics);
    assert!(
        diagnostics.is_empty(),
        "{}: {}",
        note.path,
        messages(&diagnostics)
    );
    html
}

fn messages(diagnostics: &Diagnostics) -> String {
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.place(), d.message()))
        .collect();
    lines.join("\n")
}

fn render_markdown(c: &mut Criterion) {
    let links = site_links();
    let notes: Vec<SampleNote> = (0..NOTES).map(sample_note).collect();
    let mut group = c.benchmark_group("markdown");
    group.bench_function("one 600-word note", |b| {
        b.iter(|| render_note(&notes[0], &links, &placeholder_block).len())
    });
    group.sample_size(10);
    group.bench_function("1000 notes of 600 words", |b| {
        b.iter(|| {
            notes
                .iter()
                .map(|note| render_note(note, &links, &placeholder_block).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// What the note page's templates read, shaped as the page renderer makes it: `site` and `t`
/// go into the theme's global context, the rest into the page's.
fn note_page_context(theme: &mut templates::Theme, content: &str) -> tera::Context {
    let site = json!({
        "title": "Critical Minerals and Materials Program",
        "organisation": "Monitoring Office",
        "description": "Quarterly performance reporting for the programme.",
        "language": "en",
        "base_url": "https://example.org/programme/",
        "base_path": BASE_PATH,
        "stylesheet": format!("{BASE_PATH}style.css"),
        "favicon": null,
        "feed": format!("{BASE_PATH}feed.xml"),
        "preview": false,
    });
    let globals = theme.tera.global_context();
    globals.insert("site", &site);
    globals.insert("t", &theme.words);

    let words: &Words = &theme.words;
    let sections = [
        ("dashboard", ""),
        ("indicators", "indicators/"),
        ("milestones", "milestones/"),
        ("funding", "funding/"),
        ("risks", "risks/"),
        ("bulletins", "bulletins/"),
        ("notes", "notes/"),
    ];
    let nav: Vec<_> = sections
        .iter()
        .map(|(key, path)| {
            let word = format!("nav.{key}");
            json!({
                "key": key,
                "label": words.get(&word),
                "url": format!("{BASE_PATH}{path}"),
                "current": *key == "notes",
            })
        })
        .collect();
    let edition_note = words.fill(
        "editions.footer_live",
        &[("period", "2025-Q3"), ("digest", "3f9a2c71")],
    );
    let title = "How facility 0 reports its figures";
    let mut context = tera::Context::new();
    context.insert(
        "page",
        &json!({
            "title": title,
            "url": format!("{BASE_PATH}notes/note-0/"),
            "canonical": "https://example.org/programme/notes/note-0/",
            "description": "Quarterly performance reporting for the programme.",
            "section": "notes",
            "data_period": "2025-Q3",
            "edition_note": edition_note,
        }),
    );
    context.insert("nav", &nav);
    context.insert("period", "2025-Q3");
    context.insert("dashboard_base", BASE_PATH);
    context.insert(
        "document",
        &json!({
            "title": title,
            "url": format!("{BASE_PATH}notes/note-0/"),
            "date": "14 March 2025",
            "date_iso": "2025-03-14",
            "summary": null,
            "tags": ["data", "methodology"],
            "draft": false,
            "period": null,
            "published": null,
            "published_iso": null,
        }),
    );
    context.insert("content", content);
    context
}

fn render_templates(c: &mut Criterion) {
    // An empty root has no `themes/` folder: only the built-in theme is read.
    let empty = tempfile::tempdir().expect("a temporary folder");
    let example = BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        out: None,
        base_url: None,
        drafts: false,
        preview: false,
    };
    let mut theme = templates::load(empty.path(), "default").expect("the built-in theme");
    let content = render_note(&sample_note(0), &site_links(), &placeholder_block);
    let context = note_page_context(&mut theme, &content);
    let page = theme
        .tera
        .render("page.html", &context)
        .expect("the note page");
    assert!(
        page.contains("id=\"why-this-note-exists\"") && page.contains("aria-current"),
        "the note page lacks its body or its navigation"
    );

    let mut group = c.benchmark_group("templates");
    group.bench_function("note page template", |b| {
        b.iter(|| theme.tera.render("page.html", &context).unwrap().len())
    });
    group.sample_size(20);
    group.bench_function("load the built-in theme", |b| {
        b.iter(|| {
            templates::load(empty.path(), "default")
                .unwrap()
                .assets
                .len()
        })
    });
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("example site in memory", |b| {
        b.iter(|| render_site(&example).unwrap().files.len())
    });
    group.finish();
}

/// Writes `text` to `relative` under `root`, making its folders.
fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("a folder");
    std::fs::write(path, text).expect("a written file");
}

const SITE_YAML: &str = "title: Generated programme
organisation: Monitoring Office
base_url: https://example.org/programme/
language: en
description: A programme with many indicators, for timing.
";

/// The twelve quarters the generated data covers, oldest first.
fn quarters() -> Vec<String> {
    (2023..2026)
        .flat_map(|year| (1..=4).map(move |quarter| format!("{year}-Q{quarter}")))
        .collect()
}

/// `count` indicators with a value each quarter; every tenth has a corrected value.
fn indicators_yaml(count: usize) -> String {
    let mut yaml = String::from("indicators:\n");
    for i in 0..count {
        let increase = i % 3 != 0;
        let (direction, baseline, target) = if increase {
            ("increase", 10.0, 80.0)
        } else {
            ("decrease", 80.0, 20.0)
        };
        let _ = write!(
            yaml,
            "  - id: indicator-{i}\n    title: Indicator number {i}\n    unit: \"%\"\n    \
             direction: {direction}\n    sector: sector {}\n    description: >-\n      \
             What indicator {i} measures, and how facilities report it each quarter.\n    \
             source: Target from the programme plan; values from facility returns.\n    \
             baseline: {{ period: 2022-Q4, value: {baseline} }}\n    \
             target: {{ period: 2026-Q4, value: {target} }}\n    values:\n",
            i % 8
        );
        for (q, period) in quarters().iter().enumerate() {
            let step = q as f64 * 4.5 + (i % 7) as f64 * 0.5;
            let value = if increase {
                baseline + step
            } else {
                baseline - step
            };
            if i % 10 == 0 && q == 5 {
                let _ = write!(
                    yaml,
                    "      - period: {period}\n        value: {value}\n        \
                     note: Two facilities sent late returns.\n        revised:\n          \
                     from: {}\n          on: 2024-08-01\n          \
                     reason: Late returns from two facilities.\n",
                    value - 1.0
                );
            } else {
                let _ = writeln!(yaml, "      - {{ period: {period}, value: {value} }}");
            }
        }
    }
    yaml
}

fn milestones_yaml(count: usize) -> String {
    let statuses = ["in_progress", "at_risk", "delayed", "done"];
    let mut yaml = String::from("milestones:\n");
    for i in 0..count {
        let _ = write!(
            yaml,
            "  - id: milestone-{i}\n    title: \"Milestone {i}: deliver the planned works\"\n    \
             phase: {}\n    due: 202{}-Q{}\n    lead: Monitoring Office\n    \
             actions: [Prepare the plan, Sign the contracts, Report the results]\n    \
             depends_on: [Supplier readiness]\n    updates:\n      \
             - {{ period: 2023-Q2, status: in_progress, note: Work started. }}\n      \
             - {{ period: 2024-Q1, status: {} }}\n      \
             - period: 2025-Q2\n        status: {}\n        \
             note: What changed in the quarter, in a sentence.\n",
            1 + i % 4,
            4 + i % 2,
            1 + i % 4,
            statuses[i % 3],
            statuses[(i + 1) % 4],
        );
    }
    yaml
}

fn funding_yaml(awards: usize) -> String {
    let mut yaml = String::from(
        "currency: USD\ntotal: 3000000000\ninstruments:\n  \
         - { id: grants, name: Grants, budget: 1000000000 }\n  \
         - { id: loans, name: Low-interest loans, budget: 1000000000 }\n  \
         - { id: procurement, name: Procurement incentives, budget: 1000000000 }\n\
         regions:\n",
    );
    let regions = ["west", "mountain", "midwest", "south", "northeast"];
    for region in regions {
        let _ = writeln!(yaml, "  - {{ id: {region}, name: Region {region} }}");
    }
    yaml.push_str("awards:\n");
    let instruments = ["grants", "loans", "procurement"];
    let periods = quarters();
    for i in 0..awards {
        let committed = 1_000_000 + (i % 10) * 50_000;
        let _ = write!(
            yaml,
            "  - period: {}\n    instrument: {}\n    region: {}\n    \
             recipient: Facility {i} modernisation\n    committed: {committed}\n    \
             disbursed: {}\n",
            periods[i % periods.len()],
            instruments[i % 3],
            regions[i % regions.len()],
            committed / 2,
        );
    }
    yaml
}

fn risks_yaml(count: usize) -> String {
    let mut yaml = String::from("risks:\n");
    for i in 0..count {
        let _ = write!(
            yaml,
            "  - id: risk-{i}\n    title: Risk number {i}\n    category: category {}\n    \
             owner: Monitoring Office\n    mitigation: >-\n      \
             Quarterly reviews, with thresholds and a way to raise the risk to the council.\n    \
             assessments:\n",
            i % 6
        );
        for (q, period) in quarters().iter().enumerate() {
            let _ = writeln!(
                yaml,
                "      - {{ period: {period}, likelihood: {}, impact: {} }}",
                1 + (i + q) % 5,
                1 + (i * 3 + q) % 5
            );
        }
    }
    yaml
}

/// A site with 1,000 indicators and, as in the example site, 1.3 milestones, 2 awards and
/// 0.8 risks for each indicator.
fn write_data_site(root: &Path) {
    write(root, "content/site.yaml", SITE_YAML);
    write(
        root,
        "content/data/indicators.yaml",
        &indicators_yaml(INDICATORS),
    );
    write(
        root,
        "content/data/milestones.yaml",
        &milestones_yaml(INDICATORS * 13 / 10),
    );
    write(
        root,
        "content/data/funding.yaml",
        &funding_yaml(INDICATORS * 2),
    );
    write(
        root,
        "content/data/risks.yaml",
        &risks_yaml(INDICATORS * 8 / 10),
    );
}

/// A site with `count` short notes in folders of a hundred, and no data.
fn write_notes_site(root: &Path, count: usize) {
    write(root, "content/site.yaml", SITE_YAML);
    for i in 0..count {
        let text = format!(
            "---\ntitle: \"Note {i}: what changed this quarter\"\ndate: 202{}-{:02}-{:02}\n\
             summary: What changed at facility {i} this quarter.\ntags: [facilities, group {}]\n\
             ---\n\nFacility {i} sent its return on time. Output rose a little, and the share \
             of inputs bought\nat home held steady. See the [methodology](/methodology/).\n\n\
             - Two new suppliers qualified.\n- One pilot line paused for repairs.\n",
            3 + i % 3,
            1 + i % 12,
            1 + i % 28,
            i / 100
        );
        write(
            root,
            &format!("content/notes/group-{}/note-{i}.md", i / 100),
            &text,
        );
    }
}

fn load_and_validate(c: &mut Criterion) {
    let data_site = tempfile::tempdir().expect("a temporary folder");
    write_data_site(data_site.path());
    let notes_site = tempfile::tempdir().expect("a temporary folder");
    write_notes_site(notes_site.path(), 10_000);
    let settings = Settings::default();

    let mut group = c.benchmark_group("content");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    let sites = [
        ("1000 indicators with their data", data_site.path()),
        ("10000 notes", notes_site.path()),
    ];
    for (name, root) in sites {
        let (raw, mut diagnostics) = content::load(root);
        let (site, found) = validate(root, &raw, &settings);
        diagnostics.extend(found);
        assert!(
            site.is_some() && !diagnostics.has_errors(),
            "{}",
            messages(&diagnostics)
        );
        group.bench_function(format!("load {name}"), |b| {
            b.iter(|| content::load(root).0.documents.len())
        });
        group.bench_function(format!("validate {name}"), |b| {
            b.iter(|| validate(root, &raw, &settings).0.is_some())
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    render_markdown,
    render_templates,
    load_and_validate
);
criterion_main!(benches);
