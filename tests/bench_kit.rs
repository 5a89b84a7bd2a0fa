//! End to end: `bench/gen_site.py` makes the same site twice from one seed, tally checks it
//! strictly without a single warning, and builds it with every note and indicator in place.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOTES: usize = 40;
const INDICATORS: usize = 8;

#[test]
fn generated_site_is_reproducible_strictly_valid_and_builds() {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is not installed, so bench/gen_site.py cannot run");
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let site = dir.path().join("site");
    let again = dir.path().join("again");
    for (out, hugo) in [(&site, "site-hugo"), (&again, "again-hugo")] {
        let made = generate(out, &dir.path().join(hugo));
        assert!(
            made.status.success(),
            "gen_site.py failed: {}",
            text(&made.stderr)
        );
    }
    assert_same_files(&site, &again);
    assert_same_files(
        &dir.path().join("site-hugo"),
        &dir.path().join("again-hugo"),
    );

    let notes = files_below(&site.join("content/notes"));
    assert_eq!(notes.len(), NOTES);
    assert!(
        notes.keys().any(|path| path.matches('/').count() >= 2),
        "some notes sit in sub-folders: {:?}",
        notes.keys()
    );
    let (note, source) = notes.iter().next().unwrap();
    let twin = fs::read(dir.path().join("site-hugo/content/notes").join(note)).unwrap();
    assert_eq!(
        front_matter(source),
        front_matter(&twin),
        "the Hugo twin has the same note"
    );

    let checked = tally(&["check", "--strict", "--root"], &site);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(
        !text(&checked.stderr).contains("warning"),
        "{}",
        text(&checked.stderr)
    );

    let public = dir.path().join("public");
    let built = tally(
        &["build", "--out", public.to_str().unwrap(), "--root"],
        &site,
    );
    assert!(built.status.success(), "{}", text(&built.stderr));

    let page_path = public
        .join("notes")
        .join(note.trim_end_matches(".md"))
        .join("index.html");
    let page = fs::read_to_string(&page_path).expect("the note's page");
    let title = title(source);
    assert!(
        page.contains(&title),
        "{} shows `{title}`",
        page_path.display()
    );

    let indicators = fs::read_to_string(public.join("indicators/index.html")).unwrap();
    let cards = indicators.matches("class=\"card indicator-card").count();
    assert_eq!(cards, INDICATORS, "one card per generated indicator");
}

fn generate(out: &Path, hugo: &Path) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/gen_site.py");
    Command::new("python3")
        .arg(script)
        .args([
            "--notes",
            &NOTES.to_string(),
            "--indicators",
            &INDICATORS.to_string(),
        ])
        .args(["--quarters", "12", "--seed", "7", "--out"])
        .arg(out)
        .arg("--hugo")
        .arg(hugo)
        .output()
        .expect("python3 runs")
}

fn tally(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tally"))
        .args(args)
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("tally runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Fails with the first file that differs, rather than with two whole trees.
fn assert_same_files(first: &Path, second: &Path) {
    let (a, b) = (files_below(first), files_below(second));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same file names"
    );
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{path} differs between two runs with one seed"
        );
    }
}

/// Every file below `root`, by its `/`-separated path relative to `root`.
fn files_below(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy()).collect();
                files.insert(parts.join("/"), fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn front_matter(note: &[u8]) -> String {
    let note = text(note);
    note.split("\n---\n").next().unwrap().to_string()
}

/// The note's title, from its front matter's `title: "..."` line.
fn title(note: &[u8]) -> String {
    let front = front_matter(note);
    let line = front
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap();
    line.trim_matches('"').to_string()
}
