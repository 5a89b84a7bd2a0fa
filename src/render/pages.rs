//! The pages of a site: which there are, and how each is rendered with its template.
//!
//! Dashboard pages (dashboard, indicators, milestones, funding, risks) are rendered once for
//! the live data and once for each edition, under that edition's prefix.

use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics, Source};
use crate::model::{Bulletin, Document, Indicator, Site};

use super::OutputFile;
use super::blocks::Blocks;
use super::editions::{self, Scope};
use super::markdown::{Markdown, SiteLinks};
use super::revisions::{self, RevisionEntry};
use super::shortcodes::Shortcode;
use super::templates::{Theme, template_error};
use super::views::{Detail, Views};

/// What a page is, for the template and the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Indicators,
    Milestones,
    Funding,
    Risks,
    Bulletins,
    Notes,
    Editions,
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
            Section::Editions => "editions",
            Section::Page => "page",
        }
    }
}

/// One page to render.
pub struct PageJob<'a> {
    /// Path below the base, with trailing slash (`indicators/x/`), or a file name (`404.html`).
    pub path: String,
    template: &'static str,
    section: Section,
    title: String,
    description: Option<String>,
    kind: JobKind<'a>,
}

enum JobKind<'a> {
    Dashboard(&'a Scope<'a>),
    IndicatorList(&'a Scope<'a>),
    Indicator(&'a Scope<'a>, &'a Indicator),
    Milestones(&'a Scope<'a>),
    Funding(&'a Scope<'a>),
    Risks(&'a Scope<'a>),
    BulletinList,
    Bulletin(&'a Bulletin),
    NoteList,
    Document(&'a Document),
    Editions,
    Revisions,
    Search,
    NotFound,
}

impl<'a> JobKind<'a> {
    /// The scope of a dashboard page.
    fn scope(&self) -> Option<&'a Scope<'a>> {
        match self {
            JobKind::Dashboard(s)
            | JobKind::IndicatorList(s)
            | JobKind::Indicator(s, _)
            | JobKind::Milestones(s)
            | JobKind::Funding(s)
            | JobKind::Risks(s) => Some(s),
            _ => None,
        }
    }
}

/// What a page shows besides the data, the theme and the settings, which every page may show.
pub enum Inputs<'a> {
    /// A Markdown document: a note, a page or a bulletin.
    Document(&'a Document),
    /// Nothing else: the data pages.
    Data,
    /// What lists show of every document: titles, dates, summaries, tags.
    Listing,
}

impl PageJob<'_> {
    /// What the page shows, to tell whether it must be rendered again after a change.
    pub fn inputs(&self) -> Inputs<'_> {
        match &self.kind {
            JobKind::Document(document) => Inputs::Document(document),
            JobKind::Bulletin(bulletin) => Inputs::Document(&bulletin.document),
            JobKind::IndicatorList(_)
            | JobKind::Indicator(..)
            | JobKind::Milestones(_)
            | JobKind::Funding(_)
            | JobKind::Risks(_)
            | JobKind::Revisions => Inputs::Data,
            JobKind::Dashboard(_)
            | JobKind::BulletinList
            | JobKind::NoteList
            | JobKind::Editions
            | JobKind::Search
            | JobKind::NotFound => Inputs::Listing,
        }
    }
}

/// Every page of the site, in a fixed order.
pub fn jobs<'a>(site: &'a Site, scopes: &'a [Scope<'a>]) -> Vec<PageJob<'a>> {
    let job = |path: String, template, section, kind| PageJob {
        path,
        template,
        section,
        title: String::new(),
        description: None,
        kind,
    };
    let mut jobs = Vec::new();
    for scope in scopes {
        let prefix = &scope.prefix;
        let data = &scope.data;
        jobs.push(job(
            prefix.clone(),
            "index.html",
            Section::Dashboard,
            JobKind::Dashboard(scope),
        ));
        if !data.indicators.is_empty() {
            let path = format!("{prefix}indicators/");
            jobs.push(job(
                path,
                "indicators.html",
                Section::Indicators,
                JobKind::IndicatorList(scope),
            ));
            for indicator in &data.indicators {
                let path = format!("{prefix}indicators/{}/", indicator.id);
                let kind = JobKind::Indicator(scope, indicator);
                let mut page = job(path, "indicator.html", Section::Indicators, kind);
                page.title = indicator.title.clone();
                page.description = indicator.description.clone();
                jobs.push(page);
            }
        }
        let sections = [
            (
                !data.milestones.is_empty(),
                "milestones",
                Section::Milestones,
                JobKind::Milestones(scope),
            ),
            (
                data.funding.is_some(),
                "funding",
                Section::Funding,
                JobKind::Funding(scope),
            ),
            (
                !data.risks.is_empty(),
                "risks",
                Section::Risks,
                JobKind::Risks(scope),
            ),
        ];
        for (present, name, section, kind) in sections {
            if present {
                let template = match section {
                    Section::Milestones => "milestones.html",
                    Section::Funding => "funding.html",
                    _ => "risks.html",
                };
                jobs.push(job(format!("{prefix}{name}/"), template, section, kind));
            }
        }
    }
    jobs.push(job(
        "bulletins/".into(),
        "bulletins.html",
        Section::Bulletins,
        JobKind::BulletinList,
    ));
    for bulletin in &site.bulletins {
        let path = bulletin.document.url_path.clone();
        let mut page = job(
            path,
            "bulletin.html",
            Section::Bulletins,
            JobKind::Bulletin(bulletin),
        );
        page.title = bulletin.document.title.clone();
        page.description = bulletin.document.summary.clone();
        jobs.push(page);
    }
    jobs.push(job(
        "notes/".into(),
        "notes.html",
        Section::Notes,
        JobKind::NoteList,
    ));
    for document in site.notes.iter().chain(&site.pages) {
        let section = if document.url_path.starts_with("notes/") {
            Section::Notes
        } else {
            Section::Page
        };
        let kind = JobKind::Document(document);
        let mut page = job(document.url_path.clone(), "page.html", section, kind);
        page.title = document.title.clone();
        page.description = document.summary.clone();
        jobs.push(page);
    }
    jobs.push(job(
        "editions/".into(),
        "editions.html",
        Section::Editions,
        JobKind::Editions,
    ));
    jobs.push(job(
        "revisions/".into(),
        "revisions.html",
        Section::Indicators,
        JobKind::Revisions,
    ));
    jobs.push(job(
        "search/".into(),
        "search.html",
        Section::Page,
        JobKind::Search,
    ));
    jobs.push(job(
        "404.html".into(),
        "404.html",
        Section::Page,
        JobKind::NotFound,
    ));
    jobs
}

/// A kind of page the search covers, with every page of that kind.
#[derive(Serialize)]
struct SearchGroup {
    label: String,
    links: Vec<SearchLink>,
}

/// A page the search covers.
#[derive(Serialize)]
struct SearchLink {
    title: String,
    url: String,
}

/// Navigation entry.
#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    label: String,
    url: String,
    current: bool,
}

/// The page's own values for templates.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    url: String,
    canonical: String,
    description: &'a str,
    section: &'static str,
    /// The period of the data the page shows.
    data_period: Option<String>,
    /// Which edition's data the page shows, with its digest, for the footer.
    edition_note: String,
}

/// Renders pages; shared by all threads.
pub struct PageRenderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub scopes: &'a [Scope<'a>],
    /// Formatting for each scope, in the order of `scopes`.
    pub views: &'a [Views<'a>],
    pub links: &'a SiteLinks,
    /// For each scope, the revisions made after its edition was published to the figures it
    /// showed; empty for the live site.
    pub revised_since: &'a [Vec<RevisionEntry>],
}

impl PageRenderer<'_> {
    fn scope_index(&self, scope: &Scope<'_>) -> usize {
        self.scopes
            .iter()
            .position(|s| std::ptr::eq(s, scope))
            .unwrap_or(0)
    }

    fn edition_index(&self, bulletin: &Bulletin) -> usize {
        self.scopes
            .iter()
            .position(|s| s.edition.is_some_and(|b| b.period == bulletin.period))
            .unwrap_or(0)
    }

    /// Renders one page, with the problems its Markdown has.
    pub fn page(&self, job: &PageJob<'_>) -> (Result<OutputFile, Diagnostic>, Diagnostics) {
        let mut diagnostics = Diagnostics::new();
        let mut context = Context::new();
        let words = &self.theme.words;
        let config = &self.site.config;
        let index = match &job.kind {
            JobKind::Bulletin(bulletin) => self.edition_index(bulletin),
            kind => kind.scope().map_or(0, |s| self.scope_index(s)),
        };
        let scope = &self.scopes[index];
        let views = &self.views[index];
        let title = match job.kind {
            JobKind::Dashboard(_) => words.get("dashboard.title").to_string(),
            JobKind::IndicatorList(_) => words.get("indicators.title").to_string(),
            JobKind::Milestones(_) => words.get("milestones.title").to_string(),
            JobKind::Funding(_) => words.get("funding.title").to_string(),
            JobKind::Risks(_) => words.get("risks.title").to_string(),
            JobKind::BulletinList => words.get("bulletins.title").to_string(),
            JobKind::NoteList => words.get("notes.title").to_string(),
            JobKind::Editions => words.get("editions.title").to_string(),
            JobKind::Revisions => words.get("revisions.title").to_string(),
            JobKind::Search => words.get("search.title").to_string(),
            JobKind::NotFound => words.get("not_found.title").to_string(),
            _ => job.title.clone(),
        };
        let period = scope.period_text();
        let edition_note = match scope.edition {
            Some(_) => words.fill(
                "editions.footer",
                &[("period", &period), ("digest", &scope.digest)],
            ),
            None => words.fill(
                "editions.footer_live",
                &[("period", &period), ("digest", &scope.digest)],
            ),
        };
        let page = PageMeta {
            title: &title,
            url: views.url(&job.path),
            canonical: format!("{}{}", config.base_url, job.path),
            description: job.description.as_deref().unwrap_or(&config.description),
            section: job.section.key(),
            data_period: scope.period.map(|p| p.to_string()),
            edition_note,
        };
        context.insert("page", &page);
        context.insert("nav", &self.nav(job.section, scope, views));
        context.insert("period", &period);
        context.insert("dashboard_base", &views.dashboard_path);
        if job.kind.scope().is_some() {
            let relative = &job.path[scope.prefix.len()..];
            let switcher =
                editions::switcher(self.scopes, scope, relative, &config.base_path, words);
            context.insert("switcher", &switcher);
            context.insert("banner", &editions::banner(scope, words));
            context.insert("latest_url", &format!("{}{relative}", config.base_path));
        }
        self.fill(&job.kind, index, &mut context, &mut diagnostics);

        let output = if job.path.ends_with('/') || job.path.is_empty() {
            format!("{}index.html", job.path)
        } else {
            job.path.clone()
        };
        // Most pages are a note's text and about 4 kB of header and footer; bigger pages grow.
        let mut html = Vec::with_capacity(16 * 1024);
        let result = self
            .theme
            .tera
            .render_to(job.template, &context, &mut html)
            .map(|()| OutputFile {
                path: output,
                bytes: html.into(),
            })
            .map_err(|error| template_error(&error));
        (result, diagnostics)
    }

    /// Puts what the page's template shows into `context`.
    fn fill(
        &self,
        kind: &JobKind<'_>,
        index: usize,
        context: &mut Context,
        diagnostics: &mut Diagnostics,
    ) {
        let scope = &self.scopes[index];
        let views = &self.views[index];
        let data = &scope.data;
        let period = scope.period;
        match kind {
            JobKind::Dashboard(_) => {
                context.insert_value("dashboard", views.dashboard(true));
                // An edition shows its own bulletin and the notes it could have linked to,
                // so that its bytes never change.
                let latest = match scope.edition {
                    Some(bulletin) => Some(bulletin),
                    None => self.site.bulletins.first(),
                };
                context.insert("latest_bulletin", &latest.map(|b| views.bulletin(b)));
                let published = scope.edition.map(|b| b.published);
                let notes: Vec<_> = self
                    .site
                    .notes
                    .iter()
                    .filter(|n| match published {
                        None => true,
                        Some(Some(day)) => n.date.is_some_and(|d| d <= day),
                        Some(None) => false,
                    })
                    .take(3)
                    .map(|d| views.document(d))
                    .collect();
                context.insert("notes", &notes);
            }
            JobKind::IndicatorList(_) => {
                context.insert_value("indicators", views.cards());
            }
            JobKind::Indicator(_, indicator) => {
                context.insert("indicator", &views.indicator(indicator, Detail::Full("")));
            }
            JobKind::Milestones(_) => {
                context.insert("groups", &views.milestone_groups(&data.milestones, None));
                context.insert("counts", &views.status_counts(&data.milestones));
                context.insert("timeline", &views.site_chart("timeline", data, period, ""));
                context.insert("timeline_rows", &views.timeline_rows(&data.milestones));
            }
            JobKind::Funding(_) => {
                let funding = data.funding.as_ref();
                context.insert("funding", &funding.map(|f| views.funding(f)));
                context.insert("quarter_rows", &funding.map(|f| views.quarter_rows(f)));
                for (name, chart) in [
                    ("quarters_chart", "funding-quarters"),
                    ("instruments_chart", "funding-instruments"),
                    ("regions_chart", "funding-regions"),
                ] {
                    context.insert(name, &views.site_chart(chart, data, period, ""));
                }
            }
            JobKind::Risks(_) => {
                context.insert("risks", &views.risks(&data.risks, None));
                context.insert(
                    "heatmap",
                    &views.site_chart("risk-heatmap", data, period, ""),
                );
            }
            JobKind::BulletinList => {
                let list: Vec<_> = self
                    .site
                    .bulletins
                    .iter()
                    .map(|b| views.bulletin(b))
                    .collect();
                context.insert("bulletins", &list);
            }
            JobKind::Bulletin(bulletin) => {
                let content = self.markdown(&bulletin.document, index, diagnostics);
                context.insert("bulletin", &views.bulletin(bulletin));
                context.insert("content", &content);
                context.insert("edition_url", &views.dashboard_path);
            }
            JobKind::NoteList => {
                let list: Vec<_> = self.site.notes.iter().map(|d| views.document(d)).collect();
                context.insert("notes", &list);
            }
            JobKind::Document(document) => {
                let content = self.markdown(document, index, diagnostics);
                context.insert("document", &views.document(document));
                context.insert("content", &content);
            }
            JobKind::Editions => {
                context.insert(
                    "editions",
                    &editions::entries(self.scopes, &self.site.config.base_path),
                );
            }
            JobKind::Revisions => {
                let log = revisions::log(&self.site.data, views);
                context.insert("revisions", &log);
            }
            JobKind::Search => context.insert("groups", &self.search_groups(views)),
            JobKind::NotFound => {}
        }
    }

    /// Everything the search covers, grouped, for the search page without JavaScript.
    fn search_groups(&self, views: &Views<'_>) -> Vec<SearchGroup> {
        let words = &self.theme.words;
        let site = self.site;
        let link = |title: &str, url: String| SearchLink {
            title: title.to_string(),
            url,
        };
        let groups = [
            (
                "search.bulletins",
                site.bulletins
                    .iter()
                    .map(|b| link(&b.document.title, views.url(&b.document.url_path)))
                    .collect(),
            ),
            (
                "search.notes",
                site.notes
                    .iter()
                    .map(|n| link(&n.title, views.url(&n.url_path)))
                    .collect(),
            ),
            (
                "search.indicators",
                site.data
                    .indicators
                    .iter()
                    .map(|i| link(&i.title, views.url(&format!("indicators/{}/", i.id))))
                    .collect(),
            ),
            (
                "search.milestones",
                site.data
                    .milestones
                    .iter()
                    .map(|m| {
                        link(
                            &m.title,
                            views.url(&format!("milestones/#milestone-{}", m.id)),
                        )
                    })
                    .collect(),
            ),
        ];
        groups
            .into_iter()
            .filter(|(_, links): &(&str, Vec<SearchLink>)| !links.is_empty())
            .map(|(key, links)| SearchGroup {
                label: words.get(key).to_string(),
                links,
            })
            .collect()
    }

    fn nav(&self, current: Section, scope: &Scope<'_>, views: &Views<'_>) -> Vec<NavItem> {
        let data = &scope.data;
        let words = &self.theme.words;
        let dashboard = [
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
        ];
        let rest = [
            (Section::Bulletins, "bulletins/", true),
            (Section::Notes, "notes/", true),
        ];
        let item = |section: Section, url: String| NavItem {
            key: section.key(),
            label: words.get(&format!("nav.{}", section.key())).to_string(),
            url,
            current: section == current,
        };
        let mut items: Vec<NavItem> = dashboard
            .into_iter()
            .filter(|(_, _, shown)| *shown)
            .map(|(section, path, _)| item(section, format!("{}{path}", views.dashboard_path)))
            .collect();
        items.extend(
            rest.into_iter()
                .map(|(section, path, _)| item(section, views.url(path))),
        );
        items
    }

    /// A document's body as HTML; its shortcode blocks show the data of `scope`.
    fn markdown(&self, document: &Document, index: usize, diagnostics: &mut Diagnostics) -> String {
        let scope = &self.scopes[index];
        let views = &self.views[index];
        let blocks = Blocks {
            theme: self.theme,
            views,
            data: &scope.data,
            period: scope.period,
            revised_since: &self.revised_since[index],
        };
        let render_block = |shortcode: &Shortcode| blocks.render(shortcode);
        let markdown = Markdown {
            source: Source {
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

impl PageJob<'_> {
    /// Whether the page shows every indicator card of `scope`: its dashboard and its
    /// indicator list.
    pub fn shows_cards_of(&self, scope: &Scope<'_>) -> bool {
        match self.kind {
            JobKind::Dashboard(s) | JobKind::IndicatorList(s) => std::ptr::eq(s, scope),
            _ => false,
        }
    }

    /// The day the page's content last changed, as far as the content says: a document's date,
    /// a bulletin's publication, or the publication of the edition a dashboard page shows.
    pub fn last_modified(&self, site: &Site) -> Option<jiff::civil::Date> {
        let newest = site.bulletins.iter().filter_map(|b| b.published).max();
        match &self.kind {
            JobKind::Bulletin(bulletin) => bulletin.published.or(bulletin.document.date),
            JobKind::Document(document) => document.date.or(newest),
            kind => match kind.scope().and_then(|s| s.edition) {
                Some(bulletin) => bulletin.published,
                None => newest,
            },
        }
    }

    /// Whether the page belongs in the sitemap: every page but the not-found page.
    pub fn is_listed(&self) -> bool {
        !matches!(self.kind, JobKind::NotFound)
    }
}
