//! The page the preview shows in place of the site while its content has errors: each
//! diagnostic with its file, line, source line, message and help, all escaped.

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

use super::snapshot::reload_script;

/// The whole error page; it reloads itself when the preview's generation changes.
pub fn render(diagnostics: &Diagnostics, generation: u64) -> String {
    let errors = diagnostics.error_count();
    let heading = if errors == 1 {
        "The site has 1 error".to_string()
    } else {
        format!("The site has {errors} errors")
    };
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{heading} – tally preview</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <main>\n<h1>{heading}</h1>\n<p>Fix the problems below and save: this page reloads by \
         itself. Nothing was changed in the preview of the site until then.</p>\n<ol>\n"
    );
    for diagnostic in diagnostics.iter() {
        html.push_str(&item(diagnostic));
    }
    html.push_str("</ol>\n</main>\n");
    html.push_str(&reload_script(generation));
    html.push_str("</body>\n</html>\n");
    html
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;padding:1rem;\
    line-height:1.5;color:#1b1b1b;background:#fff}main{max-width:60rem;margin:auto}\
    h1{color:#8b0000}li{margin-bottom:1.5rem}pre{background:#f4f4f4;padding:.5rem;\
    overflow-x:auto}.code{font-family:monospace}.help{font-style:italic}";

fn item(diagnostic: &Diagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut html = format!(
        "<li><p><strong>{severity}</strong> <span class=\"code\">[{}]</span> {}</p>\n",
        escape(diagnostic.code()),
        escape(&diagnostic.message())
    );
    if !diagnostic.file.is_empty() {
        html.push_str(&format!(
            "<p class=\"place\">{}</p>\n",
            escape(&diagnostic.place())
        ));
    }
    if let (Some(position), Some(line)) = (diagnostic.position, &diagnostic.source_line) {
        let caret = format!(
            "{}{}",
            " ".repeat(position.column.saturating_sub(1)),
            "^".repeat(position.length.max(1))
        );
        html.push_str(&format!(
            "<pre>{:>4} | {}\n     | {caret}</pre>\n",
            position.line,
            escape(line)
        ));
    }
    if let Some(help) = diagnostic.help() {
        html.push_str(&format!("<p class=\"help\">help: {}</p>\n", escape(&help)));
    }
    html.push_str("</li>\n");
    html
}

/// Text made safe to put in HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Problem, Source};

    #[test]
    fn diagnostics_are_shown_escaped_with_their_place_and_help() {
        let source = Source {
            path: "content/notes/<x>.md",
            text: "---\ntitle: <script>alert(1)</script>\n",
        };
        let problem = Problem::UnknownKey {
            key: "<b>".into(),
            expected: vec!["title".into()],
        };
        let list: Diagnostics = [source.at(problem, 2, 8, 8)].into_iter().collect();
        let html = render(&list, 7);
        assert!(html.contains("The site has 1 error"), "{html}");
        assert!(html.contains("content/notes/&lt;x&gt;.md:2:8"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("`&lt;b&gt;` is not a key"), "{html}");
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(html.contains("help: "), "{html}");
    }
}
