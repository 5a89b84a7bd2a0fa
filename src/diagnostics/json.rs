//! Turns diagnostics into JSON lines for tools: one object a line, with the same fields and
//! wording as the text form.

use serde::Serialize;

use super::{Diagnostic, Diagnostics, Severity};

/// One diagnostic as tools read it.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    code: &'static str,
    severity: &'static str,
    message: String,
    help: Option<String>,
}

/// Every diagnostic as one JSON object per line, each line ending in a newline.
pub fn render_json(diagnostics: &Diagnostics) -> String {
    let mut text = String::new();
    for diagnostic in diagnostics.iter() {
        text.push_str(&line(diagnostic));
        text.push('\n');
    }
    text
}

fn line(diagnostic: &Diagnostic) -> String {
    let line = Line {
        file: &diagnostic.file,
        line: diagnostic.position.map(|p| p.line),
        column: diagnostic.position.map(|p| p.column),
        code: diagnostic.code(),
        severity: match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        message: diagnostic.message(),
        help: diagnostic.help(),
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&line).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Problem, Source};

    #[test]
    fn each_diagnostic_is_one_json_line_with_place_and_code() {
        let source = Source {
            path: "content/notes/a.md",
            text: "---\ntitle: \"A\"\n---\nSee [x](/about/#nowhere).\n",
        };
        let problem = Problem::BrokenAnchor {
            target: "/about/".into(),
            anchor: "nowhere".into(),
            suggestion: None,
        };
        let list: Diagnostics = [source.at(problem, 4, 5, 3)].into_iter().collect();
        let text = render_json(&list);
        assert_eq!(text.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(value["file"], "content/notes/a.md");
        assert_eq!(value["line"], 4);
        assert_eq!(value["column"], 5);
        assert_eq!(value["code"], "broken-anchor");
        assert_eq!(value["severity"], "error");
        assert!(value["help"].as_str().unwrap().contains('#'));
    }
}
