//! The theme: Tera templates, words and static assets, built in and overridable.
//!
//! The default theme in `themes/default/` is compiled into the binary, so a site needs
//! nothing but `content/`. A site overrides any template, asset or word by putting a file
//! with the same name under `themes/<theme>/` of its root.

use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera};

use crate::content::relative_to;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};

use super::words::Words;

/// The built-in templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "indicators.html",
        include_str!("../../themes/default/templates/indicators.html"),
    ),
    (
        "indicator.html",
        include_str!("../../themes/default/templates/indicator.html"),
    ),
    (
        "milestones.html",
        include_str!("../../themes/default/templates/milestones.html"),
    ),
    (
        "funding.html",
        include_str!("../../themes/default/templates/funding.html"),
    ),
    (
        "risks.html",
        include_str!("../../themes/default/templates/risks.html"),
    ),
    (
        "bulletins.html",
        include_str!("../../themes/default/templates/bulletins.html"),
    ),
    (
        "bulletin.html",
        include_str!("../../themes/default/templates/bulletin.html"),
    ),
    (
        "notes.html",
        include_str!("../../themes/default/templates/notes.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "partials/indicator-card.html",
        include_str!("../../themes/default/templates/partials/indicator-card.html"),
    ),
    (
        "partials/indicator-detail.html",
        include_str!("../../themes/default/templates/partials/indicator-detail.html"),
    ),
    (
        "partials/indicator-detail-table.html",
        include_str!("../../themes/default/templates/partials/indicator-detail-table.html"),
    ),
    (
        "editions.html",
        include_str!("../../themes/default/templates/editions.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "revisions.html",
        include_str!("../../themes/default/templates/revisions.html"),
    ),
    (
        "partials/switcher.html",
        include_str!("../../themes/default/templates/partials/switcher.html"),
    ),
    (
        "partials/quarter-table.html",
        include_str!("../../themes/default/templates/partials/quarter-table.html"),
    ),
    (
        "partials/timeline-table.html",
        include_str!("../../themes/default/templates/partials/timeline-table.html"),
    ),
    (
        "partials/data-links.html",
        include_str!("../../themes/default/templates/partials/data-links.html"),
    ),
    (
        "partials/chart.html",
        include_str!("../../themes/default/templates/partials/chart.html"),
    ),
    (
        "blocks/chart.html",
        include_str!("../../themes/default/templates/blocks/chart.html"),
    ),
    (
        "partials/milestone.html",
        include_str!("../../themes/default/templates/partials/milestone.html"),
    ),
    (
        "partials/funding-summary.html",
        include_str!("../../themes/default/templates/partials/funding-summary.html"),
    ),
    (
        "partials/risk-table.html",
        include_str!("../../themes/default/templates/partials/risk-table.html"),
    ),
    (
        "partials/illustrative.html",
        include_str!("../../themes/default/templates/partials/illustrative.html"),
    ),
    (
        "partials/document-list.html",
        include_str!("../../themes/default/templates/partials/document-list.html"),
    ),
    (
        "blocks/kpis.html",
        include_str!("../../themes/default/templates/blocks/kpis.html"),
    ),
    (
        "blocks/indicator.html",
        include_str!("../../themes/default/templates/blocks/indicator.html"),
    ),
    (
        "blocks/milestones.html",
        include_str!("../../themes/default/templates/blocks/milestones.html"),
    ),
    (
        "blocks/funding.html",
        include_str!("../../themes/default/templates/blocks/funding.html"),
    ),
    (
        "blocks/risks.html",
        include_str!("../../themes/default/templates/blocks/risks.html"),
    ),
];

/// The built-in words.
const STRINGS: &str = include_str!("../../themes/default/strings.yaml");

/// The built-in static assets, by output path.
const ASSETS: &[(&str, &[u8])] = &[
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
];

/// A theme ready to render with.
pub struct Theme {
    /// Templates, with the site's overrides.
    pub tera: Tera,
    /// Words, with the site's overrides.
    pub words: Words,
    /// Static files of the theme, by output path: built-in bytes or a file of the site.
    pub assets: Vec<(String, Asset)>,
}

/// A theme asset.
#[derive(Debug, Clone)]
pub enum Asset {
    /// Compiled into tally.
    BuiltIn(&'static [u8]),
    /// A file of the site's theme folder.
    File(PathBuf),
}

/// Loads the theme `name` of the site at `root`: the built-in theme with the site's files
/// laid over it.
pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
    let folder = root.join("themes").join(name);
    let mut diagnostics = Diagnostics::new();
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml", ".svg"]);
    tera.register_filter("fill", fill);

    let mut templates: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for (name, path) in files_below(&folder.join("templates")) {
        match std::fs::read_to_string(&path) {
            Ok(text) => match templates.iter_mut().find(|(n, _)| *n == name) {
                Some(existing) => existing.1 = text,
                None => templates.push((name, text)),
            },
            Err(error) => diagnostics.push(Diagnostic::in_file(
                Problem::Unreadable {
                    reason: error.to_string(),
                },
                relative_to(root, &path),
            )),
        }
    }
    if let Err(error) = tera.add_raw_templates(templates) {
        diagnostics.push(template_error(&error));
    }

    let mut words = Words::parse(STRINGS).expect("the built-in strings.yaml is valid");
    let strings = folder.join("strings.yaml");
    if strings.is_file() {
        let path = relative_to(root, &strings);
        match crate::content::read_text(root, &path) {
            Ok(file) => match Words::parse(&file.text) {
                Ok(theme_words) => words = words.overlaid(theme_words),
                Err(error) => diagnostics.push(Diagnostic::in_file(
                    Problem::YamlSyntax {
                        detail: error.to_string(),
                    },
                    path,
                )),
            },
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }

    let mut assets: Vec<(String, Asset)> = ASSETS
        .iter()
        .map(|(n, b)| (n.to_string(), Asset::BuiltIn(b)))
        .collect();
    for (name, path) in files_below(&folder.join("static")) {
        assets.retain(|(n, _)| *n != name);
        assets.push((name, Asset::File(path)));
    }
    assets.sort_by(|a, b| a.0.cmp(&b.0));

    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Theme {
        tera,
        words,
        assets,
    })
}

/// A template failure as a diagnostic; Tera's own report names the template, line and column.
pub fn template_error(error: &tera::Error) -> Diagnostic {
    Diagnostic::in_file(
        Problem::Template {
            detail: describe(error),
        },
        "",
    )
}

/// Tera's report of a failure with its causes, one a line.
pub fn describe(error: &tera::Error) -> String {
    let mut detail = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        detail.push_str(&format!("\n{cause}"));
        source = cause.source();
    }
    detail
}

fn files_below(folder: &Path) -> Vec<(String, PathBuf)> {
    if !folder.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<(String, PathBuf)> = walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (relative_to(folder, e.path()), e.into_path()))
        .collect();
    files.sort();
    files
}

/// `{{ t.dashboard.intro | fill(period="2025-Q3") }}`: puts values into a word's `{name}`s.
fn fill(text: &str, arguments: Kwargs, _: &State) -> String {
    let mut filled = text.to_string();
    for (name, value) in arguments.iter() {
        let value = match value.as_str() {
            Some(text) => text.to_string(),
            None => value.to_string(),
        };
        filled = filled.replace(&format!("{{{name}}}"), &value);
    }
    filled
}
