//! `/build.json`: what built the site from what. tally's version, a digest of every input
//! file, the editions, the source's git commit when built in a git checkout, and a build time
//! only when `SOURCE_DATE_EPOCH` gives one, so that builds stay reproducible.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::render::OutputFile;
use crate::render::editions::EditionEntry;
use crate::render::exports::hex;

#[derive(Serialize)]
struct Manifest<'a> {
    generator: &'static str,
    version: &'static str,
    inputs_digest: String,
    source_commit: Option<String>,
    built_at: Option<String>,
    editions: &'a [EditionEntry],
}

/// The manifest of a build of the site at `root`, whose input files have `inputs`.
pub fn file(root: &Path, inputs: &InputDigests, editions: &[EditionEntry]) -> OutputFile {
    let manifest = Manifest {
        generator: "tally",
        version: env!("CARGO_PKG_VERSION"),
        inputs_digest: inputs.digest(),
        source_commit: git_commit(root),
        built_at: build_time(),
        editions,
    };
    let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
    OutputFile {
        path: "build.json".into(),
        bytes: json.into_bytes().into(),
    }
}

/// The SHA-256 of every file under `content/` and `themes/`, by root-relative path; kept by
/// the preview between renderings, so that only changed files are read again.
#[derive(Debug, Default, Clone)]
pub struct InputDigests(BTreeMap<String, Option<[u8; 32]>>);

impl InputDigests {
    /// Hashes every input file of the site at `root`, in parallel, reading only those not in
    /// `known` (digests by root-relative path of files already read).
    pub fn scan(root: &Path, known: &HashMap<&str, [u8; 32]>) -> InputDigests {
        let mut files: Vec<(String, PathBuf)> = Vec::new();
        for folder in INPUT_FOLDERS {
            let walker = walkdir::WalkDir::new(root.join(folder));
            files.extend(
                walker
                    .into_iter()
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .map(|e| (crate::content::relative_to(root, e.path()), e.into_path())),
            );
        }
        let digests: Vec<_> = files
            .par_iter()
            .map(|(relative, path)| match known.get(relative.as_str()) {
                Some(digest) => Some(*digest),
                None => hash_file(path),
            })
            .collect();
        InputDigests(files.into_iter().map(|(p, _)| p).zip(digests).collect())
    }

    /// Hashes again the files at `changed` (root-relative paths); gives `false` when one is a
    /// folder, after which only [`InputDigests::scan`] is right.
    pub fn update(&mut self, root: &Path, changed: &[String]) -> bool {
        for relative in changed {
            if !INPUT_FOLDERS
                .iter()
                .any(|f| relative.strip_prefix(f).is_some_and(|r| r.starts_with('/')))
            {
                continue;
            }
            let path = root.join(relative);
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => return false,
                Ok(_) => {
                    self.0.insert(relative.clone(), hash_file(&path));
                }
                Err(_) => {
                    self.0.remove(relative);
                }
            }
        }
        true
    }

    /// One digest of them all: SHA-256 over each path and the SHA-256 of its bytes, in path
    /// order.
    pub fn digest(&self) -> String {
        let mut hasher = Sha256::new();
        for (relative, digest) in &self.0 {
            hasher.update(relative.as_bytes());
            hasher.update([0]);
            if let Some(digest) = digest {
                hasher.update(digest);
            }
        }
        hex(&hasher.finalize())
    }
}

/// The folders whose files are the inputs of a build.
const INPUT_FOLDERS: [&str; 2] = ["content", "themes"];

fn hash_file(path: &Path) -> Option<[u8; 32]> {
    std::fs::read(path)
        .ok()
        .map(|bytes| Sha256::digest(bytes).into())
}

/// The commit checked out at `root`, when `root` is in a git checkout and git is installed.
fn git_commit(root: &Path) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .output()
        .ok()?;
    let commit = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && commit.len() >= 40).then_some(commit)
}

/// The build time from `SOURCE_DATE_EPOCH`, as RFC 3339; never the clock.
fn build_time() -> Option<String> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    jiff::Timestamp::from_second(seconds)
        .ok()
        .map(|t| t.to_string())
}
