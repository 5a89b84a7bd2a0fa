//! The Atom feed of the bulletins and `versions.json`, the list of editions for tools.

use serde::Serialize;

use crate::model::Site;

use super::charts::escape;
use super::editions::EditionEntry;

/// The Atom feed: one entry per bulletin (drafts are never in the site), newest first, with
/// absolute URLs, ids that stay the same across builds, and `updated` from the published day.
pub fn atom(site: &Site, editions: &[EditionEntry]) -> String {
    let config = &site.config;
    let base = &config.base_url;
    let day = |bulletin: &crate::model::Bulletin| {
        bulletin
            .published
            .unwrap_or_else(|| bulletin.period.last_day())
            .to_string()
    };
    let updated = site
        .bulletins
        .iter()
        .map(day)
        .max()
        .unwrap_or_else(|| "1970-01-01".into());
    let mut xml = String::with_capacity(1024 + site.bulletins.len() * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape(&config.title)));
    if !config.description.is_empty() {
        xml.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape(&config.description)
        ));
    }
    xml.push_str(&format!("  <id>{}</id>\n", escape(base)));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(base)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        escape(base)
    ));
    xml.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    if !config.organisation.is_empty() {
        xml.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape(&config.organisation)
        ));
    } else {
        xml.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            escape(&config.title)
        ));
    }
    for bulletin in &site.bulletins {
        let url = format!("{base}{}", bulletin.document.url_path);
        let edition = editions
            .iter()
            .find(|e| e.period == bulletin.period.to_string());
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            escape(&bulletin.document.title)
        ));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        if edition.is_some() {
            let edition_url = format!("{base}editions/{}/", bulletin.period.slug());
            xml.push_str(&format!(
                "    <link rel=\"related\" href=\"{}\"/>\n",
                escape(&edition_url)
            ));
        }
        xml.push_str(&format!(
            "    <updated>{}T00:00:00Z</updated>\n",
            day(bulletin)
        ));
        if let Some(summary) = &bulletin.document.summary {
            xml.push_str(&format!(
                "    <summary>{}</summary>\n",
                escape(summary.trim())
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

#[derive(Serialize)]
struct Versions<'a> {
    editions: &'a [EditionEntry],
}

/// `versions.json`: every edition with its period, day, address, bulletin and data digest.
pub fn versions(editions: &[EditionEntry]) -> String {
    serde_json::to_string_pretty(&Versions { editions }).expect("editions serialise") + "\n"
}
