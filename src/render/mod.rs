//! Rendering: turns the validated site into output files: pages for the live data and for
//! each edition, charts, the data behind them, the feed and the manifest.
//!
//! The list of pages is made first, so that every link can be checked against it; then the
//! pages render in parallel. Markdown bodies are converted once, as part of their page.

pub mod blocks;
pub mod charts;
pub mod discovery;
pub mod editions;
pub mod exports;
pub mod feed;
pub mod markdown;
pub mod pages;
pub mod revisions;
pub mod shortcodes;
pub mod templates;
pub mod views;
pub mod words;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::StaticFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Data, Site};

use editions::Scope;
use markdown::SiteLinks;
use pages::{PageJob, PageRenderer};
use templates::Theme;
use views::Views;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path in the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Site-wide values for every template.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    organisation: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    stylesheet: String,
    favicon: Option<String>,
    feed: String,
    /// A preview build: pages carry `noindex`.
    preview: bool,
}

/// What rendering made, besides the files: the editions, for the manifest.
pub struct Rendered {
    /// Every generated file.
    pub files: Vec<OutputFile>,
    /// The editions, newest first, with their digests.
    pub editions: Vec<editions::EditionEntry>,
}

/// Renders every page of `site` with `theme`; `statics` are the site's static files, whose
/// paths links may point to.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    statics: &[StaticFile],
) -> Result<Rendered, Diagnostics> {
    let scopes = editions::scopes(site);
    let jobs = pages::jobs(site, &scopes);
    let links = links(&scopes[0], &jobs, theme, statics);
    let config = &site.config;
    let currency = site
        .data
        .funding
        .as_ref()
        .map_or("USD", |f| f.currency.as_str())
        .to_string();

    let favicon = statics
        .iter()
        .find(|s| s.output == "favicon.svg")
        .map(|s| format!("{}{}", config.base_path, s.output));
    let site_view = SiteView {
        title: &config.title,
        organisation: &config.organisation,
        description: &config.description,
        language: &config.language,
        base_url: &config.base_url,
        base_path: &config.base_path,
        stylesheet: format!("{}style.css", config.base_path),
        favicon,
        feed: format!("{}feed.xml", config.base_path),
        preview: config.preview,
    };
    let globals = theme.tera.global_context();
    globals.insert("site", &site_view);
    globals.insert("t", &theme.words);

    let theme = &*theme;
    let views: Vec<Views<'_>> = scopes
        .iter()
        .map(|scope| Views {
            words: &theme.words,
            currency: &currency,
            base_path: &config.base_path,
            dashboard_path: format!("{}{}", config.base_path, scope.prefix),
            chart_downloads: scope.edition.is_none(),
        })
        .collect();
    let revised_since: Vec<_> = scopes
        .iter()
        .zip(&views)
        .map(|(scope, views)| revisions::since_published(&site.data, scope.edition, views))
        .collect();
    let renderer = PageRenderer {
        site,
        theme,
        scopes: &scopes,
        views: &views,
        links: &links,
        revised_since: &revised_since,
    };
    let results: Vec<(Result<OutputFile, Diagnostic>, Diagnostics)> =
        jobs.par_iter().map(|job| renderer.page(job)).collect();

    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::with_capacity(results.len() + scopes.len() * 8 + 8);
    for (result, found) in results {
        diagnostics.extend(found);
        match result {
            Ok(file) => files.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    files.extend(chart_files(&scopes[0], &views[0]));
    files.extend(data_files(&scopes));
    files.extend(open_data(site, &scopes[0]));
    files.extend(discovery::files(site, &jobs));
    let entries = editions::entries(&scopes, &config.base_path);
    files.push(OutputFile {
        path: "feed.xml".into(),
        bytes: feed::atom(site, &entries).into_bytes(),
    });
    files.push(OutputFile {
        path: "versions.json".into(),
        bytes: feed::versions(&entries).into_bytes(),
    });
    Ok(Rendered {
        files,
        editions: entries,
    })
}

/// The live data under `/data/`, each dataset as CSV and JSON, and its data package.
fn open_data(site: &Site, live: &Scope<'_>) -> Vec<OutputFile> {
    let datasets = exports::site_datasets(&live.data);
    let config = &site.config;
    let info = exports::PackageInfo {
        title: &config.title,
        description: &config.description,
        homepage: &config.base_url,
        licence: config.licence.as_deref(),
    };
    let mut files = vec![OutputFile {
        path: "data/datapackage.json".into(),
        bytes: exports::data_package(&datasets, &info).into_bytes(),
    }];
    for dataset in datasets {
        let base = format!("data/{}", dataset.name);
        files.push(OutputFile {
            path: format!("{base}.csv"),
            bytes: dataset.csv.into_bytes(),
        });
        files.push(OutputFile {
            path: format!("{base}.json"),
            bytes: dataset.json.into_bytes(),
        });
    }
    files
}

/// Each edition's data as published, under `/editions/<period>/data/`.
fn data_files(scopes: &[Scope<'_>]) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for scope in scopes.iter().filter(|s| s.edition.is_some()) {
        for dataset in &scope.datasets {
            let base = format!("{}data/{}", scope.prefix, dataset.name);
            files.push(OutputFile {
                path: format!("{base}.csv"),
                bytes: dataset.csv.clone().into_bytes(),
            });
            files.push(OutputFile {
                path: format!("{base}.json"),
                bytes: dataset.json.clone().into_bytes(),
            });
        }
    }
    files
}

/// What a standalone chart under `/charts/` draws.
enum ChartSource<'a> {
    /// An indicator's line chart.
    Indicator(&'a crate::model::Indicator),
    /// A chart of a whole dataset, by kind.
    Dataset(&'static str),
}

/// The standalone charts of the live data, by output path.
fn chart_sources<'a>(live: &'a Scope<'a>) -> Vec<(String, ChartSource<'a>)> {
    let data = &live.data;
    let mut sources: Vec<(String, ChartSource<'_>)> = data
        .indicators
        .iter()
        .map(|i| {
            (
                format!("charts/indicators/{}.svg", i.id),
                ChartSource::Indicator(i),
            )
        })
        .collect();
    for (kind, path) in views::CHART_FILES {
        let present = match kind {
            "timeline" => !data.milestones.is_empty(),
            "risk-heatmap" => !data.risks.is_empty(),
            _ => data.funding.is_some(),
        };
        if present {
            sources.push((path.to_string(), ChartSource::Dataset(kind)));
        }
    }
    sources
}

/// Draws the standalone charts from the live data.
fn chart_files(live: &Scope<'_>, views: &Views<'_>) -> Vec<OutputFile> {
    chart_sources(live)
        .par_iter()
        .filter_map(|(path, source)| {
            let chart = match source {
                ChartSource::Indicator(i) => views.indicator_chart("indicator", i, "file-"),
                ChartSource::Dataset(kind) => {
                    views.site_chart(kind, &live.data, live.period, "file-")
                }
            }?;
            let bytes = charts::standalone(&chart.svg).into_bytes();
            Some(OutputFile {
                path: path.clone(),
                bytes,
            })
        })
        .collect()
}

fn links(
    live: &Scope<'_>,
    jobs: &[PageJob<'_>],
    theme: &Theme,
    statics: &[StaticFile],
) -> SiteLinks {
    let mut links = SiteLinks::default();
    for (path, _) in chart_sources(live) {
        links.insert(format!("/{path}"));
    }
    for job in jobs {
        links.insert(format!("/{}", job.path));
    }
    for (name, _) in &theme.assets {
        links.insert(format!("/{name}"));
    }
    for file in statics {
        links.insert(format!("/{}", file.output));
    }
    for extra in [
        "feed.xml",
        "versions.json",
        "build.json",
        "sitemap.xml",
        "robots.txt",
    ] {
        links.insert(format!("/{extra}"));
    }
    links.insert("/data/datapackage.json");
    for dataset in exports::site_datasets(&Data::default()) {
        links.insert(format!("/data/{}.csv", dataset.name));
        links.insert(format!("/data/{}.json", dataset.name));
    }
    links
}
