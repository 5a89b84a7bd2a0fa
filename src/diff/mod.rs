//! The reviewer's report: what a change does to the published site.
//!
//! [`compare`] takes two folders written by `tally build`, the old one (usually the main
//! branch) and the new one (the pull request), and gives a [`Report`]: the pages added,
//! removed and changed, with links into the new build's preview; the indicator values,
//! milestone statuses, funding totals and risk scores that differ; and the new revisions.
//! [`render_markdown`] draws it for a pull-request comment and [`render_json`] for tools. Both
//! are sorted, so the same two folders always give the same bytes.

mod data;
mod markdown;
mod site;

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

pub use data::{
    Amounts, FundingChange, LatestScore, Revision, RiskChange, StatusChange, ValueChange,
};
pub use markdown::render_markdown;

use data::Datasets;
use site::BuiltSite;

/// Which builds to compare and where the new one can be seen.
#[derive(Debug, Clone)]
pub struct DiffOptions {
    /// The build before the change.
    pub old: PathBuf,
    /// The build after the change.
    pub new: PathBuf,
    /// The address the new build is served from; when `None`, the canonical address of the
    /// new build's home page.
    pub preview_url: Option<String>,
}

/// Everything that differs between two builds.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The build before the change.
    pub old: BuildInfo,
    /// The build after the change.
    pub new: BuildInfo,
    /// The address the links into the new build start with, ending in `/`.
    pub preview_url: Option<String>,
    /// HTML pages added, removed or changed, outside the editions already published.
    pub pages: Vec<FileChange>,
    /// Any file of an edition the old build already published that differs; editions must
    /// stay byte-identical, so every entry here is a warning.
    pub published_editions: Vec<FileChange>,
    /// Files other than pages (charts, data, feeds, manifests) added, removed or changed.
    pub other_files: Vec<FileChange>,
    /// Indicator values that differ, by indicator and period.
    pub indicator_values: Vec<ValueChange>,
    /// Milestones whose status differs.
    pub milestones: Vec<StatusChange>,
    /// Funding totals that differ, overall and per instrument.
    pub funding: Vec<FundingChange>,
    /// Risks whose latest score differs.
    pub risks: Vec<RiskChange>,
    /// Published values corrected by the change.
    pub revisions: Vec<Revision>,
}

impl Report {
    /// Whether nothing at all differs.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
            && self.published_editions.is_empty()
            && self.other_files.is_empty()
            && self.indicator_values.is_empty()
            && self.milestones.is_empty()
            && self.funding.is_empty()
            && self.risks.is_empty()
            && self.revisions.is_empty()
    }
}

/// What identifies one of the two builds.
#[derive(Debug, Clone, Serialize)]
pub struct BuildInfo {
    /// The folder, as given on the command line.
    pub folder: String,
    /// The git commit it was built from, when known.
    pub source_commit: Option<String>,
    /// The digest of its input files.
    pub inputs_digest: Option<String>,
    /// The address it was built for, from its home page's canonical link.
    pub base_url: Option<String>,
    /// The folder its figures were read from, such as `data/`; `None` when it has no data.
    pub data: Option<String>,
}

/// One file that is in one build only, or in both with different bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    /// The path in the build, such as `funding/index.html`.
    pub path: String,
    /// Added, removed or changed.
    pub change: Change,
    /// Where to see it in the new build; `None` for a removed file or an unknown address.
    pub url: Option<String>,
}

/// How a file differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Only in the new build.
    Added,
    /// Only in the old build.
    Removed,
    /// In both, with different bytes.
    Changed,
}

/// Why two folders could not be compared. The wording lives here, in [`fmt::Display`] and
/// [`DiffError::help`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffError {
    /// The folder does not exist.
    NoFolder { folder: PathBuf },
    /// The folder has no `build.json` written by tally.
    NotABuild { folder: PathBuf },
    /// A file could not be read.
    Unreadable { path: PathBuf, reason: String },
    /// A data file is not the JSON tally writes.
    BadData {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    /// The preview address is not an absolute `http` or `https` address.
    BadPreviewUrl { url: String },
}

impl DiffError {
    /// What to do about it.
    pub fn help(&self) -> String {
        match self {
            DiffError::NoFolder { .. } | DiffError::NotABuild { .. } => {
                "Give two folders written by `tally build`, for example \
                 `tally build --out main-site` on the main branch."
                    .into()
            }
            DiffError::Unreadable { .. } => "Check that the file exists and can be read.".into(),
            DiffError::BadData { .. } => {
                "Build the site again with `tally build`; the file may have been edited by hand."
                    .into()
            }
            DiffError::BadPreviewUrl { .. } => {
                "Give the full address, such as `https://host/pr-42/`.".into()
            }
        }
    }

    /// Whether the failure lies with the machine (disk, permissions) rather than the folders.
    pub fn is_tool_failure(&self) -> bool {
        matches!(self, DiffError::Unreadable { .. })
    }
}

impl fmt::Display for DiffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DiffError::NoFolder { folder } => {
                write!(f, "The folder `{}` does not exist.", folder.display())
            }
            DiffError::NotABuild { folder } => write!(
                f,
                "The folder `{}` is not a site built by tally: it has no build.json written \
                 by tally.",
                folder.display()
            ),
            DiffError::Unreadable { path, reason } => {
                write!(f, "`{}` could not be read: {reason}.", path.display())
            }
            DiffError::BadData { path, line, column } => write!(
                f,
                "{}:{line}:{column}: this is not a data file written by tally.",
                path.display()
            ),
            DiffError::BadPreviewUrl { url } => write!(
                f,
                "The preview address `{url}` does not start with `http://` or `https://`."
            ),
        }
    }
}

impl std::error::Error for DiffError {}

/// Compares the two builds of `options`.
pub fn compare(options: &DiffOptions) -> Result<Report, DiffError> {
    let preview_url = options
        .preview_url
        .as_deref()
        .map(check_preview_url)
        .transpose()?;
    let old = BuiltSite::read(&options.old)?;
    let new = BuiltSite::read(&options.new)?;
    let (old_data, old_info) = read_data(&old)?;
    let (new_data, new_info) = read_data(&new)?;
    let preview_url = preview_url.or_else(|| new.base_url.clone());
    let files = compare_files(&old, &new, preview_url.as_deref());

    Ok(Report {
        old: old_info,
        new: new_info,
        preview_url,
        pages: files.pages,
        published_editions: files.published_editions,
        other_files: files.other_files,
        indicator_values: data::value_changes(&old_data.values, &new_data.values),
        milestones: data::status_changes(&old_data.milestones, &new_data.milestones),
        funding: data::funding_changes(&old_data.awards, &new_data.awards),
        risks: data::risk_changes(&old_data.assessments, &new_data.assessments),
        revisions: data::new_revisions(&old_data.values, &new_data.values),
    })
}

/// The report as pretty-printed JSON, ending in a line break.
pub fn render_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("the report serialises") + "\n"
}

fn check_preview_url(url: &str) -> Result<String, DiffError> {
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    if !absolute || url.contains(char::is_whitespace) {
        return Err(DiffError::BadPreviewUrl { url: url.into() });
    }
    Ok(if url.ends_with('/') {
        url.into()
    } else {
        format!("{url}/")
    })
}

fn read_data(site: &BuiltSite) -> Result<(Datasets, BuildInfo), DiffError> {
    let folder = site.data_folder()?;
    let datasets = match &folder {
        Some(folder) => Datasets::read(&site.folder.join(folder))?,
        None => Datasets::default(),
    };
    let info = BuildInfo {
        folder: site.folder.display().to_string(),
        source_commit: site.manifest.source_commit.clone(),
        inputs_digest: site.manifest.inputs_digest.clone(),
        base_url: site.base_url.clone(),
        data: folder,
    };
    Ok((datasets, info))
}

/// The files that differ, in three groups, each sorted by the address a reader sees.
struct FileChanges {
    pages: Vec<FileChange>,
    published_editions: Vec<FileChange>,
    other_files: Vec<FileChange>,
}

fn compare_files(old: &BuiltSite, new: &BuiltSite, preview_url: Option<&str>) -> FileChanges {
    let published: BTreeSet<&str> = old.files.keys().filter_map(|p| edition_of(p)).collect();
    let paths: BTreeSet<&String> = old.files.keys().chain(new.files.keys()).collect();
    let mut changes = FileChanges {
        pages: Vec::new(),
        published_editions: Vec::new(),
        other_files: Vec::new(),
    };
    for path in paths {
        let change = match (old.files.get(path), new.files.get(path)) {
            (Some(before), Some(after)) if before == after => continue,
            (Some(_), Some(_)) => Change::Changed,
            (None, _) => Change::Added,
            (_, None) => Change::Removed,
        };
        let url = match change {
            Change::Removed => None,
            _ => preview_url.map(|base| page_url(base, path)),
        };
        let entry = FileChange {
            path: path.clone(),
            change,
            url,
        };
        if edition_of(path).is_some_and(|edition| published.contains(edition)) {
            changes.published_editions.push(entry);
        } else if path.ends_with(".html") {
            changes.pages.push(entry);
        } else {
            changes.other_files.push(entry);
        }
    }
    // By the address a reader sees, so that `bulletins/` comes before `bulletins/2025-q2/`.
    for list in [
        &mut changes.pages,
        &mut changes.published_editions,
        &mut changes.other_files,
    ] {
        list.sort_by(|a, b| page_label(&a.path).cmp(page_label(&b.path)));
    }
    changes
}

/// The edition folder a file lies in, such as `editions/2025-q2/`; `None` outside editions
/// and for the list of editions itself.
fn edition_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("editions/")?;
    let end = rest.find('/')?;
    Some(&path[.."editions/".len() + end + 1])
}

/// The address of a built file: `index.html` pages by their folder.
fn page_url(base: &str, path: &str) -> String {
    let path = if path == "index.html" {
        ""
    } else {
        path.strip_suffix("/index.html")
            .map_or(path, |folder| &path[..folder.len() + 1])
    };
    format!("{base}{path}")
}

/// Where a path is shown in the report: `index.html` pages by their folder.
fn page_label(path: &str) -> &str {
    if path == "index.html" {
        "/"
    } else {
        path.strip_suffix("index.html").unwrap_or(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_link_to_their_folder() {
        let base = "https://h.org/pr-42/";
        assert_eq!(page_url(base, "index.html"), base);
        assert_eq!(
            page_url(base, "funding/index.html"),
            "https://h.org/pr-42/funding/"
        );
        assert_eq!(page_url(base, "404.html"), "https://h.org/pr-42/404.html");
        assert_eq!(page_label("notes/a/index.html"), "notes/a/");
        assert_eq!(page_label("index.html"), "/");
    }

    #[test]
    fn files_of_an_edition_belong_to_it_but_the_list_does_not() {
        assert_eq!(
            edition_of("editions/2025-q2/index.html"),
            Some("editions/2025-q2/")
        );
        assert_eq!(
            edition_of("editions/2025-q2/data/a.csv"),
            Some("editions/2025-q2/")
        );
        assert_eq!(edition_of("editions/index.html"), None);
        assert_eq!(edition_of("funding/index.html"), None);
    }

    #[test]
    fn preview_url_must_be_absolute_and_ends_in_a_slash() {
        assert_eq!(
            check_preview_url("https://h.org/pr-1").unwrap(),
            "https://h.org/pr-1/"
        );
        assert!(check_preview_url("h.org/pr-1/").is_err());
    }
}
