//! `/build.json`: what built the site from what. tally's version, a digest of every input
//! file, the editions, the source's git commit when built in a git checkout, and a build time
//! only when `SOURCE_DATE_EPOCH` gives one, so that builds stay reproducible.

use std::path::Path;
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

/// The manifest of a build of the site at `root`.
pub fn file(root: &Path, editions: &[EditionEntry]) -> OutputFile {
    let manifest = Manifest {
        generator: "tally",
        version: env!("CARGO_PKG_VERSION"),
        inputs_digest: inputs_digest(root),
        source_commit: git_commit(root),
        built_at: build_time(),
        editions,
    };
    let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
    OutputFile {
        path: "build.json".into(),
        bytes: json.into_bytes(),
    }
}

/// A digest of every file under `content/` and `themes/`: SHA-256 over each file's path and
/// the SHA-256 of its bytes, in path order. Files are read and hashed in parallel.
fn inputs_digest(root: &Path) -> String {
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for folder in ["content", "themes"] {
        let walker = walkdir::WalkDir::new(root.join(folder)).sort_by_file_name();
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
        .map(|(_, path)| std::fs::read(path).map(Sha256::digest).ok())
        .collect();
    let mut hasher = Sha256::new();
    for ((relative, _), digest) in files.iter().zip(digests) {
        hasher.update(relative.as_bytes());
        hasher.update([0]);
        if let Some(digest) = digest {
            hasher.update(digest);
        }
    }
    hex(&hasher.finalize())
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
