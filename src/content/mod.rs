//! Loading: reads the `content/` folder of a site root into raw, unvalidated content.
//!
//! Every file is read once. Markdown files are split into front matter and body; YAML files
//! are parsed into the types of [`raw`]. Problems are collected, not returned at the first, so
//! that a publisher sees all of them in one run.

pub mod raw;
pub mod yaml;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Problem, Source};
use crate::format;

/// The data files tally reads from `content/data/`, by name without `.yaml`.
pub const DATA_FILES: [&str; 4] = ["milestones", "funding", "indicators", "risks"];

/// The largest Markdown or YAML file tally reads, so that a mistaken file cannot exhaust
/// memory: far beyond any real note or data file.
pub const MAX_TEXT_BYTES: u64 = 16_000_000;

/// Allows a symbolic link only when it leads to a file inside the site's root.
fn check_link(root: &Path, path: &Path) -> Result<(), Problem> {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        check_link_target(root, path)
    } else {
        Ok(())
    }
}

/// Allows the symbolic link at `path` only when it leads to a file inside the site's root.
fn check_link_target(root: &Path, path: &Path) -> Result<(), Problem> {
    let unfollowed = |reason: &str| Problem::UnfollowedLink {
        reason: reason.to_string(),
    };
    let target = std::fs::canonicalize(path)
        .map_err(|_| unfollowed("it leads nowhere, or round in a loop"))?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Err(unfollowed(&format!(
            "it leads outside the site, to {}",
            target.display()
        )));
    }
    if !target.is_file() {
        return Err(unfollowed("it leads to a folder"));
    }
    Ok(())
}

/// A text file of the site and its path relative to the root.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Root-relative path with `/` separators, as diagnostics show it.
    pub path: String,
    /// The whole text, with any byte-order mark removed; shared, not copied, by the model.
    pub text: Arc<str>,
    /// The SHA-256 of the file's bytes as read, for the build manifest.
    pub digest: [u8; 32],
}

impl SourceFile {
    /// The file as a diagnostics source.
    pub fn source(&self) -> Source<'_> {
        Source {
            path: &self.path,
            text: &self.text,
        }
    }
}

/// Which kind of Markdown document a file is, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocumentKind {
    /// `content/pages/<slug>.md`, served at `/<slug>/`.
    Page,
    /// `content/notes/[<folder>/]<slug>.md`, served at `/notes/[<folder>/]<slug>/`.
    Note,
    /// `content/bulletins/<yyyy>-q<n>.md`, served at `/bulletins/<yyyy>-q<n>/`.
    Bulletin,
}

/// A Markdown document with its front matter read.
#[derive(Debug)]
pub struct RawDocument {
    /// Page, note or bulletin.
    pub kind: DocumentKind,
    /// The file.
    pub file: SourceFile,
    /// The path below the kind's folder, without `.md`: `funding/mechanisms`.
    pub slug: String,
    /// The front matter as written.
    pub front: raw::FrontMatter,
    /// Byte offset in the file where the Markdown body starts.
    pub body_start: usize,
}

impl RawDocument {
    /// The Markdown after the front matter.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

/// A data file with what it holds.
#[derive(Debug)]
pub struct DataFile<T> {
    /// The file, kept to point diagnostics at its values.
    pub file: SourceFile,
    /// Its content as written.
    pub data: T,
}

/// A file copied to the site as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaticFile {
    /// Path in the output, relative, with `/` separators: `images/map.png`.
    pub output: String,
    /// Where it is on disk.
    pub path: PathBuf,
}

/// Everything read from `content/`.
#[derive(Debug)]
pub struct RawContent {
    /// `site.yaml`, when present and readable.
    pub site: Option<DataFile<raw::SiteFile>>,
    /// Pages, notes and bulletins, ordered by path.
    pub documents: Vec<RawDocument>,
    /// `data/milestones.yaml`.
    pub milestones: Option<DataFile<raw::MilestonesFile>>,
    /// `data/funding.yaml`.
    pub funding: Option<DataFile<raw::FundingFile>>,
    /// `data/indicators.yaml`.
    pub indicators: Option<DataFile<raw::IndicatorsFile>>,
    /// `data/risks.yaml`.
    pub risks: Option<DataFile<raw::RisksFile>>,
    /// `static/`, ordered by output path.
    pub statics: Vec<StaticFile>,
}

impl RawContent {
    /// The SHA-256 of each file read, by root-relative path.
    pub fn digests(&self) -> HashMap<&str, [u8; 32]> {
        let data = [
            self.site.as_ref().map(|d| &d.file),
            self.milestones.as_ref().map(|d| &d.file),
            self.funding.as_ref().map(|d| &d.file),
            self.indicators.as_ref().map(|d| &d.file),
            self.risks.as_ref().map(|d| &d.file),
        ];
        let documents = self.documents.iter().map(|d| &d.file);
        data.into_iter()
            .flatten()
            .chain(documents)
            .map(|file| (file.path.as_str(), file.digest))
            .collect()
    }
}

/// Reads the `content/` folder under `root`.
pub fn load(root: &Path) -> (RawContent, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let content = root.join("content");
    let mut raw = RawContent {
        site: None,
        documents: Vec::new(),
        milestones: None,
        funding: None,
        indicators: None,
        risks: None,
        statics: Vec::new(),
    };
    if !content.is_dir() {
        diagnostics.push(Diagnostic::in_file(Problem::NoContent, ""));
        return (raw, diagnostics);
    }

    // The data files and the documents are read side by side: a large indicators file takes
    // about as long to parse as thousands of notes.
    let (data_problems, (documents, document_problems)) =
        rayon::join(|| read_data_files(root, &mut raw), || read_documents(root));
    diagnostics.extend(data_problems);
    diagnostics.extend(document_problems);
    raw.documents = documents;

    raw.statics = list_files(root, &content.join("static"), &mut diagnostics)
        .into_iter()
        .map(|(output, path)| StaticFile { output, path })
        .collect();
    (raw, diagnostics)
}

/// Reads the site file and the data files into `raw`, and gives the problems found.
fn read_data_files(root: &Path, raw: &mut RawContent) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    raw.site = read_data(root, "content/site.yaml", &mut diagnostics);
    raw.milestones = read_data(root, "content/data/milestones.yaml", &mut diagnostics);
    raw.funding = read_data(root, "content/data/funding.yaml", &mut diagnostics);
    raw.indicators = read_data(root, "content/data/indicators.yaml", &mut diagnostics);
    raw.risks = read_data(root, "content/data/risks.yaml", &mut diagnostics);
    warn_unknown_data_files(root, &mut diagnostics);
    diagnostics
}

/// Reads every Markdown document, in parallel, ordered by path.
fn read_documents(root: &Path) -> (Vec<RawDocument>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let markdown = list_markdown(root, &mut diagnostics);
    let read: Vec<Result<RawDocument, Diagnostic>> = markdown
        .par_iter()
        .map(|(kind, path)| read_text(root, path).and_then(|file| read_document(*kind, file)))
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    for document in read {
        match document {
            Ok(document) => documents.push(document),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (documents, diagnostics)
}

/// Reads again the Markdown documents at `changed` (root-relative paths, `/`-separated) into
/// `raw`, as [`load`] would have read them: a file that exists is read, one that is gone is
/// dropped, and hidden files are passed over. Gives the problems found in the files read, or
/// `None` when a change is not to a Markdown document (a data file, a folder, a link), which
/// needs everything read again.
pub fn reload_documents(
    root: &Path,
    raw: &mut RawContent,
    changed: &[String],
) -> Option<Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    for relative in changed {
        let (kind, folder) = [
            (DocumentKind::Page, "content/pages/"),
            (DocumentKind::Note, "content/notes/"),
            (DocumentKind::Bulletin, "content/bulletins/"),
        ]
        .into_iter()
        .find(|(_, folder)| relative.starts_with(folder))?;
        if relative[folder.len()..]
            .split('/')
            .any(|part| part.starts_with('.'))
        {
            continue;
        }
        let path = root.join(relative);
        let meta = std::fs::symlink_metadata(&path);
        let is_file = meta.as_ref().is_ok_and(|m| m.is_file());
        let exists = meta.is_ok();
        if !relative.ends_with(".md") || (exists && !is_file) {
            // Another kind of file is not read, unless it is a folder that may hold documents,
            // or a link, which `load` checks.
            if exists && is_file {
                continue;
            }
            return None;
        }
        let wanted = (kind, Path::new(relative.as_str()).components());
        let position = raw
            .documents
            .binary_search_by(|d| (d.kind, Path::new(&d.file.path).components()).cmp(&wanted));
        if let Ok(at) = position {
            raw.documents.remove(at);
        }
        if !exists {
            continue;
        }
        match read_text(root, relative).and_then(|file| read_document(kind, file)) {
            Ok(document) => {
                let at = position.unwrap_or_else(|at| at);
                raw.documents.insert(at, document);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Some(diagnostics)
}

fn read_data<T: serde::de::DeserializeOwned>(
    root: &Path,
    relative: &str,
    diagnostics: &mut Diagnostics,
) -> Option<DataFile<T>> {
    if !root.join(relative).exists() {
        return None;
    }
    let file = match read_text(root, relative) {
        Ok(file) => file,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    match yaml::parse_all(&file.text, file.source(), 0) {
        Ok(data) => Some(DataFile { file, data }),
        Err(found) => {
            found.into_iter().for_each(|d| diagnostics.push(d));
            None
        }
    }
}

fn warn_unknown_data_files(root: &Path, diagnostics: &mut Diagnostics) {
    let known: Vec<String> = DATA_FILES.iter().map(|n| format!("{n}.yaml")).collect();
    let Ok(entries) = std::fs::read_dir(root.join("content/data")) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        if !known.contains(&name) {
            let path = format!("content/data/{name}");
            let problem = Problem::UnknownDataFile {
                name,
                known: known.clone(),
            };
            diagnostics.push(Diagnostic::in_file(problem, path));
        }
    }
}

/// Reads a root-relative file as text, dropping a byte-order mark.
pub fn read_text(root: &Path, relative: &str) -> Result<SourceFile, Diagnostic> {
    let path = root.join(relative);
    let in_file = |problem| Diagnostic::in_file(problem, relative);
    let unreadable = |error: std::io::Error| {
        in_file(Problem::Unreadable {
            reason: error.to_string(),
        })
    };
    // One look at the path tells a link from a file, and a file's size.
    let size = match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            check_link_target(root, &path).map_err(in_file)?;
            std::fs::metadata(&path).map_or(0, |m| m.len())
        }
        Ok(meta) => meta.len(),
        Err(error) => return Err(unreadable(error)),
    };
    let too_large = |size: u64| {
        let megabytes = |bytes: u64| format!("{} MB", format::number(bytes as f64 / 1e6));
        in_file(Problem::TooLarge {
            size: megabytes(size),
            limit: megabytes(MAX_TEXT_BYTES),
        })
    };
    if size > MAX_TEXT_BYTES {
        return Err(too_large(size));
    }
    // Read through `take`, which unlike a plain file does not ask the system for the size a
    // second time; a file that grew since is still held to the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::fs::File::open(&path)
        .and_then(|file| file.take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let digest = Sha256::digest(&bytes).into();
    let text =
        std::str::from_utf8(&bytes).map_err(|_| Diagnostic::in_file(Problem::NotText, relative))?;
    Ok(SourceFile {
        path: relative.to_string(),
        text: text.strip_prefix('\u{feff}').unwrap_or(text).into(),
        digest,
    })
}

/// Lists the Markdown documents, as (kind, root-relative path), ordered by path.
fn list_markdown(root: &Path, diagnostics: &mut Diagnostics) -> Vec<(DocumentKind, String)> {
    let folders = [
        (DocumentKind::Page, "content/pages"),
        (DocumentKind::Note, "content/notes"),
        (DocumentKind::Bulletin, "content/bulletins"),
    ];
    let mut documents = Vec::new();
    for (kind, folder) in folders {
        for (relative, _) in list_files(root, &root.join(folder), diagnostics) {
            if relative.ends_with(".md") {
                documents.push((kind, format!("{folder}/{relative}")));
            }
        }
    }
    documents
}

/// Every file below `folder`, as (path relative to `folder`, full path), ordered.
fn list_files(root: &Path, folder: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    if !folder.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(folder).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| relative_to(root, p))
                    .unwrap_or_default();
                let problem = Problem::Unreadable {
                    reason: error.to_string(),
                };
                diagnostics.push(Diagnostic::in_file(problem, path));
                continue;
            }
        };
        if is_hidden(entry.path(), folder) {
            continue;
        }
        if entry.file_type().is_symlink() {
            if let Err(problem) = check_link(root, entry.path()) {
                diagnostics.push(Diagnostic::in_file(
                    problem,
                    relative_to(root, entry.path()),
                ));
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        files.push((relative_to(folder, entry.path()), entry.into_path()));
    }
    files
}

fn is_hidden(path: &Path, below: &Path) -> bool {
    path.strip_prefix(below)
        .map(|p| {
            p.components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .unwrap_or(false)
}

/// `path` relative to `base`, with `/` separators.
pub fn relative_to(base: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Splits front matter from body and reads the front matter of a file already read.
pub fn read_document(kind: DocumentKind, file: SourceFile) -> Result<RawDocument, Diagnostic> {
    let folder = match kind {
        DocumentKind::Page => "content/pages/",
        DocumentKind::Note => "content/notes/",
        DocumentKind::Bulletin => "content/bulletins/",
    };
    let slug = file
        .path
        .trim_start_matches(folder)
        .trim_end_matches(".md")
        .to_string();
    let Some((yaml_range, body_start)) = split_front_matter(&file.text) else {
        let problem = if file.text.starts_with("---") {
            Problem::UnclosedFrontMatter
        } else {
            Problem::NoFrontMatter
        };
        return Err(file.source().at(problem, 1, 1, 3));
    };
    let front = yaml::parse(&file.text[yaml_range], file.source(), 1)?;
    Ok(RawDocument {
        kind,
        slug,
        front,
        body_start,
        file,
    })
}

/// The byte range of the front matter's YAML and the byte offset where the body starts.
fn split_front_matter(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let mut offset = first_end + 1;
    while offset <= text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            return Some((first_end + 1..offset, (end + 1).min(text.len())));
        }
        if end == text.len() {
            break;
        }
        offset = end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_with_lf_and_crlf() {
        let text = "---\ntitle: A\n---\nBody\n";
        let (yaml, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[yaml], "title: A\n");
        assert_eq!(&text[body..], "Body\n");
        let crlf = "---\r\ntitle: A\r\n---\r\nBody\r\n";
        let (yaml, body) = split_front_matter(crlf).unwrap();
        assert_eq!(&crlf[yaml], "title: A\r\n");
        assert_eq!(&crlf[body..], "Body\r\n");
    }

    #[test]
    fn unclosed_front_matter_is_not_split() {
        assert!(split_front_matter("---\ntitle: A\nBody\n").is_none());
        assert!(split_front_matter("title: A\n").is_none());
        assert_eq!(
            split_front_matter("---\ntitle: A\n---").map(|(_, b)| b),
            Some(16)
        );
    }
}
