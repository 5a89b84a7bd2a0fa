//! Helpers for end-to-end tests: copy a fixture site to a temporary folder, run the real
//! `tally` binary on it, and read what it wrote.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// A fixture site copied into a temporary folder, so that builds never write into `tests/`.
pub struct Site {
    /// Keeps the folder alive.
    _dir: TempDir,
    /// The site's root.
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>`, the repository's example site for `"example"`, or makes
    /// the site `tally new` writes for `"new"`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        if name == "example" {
            copy_tree(&manifest.join("content"), &root.join("content"));
        } else if name == "new" {
            // The site `tally new` writes.
            let made = Command::new(env!("CARGO_BIN_EXE_tally"))
                .arg("new")
                .arg(&root)
                .output()
                .expect("tally runs");
            assert!(made.status.success(), "tally new failed: {made:?}");
        } else {
            copy_tree(&manifest.join("tests/fixtures").join(name), &root);
        }
        Site { _dir: dir, root }
    }

    /// Runs `tally <args>` in the site's root.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tally"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .expect("tally runs")
    }

    /// Runs `tally build` with extra arguments.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// The output folder's path for `relative`.
    pub fn out(&self, relative: &str) -> PathBuf {
        self.root.join("public").join(relative)
    }

    /// Reads a built file as text, failing the test with a clear message when it is missing.
    pub fn page(&self, relative: &str) -> String {
        let path = self.out(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{} should exist: {e}", path.display()))
    }

    /// Writes a file of the site, creating folders.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Every file of the output folder, path and bytes, in order.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let out = self.root.join("public");
        let mut files: Vec<(String, Vec<u8>)> = walk(&out)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(&out).unwrap().display().to_string(),
                    fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts the build succeeded, showing its diagnostics when it did not.
pub fn assert_success(output: &Output) {
    assert!(output.status.success(), "build failed:\n{}", stderr(output));
}

fn copy_tree(from: &Path, to: &Path) {
    for file in walk(from) {
        let target = to.join(file.strip_prefix(from).unwrap());
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&file, &target).unwrap();
    }
}

fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(folder) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
