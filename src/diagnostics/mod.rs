//! Diagnostics: the problems a build finds in content, with where they are and how to fix them.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first problem, so
//! that one run shows a publisher everything to fix. A [`Diagnostic`] names the file (relative
//! to the site root), the line and column, and carries a [`Problem`], whose wording lives in
//! `problems.rs`. Rendering shows the source line with a caret, in colour on a terminal, or as
//! narrated plain text for screen readers and pipes.

mod json;
mod problems;
mod render;

pub use json::render_json;
pub use problems::{Problem, nearest};
pub use render::{Style, render};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built until it is fixed.
    Error,
    /// The site builds, but something is likely wrong.
    Warning,
}

/// A position in a file: 1-based line and column (in characters), and how many characters the
/// problem spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// Characters marked, at least 1.
    pub length: usize,
}

/// One problem found in one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub problem: Box<Problem>,
    /// The file, relative to the site root, with `/` separators; empty when no file applies.
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The text of the line at `position`, for the snippet.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file, or about no file when `file` is empty.
    pub fn in_file(problem: Problem, file: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: problem.severity(),
            problem: Box::new(problem),
            file: file.into(),
            position: None,
            source_line: None,
        }
    }

    /// The stable code of the problem, such as `unknown-key`.
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// The message, a full sentence.
    pub fn message(&self) -> String {
        self.problem.message()
    }

    /// The likely fix, when one can be suggested.
    pub fn help(&self) -> Option<String> {
        self.problem.help()
    }

    /// `path:line:column`, or as much of it as is known.
    pub fn place(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }
}

/// A file's text, kept to point diagnostics at its lines.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Path relative to the site root, with `/` separators.
    pub path: &'a str,
    /// The whole text of the file.
    pub text: &'a str,
}

impl Source<'_> {
    /// A diagnostic at `line` and `column` (1-based, column in characters) of this file.
    pub fn at(&self, problem: Problem, line: usize, column: usize, length: usize) -> Diagnostic {
        // A position past the end (as the YAML reader gives for a problem found at the end of
        // the input) is shown at the end of the last line.
        let last = self.text.lines().count().max(1);
        let (line, column) = if line > last {
            let end = self
                .text
                .lines()
                .last()
                .map_or(0, |l| l.trim_end_matches('\r').chars().count());
            (last, end + 1)
        } else {
            (line, column)
        };
        let source_line = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string());
        Diagnostic {
            severity: problem.severity(),
            problem: Box::new(problem),
            file: self.path.to_string(),
            position: Some(Position {
                line: line.max(1),
                column: column.max(1),
                length: length.max(1),
            }),
            source_line,
        }
    }

    /// A diagnostic at a byte offset of this file.
    pub fn at_offset(&self, problem: Problem, offset: usize, length: usize) -> Diagnostic {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let end = floor_char_boundary(self.text, (offset + length).min(self.text.len()));
        let marked = self.text[before.len()..end]
            .split('\n')
            .next()
            .unwrap_or("");
        self.at(problem, line, column, marked.chars().count())
    }

    /// A diagnostic about the file as a whole.
    pub fn whole(&self, problem: Problem) -> Diagnostic {
        Diagnostic::in_file(problem, self.path)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The diagnostics of a build, in the order they were found until [`Diagnostics::sort`].
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Keeps only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// Adds one.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds all of another list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there are none at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Counts the errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Orders by file, then position, so that output does not depend on thread timing.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.position, a.severity, a.code()).cmp(&(
                &b.file,
                b.position,
                b.severity,
                b.code(),
            ))
        });
        self.items.dedup();
    }

    /// The diagnostics in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Diagnostics {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let source = Source {
            path: "notes/a.md",
            text: "title\nhé [x](/nope/)\n",
        };
        let offset = source.text.find("[x]").unwrap();
        let d = source.at_offset(
            Problem::BrokenLink {
                target: "/nope/".into(),
                suggestion: None,
            },
            offset,
            3,
        );
        assert_eq!(
            d.position,
            Some(Position {
                line: 2,
                column: 4,
                length: 3
            })
        );
        assert_eq!(d.source_line.as_deref(), Some("hé [x](/nope/)"));
        assert_eq!(d.place(), "notes/a.md:2:4");
    }
}
