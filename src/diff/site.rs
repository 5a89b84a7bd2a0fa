//! A folder that `tally build` wrote, read back: its manifest, a digest of every file, the
//! address it was built for and the folder its data is read from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::DiffError;

/// The parts of `build.json` the report shows.
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    generator: String,
    /// The git commit the site was built from, when known.
    pub source_commit: Option<String>,
    /// The digest of every input file.
    pub inputs_digest: Option<String>,
}

/// An edition as `versions.json` lists it.
#[derive(Debug, Clone, Deserialize)]
struct Edition {
    period: String,
    url: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Versions {
    editions: Vec<Edition>,
}

/// A built site, read from disk.
#[derive(Debug, Clone)]
pub struct BuiltSite {
    /// The folder, as given.
    pub folder: PathBuf,
    /// Its `build.json`.
    pub manifest: Manifest,
    /// The SHA-256 of every file, by path relative to the folder with `/` separators.
    pub files: BTreeMap<String, [u8; 32]>,
    /// The address it was built for, from the canonical link of its home page, ending in `/`.
    pub base_url: Option<String>,
}

impl BuiltSite {
    /// Reads the folder, which must hold a `build.json` written by tally.
    pub fn read(folder: &Path) -> Result<BuiltSite, DiffError> {
        if !folder.is_dir() {
            return Err(DiffError::NoFolder {
                folder: folder.to_path_buf(),
            });
        }
        let manifest_path = folder.join("build.json");
        let not_a_build = || DiffError::NotABuild {
            folder: folder.to_path_buf(),
        };
        let text = std::fs::read_to_string(&manifest_path).map_err(|_| not_a_build())?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|_| not_a_build())?;
        if manifest.generator != "tally" {
            return Err(not_a_build());
        }
        let files = digest_files(folder)?;
        let base_url = std::fs::read_to_string(folder.join("index.html"))
            .ok()
            .and_then(|home| canonical_link(&home));
        Ok(BuiltSite {
            folder: folder.to_path_buf(),
            manifest,
            files,
            base_url,
        })
    }

    /// The folder the data is read from, relative to the site with a trailing `/`: the live
    /// `data/` when the build has it, otherwise the newest edition's `data/`, otherwise none.
    pub fn data_folder(&self) -> Result<Option<String>, DiffError> {
        if self.folder.join("data").is_dir() {
            return Ok(Some("data/".into()));
        }
        let path = self.folder.join("versions.json");
        if !path.is_file() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path).map_err(|e| DiffError::Unreadable {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        let versions: Versions = serde_json::from_str(&text).map_err(|e| DiffError::BadData {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
        })?;
        let Some(newest) = versions
            .editions
            .iter()
            .max_by(|a, b| a.period.cmp(&b.period))
        else {
            return Ok(None);
        };
        let folder = format!("{}data/", self.relative_path(&newest.url));
        Ok(self.folder.join(&folder).is_dir().then_some(folder))
    }

    /// `url`, an address or a path of this site, relative to the site's folder.
    fn relative_path(&self, url: &str) -> String {
        let base_path = self.base_url.as_deref().map(url_path).unwrap_or("/");
        let path = url_path(url);
        match path.strip_prefix(base_path) {
            Some(relative) => relative.to_string(),
            // Without a canonical link the base path is unknown; editions live under it.
            None => path
                .rfind("editions/")
                .map_or_else(|| path.trim_start_matches('/').into(), |i| path[i..].into()),
        }
    }
}

/// The path of an address: `/locks/` of `https://example.org/locks/`; a path stays as it is.
fn url_path(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => url,
    }
}

/// The `href` of `<link rel="canonical" href="...">`, made to end in `/`.
fn canonical_link(html: &str) -> Option<String> {
    let marker = "<link rel=\"canonical\" href=\"";
    let start = html.find(marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    let href = html[start..end].replace("&amp;", "&");
    Some(if href.ends_with('/') {
        href
    } else {
        format!("{href}/")
    })
}

fn digest_files(folder: &Path) -> Result<BTreeMap<String, [u8; 32]>, DiffError> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|e| DiffError::Unreadable {
            path: e.path().unwrap_or(folder).to_path_buf(),
            reason: e.to_string(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| DiffError::Unreadable {
            path: entry.path().to_path_buf(),
            reason: e.to_string(),
        })?;
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path());
        let relative: Vec<_> = relative.iter().map(|part| part.to_string_lossy()).collect();
        files.insert(relative.join("/"), Sha256::digest(&bytes).into());
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_link_of_the_home_page_is_the_base_url() {
        let home = "<head><link rel=\"canonical\" href=\"https://h.org/pr-42/\"></head>";
        assert_eq!(
            canonical_link(home).as_deref(),
            Some("https://h.org/pr-42/")
        );
        assert_eq!(canonical_link("<head></head>"), None);
    }

    #[test]
    fn url_path_keeps_only_the_path() {
        assert_eq!(url_path("https://example.org/locks/"), "/locks/");
        assert_eq!(url_path("https://example.org"), "/");
        assert_eq!(
            url_path("/locks/editions/2025-q3/"),
            "/locks/editions/2025-q3/"
        );
    }
}
