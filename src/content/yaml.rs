//! Reading YAML into the raw content types, with errors worded for publishers.

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Error};

use crate::diagnostics::{Diagnostic, Problem, Source};

/// Reads `source` as `T`, or says where and why it cannot.
///
/// `line_offset` is added to reported lines, for YAML that sits inside a larger file (front
/// matter starts on line 2 of its Markdown file).
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    source: Source<'_>,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: Some(budget(yaml)),
    };
    serde_saphyr::from_str_with_options(yaml, options)
        .map_err(|error| translate(&error, source, line_offset))
}

/// The YAML reader's limits for `yaml`. Its defaults stop at 250,000 entries, fewer than the
/// quarterly values of a few thousand indicators hold, so the counts of entries and parser
/// events grow with the text: no text has more entries than bytes, nor more events than twice
/// its bytes, without aliases. The limits on nesting, anchors and aliases, which guard against
/// a small file that expands to a huge one, stay as they are, and the file's size is capped
/// before it is read.
fn budget(yaml: &str) -> Budget {
    let mut budget = Budget::default();
    budget.max_nodes = budget.max_nodes.max(yaml.len());
    budget.max_events = budget.max_events.max(yaml.len().saturating_mul(2));
    budget
}

/// Like [`parse`], but goes on past unknown keys to report every one in the file: a block
/// key that tally does not know is blanked out, with what is nested under it, and the file is
/// read again. Reading stops at the first problem of any other kind.
pub fn parse_all<T: DeserializeOwned>(
    yaml: &str,
    source: Source<'_>,
    line_offset: usize,
) -> Result<T, Vec<Diagnostic>> {
    const MOST: usize = 50;
    let mut text = std::borrow::Cow::Borrowed(yaml);
    let mut found = Vec::new();
    loop {
        match parse::<T>(&text, source, line_offset) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => return Err(found),
            Err(diagnostic) => {
                let mended = match (&*diagnostic.problem, diagnostic.position) {
                    (Problem::UnknownKey { key, expected }, Some(position))
                        if found.len() < MOST =>
                    {
                        let line = position.line - line_offset;
                        let likely = crate::diagnostics::nearest(key, expected);
                        mend_key(&text, line, position.column, key, likely)
                    }
                    _ => None,
                };
                // A missing or repeated key after a mended one is most likely its echo.
                let echo = matches!(
                    &*diagnostic.problem,
                    Problem::MissingKey { .. } | Problem::DuplicateKey { .. }
                );
                if found.is_empty() || !echo {
                    found.push(diagnostic);
                }
                match mended {
                    Some(next) => text = std::borrow::Cow::Owned(next),
                    None => return Err(found),
                }
            }
        }
    }
}

/// `yaml` with the unknown block key `key` at `line` and `column` (1-based, in characters)
/// renamed to the `likely` key it was meant to be, or else blanked out with the lines nested
/// under it, keeping every line number. `None` when the key is not alone at the start of its
/// line (a list item or a flow mapping), where mending could change what follows.
fn mend_key(
    yaml: &str,
    line: usize,
    column: usize,
    key: &str,
    likely: Option<&str>,
) -> Option<String> {
    let lines: Vec<&str> = yaml.split('\n').collect();
    let at = line.checked_sub(1)?;
    let text = lines.get(at)?;
    let indent = text.chars().take_while(|c| *c == ' ').count();
    if indent + 1 != column || !text[indent..].starts_with(key) {
        return None;
    }
    let nested = |l: &&&str| {
        let trimmed = l.trim_start_matches(' ');
        trimmed.trim().is_empty() || l.len() - trimmed.len() > indent
    };
    let end = at + 1 + lines[at + 1..].iter().take_while(nested).count();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match likely {
        Some(likely) => {
            out[at] = format!("{}{likely}{}", &text[..indent], &text[indent + key.len()..])
        }
        None => out.iter_mut().take(end).skip(at).for_each(String::clear),
    }
    Some(out.join("\n"))
}

fn translate(error: &Error, source: Source<'_>, line_offset: usize) -> Diagnostic {
    let problem = problem_of(error.without_snippet());
    match error.location().filter(|l| l.line() > 0) {
        Some(location) => {
            let length = usize::try_from(location.span().len()).unwrap_or(1);
            source.at(
                problem,
                usize::try_from(location.line()).unwrap_or(usize::MAX) + line_offset,
                usize::try_from(location.column()).unwrap_or(1),
                length,
            )
        }
        None => source.whole(problem),
    }
}

fn problem_of(error: &Error) -> Problem {
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownKey {
            key: field.clone(),
            expected: expected.iter().map(|s| s.to_string()).collect(),
        },
        Error::SerdeMissingField { field, .. } => Problem::MissingKey {
            key: field.to_string(),
        },
        Error::DuplicateMappingKey { key, .. } => Problem::DuplicateKey {
            key: key.clone().unwrap_or_default(),
        },
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => Problem::WrongKind {
            expected: kind_in_words(expected),
            found: kind_in_words(unexpected),
        },
        Error::InvalidScalar { ty, .. } => Problem::Unparsable {
            expected: kind_in_words(ty),
        },
        Error::Unexpected { expected, .. } => Problem::Unparsable {
            expected: kind_in_words(expected),
        },
        Error::NullIntoString { .. } => Problem::WrongKind {
            expected: "text".into(),
            found: "nothing".into(),
        },
        Error::InvalidBooleanStrict { .. } => Problem::Unparsable {
            expected: "`true` or `false`".into(),
        },
        Error::Budget { .. } => Problem::TooComplex {
            detail: "it has more entries, nesting, anchors or aliases than tally reads".into(),
        },
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => Problem::TooComplex {
            detail: "its aliases (`*name`) expand to more than tally reads".into(),
        },
        other if other.to_string().contains("recursion limit") => Problem::TooComplex {
            detail: "it nests lists or mappings more deeply than tally reads".into(),
        },
        other => Problem::YamlSyntax {
            detail: without_location(&other.to_string()),
        },
    }
}

/// Drops the " at line 3, column 5" that the YAML reader appends; the diagnostic says it.
fn without_location(message: &str) -> String {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let message = message.lines().next().unwrap_or(message);
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    match message
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((_, rest)) => rest.to_string(),
        None => message.to_string(),
    }
}

/// Says a Rust or serde type name as a publisher would: `u32` is "a whole number".
fn kind_in_words(kind: &str) -> String {
    let kind = kind.trim();
    let words = match kind {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" | "a float" | "floating point" => "a number",
        "a string" | "string" | "str" | "String" => "text",
        "a boolean" | "bool" | "boolean" => "`true` or `false`",
        "a sequence" | "sequence" | "sequence start" => "a list",
        "mapping start" | "mapping" => "a set of `key: value` lines",
        "string scalar" | "scalar" => "text",
        "a map" | "map" => "a set of `key: value` lines",
        "unit value" | "null" | "()" => "nothing",
        _ if kind.starts_with("struct ") => "a set of `key: value` lines",
        _ if kind.starts_with("integer") => "a whole number",
        _ if kind.starts_with("floating point") => "a number",
        _ if kind.starts_with("string") => "text",
        _ if kind.starts_with("boolean") => "`true` or `false`",
        _ if kind.contains("sequence") => "a list",
        _ if kind.contains("map") => "a set of `key: value` lines",
        _ if kind.contains("number") => "a number",
        _ => return kind.trim_start_matches("a ").to_string(),
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::raw::MilestonesFile;

    fn error_of(yaml: &str) -> Diagnostic {
        let source = Source {
            path: "content/data/milestones.yaml",
            text: yaml,
        };
        parse::<MilestonesFile>(yaml, source, 0).unwrap_err()
    }

    #[test]
    fn unknown_key_is_located_and_suggests_the_key() {
        let d = error_of("milestones:\n  - id: a\n    titel: A\n    due: 2025-Q1\n");
        assert_eq!(d.code(), "unknown-key");
        assert_eq!(d.place(), "content/data/milestones.yaml:3:5");
        assert_eq!(d.help().unwrap(), "Did you mean `title`?");
    }

    #[test]
    fn every_unknown_key_in_a_file_is_reported() {
        let yaml = "milestones:\n  - id: a\n    titel: A\n    due: 2025-Q1\n    owner:\n      \
                    name: x\n  - id: b\n    title: B\n    duee: 2025-Q2\n    due: 2025-Q2\n";
        let source = Source {
            path: "content/data/milestones.yaml",
            text: yaml,
        };
        let found = parse_all::<MilestonesFile>(yaml, source, 0).unwrap_err();
        let places: Vec<String> = found.iter().map(|d| d.place()).collect();
        assert_eq!(
            places,
            [
                "content/data/milestones.yaml:3:5",
                "content/data/milestones.yaml:5:5",
                "content/data/milestones.yaml:9:5",
            ],
        );
        assert_eq!(
            found[1].help().unwrap(),
            "The keys here are `id`, `title`, `phase`, `due`, `lead`, `actions`, `depends_on`, \
             `illustrative`, `updates`."
        );
    }

    #[test]
    fn unclosed_bracket_points_at_the_bracket() {
        let d = error_of("milestones:\n  - { id: a, title: A\n  - id: b\n");
        assert_eq!(d.code(), "yaml-syntax");
        assert_eq!(d.place(), "content/data/milestones.yaml:2:5");
        assert!(d.message().contains("unclosed bracket"), "{}", d.message());
    }

    #[test]
    fn wrong_kind_is_said_in_words() {
        let d =
            error_of("milestones:\n  - id: a\n    title: A\n    due: 2025-Q1\n    phase: one\n");
        assert_eq!(d.code(), "wrong-kind");
        assert_eq!(d.message(), "Expected a whole number here.");
        assert_eq!(d.place(), "content/data/milestones.yaml:5:12");
    }

    #[test]
    fn missing_key_is_named() {
        let d = error_of("milestones:\n  - id: a\n    due: 2025-Q1\n");
        assert_eq!(d.message(), "The required key `title` is missing here.");
    }

    #[test]
    fn long_lists_are_read_past_the_readers_default_limits() {
        // 300,000 entries: more than the YAML reader's default budget of 250,000.
        let yaml = format!("[{}0]", "0, ".repeat(299_999));
        assert!(serde_saphyr::from_str::<Vec<u8>>(&yaml).is_err());
        let source = Source {
            path: "content/data/indicators.yaml",
            text: &yaml,
        };
        let values: Vec<u8> = parse(&yaml, source, 0).unwrap();
        assert_eq!(values.len(), 300_000);
    }

    #[test]
    fn front_matter_lines_count_from_the_file() {
        let text = "---\ntitle: A\nbogus: 1\n---\n";
        let source = Source {
            path: "content/pages/a.md",
            text,
        };
        let d = parse::<crate::content::raw::FrontMatter>("title: A\nbogus: 1\n", source, 1)
            .unwrap_err();
        assert_eq!(d.place(), "content/pages/a.md:3:1");
        assert_eq!(d.source_line.as_deref(), Some("bogus: 1"));
    }
}
