//! Editions: the dashboard as each bulletin published it, and the live dashboard.
//!
//! Each bulletin's period is an edition. Edition P, published on day D, shows the data of
//! periods up to P with values revised after D as first published; its pages sit under
//! `/editions/<p>/` and never change when later data arrives. The live site at `/` shows the
//! newest edition's period with every revision applied.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::format;
use crate::model::{Bulletin, Data, Site};
use crate::period::Period;

use super::exports::{self, Dataset};
use super::words::Words;

/// The data one set of dashboard pages shows.
pub struct Scope<'a> {
    /// What the scope shows, worked out from the data.
    shown: Arc<Shown>,
    /// The bulletin whose edition this is; `None` for the live site.
    pub edition: Option<&'a Bulletin>,
}

/// What the scopes of a rendering showed, with the key they were worked out under.
pub type KnownScopes = (u64, Vec<Arc<Shown>>);

/// What a scope shows: the same for the same data and bulletins, so kept between renderings.
#[derive(Debug)]
pub struct Shown {
    /// The data as of the scope's period.
    pub data: Data,
    /// That period; `None` when there is no data at all.
    pub period: Option<Period>,
    /// Where its pages sit below the base path: `` or `editions/2025-q2/`.
    pub prefix: String,
    /// The edition's datasets, as published.
    pub datasets: Vec<Dataset>,
    /// A short digest of those datasets.
    pub digest: String,
}

impl std::ops::Deref for Scope<'_> {
    type Target = Shown;

    fn deref(&self) -> &Shown {
        &self.shown
    }
}

impl Scope<'_> {
    /// The scope's period as text, or empty.
    pub fn period_text(&self) -> String {
        self.period.map(|p| p.to_string()).unwrap_or_default()
    }
}

/// The live scope first, then one per edition, newest first. `known` holds what the scopes of
/// an earlier rendering showed, to use again when `known.0` is `key`; it is updated.
pub fn scopes<'a>(
    site: &'a Site,
    known: Option<(&mut Option<KnownScopes>, u64)>,
) -> Vec<Scope<'a>> {
    let editions: Vec<Option<&Bulletin>> = std::iter::once(None)
        .chain(site.bulletins.iter().map(Some))
        .collect();
    if let Some((Some((kept, shown)), key)) = known.as_ref().map(|(k, key)| (&**k, *key))
        && *kept == key
        && shown.len() == editions.len()
    {
        return shown
            .iter()
            .zip(editions)
            .map(|(shown, edition)| Scope {
                shown: Arc::clone(shown),
                edition,
            })
            .collect();
    }
    let newest = site.bulletins.first().map(|b| b.period);
    // Each scope's data and downloads are worked out on their own: in parallel.
    let scopes: Vec<Scope<'a>> = editions
        .into_par_iter()
        .map(|edition| match edition {
            None => {
                let live_data = match newest {
                    Some(period) => site.data.as_of(period, None),
                    None => site.data.clone(),
                };
                scope(
                    live_data,
                    newest.or(site.current_period),
                    None,
                    String::new(),
                )
            }
            Some(bulletin) => {
                let data = site.data.as_of(bulletin.period, bulletin.published);
                let prefix = format!("editions/{}/", bulletin.period.slug());
                scope(data, Some(bulletin.period), Some(bulletin), prefix)
            }
        })
        .collect();
    if let Some((known, key)) = known {
        *known = Some((key, scopes.iter().map(|s| Arc::clone(&s.shown)).collect()));
    }
    scopes
}

fn scope<'a>(
    data: Data,
    period: Option<Period>,
    edition: Option<&'a Bulletin>,
    prefix: String,
) -> Scope<'a> {
    let datasets = exports::edition_datasets(&data);
    let digest = exports::digest(&datasets);
    Scope {
        shown: Arc::new(Shown {
            data,
            period,
            prefix,
            datasets,
            digest,
        }),
        edition,
    }
}

/// A link of the edition switcher.
#[derive(Debug, Serialize)]
pub struct SwitcherLink {
    pub label: String,
    pub url: String,
    pub current: bool,
}

/// The switcher of a dashboard page at `relative` (below its scope's prefix). An edition's
/// switcher names only the editions up to its own, so that its bytes never change; the live
/// site's names them all.
pub fn switcher(
    scopes: &[Scope<'_>],
    current: &Scope<'_>,
    relative: &str,
    base_path: &str,
    words: &Words,
) -> Vec<SwitcherLink> {
    let mut links = vec![SwitcherLink {
        label: words.get("editions.latest").to_string(),
        url: format!("{base_path}{relative}"),
        current: current.edition.is_none(),
    }];
    let limit = current.edition.map(|b| b.period);
    for scope in scopes.iter().filter(|s| s.edition.is_some()) {
        let period = scope.period.expect("editions have a period");
        if limit.is_some_and(|limit| period > limit) {
            continue;
        }
        links.push(SwitcherLink {
            label: words.fill("editions.edition", &[("period", &period.to_string())]),
            url: format!("{base_path}{}{relative}", scope.prefix),
            current: current.edition.map(|b| b.period) == Some(period),
        });
    }
    links.push(SwitcherLink {
        label: words.get("editions.all").to_string(),
        url: format!("{base_path}editions/"),
        current: false,
    });
    links
}

/// The banner of an edition's pages: which edition, when published, and the way back.
pub fn banner(scope: &Scope<'_>, words: &Words) -> Option<String> {
    let bulletin = scope.edition?;
    let period = bulletin.period.to_string();
    Some(match bulletin.published {
        Some(day) => words.fill(
            "editions.banner",
            &[("period", &period), ("date", &format::date(day))],
        ),
        None => words.fill("editions.banner_undated", &[("period", &period)]),
    })
}

/// An edition in the list of editions and in `versions.json`.
#[derive(Debug, Serialize)]
pub struct EditionEntry {
    pub period: String,
    pub published: Option<String>,
    pub published_label: Option<String>,
    pub url: String,
    pub bulletin_title: String,
    pub bulletin_url: String,
    pub digest: String,
}

/// Every edition, newest first.
pub fn entries(scopes: &[Scope<'_>], base_path: &str) -> Vec<EditionEntry> {
    scopes
        .iter()
        .filter_map(|scope| {
            let bulletin = scope.edition?;
            Some(EditionEntry {
                period: bulletin.period.to_string(),
                published: bulletin.published.map(|d| d.to_string()),
                published_label: bulletin.published.map(format::date),
                url: format!("{base_path}{}", scope.prefix),
                bulletin_title: bulletin.document.title.clone(),
                bulletin_url: format!("{base_path}{}", bulletin.document.url_path),
                digest: scope.digest.clone(),
            })
        })
        .collect()
}
