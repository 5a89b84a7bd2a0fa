//! Checking a site without writing it: everything a build validates, then every link, anchor,
//! image and file referenced by the rendered pages and by the stylesheets.
//!
//! It takes the site rendered in memory by [`crate::render_site`] and gives one list of
//! diagnostics. A problem found in a page that came from a Markdown file is reported at the
//! line of that file where the link is written; a problem in a part of the page the theme
//! made (navigation, footer) is reported at the line of the rendered page; a problem in a
//! stylesheet is reported at its line in the stylesheet's file.
//!
//! An address must stay inside the site: when the site is published in a sub-folder (a base
//! URL such as `https://example.org/pr-42/`), an address starting with `/` but not with
//! `/pr-42/` leads elsewhere on the server and is reported too.

mod css;
mod pages;
mod stylesheets;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use crate::address;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem, Severity, nearest};
use crate::{BuildOptions, PageSource, RenderedSite, render_site};

use pages::{attribute_values, locate, references};
use stylesheets::check_stylesheets;

/// Whether warnings fail the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Warnings are reported and the check passes.
    WarningsAllowed,
    /// Warnings are reported as errors, for continuous integration.
    WarningsAreErrors,
}

/// Checks the site of `options` and returns everything found, sorted by file and line.
pub fn check(options: &BuildOptions, strictness: Strictness) -> Diagnostics {
    let mut found = match render_site(options) {
        Ok(site) => {
            let mut found = site.warnings.clone();
            found.extend(check_references(&site, &options.root));
            found
        }
        Err(failure) => failure.diagnostics,
    };
    found.sort();
    if strictness == Strictness::WarningsAreErrors {
        found = found
            .iter()
            .cloned()
            .map(|mut d| {
                d.severity = Severity::Error;
                d
            })
            .collect();
    }
    found
}

/// How a reference is written, which decides what a missing target means and how the
/// reference is found again in a Markdown file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `href` of a page: a link; its target may be any file, and it may name an anchor.
    Link,
    /// `src` of a page: an image or other embedded file.
    Embed,
    /// `url(...)` or `@import` in a `style` attribute or `<style>` element of a page.
    PageStyle,
    /// `url(...)` or `@import` in a stylesheet file.
    Stylesheet,
}

/// One reference found in a rendered page or a stylesheet.
struct Reference<'a> {
    kind: Kind,
    /// The address, with `&amp;` (in pages) or CSS escapes (in styles) decoded.
    url: String,
    /// Where it is written in the page or stylesheet, in bytes: what a diagnostic marks.
    span: Range<usize>,
    /// The output path of the page or stylesheet it was found in.
    from: &'a str,
}

/// What the site holds, to check references against.
struct SiteIndex<'a> {
    /// Every output path.
    files: HashSet<&'a str>,
    /// The `id`s of each HTML page, by output path.
    ids: HashMap<&'a str, Vec<&'a str>>,
    /// The base URL, ending in `/`.
    base_url: &'a str,
    /// The path part of the base URL, such as `/` or `/pr-42/`.
    base_path: &'a str,
}

/// Where an address leads.
enum Destination {
    /// A file of the site, by output path (the file itself or the folder whose `index.html`
    /// is meant).
    Site(String),
    /// Another website, `mailto:`, a `data:` image, or an address that is not a safe path.
    Elsewhere,
    /// A root-relative address that does not start with the base path.
    OutsideBase,
}

/// Every link, anchor and embedded file of the rendered pages and of the stylesheets; `root`
/// is the site's folder, to name the stylesheets' files.
pub fn check_references(site: &RenderedSite, root: &Path) -> Diagnostics {
    let mut files: HashSet<&str> = site.files.iter().map(|f| f.path.as_str()).collect();
    files.extend(site.assets.iter().map(|(path, _)| path.as_str()));
    files.extend(site.statics.iter().map(|s| s.output.as_str()));
    let pages: Vec<(&str, &str)> = site
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| Some((f.path.as_str(), std::str::from_utf8(&f.bytes).ok()?)))
        .collect();
    let ids = pages
        .par_iter()
        .map(|(path, html)| {
            (
                *path,
                attribute_values(html, "id").map(|(_, v)| v).collect(),
            )
        })
        .collect();
    let index = SiteIndex {
        files,
        ids,
        base_url: &site.base_url,
        base_path: base_path(&site.base_url),
    };
    let sources: HashMap<&str, &PageSource> = site
        .sources
        .iter()
        .map(|s| (s.output.as_str(), s))
        .collect();

    let in_pages: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|(page, html)| {
            let index = &index;
            let source = sources.get(page).copied();
            references(page, html)
                .into_iter()
                .filter_map(move |reference| {
                    let problem = index.problem(&reference)?;
                    Some(locate(problem, &reference, html, source))
                })
        })
        .collect();
    let mut found = check_stylesheets(site, root, &index);
    found.extend(in_pages.into_iter().collect());
    found
}

/// The path part of an absolute URL, from its first single slash: `/` or `/pr-42/`.
fn base_path(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    base_url[after_scheme..]
        .find('/')
        .map_or("/", |i| &base_url[after_scheme + i..])
}

impl SiteIndex<'_> {
    /// What is wrong with `reference`, if anything.
    fn problem(&self, reference: &Reference<'_>) -> Option<Problem> {
        let (path, fragment) = address::split_fragment(&reference.url);
        if path.is_empty() && reference.kind != Kind::Link {
            // `url(#pattern)` names a part of the same document, such as an SVG pattern.
            return None;
        }
        let site_path = match self.destination(reference.from, path) {
            Destination::Site(site_path) => site_path,
            Destination::Elsewhere => return None,
            Destination::OutsideBase => return Some(self.outside_base(reference, path)),
        };
        let Some(target) = self.existing(&site_path) else {
            let target = format!("{}{}", self.base_path, site_path);
            return Some(match reference.kind {
                Kind::Link => Problem::BrokenLink {
                    target,
                    suggestion: None,
                },
                Kind::Embed | Kind::PageStyle => Problem::MissingFile { target },
                Kind::Stylesheet => Problem::MissingFileInStylesheet { target },
            });
        };
        let anchor = fragment.filter(|f| !f.is_empty())?;
        let ids = self.ids.get(target.as_str())?;
        if ids.contains(&anchor) {
            return None;
        }
        let known: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
        let page = target.strip_suffix("index.html").unwrap_or(&target);
        Some(Problem::BrokenAnchor {
            target: format!("{}{}", self.base_path, page),
            anchor: anchor.to_string(),
            suggestion: nearest(anchor, &known).map(str::to_string),
        })
    }

    /// The output file `site_path` names, if the site has it.
    fn existing(&self, site_path: &str) -> Option<String> {
        address::candidates(site_path)
            .into_iter()
            .find(|c| self.files.contains(c.as_str()))
    }

    /// Where `path` leads when found in the page or stylesheet `from`.
    fn destination(&self, from: &str, path: &str) -> Destination {
        let base_without_slash = self.base_path.trim_end_matches('/');
        let absolute = if let Some(rest) = path.strip_prefix(self.base_url) {
            format!("/{rest}")
        } else if path.starts_with("//") || has_scheme(path) {
            return Destination::Elsewhere;
        } else if let Some(rest) = path.strip_prefix(self.base_path) {
            format!("/{rest}")
        } else if !base_without_slash.is_empty() && path == base_without_slash {
            // `/pr-42` is the site's front page without its final slash.
            "/".to_string()
        } else if path.starts_with('/') {
            return Destination::OutsideBase;
        } else {
            // Relative to the folder of the page or stylesheet; an empty path is the file
            // itself.
            let folder = from.rfind('/').map_or("", |i| &from[..=i]);
            let joined = if path.is_empty() {
                from.to_string()
            } else {
                format!("{folder}{path}")
            };
            let Some(normalised) = normalise(&joined) else {
                return Destination::Elsewhere;
            };
            format!("/{normalised}")
        };
        match address::decode(&absolute) {
            Some(site_path) => Destination::Site(site_path),
            None => Destination::Elsewhere,
        }
    }

    /// The problem of a root-relative `path` outside the base path, with the relative
    /// address to suggest when the site has what `path` means under the base path.
    fn outside_base(&self, reference: &Reference<'_>, path: &str) -> Problem {
        let within = &path[1..];
        let relative = address::decode(path)
            .and_then(|site_path| self.existing(&site_path))
            .map(|_| {
                let query_and_fragment = &reference.url[path.len()..];
                format!(
                    "{}{query_and_fragment}",
                    relative_address(reference.from, within)
                )
            });
        let target = reference.url.clone();
        let base_path = self.base_path.to_string();
        match reference.kind {
            Kind::Link | Kind::Embed => Problem::OutsideBasePath {
                target,
                base_path,
                relative,
            },
            Kind::PageStyle | Kind::Stylesheet => Problem::OutsideBasePathInCss {
                target,
                base_path,
                relative,
                in_stylesheet: reference.kind == Kind::Stylesheet,
            },
        }
    }
}

/// Resolves `.` and `..` segments; `None` when `..` climbs above the site.
fn normalise(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    Some(segments.join("/"))
}

/// How the file at output path `from` reaches the output path `target`: `../../about/` from
/// `notes/a/index.html` to `about/`.
fn relative_address(from: &str, target: &str) -> String {
    let folder: Vec<&str> = from.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    let target_segments: Vec<&str> = target.split('/').collect();
    let (target_folder, _) = target_segments.split_at(target_segments.len() - 1);
    let shared = folder
        .iter()
        .zip(target_folder)
        .take_while(|(a, b)| a == b)
        .count();
    let climbs = "../".repeat(folder.len() - shared);
    let descent = target_segments[shared..].join("/");
    let relative = format!("{climbs}{descent}");
    if relative.is_empty() {
        "./".to_string()
    } else {
        relative
    }
}

fn has_scheme(url: &str) -> bool {
    let end = url.find([':', '/', '?', '#']);
    end.is_some_and(|i| i > 0 && url[i..].starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_is_the_path_of_the_base_url() {
        assert_eq!(base_path("https://example.gov/"), "/");
        assert_eq!(base_path("https://example.gov/pr-42/"), "/pr-42/");
        assert_eq!(base_path("http://127.0.0.1:1111/"), "/");
    }

    #[test]
    fn relative_paths_resolve_against_the_page_folder() {
        assert_eq!(normalise("notes/a/../b/").as_deref(), Some("notes/b/"));
        assert_eq!(normalise("../x"), None);
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("/a:b"));
    }

    #[test]
    fn relative_addresses_climb_only_out_of_folders_not_shared() {
        assert_eq!(
            relative_address("notes/a/index.html", "about/"),
            "../../about/"
        );
        assert_eq!(
            relative_address("style.css", "images/a.png"),
            "images/a.png"
        );
        assert_eq!(relative_address("css/site.css", "css/x.png"), "x.png");
        assert_eq!(
            relative_address("css/site.css", "images/x.png"),
            "../images/x.png"
        );
        assert_eq!(relative_address("notes/a/index.html", "notes/a/"), "./");
        assert_eq!(relative_address("index.html", ""), "./");
    }

    fn index(base_url: &str) -> SiteIndex<'_> {
        SiteIndex {
            files: ["index.html", "about/index.html", "images/a.png"].into(),
            ids: HashMap::new(),
            base_url,
            base_path: base_path(base_url),
        }
    }

    fn problem_of(index: &SiteIndex<'_>, kind: Kind, from: &str, url: &str) -> Option<Problem> {
        let reference = Reference {
            kind,
            url: url.to_string(),
            span: 0..url.len(),
            from,
        };
        index.problem(&reference)
    }

    #[test]
    fn root_relative_addresses_must_start_with_the_base_path() {
        let index = index("https://example.org/pr-42/");
        let page = "notes/a/index.html";
        assert_eq!(problem_of(&index, Kind::Link, page, "/pr-42/about/"), None);
        assert_eq!(problem_of(&index, Kind::Link, page, "/pr-42"), None);
        assert_eq!(problem_of(&index, Kind::Link, page, "../../about/#x"), None);
        assert_eq!(
            problem_of(&index, Kind::Link, page, "/about/#team"),
            Some(Problem::OutsideBasePath {
                target: "/about/#team".into(),
                base_path: "/pr-42/".into(),
                relative: Some("../../about/#team".into()),
            })
        );
        let Some(Problem::OutsideBasePathInCss { relative, .. }) =
            problem_of(&index, Kind::Stylesheet, "style.css", "/nowhere.png")
        else {
            panic!("an address outside the base path");
        };
        assert_eq!(
            relative, None,
            "nothing to suggest for a file the site lacks"
        );
    }

    #[test]
    fn the_root_base_path_holds_every_root_relative_address() {
        let index = index("https://example.org/");
        assert_eq!(
            problem_of(&index, Kind::Embed, "index.html", "/images/a.png"),
            None
        );
        assert_eq!(
            problem_of(&index, Kind::Stylesheet, "css/x.css", "/images/b.png"),
            Some(Problem::MissingFileInStylesheet {
                target: "/images/b.png".into()
            })
        );
    }

    #[test]
    fn fragments_data_and_other_sites_are_not_checked_in_styles() {
        let index = index("https://example.org/pr-42/");
        for url in [
            "#pattern",
            "data:image/png;base64,AA",
            "https://cdn.example/x.png",
        ] {
            assert_eq!(problem_of(&index, Kind::Stylesheet, "style.css", url), None);
            assert_eq!(problem_of(&index, Kind::PageStyle, "index.html", url), None);
        }
        assert_eq!(
            problem_of(&index, Kind::Stylesheet, "style.css", "//cdn/x.png"),
            None
        );
    }
}
