//! Discoverability: the sitemap, robots.txt and the static search index.

use serde::Serialize;

use crate::model::Site;

use super::OutputFile;
use super::charts::escape;
use super::pages::PageJob;

/// `sitemap.xml`, `robots.txt` and `search-index.json`.
pub fn files(site: &Site, jobs: &[PageJob<'_>]) -> Vec<OutputFile> {
    vec![
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: sitemap(site, jobs).into_bytes().into(),
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: robots(site).into_bytes().into(),
        },
        OutputFile {
            path: "search-index.json".into(),
            bytes: search_index(site).into_bytes().into(),
        },
    ]
}

/// Every listed page with its absolute address and, when known, the day it last changed.
fn sitemap(site: &Site, jobs: &[PageJob<'_>]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for job in jobs.iter().filter(|j| j.is_listed()) {
        let url = format!("{}{}", site.config.base_url, job.path);
        xml.push_str(&format!("  <url><loc>{}</loc>", escape(&url)));
        if let Some(day) = job.last_modified(site) {
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Allows everything and names the sitemap; a preview disallows everything.
fn robots(site: &Site) -> String {
    if site.config.preview {
        return "User-agent: *\nDisallow: /\n".into();
    }
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
}

/// An entry of the search index.
#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    title: &'a str,
    /// Address, below the base path.
    url: String,
    /// `note`, `bulletin`, `indicator` or `milestone`.
    kind: &'static str,
    /// Words to search besides the title.
    text: String,
}

/// The index the search page's script reads: notes, bulletins, indicators and milestones.
fn search_index(site: &Site) -> String {
    let base = &site.config.base_path;
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for bulletin in &site.bulletins {
        let document = &bulletin.document;
        let text = document.summary.clone().unwrap_or_default();
        let url = format!("{base}{}", document.url_path);
        entries.push(Entry {
            title: &document.title,
            url,
            kind: "bulletin",
            text,
        });
    }
    for note in &site.notes {
        let text = format!(
            "{} {}",
            note.summary.as_deref().unwrap_or(""),
            note.tags.join(" ")
        );
        let url = format!("{base}{}", note.url_path);
        entries.push(Entry {
            title: &note.title,
            url,
            kind: "note",
            text: text.trim().into(),
        });
    }
    for indicator in &site.data.indicators {
        let text = [
            indicator.description.as_deref(),
            indicator.sector.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        let url = format!("{base}indicators/{}/", indicator.id);
        entries.push(Entry {
            title: &indicator.title,
            url,
            kind: "indicator",
            text,
        });
    }
    for milestone in &site.data.milestones {
        let text = milestone.actions.join(" ");
        let url = format!("{base}milestones/#milestone-{}", milestone.id);
        entries.push(Entry {
            title: &milestone.title,
            url,
            kind: "milestone",
            text,
        });
    }
    serde_json::to_string(&entries).expect("the index serialises") + "\n"
}
