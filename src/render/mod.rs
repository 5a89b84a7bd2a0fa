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

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::StaticFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Data, Site};

use editions::Scope;
use markdown::SiteLinks;
use pages::{Inputs, PageJob, PageRenderer};
use templates::Theme;
use views::Views;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path in the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: std::sync::Arc<Vec<u8>>,
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

/// Takes each page as soon as it is rendered, to write it; the page is then not kept. Pages
/// taken from an earlier rendering are not given to it.
pub type PageSink<'a> = dyn Fn(&OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// What an earlier rendering made, kept so that the next one can skip the pages whose inputs
/// did not change. The preview keeps one between renderings; a build has none.
#[derive(Default)]
pub struct Reuse {
    /// Stands for every input the model does not show: the settings, the data files, the
    /// theme. The caller changes it whenever one of them may have changed.
    pub inputs: u64,
    /// Pages by output path.
    pages: HashMap<String, KeptPage>,
    /// Groups of other files, each with the key it was made under.
    files: HashMap<FileGroup, (u64, Vec<OutputFile>)>,
    /// What each scope showed, with the key it was worked out under.
    scopes: Option<editions::KnownScopes>,
}

/// A page kept from an earlier rendering.
struct KeptPage {
    key: u64,
    /// The Markdown file it was made from, compared by identity: a file read again is a
    /// new text even when its bytes are the same.
    source: Option<Arc<str>>,
    file: OutputFile,
    diagnostics: Diagnostics,
}

/// Files made besides pages, by what they depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FileGroup {
    /// Charts and data downloads: the data only.
    Data,
    /// Sitemap, search index, feed: the list of documents too.
    Listing,
}

/// The keys pages are kept under.
struct Keys {
    /// Everything but documents: inputs, bulletins and the set of addresses.
    base: u64,
    /// The base and what lists show of every document.
    listing: u64,
}

impl Keys {
    /// The key of what the scopes show: the data, as of each bulletin.
    fn shown(inputs: u64, site: &Site) -> u64 {
        let mut hasher = DefaultHasher::new();
        inputs.hash(&mut hasher);
        for bulletin in &site.bulletins {
            (bulletin.period, bulletin.published).hash(&mut hasher);
        }
        hasher.finish()
    }

    fn new(inputs: u64, site: &Site, links: &SiteLinks) -> Keys {
        let mut hasher = DefaultHasher::new();
        inputs.hash(&mut hasher);
        links.hash(&mut hasher);
        for bulletin in &site.bulletins {
            (bulletin.period, bulletin.published).hash(&mut hasher);
            listed(&bulletin.document, &mut hasher);
        }
        let base = hasher.finish();
        // Each document hashed on its own, in parallel, then the hashes in document order.
        let listed: Vec<u64> = (site.notes.par_iter().chain(&site.pages))
            .map(|document| {
                let mut hasher = DefaultHasher::new();
                listed(document, &mut hasher);
                hasher.finish()
            })
            .collect();
        listed.hash(&mut hasher);
        Keys {
            base,
            listing: hasher.finish(),
        }
    }

    /// The key of `job`, and the source text it renders, if any.
    fn of(&self, job: &PageJob<'_>) -> (u64, Option<Arc<str>>) {
        let (key, source) = match job.inputs() {
            Inputs::Document(document) => (self.base, Some(Arc::clone(&document.source_text))),
            Inputs::Data => (self.base, None),
            Inputs::Listing => (self.listing, None),
        };
        let mut hasher = DefaultHasher::new();
        (key, &job.path).hash(&mut hasher);
        (hasher.finish(), source)
    }
}

/// What lists, the search index and the sitemap show of a document.
fn listed(document: &crate::model::Document, hasher: &mut DefaultHasher) {
    let d = document;
    (&d.url_path, &d.title, d.date, &d.summary, &d.tags, d.draft).hash(hasher);
}

/// Renders every page of `site` with `theme`; `statics` are the site's static files, whose
/// paths links may point to. With `reuse`, pages whose inputs did not change since the
/// rendering `reuse` kept are taken from it, and `reuse` keeps this rendering.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    statics: &[StaticFile],
    mut reuse: Option<&mut Reuse>,
    sink: Option<&PageSink<'_>>,
) -> Result<Rendered, Diagnostics> {
    let scopes = match reuse.as_deref_mut() {
        Some(reuse) => {
            let key = Keys::shown(reuse.inputs, site);
            editions::scopes(site, Some((&mut reuse.scopes, key)))
        }
        None => editions::scopes(site, None),
    };
    let jobs = pages::jobs(site, &scopes);
    let links = links(&scopes[0], &jobs, theme, statics);
    let keys = reuse
        .as_deref()
        .map(|reuse| Keys::new(reuse.inputs, site, &links));
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
    let live_charts = views::LiveCharts::new(&scopes[0].data);
    let views: Vec<Views<'_>> = scopes
        .iter()
        .map(|scope| {
            let card_pages = jobs.iter().filter(|j| j.shows_cards_of(scope)).count();
            Views::new(
                &theme.words,
                &currency,
                &config.base_path,
                scope,
                &live_charts,
                card_pages,
            )
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
    let kept = reuse.as_deref().map(|r| &r.pages);
    /// A page: rendered (unless given to the sink) or why not, its warnings, and what to keep.
    type Page = (
        Result<Option<OutputFile>, Diagnostic>,
        Diagnostics,
        Option<KeptPage>,
    );
    let results: Vec<Page> = jobs
        .par_iter()
        .map(|job| {
            let Some(keys) = &keys else {
                let (result, found) = renderer.page(job);
                let result = match (result, sink) {
                    (Ok(file), Some(sink)) => sink(&file).map(|()| None),
                    (result, _) => result.map(Some),
                };
                return (result, found, None);
            };
            let (key, source) = keys.of(job);
            let unchanged = |page: &&KeptPage| {
                page.key == key
                    && match (&page.source, &source) {
                        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                        (a, b) => a.is_none() && b.is_none(),
                    }
            };
            if let Some(page) = kept.and_then(|k| k.get(&job.path)).filter(unchanged) {
                return (Ok(Some(page.file.clone())), page.diagnostics.clone(), None);
            }
            let (result, found) = renderer.page(job);
            let page = result.as_ref().ok().map(|file| KeptPage {
                key,
                source,
                file: file.clone(),
                diagnostics: found.clone(),
            });
            (result.map(Some), found, page)
        })
        .collect();

    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::with_capacity(results.len() + scopes.len() * 8 + 8);
    let mut rendered = Vec::new();
    for (job, (result, found, page)) in jobs.iter().zip(results) {
        diagnostics.extend(found);
        match result {
            Ok(file) => files.extend(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
        if let Some(page) = page {
            rendered.push((job.path.clone(), page));
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    // The files besides pages, in groups that a preview keeps together; without a rendering
    // to keep, each part goes to the sink as soon as it is made, so that they are never all
    // in memory at once.
    let mut group = |group: FileGroup, parts: &[&dyn Fn() -> Vec<OutputFile>]| {
        let all = || parts.iter().flat_map(|part| part()).collect::<Vec<_>>();
        match (&keys, &mut reuse, sink) {
            (Some(keys), Some(reuse), _) => {
                let key = match group {
                    FileGroup::Data => keys.base,
                    FileGroup::Listing => keys.listing,
                };
                match reuse.files.get(&group) {
                    Some((kept, made)) if *kept == key => files.extend(made.iter().cloned()),
                    _ => {
                        let made = all();
                        reuse.files.insert(group, (key, made.clone()));
                        files.extend(made);
                    }
                }
                Ok(())
            }
            (_, _, Some(sink)) => parts
                .iter()
                .try_for_each(|part| part().par_iter().try_for_each(sink)),
            _ => {
                files.extend(all());
                Ok(())
            }
        }
    };
    let data_parts: [&dyn Fn() -> Vec<OutputFile>; 3] = [
        &|| chart_files(&scopes[0], &views[0]),
        &|| data_files(&scopes),
        &|| open_data(site, &scopes[0]),
    ];
    let entries = editions::entries(&scopes, &config.base_path);
    let listing = || {
        let mut made = discovery::files(site, &jobs);
        made.push(OutputFile {
            path: "feed.xml".into(),
            bytes: feed::atom(site, &entries).into_bytes().into(),
        });
        made.push(OutputFile {
            path: "versions.json".into(),
            bytes: feed::versions(&entries).into_bytes().into(),
        });
        made
    };
    let written =
        group(FileGroup::Data, &data_parts).and_then(|()| group(FileGroup::Listing, &[&listing]));
    if let Err(diagnostic) = written {
        return Err([diagnostic].into_iter().collect());
    }
    if let Some(reuse) = reuse {
        // Pages not rendered again were kept as they are.
        reuse.pages.extend(rendered);
        if reuse.pages.len() != jobs.len() {
            let paths: std::collections::HashSet<&str> =
                jobs.iter().map(|j| j.path.as_str()).collect();
            reuse.pages.retain(|path, _| paths.contains(path.as_str()));
        }
    }
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
        bytes: exports::data_package(&datasets, &info).into_bytes().into(),
    }];
    for dataset in datasets {
        let base = format!("data/{}", dataset.name);
        files.push(OutputFile {
            path: format!("{base}.csv"),
            bytes: dataset.csv,
        });
        files.push(OutputFile {
            path: format!("{base}.json"),
            bytes: dataset.json,
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
                bytes: Arc::clone(&dataset.csv),
            });
            files.push(OutputFile {
                path: format!("{base}.json"),
                bytes: Arc::clone(&dataset.json),
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
            let standalone = match source {
                // The same chart as the indicator's page shows.
                ChartSource::Indicator(i) => {
                    charts::standalone(&views.drawn_chart("chart", "", i).svg)
                }
                ChartSource::Dataset(kind) => {
                    let chart = views.site_chart(kind, &live.data, live.period, "file-")?;
                    charts::standalone(&chart.svg)
                }
            };
            let bytes = standalone.into_bytes();
            Some(OutputFile {
                path: path.clone(),
                bytes: bytes.into(),
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
