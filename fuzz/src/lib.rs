//! What the fuzz targets share: building a `RawContent` around one file, validating it, rendering
//! Markdown the way pages do, and rendering every diagnostic in every style.
//!
//! Each target's whole body is one function here, taking the fuzzer's bytes: `front_matter`,
//! `data_files`, `shortcodes` and `periods`. `tests/fuzz_regressions.rs` in the main crate
//! includes this file, so plain `cargo test` runs the inputs the fuzzer found through exactly
//! the same code.

use std::path::Path;
use std::sync::Arc;

use tally::content::{DataFile, DocumentKind, RawContent, SourceFile, raw};
use tally::diagnostics::{Diagnostic, Diagnostics, Problem, Source, Style};
use tally::period::{Period, parse_date};
use tally::render::markdown::{Markdown, SiteLinks};
use tally::render::shortcodes::{self, Shortcode};
use tally::validate::{self, Settings};

/// A root that does not exist, so validation touches no real files.
pub const ROOT: &str = "/nonexistent/tally-fuzz-root";

/// The three kinds of document, chosen by a byte: `0` page, `1` note, `2` bulletin.
pub fn kind_of(byte: u8) -> DocumentKind {
    match byte.wrapping_sub(b'0') % 3 {
        0 => DocumentKind::Page,
        1 => DocumentKind::Note,
        _ => DocumentKind::Bulletin,
    }
}

/// A file as `content::load` would read it.
pub fn source_file(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_string(),
        text: Arc::from(text),
        // Only the build manifest reads digests, and the targets never write one.
        digest: [0; 32],
    }
}

/// An empty `RawContent`, to put one file in.
pub fn empty_content() -> RawContent {
    RawContent {
        site: None,
        documents: Vec::new(),
        milestones: None,
        funding: None,
        indicators: None,
        risks: None,
        statics: Vec::new(),
    }
}

/// Renders the diagnostics in every style, as the command line and `--format json` do.
pub fn render_all(diagnostics: &Diagnostics) {
    for style in [Style::Plain, Style::Colour, Style::Narrated] {
        std::hint::black_box(tally::diagnostics::render(diagnostics, style));
    }
    std::hint::black_box(tally::diagnostics::render_json(diagnostics));
}

/// Renders one diagnostic in every style.
pub fn render_one(diagnostic: Diagnostic) {
    render_all(&[diagnostic].into_iter().collect());
}

/// Validates `content`, with drafts both left out and kept, and renders what it says.
pub fn validate_and_render(content: &RawContent) {
    for drafts in [false, true] {
        let settings = Settings {
            drafts,
            ..Settings::default()
        };
        let (site, diagnostics) = validate::validate(Path::new(ROOT), content, &settings);
        std::hint::black_box(site);
        render_all(&diagnostics);
    }
}

/// The block renderer the fuzz targets use: it fails for `chart`, so that both outcomes of a
/// block are exercised.
pub fn blocks(shortcode: &Shortcode) -> Result<String, Problem> {
    if shortcode.name == "chart" {
        return Err(Problem::ShortcodeSyntax {
            detail: "fuzz: charts are not drawn here".into(),
        });
    }
    Ok(format!("<div class=\"block\">{}</div>", shortcode.name))
}

/// Renders the Markdown of `text` from `body_start`, as pages do, with raw HTML both escaped
/// and allowed, and renders the diagnostics found.
pub fn render_markdown(path: &str, text: &str, body_start: usize) {
    let mut links = SiteLinks::default();
    for path in ["/", "/methodology/", "/notes/a/", "/favicon.svg"] {
        links.insert(path);
    }
    for allow_raw_html in [false, true] {
        let markdown = Markdown {
            source: Source { path, text },
            body_start,
            allow_raw_html,
            base_path: "/pr-42/",
            links: &links,
            blocks: &blocks,
            task_words: ("Done:", "Not done:"),
        };
        let mut diagnostics = Diagnostics::new();
        std::hint::black_box(markdown.render(&mut diagnostics));
        render_all(&diagnostics);
    }
}

/// Reads a document, validates it, renders its body and every diagnostic.
pub fn document(kind: DocumentKind, text: &str) {
    let path = match kind {
        DocumentKind::Page => "content/pages/fuzz.md",
        DocumentKind::Note => "content/notes/fuzz.md",
        DocumentKind::Bulletin => "content/bulletins/2025-q1.md",
    };
    match tally::content::read_document(kind, source_file(path, text)) {
        Ok(document) => {
            let body_start = document.body_start;
            std::hint::black_box(document.body());
            render_markdown(path, text, body_start);
            let mut content = empty_content();
            content.documents.push(document);
            validate_and_render(&content);
        }
        Err(diagnostic) => render_one(diagnostic),
    }
}

/// The data file types, chosen by a byte: `0` site, `1` milestones, `2` funding,
/// `3` indicators, `4` risks.
pub fn data_file(selector: u8, text: &str) {
    match selector.wrapping_sub(b'0') % 5 {
        0 => data::<raw::SiteFile>("content/site.yaml", text, |c, f| c.site = Some(f)),
        1 => data::<raw::MilestonesFile>("content/data/milestones.yaml", text, |c, f| {
            c.milestones = Some(f)
        }),
        2 => data::<raw::FundingFile>("content/data/funding.yaml", text, |c, f| {
            c.funding = Some(f)
        }),
        3 => data::<raw::IndicatorsFile>("content/data/indicators.yaml", text, |c, f| {
            c.indicators = Some(f)
        }),
        _ => data::<raw::RisksFile>("content/data/risks.yaml", text, |c, f| c.risks = Some(f)),
    }
}

fn data<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    put: impl FnOnce(&mut RawContent, DataFile<T>),
) {
    let file = source_file(path, text);
    match tally::content::yaml::parse::<T>(text, file.source(), 0) {
        Ok(data) => {
            let mut content = empty_content();
            put(&mut content, DataFile { file, data });
            validate_and_render(&content);
        }
        Err(diagnostic) => render_one(diagnostic),
    }
}

/// Parses a shortcode; when it parses, it also renders as a block in a Markdown paragraph.
pub fn shortcode(text: &str) {
    std::hint::black_box(shortcodes::looks_like_shortcode(text));
    match shortcodes::parse(text) {
        Ok(shortcode) => {
            std::hint::black_box(shortcode.text("id"));
            std::hint::black_box(shortcode.number("top"));
        }
        Err(problem) => {
            let diagnostic = Diagnostic::in_file(problem, "content/notes/fuzz.md");
            render_one(diagnostic);
        }
    }
    // The same text as a document body, where a paragraph of `{{ ... }}` becomes a block.
    render_markdown("content/notes/fuzz.md", text, 0);
}

/// The file's text as `content::load` gives it: `None` when not UTF-8 (rejected before
/// parsing), with a byte-order mark removed.
fn text_of(bytes: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The `front_matter` target: the first byte picks page, note or bulletin, the rest is the file.
pub fn front_matter(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    if let Some(text) = text_of(rest) {
        document(kind_of(kind), text);
    }
}

/// The `data_files` target: the first byte picks the data file type, the rest is the YAML.
pub fn data_files(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    if let Some(text) = text_of(rest) {
        data_file(selector, text);
    }
}

/// The `shortcodes` target.
pub fn shortcodes(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        shortcode(text);
    }
}

/// The `periods` target: `Period::parse` and `parse_date`, and what a parsed value must keep:
/// its written forms read back as the same value, and its days lie in it.
pub fn periods(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(period) = Period::parse(text) {
        assert_eq!(
            Period::parse(&period.slug()),
            Ok(period),
            "slug of {period:?}"
        );
        assert_eq!(Period::parse(&period.to_string()), Ok(period), "{period}");
        assert_eq!(Period::of_date(period.first_day()), period);
        assert_eq!(Period::of_date(period.last_day()), period);
        if let Some(previous) = period.previous() {
            assert!(previous < period && previous.next() == Some(period));
        }
        if let Some(next) = period.next() {
            assert!(next > period && next.previous() == Some(period));
        }
    }
    if let Ok(date) = parse_date(text) {
        assert_eq!(parse_date(&date.to_string()), Ok(date), "{date}");
        let period = Period::of_date(date);
        assert!(period.first_day() <= date && date <= period.last_day());
    }
}
