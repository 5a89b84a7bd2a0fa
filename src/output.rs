//! Writing the site: every file into a fresh folder beside the output folder, swapped in only
//! when all of it was written, so that a failed build leaves the previous site as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

/// Writes `files`, the theme's assets and the site's static files to `out`.
pub fn write(
    out: &Path,
    files: &[OutputFile],
    assets: &[(String, Asset)],
    statics: &[StaticFile],
) -> Result<(), Diagnostic> {
    let failed = |error: io::Error, path: &Path| {
        Diagnostic::in_file(
            Problem::WriteFailed {
                reason: format!("{}: {error}", path.display()),
            },
            "",
        )
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| failed(e, parent))?;
    let fresh = parent.join(format!(".{name}.tally-new"));
    let stale = parent.join(format!(".{name}.tally-old"));
    for leftover in [&fresh, &stale] {
        if leftover.exists() {
            fs::remove_dir_all(leftover).map_err(|e| failed(e, leftover))?;
        }
    }
    fs::create_dir_all(&fresh).map_err(|e| failed(e, &fresh))?;

    let mut copies: Vec<Copy<'_>> = Vec::with_capacity(assets.len() + statics.len());
    for (path, asset) in assets {
        copies.push(match asset {
            Asset::BuiltIn(bytes) => Copy::Bytes(path, bytes),
            Asset::File(file) => Copy::File(path, file),
        });
    }
    for file in statics {
        copies.push(Copy::File(&file.output, &file.path));
    }
    let written: Result<(), Diagnostic> = files
        .par_iter()
        .map(|f| Copy::Bytes(&f.path, &f.bytes))
        .chain(copies.into_par_iter())
        .try_for_each(|copy| {
            let (relative, target) = match &copy {
                Copy::Bytes(path, _) | Copy::File(path, _) => (*path, fresh.join(path)),
            };
            debug_assert!(!relative.contains(".."));
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| failed(e, folder))?;
            }
            match copy {
                Copy::Bytes(_, bytes) => fs::write(&target, bytes).map_err(|e| failed(e, &target)),
                Copy::File(_, source) => fs::copy(source, &target)
                    .map(|_| ())
                    .map_err(|e| failed(e, source)),
            }
        });
    if let Err(diagnostic) = written {
        let _ = fs::remove_dir_all(&fresh);
        return Err(diagnostic);
    }

    if out.exists() {
        fs::rename(out, &stale).map_err(|e| failed(e, out))?;
    }
    if let Err(error) = fs::rename(&fresh, out) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&stale, out);
        return Err(failed(error, out));
    }
    if stale.exists() {
        fs::remove_dir_all(&stale).map_err(|e| failed(e, &stale))?;
    }
    Ok(())
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
}
