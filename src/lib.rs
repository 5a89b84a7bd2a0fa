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

use std::path::PathBuf;
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
    /// The Markdown file behind each page that has one, for pointing problems at the source.
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
    let started = Instant::now();
    let (mut raw, mut diagnostics) = content::load(&options.root);
    log::debug!("read content in {:?}", started.elapsed());

    let settings = validate::Settings {
        drafts: options.drafts,
        base_url: options.base_url.clone(),
        preview: options.preview,
    };
    let (site, found) = validate::validate(&options.root, &raw, &settings);
    diagnostics.extend(found);
    log::debug!("validated in {:?}", started.elapsed());
    let Some(site) = site.filter(|_| !diagnostics.has_errors()) else {
        return Err(failure(diagnostics));
    };

    let mut theme = match render::templates::load(&options.root, &site.config.theme) {
        Ok(theme) => theme,
        Err(found) => {
            diagnostics.extend(found);
            return Err(failure(diagnostics));
        }
    };
    let statics = std::mem::take(&mut raw.statics);
    let files = match render::render(&site, &mut theme, &statics) {
        Ok(rendered) => {
            let mut files = rendered.files;
            files.push(manifest::file(&options.root, &rendered.editions));
            files
        }
        Err(found) => {
            diagnostics.extend(found);
            return Err(failure(diagnostics));
        }
    };
    log::debug!("rendered {} files in {:?}", files.len(), started.elapsed());
    diagnostics.sort();
    let documents = site.notes.iter().chain(&site.pages);
    let sources = documents
        .chain(site.bulletins.iter().map(|b| &b.document))
        .map(|d| PageSource {
            output: format!("{}index.html", d.url_path),
            path: d.source_path.clone(),
            text: d.source_text.clone(),
        })
        .collect();
    Ok(RenderedSite {
        files,
        assets: theme.assets,
        statics,
        base_url: site.config.base_url.clone(),
        sources,
        warnings: diagnostics,
    })
}

/// Builds the site described by `options` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildFailure> {
    let started = Instant::now();
    let out = options.out_dir();
    let single = |diagnostic: Diagnostic| failure([diagnostic].into_iter().collect());
    output::check_folder(&options.root, &out).map_err(single)?;

    let site = render_site(options)?;
    let written = output::write(&out, &site.files, &site.assets, &site.statics).map_err(single)?;
    log::debug!(
        "wrote {} changed files, left {} unchanged and removed {} in {:?}",
        written.changed,
        written.unchanged,
        written.removed,
        started.elapsed()
    );

    Ok(BuildSummary {
        pages: site
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count(),
        charts: site.files.par_iter().map(|f| count_charts(&f.bytes)).sum(),
        files: site.assets.len() + site.statics.len(),
        out,
        elapsed: started.elapsed(),
        warnings: site.warnings,
    })
}

fn count_charts(html: &[u8]) -> usize {
    memchr::memmem::find_iter(html, b"class=\"chart ").count()
}
