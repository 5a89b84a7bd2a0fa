//! Markdown to HTML with pulldown-cmark, plus what tally adds: shortcode blocks, root-relative
//! links checked and rewritten under the base path, heading ids, and raw HTML escaped unless
//! the site allows it.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostics, Problem, Source, nearest};

use super::shortcodes::{self, Shortcode};

/// Renders a shortcode into HTML, or says why it cannot.
pub type BlockRenderer<'a> = dyn Fn(&Shortcode) -> Result<String, Problem> + Sync + 'a;

/// The addresses of the site, to check links against.
#[derive(Debug, Default, Clone, Hash)]
pub struct SiteLinks {
    paths: BTreeSet<String>,
}

impl SiteLinks {
    /// Adds a root-relative path such as `/notes/a/` or `/favicon.svg`.
    pub fn insert(&mut self, path: impl Into<String>) {
        self.paths.insert(path.into());
    }

    /// The known path `target` refers to (`/about` finds `/about/`).
    pub fn resolve<'a>(&'a self, target: &str) -> Option<&'a str> {
        let exact = self.paths.get(target);
        let with_slash = || self.paths.get(&format!("{target}/"));
        exact.or_else(with_slash).map(String::as_str)
    }

    /// The known path closest to `target`, for a suggestion.
    pub fn nearest(&self, target: &str) -> Option<String> {
        let all: Vec<String> = self.paths.iter().cloned().collect();
        nearest(target, &all).map(str::to_string)
    }
}

/// What rendering one document needs.
pub struct Markdown<'a> {
    /// The document's file, for diagnostics.
    pub source: Source<'a>,
    /// Where the Markdown body starts in the file, so that lines count from the file's top.
    pub body_start: usize,
    /// Let raw HTML through.
    pub allow_raw_html: bool,
    /// The site's base path, such as `/` or `/pr-42/`.
    pub base_path: &'a str,
    /// Addresses links may point to.
    pub links: &'a SiteLinks,
    /// Draws shortcode blocks.
    pub blocks: &'a BlockRenderer<'a>,
    /// The words read out for a task list's ticked and unticked boxes.
    pub task_words: (&'a str, &'a str),
}

impl Markdown<'_> {
    /// Renders `self.source`'s body; problems go to `diagnostics`.
    pub fn render(&self, diagnostics: &mut Diagnostics) -> String {
        let body = &self.source.text[self.body_start..];
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let events: Vec<(Event<'_>, Range<usize>)> =
            Parser::new_ext(body, options).into_offset_iter().collect();
        let mut output: Vec<Event<'_>> = Vec::with_capacity(events.len());
        let mut heading_ids = HeadingIds::default();
        let mut blocks: Vec<String> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::Paragraph) => {
                    if let Some((html, next)) = self.shortcode_at(&events, i, diagnostics) {
                        if self.allow_raw_html {
                            // Blocks are tally's own markup: they skip the sanitiser and are
                            // put back in place afterwards.
                            output.push(Event::Html(block_marker(blocks.len()).into()));
                            blocks.push(html);
                        } else {
                            output.push(Event::Html(html.into()));
                        }
                        i = next;
                        continue;
                    }
                    output.push(event.clone());
                }
                Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }) => {
                    let text = heading_text(&events[i + 1..]);
                    let id = heading_ids.make(&text);
                    output.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(id.into()),
                        classes: classes.clone(),
                        attrs: attrs.clone(),
                    }));
                }
                Event::Start(Tag::Heading { id: Some(id), .. }) => {
                    heading_ids.reserve(id);
                    output.push(event.clone());
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.rewrite(dest_url, range, diagnostics);
                    output.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.rewrite(dest_url, range, diagnostics);
                    output.push(Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::TaskListMarker(done) => {
                    // A disabled checkbox would be an unlabelled form control; a mark with
                    // words for screen readers says the same thing.
                    let (mark, words) = if *done {
                        ("☑", self.task_words.0)
                    } else {
                        ("☐", self.task_words.1)
                    };
                    let html = format!(
                        "<span class=\"task-mark\" aria-hidden=\"true\">{mark}</span>\
                         <span class=\"visually-hidden\">{}</span> ",
                        super::charts::escape(words)
                    );
                    output.push(Event::InlineHtml(html.into()));
                }
                Event::Html(html) | Event::InlineHtml(html) if !self.allow_raw_html => {
                    output.push(Event::Text(html.clone()));
                }
                _ => output.push(event.clone()),
            }
            i += 1;
        }
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, output.into_iter());
        if !self.allow_raw_html {
            return html;
        }
        let mut clean = sanitise(&html);
        for (index, block) in blocks.iter().enumerate() {
            clean = clean.replacen(&block_marker(index), block, 1);
        }
        clean
    }

    /// When the paragraph starting at `start` is a shortcode line, its block and the index
    /// after the paragraph.
    fn shortcode_at(
        &self,
        events: &[(Event<'_>, Range<usize>)],
        start: usize,
        diagnostics: &mut Diagnostics,
    ) -> Option<(String, usize)> {
        let mut text = String::new();
        let mut end = start + 1;
        while end < events.len() {
            match &events[end].0 {
                Event::Text(t) => text.push_str(t),
                Event::End(TagEnd::Paragraph) => break,
                _ => return None,
            }
            end += 1;
        }
        if !shortcodes::looks_like_shortcode(&text) || text.contains('\n') {
            return None;
        }
        let range = &events[start].1;
        let result = shortcodes::parse(&text).and_then(|shortcode| (self.blocks)(&shortcode));
        let html = result.unwrap_or_else(|problem| {
            let length = range.len();
            diagnostics.push(
                self.source
                    .at_offset(problem, self.body_start + range.start, length),
            );
            String::new()
        });
        Some((html, end + 1))
    }

    /// A root-relative link checked against the site and put under the base path; other
    /// links unchanged.
    fn rewrite<'e>(
        &self,
        url: &CowStr<'e>,
        range: &Range<usize>,
        diagnostics: &mut Diagnostics,
    ) -> CowStr<'e> {
        if !url.starts_with('/') || url.starts_with("//") {
            return url.clone();
        }
        let split = url.find(['#', '?']).unwrap_or(url.len());
        let (path, rest) = url.split_at(split);
        match self.links.resolve(path) {
            Some(known) => format!("{}{}{rest}", self.base_path, &known[1..]).into(),
            None => {
                let problem = Problem::BrokenLink {
                    target: path.to_string(),
                    suggestion: self.links.nearest(path),
                };
                let offset = self.body_start + range.start;
                diagnostics.push(self.source.at_offset(problem, offset, range.len()));
                url.clone()
            }
        }
    }
}

/// Where a shortcode block goes back after sanitising: a paragraph of private-use characters
/// that no Markdown writes by accident.
fn block_marker(index: usize) -> String {
    format!("<p>\u{E000}tally-block-{index}\u{E001}</p>")
}

/// Removes what raw HTML must never carry into a page: scripts, styles, event handlers,
/// `javascript:` links, frames and forms. What Markdown itself writes passes unchanged.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id", "aria-hidden", "title"])
        .clean(html)
        .to_string()
}

fn heading_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    text
}

/// Makes unique ids for headings from their text.
#[derive(Default)]
struct HeadingIds {
    used: BTreeMap<String, usize>,
}

impl HeadingIds {
    fn reserve(&mut self, id: &str) {
        self.used.entry(id.to_string()).or_insert(1);
    }

    fn make(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() {
            "section".to_string()
        } else {
            base
        };
        let count = self.used.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }
}

/// Lower-case words joined by hyphens: `Phase 1: set-up` becomes `phase-1-set-up`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, allow_raw_html: bool) -> (String, Diagnostics) {
        let mut links = SiteLinks::default();
        links.insert("/methodology/");
        links.insert("/");
        let blocks = |s: &Shortcode| -> Result<String, Problem> {
            Ok(format!("<div class=\"block\">{}</div>", s.name))
        };
        let markdown = Markdown {
            source: Source {
                path: "content/notes/a.md",
                text,
            },
            body_start: 0,
            allow_raw_html,
            base_path: "/pr-42/",
            links: &links,
            blocks: &blocks,
            task_words: ("Done:", "Not done:"),
        };
        let mut diagnostics = Diagnostics::new();
        let html = markdown.render(&mut diagnostics);
        (html, diagnostics)
    }

    #[test]
    fn root_relative_links_go_under_the_base_path() {
        let (html, d) = render(
            "See [the method](/methodology/#rule) and [x](https://a.org/).",
            false,
        );
        assert!(
            html.contains(r#"href="/pr-42/methodology/#rule""#),
            "{html}"
        );
        assert!(html.contains(r#"href="https://a.org/""#), "{html}");
        assert!(d.is_empty());
    }

    #[test]
    fn broken_links_are_reported_with_their_line() {
        let (_, d) = render("Intro\n\nSee [it](/methodolgy/).\n", false);
        let d: Vec<_> = d.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].place(), "content/notes/a.md:3:5");
        assert_eq!(d[0].help().unwrap(), "Did you mean /methodology/?");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let (html, _) = render("<script>alert(1)</script>\n\nHi <b>x</b>", false);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        let (html, _) = render("Hi <b>x</b>", true);
        assert!(html.contains("<b>x</b>"), "{html}");
    }

    #[test]
    fn allowed_raw_html_is_still_sanitised() {
        let text = "<b onclick=\"evil()\">bold</b> <a href=\"javascript:alert(1)\">x</a>\n\n\
                    <script>alert(2)</script>\n\n<iframe src=\"https://a.org\"></iframe>\n\n\
                    {{ kpis() }}\n\n## Kept {#kept}\n";
        let (html, _) = render(text, true);
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(
            html.contains("<div class=\"block\">kpis</div>"),
            "blocks survive: {html}"
        );
        assert!(html.contains("id=\"kept\""), "{html}");
    }

    #[test]
    fn shortcode_lines_become_blocks_but_not_in_code() {
        let (html, d) = render("{{ kpis() }}\n\n```\n{{ kpis() }}\n```\n", false);
        assert!(
            html.starts_with("<div class=\"block\">kpis</div>"),
            "{html}"
        );
        assert!(html.contains("<code>{{ kpis() }}"), "{html}");
        assert!(d.is_empty());
        let (_, d) = render("Text\n\n{{ kpi() }}\n", false);
        let d: Vec<_> = d.iter().collect();
        assert_eq!(d[0].place(), "content/notes/a.md:3:1");
        assert_eq!(d[0].code(), "unknown-shortcode");
    }

    #[test]
    fn headings_get_unique_ids() {
        let (html, _) = render(
            "## Phase 1: set-up\n\n## Phase 1: set-up\n\n## Own {#mine}\n",
            false,
        );
        assert!(html.contains(r#"<h2 id="phase-1-set-up">"#), "{html}");
        assert!(html.contains(r#"<h2 id="phase-1-set-up-1">"#), "{html}");
        assert!(html.contains(r#"<h2 id="mine">"#), "{html}");
    }

    #[test]
    fn tables_footnotes_tasks_and_strikethrough() {
        let (html, _) = render(
            "| a |\n|---|\n| 1 |\n\n- [x] done\n\n~~old~~ new[^1]\n\n[^1]: Note.\n",
            false,
        );
        assert!(html.contains("<table>"));
        assert!(
            html.contains("☑</span><span class=\"visually-hidden\">Done:</span>"),
            "{html}"
        );
        assert!(!html.contains("<input"), "{html}");
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("footnote"));
    }
}
