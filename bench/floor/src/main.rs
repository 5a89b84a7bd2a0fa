//! The floor: the least work any site generator must do to publish a folder of notes.
//!
//! Reads every `.md` file below a folder, skips its front matter, converts the Markdown to
//! HTML with the same pulldown-cmark options tally uses, wraps it in one fixed page and writes
//! `<out>/<path without .md>/index.html`, on all cores. No templates, no data, no checks: a
//! generator that does more than this can be compared with this time.
//!
//! Usage: `floor NOTES_DIR OUT_DIR`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [notes, out] = arguments.as_slice() else {
        eprintln!("usage: floor NOTES_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match publish(Path::new(notes), Path::new(out)) {
        Ok(count) => {
            eprintln!("floor: wrote {count} pages into {out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("floor: {message}");
            ExitCode::from(2)
        }
    }
}

/// Converts every note below `notes` into a page below `out`; returns how many.
fn publish(notes: &Path, out: &Path) -> Result<usize, String> {
    let files = list_notes(notes)?;
    files
        .par_iter()
        .try_for_each(|file| publish_note(notes, file, out))?;
    Ok(files.len())
}

/// The `.md` files below `folder`.
fn list_notes(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in WalkDir::new(folder) {
        let entry = entry.map_err(|e| format!("{}: {e}", folder.display()))?;
        let is_note = entry.path().extension().is_some_and(|e| e == "md");
        if entry.file_type().is_file() && is_note {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn publish_note(notes: &Path, file: &Path, out: &Path) -> Result<(), String> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let (front, body) = split_front_matter(&text);
    let page = wrap(title(front), &to_html(body));

    let relative = file.strip_prefix(notes).unwrap_or(file).with_extension("");
    let folder = out.join(relative);
    fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let target = folder.join("index.html");
    fs::write(&target, page).map_err(|e| format!("{}: {e}", target.display()))
}

/// The front matter between the opening and closing `---` lines, and the body after it.
fn split_front_matter(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + "\n---\n".len()..]),
        None => ("", text),
    }
}

/// The value of the front matter's `title:` line, without YAML quotes.
fn title(front: &str) -> &str {
    let line = front.lines().find_map(|line| line.strip_prefix("title:"));
    let value = line.unwrap_or("").trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

fn to_html(markdown: &str) -> String {
    // The options tally's Markdown renderer enables.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut body = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut body, Parser::new_ext(markdown, options));
    body
}

/// The one page template: a head with the title, a header, the body, a footer.
fn wrap(title: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n\
         <body>\n<header><p><a href=\"/\">Home</a></p></header>\n<main>\n<h1>{title}</h1>\n\
         {body}</main>\n<footer><p>Built by the floor.</p></footer>\n</body>\n</html>\n"
    )
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let text = "---\ntitle: \"A: b\"\ndate: 2025-01-02\n---\n\nBody.\n";
        let (front, body) = split_front_matter(text);
        assert_eq!(title(front), "A: b");
        assert_eq!(body, "\nBody.\n");
    }

    #[test]
    fn a_file_without_front_matter_is_all_body() {
        assert_eq!(split_front_matter("Body.\n"), ("", "Body.\n"));
    }

    #[test]
    fn the_title_is_escaped_in_the_page() {
        assert!(wrap("a < b", "").contains("<title>a &lt; b</title>"));
    }
}
