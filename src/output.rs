//! Writing the site. Nothing is written until the whole site rendered, so that a build with
//! problems leaves the previous site as it was; then a first build is written beside the
//! output folder and renamed into place, and a rebuild writes only the files that changed.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::content::StaticFile;
use crate::diagnostics::{Diagnostic, Problem};
use crate::render::OutputFile;
use crate::render::templates::Asset;

/// A file to copy into the site.
pub enum Copy<'a> {
    /// Bytes compiled into tally.
    Bytes(&'a str, &'a [u8]),
    /// A file on disk.
    File(&'a str, &'a Path),
}

/// Checks that `out` may be written: not the root, not inside `content/` or `themes/`, and
/// not a folder that holds the root.
pub fn check_folder(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let out = absolute(out);
    let reason = if out == root {
        Some("it is the site's own folder".to_string())
    } else if root.starts_with(&out) {
        Some("it holds the site's own folder".to_string())
    } else if out.starts_with(root.join("content")) || out.starts_with(root.join("themes")) {
        Some("it is inside the site's content or themes".to_string())
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Diagnostic::in_file(
            Problem::BadOutputFolder { reason },
            out.display().to_string(),
        )),
        None => Ok(()),
    }
}

/// An absolute, normalised form of `path` that need not exist yet.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve what exists, so that links compare equal; keep the rest as written.
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// What writing changed in the output folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written because they were new or their bytes changed.
    pub changed: usize,
    /// Files left alone because they already held the same bytes.
    pub unchanged: usize,
    /// Files removed because the site no longer has them.
    pub removed: usize,
}

/// Writes `files`, the theme's assets and the site's static files to `out`, as a [`Writer`]
/// does.
pub fn write(
    out: &Path,
    files: &[OutputFile],
    assets: &[(String, Asset)],
    statics: &[StaticFile],
) -> Result<Written, Diagnostic> {
    let writer = Writer::begin(out)?;
    let copies = copies(files, assets, statics);
    if let Err(diagnostic) = copies.par_iter().try_for_each(|copy| writer.put(copy)) {
        writer.abandon();
        return Err(diagnostic);
    }
    let paths: Vec<&str> = copies.iter().map(|c| c.path()).collect();
    writer.finish(&paths)
}

/// The files to write: generated files, the theme's assets and the site's static files.
pub fn copies<'a>(
    files: &'a [OutputFile],
    assets: &'a [(String, Asset)],
    statics: &'a [StaticFile],
) -> Vec<Copy<'a>> {
    let mut copies: Vec<Copy<'_>> = Vec::with_capacity(files.len() + assets.len() + statics.len());
    copies.extend(files.iter().map(|f| Copy::Bytes(&f.path, &f.bytes)));
    for (path, asset) in assets {
        copies.push(match asset {
            Asset::BuiltIn(bytes) => Copy::Bytes(path, bytes),
            Asset::File(file) => Copy::File(path, file),
        });
    }
    copies.extend(statics.iter().map(|f| Copy::File(&f.output, &f.path)));
    copies
}

/// Writes a site file by file, as it is rendered, without touching the output folder until
/// [`Writer::finish`]: so that a build that finds a problem half-way leaves the previous site
/// exactly as it was, and so that no more than a few pages are held in memory.
///
/// Files are written into a folder beside the output folder. For a first build that folder is
/// renamed into place. Into an existing output folder, only the files whose bytes differ are
/// written there, then moved into place one by one, and the files the site no longer has are
/// removed: unchanged files keep their modification time, a rebuild costs little more than
/// reading the folder, and a web server reading it meanwhile never sees half a file.
pub struct Writer {
    out: PathBuf,
    /// Where files are written first.
    staging: PathBuf,
    /// Whether the output folder holds an earlier site to update.
    update: bool,
    /// In an update, the files written to the staging folder, to move into place.
    staged: Mutex<Vec<String>>,
    unchanged: AtomicUsize,
}

impl Writer {
    /// Prepares to write the site into `out`.
    pub fn begin(out: &Path) -> Result<Writer, Diagnostic> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| failed(e, parent))?;
        let staging = parent.join(format!(".{name}.tally-new"));
        // Folders an interrupted build may have left.
        for leftover in [staging.clone(), parent.join(format!(".{name}.tally-old"))] {
            if leftover.exists() {
                fs::remove_dir_all(&leftover).map_err(|e| failed(e, &leftover))?;
            }
        }
        fs::create_dir_all(&staging).map_err(|e| failed(e, &staging))?;
        let is_empty = |folder: &Path| fs::read_dir(folder).is_ok_and(|mut e| e.next().is_none());
        Ok(Writer {
            out: out.to_path_buf(),
            staging,
            update: out.is_dir() && !is_empty(out),
            staged: Mutex::new(Vec::new()),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Writes one file; may be called from several threads at once.
    pub fn put(&self, copy: &Copy<'_>) -> Result<(), Diagnostic> {
        debug_assert!(!copy.path().contains(".."));
        if self.update {
            if same_bytes(&self.out.join(copy.path()), copy) {
                self.unchanged.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            self.staged
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(copy.path().to_string());
        }
        put(&self.staging.join(copy.path()), copy)
    }

    /// Leaves the output folder as it was and removes what was written.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    /// Puts the files written into place; `paths` are all the site's files, written or not.
    pub fn finish(self, paths: &[&str]) -> Result<Written, Diagnostic> {
        let unchanged = self.unchanged.load(Ordering::Relaxed);
        if !self.update {
            if self.out.exists() {
                fs::remove_dir(&self.out).map_err(|e| failed(e, &self.out))?;
            }
            fs::rename(&self.staging, &self.out).map_err(|e| failed(e, &self.out))?;
            return Ok(Written {
                changed: paths.len(),
                unchanged,
                removed: 0,
            });
        }
        let staged = self.staged.into_inner().unwrap_or_else(|e| e.into_inner());
        let removed = remove_stale(&self.out, paths)?;
        staged.par_iter().try_for_each(|path| {
            let target = self.out.join(path);
            if target.is_dir() {
                fs::remove_dir_all(&target).map_err(|e| failed(e, &target))?;
            }
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| failed(e, folder))?;
            }
            fs::rename(self.staging.join(path), &target).map_err(|e| failed(e, &target))
        })?;
        fs::remove_dir_all(&self.staging).map_err(|e| failed(e, &self.staging))?;
        Ok(Written {
            changed: staged.len(),
            unchanged,
            removed,
        })
    }
}

impl Copy<'_> {
    /// The path in the output folder.
    pub fn path(&self) -> &str {
        match self {
            Copy::Bytes(path, _) | Copy::File(path, _) => path,
        }
    }
}

fn failed(error: io::Error, path: &Path) -> Diagnostic {
    Diagnostic::in_file(
        Problem::WriteFailed {
            reason: format!("{}: {error}", path.display()),
        },
        "",
    )
}

/// Writes `copy` to `target`, making its folder first.
fn put(target: &Path, copy: &Copy<'_>) -> Result<(), Diagnostic> {
    if let Some(folder) = target.parent() {
        fs::create_dir_all(folder).map_err(|e| failed(e, folder))?;
    }
    match copy {
        Copy::Bytes(_, bytes) => fs::write(target, bytes).map_err(|e| failed(e, target)),
        Copy::File(_, source) => fs::copy(source, target)
            .map(|_| ())
            .map_err(|e| failed(e, source)),
    }
}

/// Removes from `out` every file that is not one of `paths`, anything standing where one of
/// their folders must be, and the folders left empty; gives how many files it removed.
fn remove_stale(out: &Path, paths: &[&str]) -> Result<usize, Diagnostic> {
    let wanted: HashSet<&str> = paths.iter().copied().collect();
    let folders: HashSet<&str> = paths
        .iter()
        .flat_map(|path| path.match_indices('/').map(move |(at, _)| &path[..at]))
        .collect();
    let stale = Stale {
        wanted: &wanted,
        folders: &folders,
    };
    stale.remove_below(out, "")
}

/// What [`remove_stale`] keeps.
struct Stale<'a> {
    /// The site's files, by path.
    wanted: &'a HashSet<&'a str>,
    /// The folders they are in, by path.
    folders: &'a HashSet<&'a str>,
}

impl Stale<'_> {
    /// Removes what is stale in the folder `dir`, at `relative` (empty for the output folder
    /// itself, else ending in `/`); its folders are gone through in parallel, as the output of
    /// a large site has thousands.
    fn remove_below(&self, dir: &Path, relative: &str) -> Result<usize, Diagnostic> {
        let entries: Vec<fs::DirEntry> = fs::read_dir(dir)
            .and_then(|entries| entries.collect::<io::Result<_>>())
            .map_err(|e| failed(e, dir))?;
        entries
            .par_iter()
            .map(|entry| {
                let path = entry.path();
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let below = format!("{relative}{name}");
                let is_dir = entry.file_type().map_err(|e| failed(e, &path))?.is_dir();
                if is_dir {
                    let removed = self.remove_below(&path, &format!("{below}/"))?;
                    // Only files the site no longer has were in it, and they are gone.
                    if !self.folders.contains(below.as_str()) {
                        fs::remove_dir(&path).map_err(|e| failed(e, &path))?;
                    }
                    Ok(removed)
                } else if !self.wanted.contains(below.as_str())
                    || self.folders.contains(below.as_str())
                {
                    fs::remove_file(&path).map_err(|e| failed(e, &path))?;
                    Ok(1)
                } else {
                    Ok(0)
                }
            })
            .sum()
    }
}

/// Whether `target` already holds what `copy` would write.
fn same_bytes(target: &Path, copy: &Copy<'_>) -> bool {
    let Ok(meta) = fs::symlink_metadata(target) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    match copy {
        Copy::Bytes(_, bytes) => {
            meta.len() == bytes.len() as u64 && fs::read(target).is_ok_and(|old| old == *bytes)
        }
        Copy::File(_, source) => {
            fs::metadata(source).is_ok_and(|m| m.len() == meta.len())
                && matches!((fs::read(source), fs::read(target)), (Ok(a), Ok(b)) if a == b)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_cannot_be_the_root_its_content_or_a_parent() {
        let root = std::env::temp_dir().join("tally-check-folder");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_folder(&root, &root).is_err());
        assert!(check_folder(&root, &root.join("content/out")).is_err());
        assert!(check_folder(&root, root.parent().unwrap()).is_err());
        assert!(check_folder(&root, &root.join("public")).is_ok());
        assert!(check_folder(&root, &root.join("content/../public")).is_ok());
        assert!(check_folder(&root, &root.join("public/../content")).is_err());
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec().into(),
        }
    }

    fn tree(folder: &Path) -> Vec<(String, String)> {
        let mut found: Vec<_> = walkdir::WalkDir::new(folder)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let relative = crate::content::relative_to(folder, e.path());
                (relative, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn a_rebuild_writes_only_what_changed_and_removes_what_is_gone() {
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("public");
        let first = [
            file("index.html", "home"),
            file("notes/a/index.html", "a"),
            file("notes/b/index.html", "b"),
            file("gone/index.html", "old"),
            file("was-a-file", "x"),
        ];
        let written = write(&out, &first, &[], &[]).unwrap();
        assert_eq!(written.changed, 5);
        assert!(!work.path().join(".public.tally-new").exists());

        // A file whose bytes stay the same is not touched: its modification time stays.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        let kept = out.join("notes/a/index.html");
        fs::File::options()
            .write(true)
            .open(&kept)
            .unwrap()
            .set_modified(old)
            .unwrap();
        fs::write(out.join("stray.txt"), "not the site's").unwrap();

        let second = [
            file("index.html", "home, changed"),
            file("notes/a/index.html", "a"),
            file("notes/b/index.html", "b"),
            file("was-a-file/index.html", "now a folder"),
        ];
        let written = write(&out, &second, &[], &[]).unwrap();
        assert_eq!(
            written,
            Written {
                changed: 2,
                unchanged: 2,
                removed: 3
            }
        );
        assert_eq!(fs::metadata(&kept).unwrap().modified().unwrap(), old);
        let expected: Vec<_> = second
            .iter()
            .map(|f| (f.path.clone(), String::from_utf8(f.bytes.to_vec()).unwrap()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(tree(&out), expected);
        assert!(!out.join("gone").exists(), "an emptied folder is removed");

        // And back: a folder where a file must be.
        let third = [file("was-a-file", "a file again")];
        write(&out, &third, &[], &[]).unwrap();
        assert_eq!(tree(&out), [("was-a-file".into(), "a file again".into())]);
    }

    #[test]
    fn an_empty_output_folder_is_filled_like_a_new_one() {
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("site");
        fs::create_dir(&out).unwrap();
        write(&out, &[file("index.html", "home")], &[], &[]).unwrap();
        assert_eq!(tree(&out), [("index.html".into(), "home".into())]);
    }
}
