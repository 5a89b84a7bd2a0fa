//! tally builds transparency websites from Markdown notes and YAML data.
//!
//! The pipeline reads like the site is made: [`content::load`] reads the files,
//! [`validate::validate`] checks them into the [`model`], [`render::render`] turns the model
//! into pages, and [`output::write`] puts them on disk. Each stage adds to one list of
//! [`diagnostics`]; a build with any error writes nothing.

pub mod content;
pub mod diagnostics;
pub mod format;
pub mod model;
pub mod output;
pub mod period;
pub mod render;
pub mod validate;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Diagnostics};

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

/// Builds the site described by `options`.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, BuildFailure> {
    let started = Instant::now();
    let out = options.out_dir();
    let fail = |mut diagnostics: Diagnostics| {
        diagnostics.sort();
        BuildFailure { diagnostics }
    };
    let single = |diagnostic: Diagnostic| fail([diagnostic].into_iter().collect());

    output::check_folder(&options.root, &out).map_err(single)?;

    let (raw, mut diagnostics) = content::load(&options.root);
    log::debug!("read content in {:?}", started.elapsed());

    let settings = validate::Settings {
        drafts: options.drafts,
        base_url: options.base_url.clone(),
    };
    let (site, found) = validate::validate(&options.root, &raw, &settings);
    diagnostics.extend(found);
    log::debug!("validated in {:?}", started.elapsed());
    let Some(site) = site.filter(|_| !diagnostics.has_errors()) else {
        return Err(fail(diagnostics));
    };

    let mut theme =
        render::templates::load(&options.root, &site.config.theme).map_err(|found| {
            diagnostics.extend(found);
            fail(diagnostics.clone())
        })?;
    let files = render::render(&site, &mut theme, &raw.statics).map_err(|found| {
        let mut all = diagnostics.clone();
        all.extend(found);
        fail(all)
    })?;
    log::debug!("rendered {} files in {:?}", files.len(), started.elapsed());

    output::write(&out, &files, &theme.assets, &raw.statics).map_err(single)?;
    log::debug!("wrote the site in {:?}", started.elapsed());

    let charts = files.iter().map(|f| count_charts(&f.bytes)).sum();
    diagnostics.sort();
    Ok(BuildSummary {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        charts,
        files: theme.assets.len() + raw.statics.len(),
        out,
        elapsed: started.elapsed(),
        warnings: diagnostics,
    })
}

fn count_charts(html: &[u8]) -> usize {
    let needle = b"class=\"chart ";
    html.windows(needle.len()).filter(|w| *w == needle).count()
}
