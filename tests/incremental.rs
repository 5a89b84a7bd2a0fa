//! The preview renders again only what a change affects. Whatever it keeps, each rendering
//! must give exactly the files and problems a fresh rendering of the same files gives.

mod common;

use std::path::PathBuf;

use common::Site;
use tally::{BuildOptions, Changes, RenderedSite, Session, diagnostics, render_site};

fn options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        out: None,
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
        preview: true,
    }
}

/// The files of a rendering by path, or its problems as a publisher reads them.
fn outcome(
    result: Result<RenderedSite, tally::BuildFailure>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let plain = diagnostics::Style::Plain;
    match result {
        Ok(site) => {
            let mut files: Vec<_> = site
                .files
                .iter()
                .map(|f| (f.path.clone(), f.bytes.to_vec()))
                .collect();
            files.sort();
            files.push((
                "(warnings)".into(),
                diagnostics::render(&site.warnings, plain).into_bytes(),
            ));
            Ok(files)
        }
        Err(failure) => Err(diagnostics::render(&failure.diagnostics, plain)),
    }
}

/// Makes one change after another to the site, telling the session which files changed, and
/// compares each of its renderings with a fresh one.
struct Preview {
    site: Site,
    session: Session,
}

impl Preview {
    fn new(fixture: &str) -> Preview {
        let site = Site::fixture(fixture);
        let mut session = Session::new(options(&site)).keeping_pages();
        assert!(session.render(Changes::Unknown).is_ok());
        Preview { site, session }
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.site.root.join(relative)).unwrap()
    }

    /// Renders after `changed` and checks the result; gives whether it rendered.
    fn renders_as_fresh(&mut self, what: &str, changed: &[&str]) -> bool {
        let paths: Vec<PathBuf> = changed.iter().map(|p| self.site.root.join(p)).collect();
        let kept = outcome(self.session.render(Changes::Paths(&paths)));
        let fresh = outcome(render_site(&options(&self.site)));
        match (&kept, &fresh) {
            (Ok(kept), Ok(fresh)) => {
                let paths = |files: &[(String, Vec<u8>)]| -> Vec<String> {
                    files.iter().map(|(p, _)| p.clone()).collect()
                };
                assert_eq!(paths(kept), paths(fresh), "{what}: the files differ");
                for ((path, a), (_, b)) in kept.iter().zip(fresh) {
                    assert!(
                        a == b,
                        "{what}: {path} differs from a fresh rendering:\n{}\n---\n{}",
                        String::from_utf8_lossy(a),
                        String::from_utf8_lossy(b)
                    );
                }
            }
            _ => assert_eq!(kept, fresh, "{what}"),
        }
        kept.is_ok()
    }
}

const NOTE: &str = "content/notes/energy/northern-flight.md";

#[test]
fn each_change_renders_as_a_fresh_rendering_would() {
    let mut preview = Preview::new("small");
    let site = &preview.site;

    let text = preview.read(NOTE);
    site.write(
        NOTE,
        &format!("{text}\nA new paragraph about the **flight**.\n"),
    );
    assert!(preview.renders_as_fresh("a note's body", &[NOTE]));

    let text = preview.read(NOTE);
    let site = &preview.site;
    site.write(
        NOTE,
        &text.replace("The northern flight", "The northern route"),
    );
    assert!(preview.renders_as_fresh("a note's title", &[NOTE]));

    let site = &preview.site;
    site.write(
        "content/notes/energy/southern-flight.md",
        "---\ntitle: The southern flight\ndate: 2025-09-01\n---\n\n\
         See [the northern route](/notes/energy/northern-flight/).\n",
    );
    let text = preview.read(NOTE);
    preview.site.write(
        NOTE,
        &format!("{text}\nAnd [the southern one](/notes/energy/southern-flight/).\n"),
    );
    assert!(preview.renders_as_fresh(
        "a new note, linked from another",
        &[NOTE, "content/notes/energy/southern-flight.md"],
    ));

    // A link to a note that is gone breaks the build, in both renderings alike.
    std::fs::remove_file(
        preview
            .site
            .root
            .join("content/notes/energy/southern-flight.md"),
    )
    .unwrap();
    assert!(!preview.renders_as_fresh(
        "a linked note deleted",
        &["content/notes/energy/southern-flight.md"],
    ));
    let text = preview.read(NOTE);
    preview.site.write(
        NOTE,
        &text.replace(
            "\nAnd [the southern one](/notes/energy/southern-flight/).\n",
            "",
        ),
    );
    assert!(preview.renders_as_fresh("the link removed", &[NOTE]));

    // Broken front matter, then fixed.
    let good = preview.read(NOTE);
    preview
        .site
        .write(NOTE, &good.replace("date: 2025-08-01", "date: 2025-13-01"));
    assert!(!preview.renders_as_fresh("a broken date", &[NOTE]));
    preview.site.write(NOTE, &good);
    assert!(preview.renders_as_fresh("the date fixed", &[NOTE]));

    // An editor's swap file, and a file that is not Markdown, are not documents.
    preview.site.write(
        "content/notes/energy/.northern-flight.md.swp",
        "binary junk",
    );
    preview
        .site
        .write("content/notes/energy/sketch.txt", "not a note");
    assert!(preview.renders_as_fresh(
        "files that are not notes",
        &[
            "content/notes/energy/.northern-flight.md.swp",
            "content/notes/energy/sketch.txt",
        ],
    ));

    let data = "content/data/indicators.yaml";
    let text = preview.read(data);
    preview
        .site
        .write(data, &text.replace("value: 25 }", "value: 27 }"));
    assert!(preview.renders_as_fresh("a data value", &[data]));

    let bulletin = "content/bulletins/2025-q3.md";
    let text = preview.read(bulletin);
    preview
        .site
        .write(bulletin, &format!("{text}\nOne more sentence.\n"));
    assert!(preview.renders_as_fresh("a bulletin", &[bulletin]));

    let settings = "content/site.yaml";
    let text = preview.read(settings);
    let changed: String = text
        .lines()
        .map(|line| match line.strip_prefix("title: ") {
            Some(_) => "title: A renamed programme".to_string(),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(changed.trim(), text.trim(), "site.yaml has a title");
    preview.site.write(settings, &(changed + "\n"));
    assert!(preview.renders_as_fresh("the site's title", &[settings]));

    let words = "themes/default/strings.yaml";
    preview
        .site
        .write(words, "home: Overview\nnav:\n  notes: Field notes\n");
    assert!(preview.renders_as_fresh("the theme's words", &[words]));

    let folder = "content/notes/water";
    std::fs::create_dir_all(preview.site.root.join(folder)).unwrap();
    preview.site.write(
        "content/notes/water/locks.md",
        "---\ntitle: Locks\ndate: 2025-07-01\n---\n\nThe locks.\n",
    );
    assert!(preview.renders_as_fresh("a new folder of notes", &[folder]));
}

#[test]
fn only_the_changed_note_is_rendered_again() {
    let mut preview = Preview::new("small");
    let before = preview.session.render(Changes::Paths(&[])).unwrap();
    let text = preview.read(NOTE);
    preview.site.write(NOTE, &format!("{text}\nKept or not.\n"));
    let path = preview.site.root.join(NOTE);
    let after = preview.session.render(Changes::Paths(&[path])).unwrap();
    let bytes = |site: &RenderedSite, wanted: &str| {
        let file = site.files.iter().find(|f| f.path == wanted);
        std::sync::Arc::clone(&file.unwrap().bytes)
    };
    // A kept page is the very same bytes, not a copy rendered again.
    let note = "notes/energy/northern-flight/index.html";
    assert!(!std::sync::Arc::ptr_eq(
        &bytes(&before, note),
        &bytes(&after, note)
    ));
    assert!(String::from_utf8_lossy(&bytes(&after, note)).contains("Kept or not."));
    for kept in [
        "indicators/index.html",
        "indicators/locks-repaired/index.html",
        "notes/index.html",
        "index.html",
        "bulletins/2025-q3/index.html",
        "method/index.html",
    ] {
        let (a, b) = (bytes(&before, kept), bytes(&after, kept));
        assert!(std::sync::Arc::ptr_eq(&a, &b), "{kept} was rendered again");
    }
}
