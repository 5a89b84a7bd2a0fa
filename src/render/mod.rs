//! Rendering: turns the validated site into output files (HTML pages and theme assets).
//!
//! The list of pages is made first, so that every link can be checked against it; then the
//! pages render in parallel. Markdown bodies are converted once, as part of their page.

pub mod blocks;
pub mod charts;
pub mod markdown;
pub mod shortcodes;
pub mod templates;
pub mod views;
pub mod words;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::content::StaticFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Bulletin, Data, Document, Site};
use crate::period::Period;

use markdown::{Markdown, SiteLinks};
use templates::{Theme, template_error};
use views::{Detail, Views};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path in the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What a page is, for the template and the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Dashboard,
    Indicators,
    Milestones,
    Funding,
    Risks,
    Bulletins,
    Notes,
    Page,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Dashboard => "dashboard",
            Section::Indicators => "indicators",
            Section::Milestones => "milestones",
            Section::Funding => "funding",
            Section::Risks => "risks",
            Section::Bulletins => "bulletins",
            Section::Notes => "notes",
            Section::Page => "page",
        }
    }
}

/// One page to render.
struct PageJob<'a> {
    /// Path below the base, with trailing slash (`indicators/x/`), or a file name (`404.html`).
    path: String,
    template: &'static str,
    section: Section,
    title: String,
    description: Option<String>,
    kind: JobKind<'a>,
}

enum JobKind<'a> {
    Dashboard,
    IndicatorList,
    Indicator(&'a crate::model::Indicator),
    Milestones,
    Funding,
    Risks,
    BulletinList,
    Bulletin(&'a Bulletin),
    NoteList,
    Document(&'a Document),
    NotFound,
}

/// Navigation entry.
#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    label: String,
    url: String,
    current: bool,
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
    /// The period of the data shown, such as `2025-Q3`.
    period: Option<String>,
    stylesheet: String,
    favicon: Option<String>,
}

/// Renders every page of `site` with `theme`; `statics` are the site's static files, whose
/// paths links may point to.
pub fn render(
    site: &Site,
    theme: &mut Theme,
    statics: &[StaticFile],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let jobs = jobs(site);
    let links = links(site, &jobs, theme, statics);
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
        period: site.current_period.map(|p| p.to_string()),
        stylesheet: format!("{}style.css", config.base_path),
        favicon,
    };
    let globals = theme.tera.global_context();
    globals.insert("site", &site_view);
    globals.insert("t", &theme.words);

    let theme = &*theme;
    let views = Views {
        words: &theme.words,
        currency: &currency,
        base_path: &config.base_path,
    };
    let renderer = PageRenderer {
        site,
        theme,
        views: &views,
        links: &links,
    };
    let results: Vec<(Result<OutputFile, Diagnostic>, Diagnostics)> =
        jobs.par_iter().map(|job| renderer.page(job)).collect();

    let mut diagnostics = Diagnostics::new();
    let mut files = Vec::with_capacity(results.len() + theme.assets.len());
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
    files.extend(chart_files(site, &views));
    Ok(files)
}

/// What a standalone chart under `/charts/` draws.
enum ChartSource<'a> {
    /// An indicator's line chart.
    Indicator(&'a crate::model::Indicator),
    /// A chart of a whole dataset, by kind.
    Dataset(&'static str),
}

/// The standalone charts of the site, by output path.
fn chart_sources(site: &Site) -> Vec<(String, ChartSource<'_>)> {
    let data = &site.data;
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
fn chart_files(site: &Site, views: &Views<'_>) -> Vec<OutputFile> {
    chart_sources(site)
        .par_iter()
        .filter_map(|(path, source)| {
            let chart = match source {
                ChartSource::Indicator(i) => views.indicator_chart("indicator", i, "file-"),
                ChartSource::Dataset(kind) => {
                    views.site_chart(kind, &site.data, site.current_period, "file-")
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

/// Every page of the site, in a fixed order.
fn jobs(site: &Site) -> Vec<PageJob<'_>> {
    let job = |path: String, template, section, title: String, kind| PageJob {
        path,
        template,
        section,
        title,
        description: None,
        kind,
    };
    let data = &site.data;
    let mut jobs = vec![job(
        String::new(),
        "index.html",
        Section::Dashboard,
        String::new(),
        JobKind::Dashboard,
    )];
    if !data.indicators.is_empty() {
        jobs.push(job(
            "indicators/".into(),
            "indicators.html",
            Section::Indicators,
            String::new(),
            JobKind::IndicatorList,
        ));
        for indicator in &data.indicators {
            let mut page = job(
                format!("indicators/{}/", indicator.id),
                "indicator.html",
                Section::Indicators,
                indicator.title.clone(),
                JobKind::Indicator(indicator),
            );
            page.description = indicator.description.clone();
            jobs.push(page);
        }
    }
    if !data.milestones.is_empty() {
        jobs.push(job(
            "milestones/".into(),
            "milestones.html",
            Section::Milestones,
            String::new(),
            JobKind::Milestones,
        ));
    }
    if data.funding.is_some() {
        jobs.push(job(
            "funding/".into(),
            "funding.html",
            Section::Funding,
            String::new(),
            JobKind::Funding,
        ));
    }
    if !data.risks.is_empty() {
        jobs.push(job(
            "risks/".into(),
            "risks.html",
            Section::Risks,
            String::new(),
            JobKind::Risks,
        ));
    }
    jobs.push(job(
        "bulletins/".into(),
        "bulletins.html",
        Section::Bulletins,
        String::new(),
        JobKind::BulletinList,
    ));
    for bulletin in &site.bulletins {
        let mut page = job(
            bulletin.document.url_path.clone(),
            "bulletin.html",
            Section::Bulletins,
            bulletin.document.title.clone(),
            JobKind::Bulletin(bulletin),
        );
        page.description = bulletin.document.summary.clone();
        jobs.push(page);
    }
    jobs.push(job(
        "notes/".into(),
        "notes.html",
        Section::Notes,
        String::new(),
        JobKind::NoteList,
    ));
    for document in site.notes.iter().chain(&site.pages) {
        let section = if document.url_path.starts_with("notes/") {
            Section::Notes
        } else {
            Section::Page
        };
        let mut page = job(
            document.url_path.clone(),
            "page.html",
            section,
            document.title.clone(),
            JobKind::Document(document),
        );
        page.description = document.summary.clone();
        jobs.push(page);
    }
    jobs.push(job(
        "404.html".into(),
        "404.html",
        Section::Page,
        String::new(),
        JobKind::NotFound,
    ));
    jobs
}

fn links(site: &Site, jobs: &[PageJob<'_>], theme: &Theme, statics: &[StaticFile]) -> SiteLinks {
    let mut links = SiteLinks::default();
    for (path, _) in chart_sources(site) {
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
    links
}

struct PageRenderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    views: &'a Views<'a>,
    links: &'a SiteLinks,
}

impl PageRenderer<'_> {
    fn page(&self, job: &PageJob<'_>) -> (Result<OutputFile, Diagnostic>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut context = Context::new();
        let words = &self.theme.words;
        let period = self.site.current_period;
        let period_text = period.map(|p| p.to_string()).unwrap_or_default();
        let title = match job.kind {
            JobKind::Dashboard => words.get("dashboard.title").to_string(),
            JobKind::IndicatorList => words.get("indicators.title").to_string(),
            JobKind::Milestones => words.get("milestones.title").to_string(),
            JobKind::Funding => words.get("funding.title").to_string(),
            JobKind::Risks => words.get("risks.title").to_string(),
            JobKind::BulletinList => words.get("bulletins.title").to_string(),
            JobKind::NoteList => words.get("notes.title").to_string(),
            JobKind::NotFound => words.get("not_found.title").to_string(),
            _ => job.title.clone(),
        };
        context.insert(
            "page",
            &PageMeta {
                title: &title,
                url: self.views.url(&job.path),
                canonical: format!("{}{}", self.site.config.base_url, job.path),
                description: job
                    .description
                    .as_deref()
                    .unwrap_or(&self.site.config.description),
                section: job.section.key(),
                data_period: match job.kind {
                    JobKind::Bulletin(bulletin) => Some(bulletin.period.to_string()),
                    _ => period.map(|p| p.to_string()),
                },
            },
        );
        context.insert("nav", &self.nav(job.section));
        context.insert("period", &period_text);

        let data = &self.site.data;
        match job.kind {
            JobKind::Dashboard => {
                context.insert("dashboard", &self.views.dashboard(data));
                let latest = self.site.bulletins.first().map(|b| self.views.bulletin(b));
                context.insert("latest_bulletin", &latest);
                let notes: Vec<_> = self
                    .site
                    .notes
                    .iter()
                    .take(3)
                    .map(|d| self.views.document(d))
                    .collect();
                context.insert("notes", &notes);
            }
            JobKind::IndicatorList => {
                let indicators: Vec<_> = data
                    .indicators
                    .iter()
                    .map(|i| self.views.indicator(i, Detail::Card("")))
                    .collect();
                context.insert("indicators", &indicators);
            }
            JobKind::Indicator(indicator) => {
                let view = self.views.indicator(indicator, Detail::Full(""));
                context.insert("indicator", &view);
            }
            JobKind::Milestones => {
                context.insert(
                    "groups",
                    &self.views.milestone_groups(&data.milestones, None),
                );
                context.insert("counts", &self.views.status_counts(&data.milestones));
                context.insert(
                    "timeline",
                    &self.views.site_chart("timeline", data, period, ""),
                );
                context.insert("timeline_rows", &self.views.timeline_rows(&data.milestones));
            }
            JobKind::Funding => {
                let funding = data.funding.as_ref();
                context.insert("funding", &funding.map(|f| self.views.funding(f)));
                context.insert("quarter_rows", &funding.map(|f| self.views.quarter_rows(f)));
                for (name, kind) in [
                    ("quarters_chart", "funding-quarters"),
                    ("instruments_chart", "funding-instruments"),
                    ("regions_chart", "funding-regions"),
                ] {
                    context.insert(name, &self.views.site_chart(kind, data, period, ""));
                }
            }
            JobKind::Risks => {
                context.insert("risks", &self.views.risks(&data.risks, None));
                context.insert(
                    "heatmap",
                    &self.views.site_chart("risk-heatmap", data, period, ""),
                );
            }
            JobKind::BulletinList => {
                let bulletins: Vec<_> = self
                    .site
                    .bulletins
                    .iter()
                    .map(|b| self.views.bulletin(b))
                    .collect();
                context.insert("bulletins", &bulletins);
            }
            JobKind::Bulletin(bulletin) => {
                let as_of = data.as_of(bulletin.period, bulletin.published);
                let period = Some(bulletin.period);
                let content = self.markdown(&bulletin.document, &as_of, period, &mut diagnostics);
                context.insert("bulletin", &self.views.bulletin(bulletin));
                context.insert("content", &content);
            }
            JobKind::NoteList => {
                let notes: Vec<_> = self
                    .site
                    .notes
                    .iter()
                    .map(|d| self.views.document(d))
                    .collect();
                context.insert("notes", &notes);
            }
            JobKind::Document(document) => {
                let content = self.markdown(document, data, period, &mut diagnostics);
                context.insert("document", &self.views.document(document));
                context.insert("content", &content);
            }
            JobKind::NotFound => {}
        }
        let output = if job.path.ends_with('/') || job.path.is_empty() {
            format!("{}index.html", job.path)
        } else {
            job.path.clone()
        };
        let result = self
            .theme
            .tera
            .render(job.template, &context)
            .map(|html| OutputFile {
                path: output,
                bytes: html.into_bytes(),
            })
            .map_err(|error| template_error(&error));
        (result, diagnostics)
    }

    fn nav(&self, current: Section) -> Vec<NavItem> {
        let data = &self.site.data;
        let words = &self.theme.words;
        let sections = [
            (Section::Dashboard, "", true),
            (
                Section::Indicators,
                "indicators/",
                !data.indicators.is_empty(),
            ),
            (
                Section::Milestones,
                "milestones/",
                !data.milestones.is_empty(),
            ),
            (Section::Funding, "funding/", data.funding.is_some()),
            (Section::Risks, "risks/", !data.risks.is_empty()),
            (Section::Bulletins, "bulletins/", true),
            (Section::Notes, "notes/", true),
        ];
        sections
            .into_iter()
            .filter(|(_, _, shown)| *shown)
            .map(|(section, path, _)| NavItem {
                key: section.key(),
                label: words.get(&format!("nav.{}", section.key())).to_string(),
                url: self.views.url(path),
                current: section == current,
            })
            .collect()
    }

    /// A document's body as HTML; its shortcode blocks show `data` as of its period.
    fn markdown(
        &self,
        document: &Document,
        data: &Data,
        period: Option<Period>,
        diagnostics: &mut Diagnostics,
    ) -> String {
        let blocks = blocks::Blocks {
            theme: self.theme,
            views: self.views,
            data,
            period,
        };
        let render_block = |shortcode: &shortcodes::Shortcode| blocks.render(shortcode);
        let markdown = Markdown {
            source: crate::diagnostics::Source {
                path: &document.source_path,
                text: &document.source_text,
            },
            body_start: document.body_start,
            allow_raw_html: self.site.config.allow_raw_html,
            base_path: &self.site.config.base_path,
            links: self.links,
            blocks: &render_block,
            task_words: (
                self.theme.words.get("task.done"),
                self.theme.words.get("task.open"),
            ),
        };
        markdown.render(diagnostics)
    }
}

/// The page's own values for templates.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    url: String,
    canonical: String,
    description: &'a str,
    section: &'static str,
    /// The period of the data the page shows: the bulletin's own, else the live period.
    data_period: Option<String>,
}
