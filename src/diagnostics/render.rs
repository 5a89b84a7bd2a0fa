//! Turns diagnostics into text for a terminal, a pipe or a screen reader.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Diagnostics, Severity};

/// How diagnostics are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Source snippets with colour, for a terminal.
    Colour,
    /// Source snippets without colour, for pipes, files and `NO_COLOR`.
    Plain,
    /// Sentences only, no drawing: reads well aloud.
    Narrated,
}

/// All diagnostics, followed by a count line.
pub fn render(diagnostics: &Diagnostics, style: Style) -> String {
    let renderer = match style {
        Style::Colour => Renderer::styled().decor_style(DecorStyle::Unicode),
        Style::Plain => Renderer::plain(),
        Style::Narrated => Renderer::plain().no_graphics(true),
    };
    let mut text = String::new();
    for diagnostic in diagnostics.iter() {
        text.push_str(&render_one(&renderer, diagnostic));
        text.push_str("\n\n");
    }
    let errors = diagnostics.error_count();
    let warnings = diagnostics.len() - errors;
    text.push_str(&summary(errors, warnings));
    text.push('\n');
    text
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, w) => format!("{} found.", plural(w, "warning")),
        (e, 0) => format!("{} found; nothing was written.", plural(e, "error")),
        (e, w) => format!(
            "{} and {} found; nothing was written.",
            plural(e, "error"),
            plural(w, "warning")
        ),
    }
}

fn render_one(renderer: &Renderer, diagnostic: &Diagnostic) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = diagnostic.message();
    let title = level.primary_title(message.as_str()).id(diagnostic.code());
    let main = match (&diagnostic.position, &diagnostic.source_line) {
        (Some(position), Some(line)) => {
            let start = byte_index(line, position.column - 1);
            let end = byte_index(line, position.column - 1 + position.length).max(start);
            let span = start..end;
            title.element(
                Snippet::source(line.as_str())
                    .line_start(position.line)
                    .path(diagnostic.file.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        (Some(position), None) => title.element(
            Origin::path(diagnostic.file.as_str())
                .line(position.line)
                .char_column(position.column),
        ),
        _ if diagnostic.file.is_empty() => Group::with_title(title),
        _ => title.element(Origin::path(diagnostic.file.as_str())),
    };
    let help = diagnostic.help();
    let mut report = vec![main];
    if let Some(help) = help.as_deref() {
        report.push(Group::with_title(Level::HELP.secondary_title(help)));
    }
    renderer.render(&report)
}

/// The byte index of character `chars` in `line`, or its end.
fn byte_index(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Problem, Source};

    fn sample() -> Diagnostics {
        let source = Source {
            path: "content/data/milestones.yaml",
            text: "a: 1\n    stauts: done\n",
        };
        let problem = Problem::UnknownKey {
            key: "stauts".into(),
            expected: vec!["status".into(), "period".into()],
        };
        [source.at(problem, 2, 5, 6)].into_iter().collect()
    }

    #[test]
    fn plain_output_names_file_line_column_and_fix() {
        let text = render(&sample(), Style::Plain);
        assert!(
            text.contains("error[unknown-key]: `stauts` is not a key tally knows here."),
            "{text}"
        );
        assert!(text.contains("content/data/milestones.yaml:2:5"), "{text}");
        assert!(text.contains("    stauts: done"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("help: Did you mean `status`?"), "{text}");
        assert!(
            text.ends_with("1 error found; nothing was written.\n"),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'), "plain output has no colour codes");
    }

    #[test]
    fn narrated_output_is_sentences() {
        let text = render(&sample(), Style::Narrated);
        assert!(text.contains("content/data/milestones.yaml:2:5"), "{text}");
        assert!(!text.contains('^'), "{text}");
    }
}
