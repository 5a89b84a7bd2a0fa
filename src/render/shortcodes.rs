//! Shortcodes: `{{ name(arg="value", n=3) }}` on a line of their own in Markdown, each
//! replaced by a data block.
//!
//! This module reads the syntax and checks names and arguments against [`SPECS`]; what a
//! block shows is decided in `render::blocks`.

use std::collections::BTreeMap;

use crate::diagnostics::Problem;

/// A value given to a shortcode argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Argument {
    /// `"text"`.
    Text(String),
    /// `3`, `-1.5`.
    Number(f64),
    /// `true` or `false`.
    Flag(bool),
}

/// A shortcode as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// Its name.
    pub name: String,
    /// Its arguments by name.
    pub arguments: BTreeMap<String, Argument>,
}

impl Shortcode {
    /// A text argument.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.arguments.get(name) {
            Some(Argument::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// A number argument.
    pub fn number(&self, name: &str) -> Option<f64> {
        match self.arguments.get(name) {
            Some(Argument::Number(n)) => Some(*n),
            _ => None,
        }
    }
}

/// The kind an argument takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Quoted text.
    Text,
    /// A whole number of at least 1.
    Count,
}

/// One argument a shortcode takes.
#[derive(Debug, Clone, Copy)]
pub struct ArgumentSpec {
    /// Name.
    pub name: &'static str,
    /// Kind of value.
    pub kind: Kind,
    /// Whether it must be given.
    pub required: bool,
}

/// A shortcode tally knows.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Name.
    pub name: &'static str,
    /// Arguments.
    pub arguments: &'static [ArgumentSpec],
}

const fn arg(name: &'static str, kind: Kind, required: bool) -> ArgumentSpec {
    ArgumentSpec {
        name,
        kind,
        required,
    }
}

/// Every shortcode, documented in `docs/content-format.md`.
pub const SPECS: &[Spec] = &[
    Spec {
        name: "kpis",
        arguments: &[],
    },
    Spec {
        name: "indicator",
        arguments: &[arg("id", Kind::Text, true)],
    },
    Spec {
        name: "milestones",
        arguments: &[arg("status", Kind::Text, false)],
    },
    Spec {
        name: "funding",
        arguments: &[],
    },
    Spec {
        name: "risks",
        arguments: &[arg("top", Kind::Count, false)],
    },
    Spec {
        name: "chart",
        arguments: &[arg("kind", Kind::Text, true), arg("id", Kind::Text, false)],
    },
];

/// Whether a paragraph's text is meant as a shortcode: `{{ ... }}`.
pub fn looks_like_shortcode(text: &str) -> bool {
    let text = text.trim();
    text.starts_with("{{") && text.ends_with("}}")
}

/// Reads and checks a shortcode written as `{{ name(args) }}`.
pub fn parse(text: &str) -> Result<Shortcode, Problem> {
    let inner = text
        .trim()
        .strip_prefix("{{")
        .and_then(|t| t.strip_suffix("}}"))
        .unwrap_or(text);
    let inner = inner.trim();
    let syntax = |detail: &str| Problem::ShortcodeSyntax {
        detail: detail.to_string(),
    };
    let open = inner
        .find('(')
        .ok_or_else(|| syntax("it needs brackets after the name, like `kpis()`"))?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(syntax("the name must be a single word before the brackets"));
    }
    let body = inner[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| syntax("the closing bracket `)` is missing"))?;
    let arguments = parse_arguments(body)?;
    let shortcode = Shortcode {
        name: name.to_string(),
        arguments,
    };
    check(&shortcode)?;
    Ok(shortcode)
}

fn parse_arguments(body: &str) -> Result<BTreeMap<String, Argument>, Problem> {
    let syntax = |detail: String| Problem::ShortcodeSyntax { detail };
    let mut arguments = BTreeMap::new();
    let mut rest = body.trim();
    while !rest.is_empty() {
        let equals = rest.find('=').ok_or_else(|| {
            syntax(format!(
                "`{rest}` needs a name and a value, like `id=\"x\"`"
            ))
        })?;
        let name = rest[..equals].trim().to_string();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(syntax(format!(
                "`{}` is not an argument name",
                &rest[..equals]
            )));
        }
        rest = rest[equals + 1..].trim_start();
        let (value, after) = if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| syntax(format!("the text of `{name}` has no closing quote")))?;
            (
                Argument::Text(quoted[..end].to_string()),
                &quoted[end + 1..],
            )
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let word = rest[..end].trim();
            let value = match word {
                "true" => Argument::Flag(true),
                "false" => Argument::Flag(false),
                _ => word
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .map(Argument::Number)
                    .ok_or_else(|| {
                        syntax(format!(
                            "`{word}` is not a value: put text in double quotes"
                        ))
                    })?,
            };
            (value, &rest[end..])
        };
        if arguments.insert(name.clone(), value).is_some() {
            return Err(syntax(format!("`{name}` is given twice")));
        }
        rest = after.trim_start();
        if let Some(next) = rest.strip_prefix(',') {
            rest = next.trim_start();
        } else if !rest.is_empty() {
            return Err(syntax("separate arguments with commas".into()));
        }
    }
    Ok(arguments)
}

fn check(shortcode: &Shortcode) -> Result<(), Problem> {
    let Some(spec) = SPECS.iter().find(|s| s.name == shortcode.name) else {
        return Err(Problem::UnknownShortcode {
            name: shortcode.name.clone(),
            known: SPECS.iter().map(|s| s.name.to_string()).collect(),
        });
    };
    for (name, value) in &shortcode.arguments {
        let Some(argument) = spec.arguments.iter().find(|a| a.name == name) else {
            return Err(Problem::UnknownArgument {
                shortcode: spec.name.into(),
                argument: name.clone(),
                known: spec.arguments.iter().map(|a| a.name.to_string()).collect(),
            });
        };
        let fits = match (argument.kind, value) {
            (Kind::Text, Argument::Text(_)) => true,
            (Kind::Count, Argument::Number(n)) => *n >= 1.0 && n.fract() == 0.0,
            _ => false,
        };
        if !fits {
            let expected = match argument.kind {
                Kind::Text => "text in double quotes",
                Kind::Count => "a whole number of at least 1",
            };
            return Err(Problem::BadArgument {
                shortcode: spec.name.into(),
                argument: name.clone(),
                expected: expected.into(),
            });
        }
    }
    if let Some(missing) = spec
        .arguments
        .iter()
        .find(|a| a.required && !shortcode.arguments.contains_key(a.name))
    {
        return Err(Problem::MissingArgument {
            shortcode: spec.name.into(),
            argument: missing.name.into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_and_arguments() {
        let s = parse(r#"{{ indicator(id="domestic-input-share") }}"#).unwrap();
        assert_eq!(s.name, "indicator");
        assert_eq!(s.text("id"), Some("domestic-input-share"));
        let s = parse("{{risks(top=3)}}").unwrap();
        assert_eq!(s.number("top"), Some(3.0));
        assert!(parse("{{ kpis() }}").unwrap().arguments.is_empty());
    }

    #[test]
    fn unknown_names_and_arguments_are_problems() {
        assert_eq!(
            parse("{{ kpi() }}").unwrap_err().code(),
            "unknown-shortcode"
        );
        assert_eq!(
            parse("{{ risks(count=3) }}").unwrap_err().code(),
            "unknown-argument"
        );
        assert_eq!(
            parse("{{ indicator() }}").unwrap_err().code(),
            "missing-argument"
        );
        assert_eq!(
            parse("{{ risks(top=0) }}").unwrap_err().code(),
            "bad-argument"
        );
        assert_eq!(
            parse(r#"{{ indicator(id="x) }}"#).unwrap_err().code(),
            "shortcode-syntax"
        );
        assert_eq!(
            parse("{{ indicator(id=x) }}").unwrap_err().code(),
            "shortcode-syntax"
        );
        assert_eq!(parse("{{ kpis }}").unwrap_err().code(), "shortcode-syntax");
    }

    #[test]
    fn unknown_name_suggests_the_nearest() {
        let problem = parse("{{ milestone() }}").unwrap_err();
        assert_eq!(problem.help().unwrap(), "Did you mean `milestones`?");
    }
}
