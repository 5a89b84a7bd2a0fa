//! Checking a site without writing it: everything a build validates, then every link, anchor,
//! image and file referenced by the rendered pages.
//!
//! It takes the site rendered in memory by [`crate::render_site`] and gives one list of
//! diagnostics. A problem found in a page that came from a Markdown file is reported at the
//! line of that file where the link is written; a problem in a part of the page the theme
//! made (navigation, footer) is reported at the line of the rendered page.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::address;
use crate::diagnostics::{Diagnostic, Diagnostics, Problem, Severity, Source, nearest};
use crate::{BuildOptions, PageSource, RenderedSite, render_site};

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
            found.extend(check_references(&site));
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

/// Which attribute a reference was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attribute {
    /// `href`: a link; its target may be any file, and it may name an anchor.
    Href,
    /// `src`: an image or other embedded file.
    Src,
}

/// One reference found in a rendered page.
struct Reference<'a> {
    attribute: Attribute,
    /// The value, with `&amp;` decoded.
    url: String,
    /// Byte offset of the value in the page.
    offset: usize,
    /// The page it was found in.
    page: &'a str,
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

/// Every link, anchor and embedded file of the rendered pages.
pub fn check_references(site: &RenderedSite) -> Diagnostics {
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

    let found: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|(page, html)| {
            let references = references(page, html);
            let index = &index;
            let sources = &sources;
            references.into_iter().filter_map(move |reference| {
                let problem = index.problem(&reference)?;
                Some(locate(
                    problem,
                    &reference,
                    html,
                    sources.get(page).copied(),
                ))
            })
        })
        .collect();
    found.into_iter().collect()
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
        let site_path = self.site_path(reference.page, path)?;
        let Some(target) = address::candidates(&site_path)
            .into_iter()
            .find(|c| self.files.contains(c.as_str()))
        else {
            let target = format!("{}{}", self.base_path, site_path);
            return Some(match reference.attribute {
                Attribute::Href => Problem::BrokenLink {
                    target,
                    suggestion: None,
                },
                Attribute::Src => Problem::MissingFile { target },
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

    /// The output path `path` names when found in `page`, or `None` for an address outside
    /// the site (another website, `mailto:`, a `data:` image).
    fn site_path(&self, page: &str, path: &str) -> Option<String> {
        let absolute = if let Some(rest) = path.strip_prefix(self.base_url) {
            format!("/{rest}")
        } else if path.starts_with("//") || has_scheme(path) {
            return None;
        } else if let Some(rest) = path.strip_prefix(self.base_path) {
            format!("/{rest}")
        } else if path.starts_with('/') {
            return None;
        } else {
            // Relative to the page's folder; an empty path is the page itself.
            let folder = page.rfind('/').map_or("", |i| &page[..=i]);
            let joined = if path.is_empty() {
                page.to_string()
            } else {
                format!("{folder}{path}")
            };
            format!("/{}", normalise(&joined)?)
        };
        address::decode(&absolute)
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

fn has_scheme(url: &str) -> bool {
    let end = url.find([':', '/', '?', '#']);
    end.is_some_and(|i| i > 0 && url[i..].starts_with(':'))
}

/// The `href` and `src` values of `html`.
fn references<'a>(page: &'a str, html: &str) -> Vec<Reference<'a>> {
    let found = |attribute, name| {
        attribute_values(html, name).map(move |(offset, value)| Reference {
            attribute,
            url: value.replace("&amp;", "&"),
            offset,
            page,
        })
    };
    found(Attribute::Href, "href")
        .chain(found(Attribute::Src, "src"))
        .collect()
}

/// Each `name="value"` of `html`, as the value's byte offset and the value.
fn attribute_values<'h>(html: &'h str, name: &str) -> impl Iterator<Item = (usize, &'h str)> {
    let needle = format!("{name}=\"");
    let length = needle.len();
    html.match_indices(needle.as_str())
        .filter(|(at, _)| {
            // Only whole attribute names: ` id="`, not `data-id="` or `grid="`.
            html[..*at].ends_with(|c: char| c.is_ascii_whitespace())
        })
        .filter_map(|(at, _)| {
            let start = at + length;
            let end = start + html[start..].find('"')?;
            Some((start, &html[start..end]))
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// A diagnostic for `problem`, at the Markdown line where the reference is written when the
/// page has a source that contains it, else at the line of the rendered page.
fn locate(
    problem: Problem,
    reference: &Reference<'_>,
    html: &str,
    source: Option<&PageSource>,
) -> Diagnostic {
    if let Some(source) = source {
        let text = &*source.text;
        let file = Source {
            path: &source.path,
            text,
        };
        for written in written_forms(&reference.url) {
            if let Some(offset) = text.find(&written) {
                // Mark the address itself, not the bracket or quote found around it.
                let inner = written
                    .trim_start_matches(['(', '"'])
                    .trim_end_matches(['"', ')']);
                let start = offset + written.find(inner).unwrap_or(0);
                return file.at_offset(problem, start, inner.chars().count());
            }
        }
    }
    let page = Source {
        path: reference.page,
        text: html,
    };
    page.at_offset(problem, reference.offset, reference.url.chars().count())
}

/// How an author may have written `url` in Markdown, most exact first: tally rewrites
/// root-relative links under the base path, so the written form may differ in its start.
fn written_forms(url: &str) -> Vec<String> {
    let mut forms = vec![format!("({url}"), format!("\"{url}\"")];
    let (path, fragment) = address::split_fragment(url);
    if let Some(fragment) = fragment {
        forms.push(format!("#{fragment})"));
    }
    let tail = path.trim_end_matches('/');
    if let Some(i) = tail.rfind('/')
        && i + 1 < tail.len()
    {
        forms.push(tail[i..].to_string());
    }
    forms
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
    fn attributes_are_found_only_as_whole_names() {
        let html = r#"<a href="/a/">x</a><div data-id="no" id="yes"><img src="/i.png">"#;
        let ids: Vec<_> = attribute_values(html, "id").map(|(_, v)| v).collect();
        assert_eq!(ids, ["yes"]);
        let refs = references("index.html", html);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[1].attribute, Attribute::Src);
    }

    #[test]
    fn relative_paths_resolve_against_the_page_folder() {
        assert_eq!(normalise("notes/a/../b/").as_deref(), Some("notes/b/"));
        assert_eq!(normalise("../x"), None);
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("/a:b"));
    }
}
