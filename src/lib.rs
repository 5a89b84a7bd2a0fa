//! tally builds transparency websites from Markdown notes and YAML data.
//!
//! The pipeline reads like the site is made: [`content::load`] reads the files,
//! [`validate::validate`] checks them into the [`model`], [`render::render`] turns the model
//! into pages, and [`output::write`] puts them on disk. Each stage adds to one list of
//! [`diagnostics`]; a build with any error writes nothing.

pub mod address;
pub mod check;
pub mod content;
pub mod diagnostics;
pub mod diff;
pub mod format;
pub mod manifest;
pub mod model;
pub mod output;
pub mod period;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod validate;

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};
use rayon::prelude::*;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, holding `content/` and optionally `themes/`.
    pub root: PathBuf,
    /// Where the site is written; `<root>/public` when `None`.
    pub out: Option<PathBuf>,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include documents marked `draft: true`.
    pub drafts: bool,
    /// Build a preview: pages ask search engines not to index them.
    pub preview: bool,
}

impl BuildOptions {
    /// The output folder.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Charts drawn.
    pub charts: usize,
    /// Other files copied (theme assets and static files).
    pub files: usize,
    /// Where the site was written.
    pub out: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// Warnings found along the way.
    pub warnings: Diagnostics,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub struct BuildFailure {
    /// Everything that was found wrong, sorted by file and line.
    pub diagnostics: Diagnostics,
}

impl BuildFailure {
    /// Whether the failure lies with the machine (disk, permissions) rather than the content.
    pub fn is_tool_failure(&self) -> bool {
        self.diagnostics.iter().any(|d| d.problem.is_tool_failure())
            && !self
                .diagnostics
                .iter()
                .any(|d| !d.problem.is_tool_failure())
    }
}

/// A site rendered in memory: every file it holds, not yet written.
pub struct RenderedSite {
    /// Pages, charts and other generated files.
    pub files: Vec<render::OutputFile>,
    /// The theme's static files, by output path.
    pub assets: Vec<(String, render::templates::Asset)>,
    /// The site's own static files.
    pub statics: Vec<content::StaticFile>,
    /// The address the site was rendered for, ending in `/`.
    pub base_url: String,
    /// The Markdown file behind each page that has one, for pointing problems at the source;
    /// listed by [`render_site`] and by a [`Session::with_sources`].
    pub sources: Vec<PageSource>,
    /// Warnings found along the way.
    pub warnings: Diagnostics,
}

/// The Markdown file a rendered page came from.
#[derive(Debug, Clone)]
pub struct PageSource {
    /// The page's output path, such as `notes/a/index.html`.
    pub output: String,
    /// The Markdown file, relative to the site root.
    pub path: String,
    /// The file's whole text.
    pub text: std::sync::Arc<str>,
}

fn failure(mut diagnostics: Diagnostics) -> BuildFailure {
    diagnostics.sort();
    BuildFailure { diagnostics }
}

/// Reads, checks and renders the site of `options` without writing anything.
pub fn render_site(options: &BuildOptions) -> Result<RenderedSite, BuildFailure> {
    Session::new(options.clone())
        .with_sources()
        .render(Changes::Unknown)
}

/// What changed in a site's files since its last rendering.
#[derive(Debug, Clone, Copy)]
pub enum Changes<'a> {
    /// Not known: everything is read again.
    Unknown,
    /// These files or folders, and nothing else.
    Paths(&'a [PathBuf]),
}

/// Renders one site again and again, as the preview does: only the files that changed are
/// read again, and only the pages whose inputs changed are rendered again. Each rendering
/// gives the same files as a fresh one.
pub struct Session {
    options: BuildOptions,
    /// The root, resolved, to recognise the paths of changes.
    resolved_root: Option<PathBuf>,
    /// What the last reading found, with the problems it reported; `None` until the first.
    loaded: Option<(content::RawContent, Diagnostics)>,
    /// The theme of the last rendering, kept while neither it nor the settings change.
    theme: Option<render::templates::Theme>,
    digests: Option<manifest::InputDigests>,
    /// Counts the themes loaded, to tell pages rendered with an earlier one.
    theme_generation: u64,
    /// Pages kept from the last rendering, when asked to keep them.
    reuse: Option<render::Reuse>,
    /// Whether renderings list the Markdown file behind each page.
    with_sources: bool,
}

impl Session {
    /// A session for the site of `options`; nothing is read until [`Session::render`].
    pub fn new(options: BuildOptions) -> Session {
        Session {
            resolved_root: std::fs::canonicalize(&options.root).ok(),
            options,
            loaded: None,
            theme: None,
            digests: None,
            theme_generation: 0,
            reuse: None,
            with_sources: false,
        }
    }

    /// Lists, in each rendering, the Markdown file behind each page, as
    /// [`RenderedSite::sources`]; without it that list is empty.
    pub fn with_sources(mut self) -> Session {
        self.with_sources = true;
        self
    }

    /// Keeps each rendering's pages, so that the next rendering after [`Changes::Paths`]
    /// renders again only the pages whose inputs changed.
    pub fn keeping_pages(mut self) -> Session {
        self.reuse = Some(render::Reuse::default());
        self
    }

    /// Renders the site after `changes`.
    pub fn render(&mut self, changes: Changes<'_>) -> Result<RenderedSite, BuildFailure> {
        self.render_into(changes, None)
    }

    /// Renders the site after `changes`, giving each page to `sink` as soon as it is rendered
    /// instead of keeping it in the result.
    fn render_into(
        &mut self,
        changes: Changes<'_>,
        sink: Option<&render::PageSink<'_>>,
    ) -> Result<RenderedSite, BuildFailure> {
        let started = Instant::now();
        let root = self.options.root.clone();
        let changed = match changes {
            Changes::Paths(paths) => self.relative(paths),
            Changes::Unknown => None,
        };
        self.read(&root, changed.as_deref());
        log::debug!("read content in {:?}", started.elapsed());
        let Some((raw, load_problems)) = &self.loaded else {
            unreachable!("read always leaves content");
        };
        let mut diagnostics = load_problems.clone();

        let settings = validate::Settings {
            drafts: self.options.drafts,
            base_url: self.options.base_url.clone(),
            preview: self.options.preview,
        };
        let (site, found) = validate::validate(&root, raw, &settings);
        diagnostics.extend(found);
        log::debug!("validated in {:?}", started.elapsed());
        let Some(site) = site.filter(|_| !diagnostics.has_errors()) else {
            return Err(failure(diagnostics));
        };

        if self.theme.is_none() {
            match render::templates::load(&root, &site.config.theme) {
                Ok(theme) => self.theme = Some(theme),
                Err(found) => {
                    diagnostics.extend(found);
                    return Err(failure(diagnostics));
                }
            }
        }
        let theme = self.theme.as_mut().expect("loaded above");
        let statics = raw.statics.clone();
        let files = match render::render(&site, theme, &statics, self.reuse.as_mut(), sink) {
            Ok(rendered) => {
                let mut files = rendered.files;
                let digests = self
                    .digests
                    .get_or_insert_with(|| manifest::InputDigests::scan(&root, &raw.digests()));
                files.push(manifest::file(&root, digests, &rendered.editions));
                files
            }
            Err(found) => {
                diagnostics.extend(found);
                return Err(failure(diagnostics));
            }
        };
        log::debug!("rendered {} files in {:?}", files.len(), started.elapsed());
        diagnostics.sort();
        let sources = if self.with_sources {
            let documents = site.notes.iter().chain(&site.pages);
            documents
                .chain(site.bulletins.iter().map(|b| &b.document))
                .map(|d| PageSource {
                    output: format!("{}index.html", d.url_path),
                    path: d.source_path.clone(),
                    text: d.source_text.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Ok(RenderedSite {
            files,
            assets: theme.assets.clone(),
            statics,
            base_url: site.config.base_url.clone(),
            sources,
            warnings: diagnostics,
        })
    }

    /// Brings the content read up to date with `changed` (root-relative paths), reading only
    /// what changed when that is enough, and everything otherwise.
    fn read(&mut self, root: &std::path::Path, changed: Option<&[String]>) {
        let documents_only = changed.is_some_and(|paths| {
            paths.iter().all(|p| {
                p.starts_with("content/pages/")
                    || p.starts_with("content/notes/")
                    || p.starts_with("content/bulletins/")
            })
        });
        if let (Some(changed), Some((raw, problems)), true) =
            (changed, self.loaded.as_mut(), documents_only)
            && let Some(found) = content::reload_documents(root, raw, changed)
        {
            problems.retain(|d| !changed.contains(&d.file));
            problems.extend(found);
            problems.sort();
            if let Some(digests) = &mut self.digests
                && !digests.update(root, changed)
            {
                self.digests = None;
            }
            return;
        }
        let (raw, problems) = content::load(root);
        let theme_changed = changed.is_none_or(|paths| {
            paths
                .iter()
                .any(|p| p.starts_with("themes/") || p == "content/site.yaml")
        });
        if theme_changed {
            self.theme = None;
            self.theme_generation += 1;
        }
        self.digests = None;
        if let Some(reuse) = &mut self.reuse {
            // Pages show the settings, the data and the theme: a change to any of them
            // changes the key every page is kept under.
            let mut hasher = std::hash::DefaultHasher::new();
            let texts = [
                raw.site.as_ref().map(|f| &f.file.text),
                raw.milestones.as_ref().map(|f| &f.file.text),
                raw.funding.as_ref().map(|f| &f.file.text),
                raw.indicators.as_ref().map(|f| &f.file.text),
                raw.risks.as_ref().map(|f| &f.file.text),
            ];
            texts.hash(&mut hasher);
            raw.statics.hash(&mut hasher);
            self.theme_generation.hash(&mut hasher);
            reuse.inputs = hasher.finish();
        }
        self.loaded = Some((raw, problems));
    }

    /// `paths` relative to the root, with `/` separators; `None` when one is outside it.
    fn relative(&self, paths: &[PathBuf]) -> Option<Vec<String>> {
        let roots = [
            Some(self.options.root.as_path()),
            self.resolved_root.as_deref(),
        ];
        paths
            .iter()
            .map(|path| {
                roots
                    .iter()
                    .flatten()
                    .find(|root| path.starts_with(root))
                    .map(|root| content::relative_to(root, path))
            })
            .collect()
    }
}

/// Builds the site described by `options` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildFailure> {
    let started = Instant::now();
    let out = options.out_dir();
    let single = |diagnostic: Diagnostic| failure([diagnostic].into_iter().collect());
    output::check_folder(&options.root, &out).map_err(single)?;

    // Pages go to disk as they are rendered, so that the site is never all in memory; the
    // writer touches the output folder only once everything rendered without errors.
    let writer = output::Writer::begin(&out).map_err(single)?;
    let pages = AtomicUsize::new(0);
    let charts = AtomicUsize::new(0);
    let written_paths = Mutex::new(Vec::new());
    let sink = |file: &render::OutputFile| {
        if file.path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        }
        charts.fetch_add(count_charts(&file.bytes), Ordering::Relaxed);
        writer.put(&output::Copy::Bytes(&file.path, &file.bytes))?;
        written_paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.path.clone());
        Ok(())
    };
    let site = match Session::new(options.clone()).render_into(Changes::Unknown, Some(&sink)) {
        Ok(site) => site,
        Err(failure) => {
            writer.abandon();
            return Err(failure);
        }
    };
    let rest = output::copies(&site.files, &site.assets, &site.statics);
    if let Err(diagnostic) = rest.par_iter().try_for_each(|copy| writer.put(copy)) {
        writer.abandon();
        return Err(single(diagnostic));
    }
    let mut paths = written_paths
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    paths.extend(rest.iter().map(|c| c.path().to_string()));
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let written = writer.finish(&paths).map_err(single)?;
    log::debug!(
        "wrote {} changed files, left {} unchanged and removed {} in {:?}",
        written.changed,
        written.unchanged,
        written.removed,
        started.elapsed()
    );

    let other_pages = site.files.iter().filter(|f| f.path.ends_with(".html"));
    Ok(BuildSummary {
        pages: pages.into_inner() + other_pages.count(),
        charts: charts.into_inner()
            + site
                .files
                .par_iter()
                .map(|f| count_charts(&f.bytes))
                .sum::<usize>(),
        files: site.assets.len() + site.statics.len(),
        out,
        elapsed: started.elapsed(),
        warnings: site.warnings,
    })
}

fn count_charts(html: &[u8]) -> usize {
    memchr::memmem::find_iter(html, b"class=\"chart ").count()
}
