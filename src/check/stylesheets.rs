//! The stylesheets of a site and the problems of the addresses they name.
//!
//! A site's stylesheets are the theme's (built in, or a file of `themes/<name>/static/`) and
//! the `.css` files of `content/static/`. Each is read, its `url(...)` and `@import`
//! addresses are resolved from its own output path, and problems are reported at their line
//! and column in its file.

use std::path::Path;

use crate::RenderedSite;
use crate::content::relative_to;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem, Source};
use crate::render::templates::Asset;

use super::css::css_references;
use super::{Kind, Reference, SiteIndex};

/// The problems of every stylesheet of `site`, whose folder is `root`.
pub(super) fn check_stylesheets(
    site: &RenderedSite,
    root: &Path,
    index: &SiteIndex<'_>,
) -> Diagnostics {
    let (stylesheets, mut found) = read_stylesheets(site, root);
    for stylesheet in &stylesheets {
        found.extend(check_stylesheet(stylesheet, index));
    }
    found
}

/// A stylesheet of the site, from the theme or the site's static files.
struct Stylesheet {
    /// Its output path, such as `style.css` or `css/print.css`.
    output: String,
    /// The file it comes from, relative to the site root, for diagnostics.
    path: String,
    /// Its text.
    text: String,
}

/// The stylesheets of the theme and of the site's static files, and any that could not be
/// read.
fn read_stylesheets(site: &RenderedSite, root: &Path) -> (Vec<Stylesheet>, Diagnostics) {
    let mut problems = Diagnostics::new();
    let mut read = |output: &str, file: &Path| match std::fs::read(file) {
        Ok(bytes) => Some(Stylesheet {
            output: output.to_string(),
            path: relative_to(root, file),
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }),
        Err(error) => {
            let problem = Problem::Unreadable {
                reason: error.to_string(),
            };
            problems.push(Diagnostic::in_file(problem, relative_to(root, file)));
            None
        }
    };
    let mut found = Vec::new();
    for (output, asset) in site.assets.iter().filter(|(o, _)| is_stylesheet(o)) {
        found.extend(match asset {
            Asset::BuiltIn(bytes) => Some(Stylesheet {
                output: output.clone(),
                path: format!("themes/default/static/{output}"),
                text: String::from_utf8_lossy(bytes).into_owned(),
            }),
            Asset::File(file) => read(output, file),
        });
    }
    for file in site.statics.iter().filter(|s| is_stylesheet(&s.output)) {
        found.extend(read(&file.output, &file.path));
    }
    (found, problems)
}

fn is_stylesheet(output: &str) -> bool {
    output.to_ascii_lowercase().ends_with(".css")
}

/// The problems of one stylesheet, at their lines in its file.
fn check_stylesheet(stylesheet: &Stylesheet, index: &SiteIndex<'_>) -> Diagnostics {
    let file = Source {
        path: &stylesheet.path,
        text: &stylesheet.text,
    };
    css_references(&stylesheet.text)
        .into_iter()
        .filter_map(|found| {
            let reference = Reference {
                kind: Kind::Stylesheet,
                url: found.url,
                span: found.span,
                from: &stylesheet.output,
            };
            let problem = index.problem(&reference)?;
            Some(file.at_offset(problem, reference.span.start, reference.span.len()))
        })
        .collect()
}
