//! Small checks shared by the validators: each reads one spanned value, reports a problem at
//! its place when it is wrong, and returns the typed value when it is right.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostics, Problem, Source};
use crate::period::{Period, TimeError, parse_date};

/// Reports problems against one file.
pub struct Checker<'a> {
    /// The file being checked.
    pub source: Source<'a>,
    /// Where problems go.
    pub diagnostics: &'a mut Diagnostics,
    /// Lines before the checked YAML in its file: 1 for front matter, else 0.
    line_offset: usize,
}

impl<'a> Checker<'a> {
    /// Checks values of a YAML file.
    pub fn new(source: Source<'a>, diagnostics: &'a mut Diagnostics) -> Checker<'a> {
        Checker {
            source,
            diagnostics,
            line_offset: 0,
        }
    }

    /// Checks values of front matter, which starts on the file's second line.
    pub fn front_matter(source: Source<'a>, diagnostics: &'a mut Diagnostics) -> Checker<'a> {
        Checker {
            source,
            diagnostics,
            line_offset: 1,
        }
    }
}

impl Checker<'_> {
    /// Reports `problem` at the place `value` was written.
    pub fn report<T>(&mut self, value: &Spanned<T>, problem: Problem) {
        let at = value.referenced;
        let length = usize::try_from(at.span().len()).unwrap_or(1);
        let line = usize::try_from(at.line()).unwrap_or(1);
        let column = usize::try_from(at.column()).unwrap_or(1);
        let diagnostic = if line == 0 {
            self.source.whole(problem)
        } else {
            self.source
                .at(problem, line + self.line_offset, column, length)
        };
        self.diagnostics.push(diagnostic);
    }

    /// A period (`YYYY-Qn`, or a date meaning its quarter).
    pub fn period(&mut self, text: &Spanned<String>) -> Option<Period> {
        Period::parse(&text.value)
            .map_err(|error| {
                let problem = Problem::BadPeriod {
                    text: text.value.clone(),
                    quarter_out_of_range: error == TimeError::Quarter,
                };
                self.report(text, problem);
            })
            .ok()
    }

    /// A period, and the exact day when it was written as a date.
    pub fn period_or_date(&mut self, text: &Spanned<String>) -> Option<(Period, Option<Date>)> {
        let day = parse_date(&text.value).ok();
        self.period(text).map(|period| (period, day))
    }

    /// A date `YYYY-MM-DD`.
    pub fn date(&mut self, text: &Spanned<String>) -> Option<Date> {
        parse_date(&text.value)
            .map_err(|error| {
                let problem = Problem::BadDate {
                    text: text.value.clone(),
                    no_such_day: error == TimeError::Day,
                };
                self.report(text, problem);
            })
            .ok()
    }

    /// An id: well formed and not used before in this file (`seen` maps ids to their line).
    pub fn id(
        &mut self,
        text: &Spanned<String>,
        seen: &mut BTreeMap<String, usize>,
    ) -> Option<String> {
        let id = &text.value;
        if !is_id(id) {
            self.report(text, Problem::BadId { text: id.clone() });
            return None;
        }
        let line = usize::try_from(text.referenced.line()).unwrap_or(0) + self.line_offset;
        if let Some(first_line) = seen.get(id) {
            self.report(
                text,
                Problem::DuplicateId {
                    id: id.clone(),
                    first_line: *first_line,
                },
            );
            return None;
        }
        seen.insert(id.clone(), line);
        Some(id.clone())
    }

    /// A word from a fixed list.
    pub fn word<T: Copy>(
        &mut self,
        text: &Spanned<String>,
        field: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        if let Some((_, value)) = choices.iter().find(|(key, _)| *key == text.value) {
            return Some(*value);
        }
        let problem = Problem::UnknownWord {
            field: field.to_string(),
            value: text.value.clone(),
            allowed: choices.iter().map(|(key, _)| key.to_string()).collect(),
        };
        self.report(text, problem);
        None
    }

    /// A reference to an id defined elsewhere.
    pub fn reference(
        &mut self,
        text: &Spanned<String>,
        kind: &str,
        known: &[String],
    ) -> Option<String> {
        if known.contains(&text.value) {
            return Some(text.value.clone());
        }
        let problem = Problem::UnknownReference {
            kind: kind.to_string(),
            id: text.value.clone(),
            known: known.to_vec(),
        };
        self.report(text, problem);
        None
    }

    /// An amount that must be finite and not negative.
    pub fn amount(&mut self, value: &Spanned<f64>, field: &str) -> Option<f64> {
        if !value.value.is_finite() {
            self.report(value, Problem::NotFinite);
            None
        } else if value.value < 0.0 {
            self.report(
                value,
                Problem::Negative {
                    field: field.to_string(),
                },
            );
            None
        } else {
            Some(value.value)
        }
    }

    /// Reports entries whose periods do not strictly increase, in the list called `list`.
    pub fn increasing(&mut self, periods: &[(Option<Period>, &Spanned<String>)], list: &str) {
        let mut previous: Option<Period> = None;
        for (period, text) in periods {
            let Some(period) = *period else { continue };
            if let Some(before) = previous
                && period <= before
            {
                let problem = Problem::OutOfOrder {
                    list: list.to_string(),
                    previous: before.to_string(),
                    this: period.to_string(),
                };
                self.report(text, problem);
            }
            previous = Some(previous.map_or(period, |p| p.max(period)));
        }
    }
}

/// Whether `text` is an id: `[a-z0-9][a-z0-9-]*`.
pub fn is_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::is_id;

    #[test]
    fn ids_are_lower_case_words_with_hyphens() {
        assert!(is_id("domestic-input-share"));
        assert!(is_id("4-lines"));
        assert!(!is_id("-lead"));
        assert!(!is_id("Grants"));
        assert!(!is_id("a_b"));
        assert!(!is_id(""));
    }
}
