//! Finding the references of a rendered page, and the place to report a problem with one.
//!
//! A page refers to other files in its `href` and `src` attributes and, through CSS, in its
//! `style` attributes and `<style>` elements. A problem is reported in the Markdown file the
//! page came from when the reference is written there, else in the rendered page.

use std::ops::Range;

use crate::PageSource;
use crate::address;
use crate::diagnostics::{Diagnostic, Problem, Source};

use super::css::css_references;
use super::{Kind, Reference};

/// The `href`, `src` and CSS references of `html`, the page at output path `page`.
pub(super) fn references<'a>(page: &'a str, html: &str) -> Vec<Reference<'a>> {
    let found = |kind, name| {
        attribute_values(html, name).map(move |(offset, value)| Reference {
            kind,
            url: value.replace("&amp;", "&"),
            span: offset..offset + value.len(),
            from: page,
        })
    };
    let mut all: Vec<Reference<'a>> = found(Kind::Link, "href")
        .chain(found(Kind::Embed, "src"))
        .collect();
    for (offset, value) in attribute_values(html, "style") {
        let (css, origins) = decode_character_references(value);
        all.extend(css_references(&css).into_iter().map(|r| Reference {
            kind: Kind::PageStyle,
            url: r.url,
            span: offset + origins[r.span.start]..offset + origins[r.span.end],
            from: page,
        }));
    }
    for content in style_elements(html) {
        all.extend(
            css_references(&html[content.clone()])
                .into_iter()
                .map(|r| Reference {
                    kind: Kind::PageStyle,
                    url: r.url,
                    span: content.start + r.span.start..content.start + r.span.end,
                    from: page,
                }),
        );
    }
    all
}

/// Each `name="value"` of `html`, as the value's byte offset and the value.
pub(super) fn attribute_values<'h>(
    html: &'h str,
    name: &str,
) -> impl Iterator<Item = (usize, &'h str)> {
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

/// The byte ranges of the contents of the `<style>` elements of `html`.
fn style_elements(html: &str) -> Vec<Range<usize>> {
    // ASCII lower case keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<style").map(|i| from + i) {
        let after_name = at + "<style".len();
        from = after_name;
        let is_element = lower[after_name..].starts_with(|c: char| c == '>' || c.is_whitespace());
        let Some(open_end) = lower[after_name..].find('>').map(|i| after_name + i + 1) else {
            break;
        };
        if !is_element {
            continue;
        }
        let close = lower[open_end..]
            .find("</style")
            .map_or(html.len(), |i| open_end + i);
        found.push(open_end..close);
        from = close;
    }
    found
}

/// `value` with the character references an HTML serialiser writes in attributes decoded,
/// and for each byte of the result, and one past its end, the offset it came from in
/// `value`.
fn decode_character_references(value: &str) -> (String, Vec<usize>) {
    const REFERENCES: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&quot;", '"'),
        ("&#34;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&apos;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
    ];
    let mut text = String::with_capacity(value.len());
    let mut origins = Vec::with_capacity(value.len() + 1);
    let mut i = 0;
    while i < value.len() {
        let rest = &value[i..];
        let (c, length) = REFERENCES
            .iter()
            .find(|(name, _)| rest.starts_with(name))
            .map(|(name, c)| (*c, name.len()))
            .unwrap_or_else(|| {
                let c = rest.chars().next().expect("not at the end");
                (c, c.len_utf8())
            });
        text.push(c);
        origins.extend(std::iter::repeat_n(i, c.len_utf8()));
        i += length;
    }
    origins.push(value.len());
    (text, origins)
}

/// A diagnostic for `problem`, at the Markdown line where the reference is written when the
/// page has a source that contains it, else at the line of the rendered page.
pub(super) fn locate(
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
        for (written, marked) in written_forms(reference) {
            if let Some(offset) = text.find(&written) {
                return file.at_offset(problem, offset + marked.start, marked.len());
            }
        }
    }
    let page = Source {
        path: reference.from,
        text: html,
    };
    page.at_offset(problem, reference.span.start, reference.span.len())
}

/// How an author may have written a reference in Markdown, most exact first, each with the
/// part of it to mark. tally rewrites root-relative Markdown links under the base path, so a
/// link's written form may differ in its start.
fn written_forms(reference: &Reference<'_>) -> Vec<(String, Range<usize>)> {
    let url = reference.url.as_str();
    let around = |before: &str, after: &str| {
        let form = format!("{before}{url}{after}");
        (form, before.len()..before.len() + url.len())
    };
    let mut forms = Vec::new();
    match reference.kind {
        Kind::Link | Kind::Embed => {
            let name = if reference.kind == Kind::Link {
                "href"
            } else {
                "src"
            };
            forms.push(around(&format!("{name}=\""), "\""));
            forms.push(around(&format!("{name}='"), "'"));
        }
        Kind::PageStyle | Kind::Stylesheet => {
            for opening in ["url(", "url(\"", "url('"] {
                let (form, _) = around(opening, "");
                let length = form.len();
                forms.push((form, 0..length));
            }
        }
    }
    forms.push(around("(", ""));
    forms.push(around("\"", "\""));
    let (path, fragment) = address::split_fragment(url);
    if let Some(fragment) = fragment {
        let form = format!("#{fragment})");
        let length = form.len() - 1;
        forms.push((form, 0..length));
    }
    let tail = path.trim_end_matches('/');
    if let Some(i) = tail.rfind('/')
        && i + 1 < tail.len()
    {
        let form = tail[i..].to_string();
        let length = form.len();
        forms.push((form, 0..length));
    }
    forms
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn attributes_are_found_only_as_whole_names() {
        let html = r#"<a href="/a/">x</a><div data-id="no" id="yes"><img src="/i.png">"#;
        let ids: Vec<_> = attribute_values(html, "id").map(|(_, v)| v).collect();
        assert_eq!(ids, ["yes"]);
        let refs = references("index.html", html);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[1].kind, Kind::Embed);
    }

    #[test]
    fn styles_in_attributes_and_elements_are_read_as_css() {
        let html = "<div style=\"background: url(&quot;a&amp;b.png&quot;)\"></div>\n\
                    <STYLE media=\"print\">p { background: url(c.png) }</STYLE>\
                    <stylesheet-list></stylesheet-list>";
        let refs = references("index.html", html);
        let urls: Vec<_> = refs.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(urls, ["a&b.png", "c.png"]);
        assert!(refs.iter().all(|r| r.kind == Kind::PageStyle));
        assert_eq!(&html[refs[0].span.clone()], "url(&quot;a&amp;b.png&quot;)");
        assert_eq!(&html[refs[1].span.clone()], "url(c.png)");
    }

    #[test]
    fn a_reference_is_reported_where_the_markdown_writes_it() {
        let text = "---\ntitle: A\n---\n\n[about](/about/)\n\n<a href=\"/about/\">again</a>\n";
        let source = PageSource {
            output: "notes/a/index.html".into(),
            path: "content/notes/a.md".into(),
            text: Arc::from(text),
        };
        let html = "<p><a href=\"/pr-42/about/\">about</a></p>\n<a href=\"/about/\">again</a>";
        let reference = references("notes/a/index.html", html).remove(1);
        let problem = Problem::MissingFile {
            target: "/about/".into(),
        };
        let found = locate(problem, &reference, html, Some(&source));
        assert_eq!(found.place(), "content/notes/a.md:7:10");
    }

    #[test]
    fn an_inline_style_is_reported_at_its_url() {
        let text = "---\ntitle: A\n---\n\n<p style=\"background: url('/x.png')\">x</p>\n";
        let source = PageSource {
            output: "a/index.html".into(),
            path: "content/pages/a.md".into(),
            text: Arc::from(text),
        };
        let html = "<p style=\"background: url('/x.png')\">x</p>";
        let reference = references("a/index.html", html).remove(0);
        let problem = Problem::MissingFile {
            target: "/x.png".into(),
        };
        let found = locate(problem.clone(), &reference, html, Some(&source));
        assert_eq!(found.place(), "content/pages/a.md:5:23");
        let in_page = locate(problem, &reference, html, None);
        assert_eq!(in_page.place(), "a/index.html:1:23");
    }
}
