//! Validation: checks raw content against every rule of the content format and builds the
//! plain [`Site`] model. All problems of all files are collected in one pass.

mod check;
mod data;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::content::{DocumentKind, RawContent, RawDocument};
use crate::diagnostics::{Diagnostic, Diagnostics, Problem};
use crate::model::{Bulletin, Data, Document, Site, SiteConfig};
use crate::period::Period;

use check::Checker;

/// Top-level paths the dashboard itself uses; a free page cannot take them.
pub const RESERVED_PATHS: [&str; 10] = [
    "indicators",
    "milestones",
    "funding",
    "risks",
    "bulletins",
    "notes",
    "editions",
    "revisions",
    "charts",
    "data",
];

/// What the command line adds to validation.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Keep documents marked `draft: true`.
    pub drafts: bool,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Marks a preview build, which search engines must not index.
    pub preview: bool,
}

/// Checks `raw` and builds the site; `None` when any error was found.
pub fn validate(root: &Path, raw: &RawContent, settings: &Settings) -> (Option<Site>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = site_config(root, raw, settings, &mut diagnostics);

    // The data files and the documents do not depend on each other: checked side by side.
    let ((data, data_found), ((pages, notes, bulletins), documents_found)) = rayon::join(
        || {
            let mut found = Diagnostics::new();
            (site_data(raw, &mut found), found)
        },
        || {
            let mut found = Diagnostics::new();
            (documents(&raw.documents, settings, &mut found), found)
        },
    );
    diagnostics.extend(data_found);
    diagnostics.extend(documents_found);
    let current_period = data
        .latest_period()
        .max(bulletins.first().map(|b| b.period));

    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    // Without settings there is no site; loading has reported why.
    let Some(config) = config else {
        return (None, diagnostics);
    };
    (
        Some(Site {
            config,
            pages,
            notes,
            bulletins,
            data,
            current_period,
        }),
        diagnostics,
    )
}

fn site_data(raw: &RawContent, diagnostics: &mut Diagnostics) -> Data {
    let mut data = Data::default();
    if let Some(file) = &raw.milestones {
        data.milestones = data::milestones(file, diagnostics);
    }
    if let Some(file) = &raw.funding {
        data.funding = data::funding(file, diagnostics);
    }
    if let Some(file) = &raw.indicators {
        data.indicators = data::indicators(file, diagnostics);
    }
    if let Some(file) = &raw.risks {
        data.risks = data::risks(file, diagnostics);
    }
    data
}

fn site_config(
    root: &Path,
    raw: &RawContent,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Option<SiteConfig> {
    let Some(file) = &raw.site else {
        if !root.join("content/site.yaml").exists() && root.join("content").is_dir() {
            diagnostics.push(Diagnostic::in_file(
                Problem::NoSiteFile,
                "content/site.yaml",
            ));
        }
        return None;
    };
    let site = &file.data;
    let mut check = Checker::new(file.file.source(), diagnostics);

    let base_url = match (&settings.base_url, &site.base_url) {
        (Some(url), _) => match base_path(url) {
            Some(_) => Some(with_trailing_slash(url)),
            None => {
                let problem = Problem::BadBaseUrl { url: url.clone() };
                check.diagnostics.push(Diagnostic::in_file(problem, ""));
                None
            }
        },
        (None, Some(url)) => match base_path(&url.value) {
            Some(_) => Some(with_trailing_slash(&url.value)),
            None => {
                check.report(
                    url,
                    Problem::BadBaseUrl {
                        url: url.value.clone(),
                    },
                );
                None
            }
        },
        (None, None) => {
            let problem = Problem::MissingKey {
                key: "base_url".into(),
            };
            check.diagnostics.push(check.source.whole(problem));
            None
        }
    };

    let theme = site
        .theme
        .as_ref()
        .map_or_else(|| "default".to_string(), |t| t.value.clone());
    if theme != "default" && !root.join("themes").join(&theme).is_dir() {
        let mut known: Vec<String> = std::fs::read_dir(root.join("themes"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        known.push("default".into());
        known.sort();
        known.dedup();
        if let Some(spanned) = &site.theme {
            check.report(
                spanned,
                Problem::UnknownTheme {
                    name: theme.clone(),
                    known,
                },
            );
        }
    }

    let base_url = base_url?;
    Some(SiteConfig {
        title: site.title.clone(),
        organisation: site.organisation.clone().unwrap_or_default(),
        base_path: base_path(&base_url).unwrap_or_else(|| "/".into()),
        base_url,
        language: site.language.clone().unwrap_or_else(|| "en".into()),
        description: site.description.clone().unwrap_or_default(),
        theme,
        allow_raw_html: site.allow_raw_html,
        licence: site.licence.clone(),
        preview: settings.preview,
    })
}

/// The path of an absolute http(s) URL, with leading and trailing `/`; `None` if not absolute.
fn base_path(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let valid_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !valid_host || path.contains(['?', '#', ' ']) {
        return None;
    }
    let path = path.trim_end_matches('/');
    Some(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

type Documents = (Vec<Document>, Vec<Document>, Vec<Bulletin>);

fn documents(raw: &[RawDocument], settings: &Settings, diagnostics: &mut Diagnostics) -> Documents {
    // Each file on its own, in parallel; then, in file order, what depends on the others: an
    // address taken twice, a bulletin period repeated.
    let checked: Vec<(Option<Document>, Diagnostics)> = raw
        .par_iter()
        .map(|raw| {
            let mut found = Diagnostics::new();
            let document = document(raw, &mut found).filter(|d| settings.drafts || !d.draft);
            (document, found)
        })
        .collect();
    let mut pages = Vec::new();
    let mut notes = Vec::new();
    let mut bulletins: Vec<Bulletin> = Vec::new();
    let mut urls: HashMap<String, &str> = HashMap::with_capacity(raw.len());
    for (raw, (document, found)) in raw.iter().zip(checked) {
        diagnostics.extend(found);
        let Some(document) = document else {
            continue;
        };
        let reserved = raw.kind == DocumentKind::Page
            && RESERVED_PATHS.contains(&document.url_path.trim_end_matches('/'));
        let taken = urls
            .get(document.url_path.as_str())
            .map(|path| path.to_string())
            .or_else(|| reserved.then(|| "a page of the dashboard".to_string()));
        if let Some(other) = taken {
            let problem = Problem::DuplicatePage {
                url: format!("/{}", document.url_path),
                other,
            };
            diagnostics.push(raw.file.source().whole(problem));
            continue;
        }
        urls.insert(document.url_path.clone(), &raw.file.path);
        match raw.kind {
            DocumentKind::Page => pages.push(document),
            DocumentKind::Note => notes.push(document),
            DocumentKind::Bulletin => {
                if let Some(bulletin) = bulletin(raw, document, &bulletins, diagnostics) {
                    bulletins.push(bulletin);
                }
            }
        }
    }
    notes.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.url_path.cmp(&b.url_path))
    });
    bulletins.sort_by_key(|b| std::cmp::Reverse(b.period));
    (pages, notes, bulletins)
}

fn document(raw: &RawDocument, diagnostics: &mut Diagnostics) -> Option<Document> {
    let front = &raw.front;
    let mut check = Checker::front_matter(raw.file.source(), diagnostics);
    let date = front.date.as_ref().map(|d| check.date(d));
    if raw.kind != DocumentKind::Bulletin {
        for (key, value) in [("period", &front.period), ("published", &front.published)] {
            if let Some(value) = value {
                check.report(value, Problem::BulletinOnlyKey { key: key.into() });
            }
        }
    }
    let url_path = match raw.kind {
        DocumentKind::Page => format!("{}/", raw.slug),
        DocumentKind::Note => format!("notes/{}/", raw.slug),
        DocumentKind::Bulletin => format!("bulletins/{}/", raw.slug.to_lowercase()),
    };
    let date = match date {
        Some(None) => return None,
        Some(day) => day,
        None => None,
    };
    Some(Document {
        source_path: raw.file.path.clone(),
        source_text: raw.file.text.clone(),
        body_start: raw.body_start,
        url_path,
        title: front.title.clone(),
        date,
        summary: front.summary.clone(),
        tags: front.tags.clone(),
        draft: front.draft,
    })
}

fn bulletin(
    raw: &RawDocument,
    document: Document,
    others: &[Bulletin],
    diagnostics: &mut Diagnostics,
) -> Option<Bulletin> {
    let source = raw.file.source();
    let mut check = Checker::front_matter(source, diagnostics);
    let Some(period_text) = &raw.front.period else {
        let problem = Problem::MissingKey {
            key: "period".into(),
        };
        check.diagnostics.push(source.at(problem, 1, 1, 3));
        return None;
    };
    let period = check.period(period_text)?;
    let published = match &raw.front.published {
        Some(day) => Some(check.date(day)?),
        None => None,
    };
    match Period::parse(&raw.slug) {
        Ok(file_period) if file_period == period && raw.slug.len() == 7 => {}
        Ok(file_period) if raw.slug.len() == 7 => {
            let problem = Problem::BulletinNameMismatch {
                file_period: file_period.to_string(),
                period: period.to_string(),
            };
            check.report(period_text, problem);
            return None;
        }
        _ => {
            check
                .diagnostics
                .push(source.whole(Problem::BulletinBadName {
                    name: raw.slug.clone(),
                }));
            return None;
        }
    }
    if let Some(other) = others.iter().find(|b| b.period == period) {
        let problem = Problem::DuplicateBulletin {
            period: period.to_string(),
            other: other.document.source_path.clone(),
        };
        check.report(period_text, problem);
        return None;
    }
    let document = Document {
        url_path: format!("bulletins/{}/", period.slug()),
        ..document
    };
    Some(Bulletin {
        document,
        period,
        published,
    })
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn base_path_is_the_url_path_with_slashes() {
        assert_eq!(
            base_path("https://example.gov/critical-minerals/").as_deref(),
            Some("/critical-minerals/")
        );
        assert_eq!(base_path("https://example.gov").as_deref(), Some("/"));
        assert_eq!(
            base_path("http://localhost:1111/pr-42").as_deref(),
            Some("/pr-42/")
        );
        assert_eq!(base_path("example.gov/x/"), None);
        assert_eq!(base_path("https:///x"), None);
    }
}
