//! Revisions: corrections of published figures, listed site-wide and under the bulletins
//! whose figures they changed.

use serde::Serialize;

use crate::model::{Bulletin, Data};

use super::views::{RevisionRow, Views};

/// A revision in the site-wide log or under a bulletin's figure.
#[derive(Debug, Serialize)]
pub struct RevisionEntry {
    pub indicator_id: String,
    pub indicator: String,
    pub indicator_url: String,
    /// The revision itself, as indicator pages show it.
    #[serde(flatten)]
    pub row: RevisionRow,
}

/// Every revision of the site, newest first.
pub fn log(data: &Data, views: &Views<'_>) -> Vec<RevisionEntry> {
    let mut entries = entries(data, views, |_| true);
    entries.sort_by(|a, b| {
        b.row
            .on_iso
            .cmp(&a.row.on_iso)
            .then_with(|| a.indicator_id.cmp(&b.indicator_id))
    });
    entries
}

/// The revisions made after `bulletin` was published to values it showed, so that the
/// bulletin can say so under its figures.
pub fn after(data: &Data, bulletin: &Bulletin) -> Vec<(String, String)> {
    let Some(published) = bulletin.published else {
        return Vec::new();
    };
    let mut later = Vec::new();
    for indicator in &data.indicators {
        for value in &indicator.values {
            if let Some(revision) = &value.revision
                && value.period <= bulletin.period
                && revision.on > published
            {
                later.push((indicator.id.clone(), value.period.to_string()));
            }
        }
    }
    later
}

/// The revisions made after `edition` was published to the figures it showed, ready to list
/// under them; none for the live site.
pub fn since_published(
    data: &Data,
    edition: Option<&Bulletin>,
    views: &Views<'_>,
) -> Vec<RevisionEntry> {
    let Some(bulletin) = edition else {
        return Vec::new();
    };
    let later = after(data, bulletin);
    if later.is_empty() {
        return Vec::new();
    }
    entries(data, views, |key| later.contains(key))
}

/// Revisions of `data` whose (indicator id, period) passes `keep`.
pub fn entries(
    data: &Data,
    views: &Views<'_>,
    keep: impl Fn(&(String, String)) -> bool,
) -> Vec<RevisionEntry> {
    let mut entries = Vec::new();
    for indicator in &data.indicators {
        for value in &indicator.values {
            let Some(revision) = &value.revision else {
                continue;
            };
            if !keep(&(indicator.id.clone(), value.period.to_string())) {
                continue;
            }
            entries.push(RevisionEntry {
                indicator_id: indicator.id.clone(),
                indicator: indicator.title.clone(),
                indicator_url: views.url(&format!("indicators/{}/", indicator.id)),
                row: views.revision(value.period, value.value, revision, &indicator.unit),
            });
        }
    }
    entries
}
