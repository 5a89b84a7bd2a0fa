//! A new site: `tally new DIR` writes a small site that builds and checks cleanly, with a
//! comment beside every field of its settings and data saying what it means.
//!
//! The files are those under `scaffold/` in tally's source, compiled into the binary.

use std::fs;
use std::io;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Problem};

/// The files of a new site, by path relative to its folder.
const FILES: &[(&str, &str)] = &[
    (
        "content/site.yaml",
        include_str!("../scaffold/content/site.yaml"),
    ),
    (
        "content/notes/getting-started.md",
        include_str!("../scaffold/content/notes/getting-started.md"),
    ),
    (
        "content/bulletins/2025-q2.md",
        include_str!("../scaffold/content/bulletins/2025-q2.md"),
    ),
    (
        "content/pages/about.md",
        include_str!("../scaffold/content/pages/about.md"),
    ),
    (
        "content/data/milestones.yaml",
        include_str!("../scaffold/content/data/milestones.yaml"),
    ),
    (
        "content/data/funding.yaml",
        include_str!("../scaffold/content/data/funding.yaml"),
    ),
    (
        "content/data/indicators.yaml",
        include_str!("../scaffold/content/data/indicators.yaml"),
    ),
    (
        "content/data/risks.yaml",
        include_str!("../scaffold/content/data/risks.yaml"),
    ),
    (
        "content/static/favicon.svg",
        include_str!("../scaffold/content/static/favicon.svg"),
    ),
];

/// Writes a new site into `folder`, which must be absent or empty; returns the paths written.
pub fn create(folder: &Path) -> Result<Vec<String>, Diagnostic> {
    let place = folder.display().to_string();
    let empty = match fs::read_dir(folder) {
        Ok(mut entries) => entries.next().is_none(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => true,
        Err(error) if error.kind() == io::ErrorKind::NotADirectory => false,
        Err(error) => return Err(write_failed(&error, place)),
    };
    if !empty {
        return Err(Diagnostic::in_file(Problem::FolderNotEmpty, place));
    }
    for (path, text) in FILES {
        let target = folder.join(path);
        let written = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&target, text));
        written.map_err(|e| write_failed(&e, target.display().to_string()))?;
    }
    Ok(FILES.iter().map(|(path, _)| path.to_string()).collect())
}

fn write_failed(error: &io::Error, place: String) -> Diagnostic {
    Diagnostic::in_file(
        Problem::WriteFailed {
            reason: error.to_string(),
        },
        place,
    )
}
