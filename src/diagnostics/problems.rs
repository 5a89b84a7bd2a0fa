//! Every problem tally can report, with its stable code and its wording.
//!
//! All messages live here so that they read alike, cannot drift apart, and can later be
//! translated in one place. Messages are full sentences for people who are not programmers:
//! no Rust types, no serde vocabulary.

use super::Severity;

/// What is wrong, with the details the message needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A file could not be read.
    Unreadable { reason: String },
    /// A file is not valid UTF-8 text.
    NotText,
    /// YAML that cannot be parsed.
    YamlSyntax { detail: String },
    /// A key the format does not know.
    UnknownKey { key: String, expected: Vec<String> },
    /// A required key is absent.
    MissingKey { key: String },
    /// A key given twice in one mapping.
    DuplicateKey { key: String },
    /// A value of the wrong kind, such as text where a number belongs.
    WrongKind { expected: String, found: String },
    /// A value that cannot be read as the kind expected (`invalid u32`).
    Unparsable { expected: String },
    /// A value not among the allowed words.
    UnknownWord {
        field: String,
        value: String,
        allowed: Vec<String>,
    },
    /// YAML nesting, aliases or size beyond what tally reads.
    TooComplex { detail: String },
    /// Not a period (`YYYY-Qn`) nor a date.
    BadPeriod {
        text: String,
        quarter_out_of_range: bool,
    },
    /// Not a date (`YYYY-MM-DD`).
    BadDate { text: String, no_such_day: bool },
    /// An id with characters other than `a-z`, `0-9` and `-`.
    BadId { text: String },
    /// An id used twice in one file.
    DuplicateId { id: String, first_line: usize },
    /// A reference to an id the site does not define.
    UnknownReference {
        kind: String,
        id: String,
        known: Vec<String>,
    },
    /// A number below its minimum or above its maximum.
    OutOfRange {
        field: String,
        value: String,
        min: String,
        max: String,
    },
    /// Money or a count that must not be negative.
    Negative { field: String },
    /// A list that must be in time order is not.
    OutOfOrder {
        list: String,
        previous: String,
        this: String,
    },
    /// A target period that is not after the baseline period.
    TargetBeforeBaseline { baseline: String, target: String },
    /// A revision dated before its period began.
    RevisionBeforePeriod { on: String, period: String },
    /// Instrument budgets add up to more than the pledge.
    BudgetsOverTotal { budgets: String, total: String },
    /// An instrument has committed more than its budget.
    CommittedOverBudget {
        instrument: String,
        committed: String,
        budget: String,
    },
    /// An award paid out more than it committed.
    DisbursedOverCommitted {
        disbursed: String,
        committed: String,
    },
    /// A Markdown file without front matter.
    NoFrontMatter,
    /// Front matter opened with `---` but never closed.
    UnclosedFrontMatter,
    /// A front matter key that only bulletins take.
    BulletinOnlyKey { key: String },
    /// A bulletin file named for another period than its front matter says.
    BulletinNameMismatch { file_period: String, period: String },
    /// A bulletin file name that is not a period.
    BulletinBadName { name: String },
    /// Two bulletins for one period.
    DuplicateBulletin { period: String, other: String },
    /// A page whose address is already taken by another page.
    DuplicatePage { url: String, other: String },
    /// A shortcode name tally does not know.
    UnknownShortcode { name: String, known: Vec<String> },
    /// A shortcode argument the shortcode does not take.
    UnknownArgument {
        shortcode: String,
        argument: String,
        known: Vec<String>,
    },
    /// A shortcode argument that is required and absent.
    MissingArgument { shortcode: String, argument: String },
    /// A shortcode argument of the wrong kind.
    BadArgument {
        shortcode: String,
        argument: String,
        expected: String,
    },
    /// A shortcode line that cannot be read.
    ShortcodeSyntax { detail: String },
    /// A link to a page of the site that does not exist.
    BrokenLink {
        target: String,
        suggestion: Option<String>,
    },
    /// `base_url` is not an absolute http(s) URL.
    BadBaseUrl { url: String },
    /// The theme named in `site.yaml` does not exist.
    UnknownTheme { name: String, known: Vec<String> },
    /// A theme template failed to compile or render.
    Template { detail: String },
    /// The output folder is the root, the content, or holds them.
    BadOutputFolder { reason: String },
    /// Writing the site failed.
    WriteFailed { reason: String },
    /// `content/` is missing.
    NoContent,
    /// `content/site.yaml` is missing.
    NoSiteFile,
    /// A number that is not finite (`.nan`, `.inf`).
    NotFinite,
    /// A content file larger than tally reads.
    TooLarge { size: String, limit: String },
    /// A symbolic link that leads outside the site, nowhere, in a loop or to a folder.
    UnfollowedLink { reason: String },
    /// A data file in `content/data/` that tally does not read.
    UnknownDataFile { name: String, known: Vec<String> },
    /// A link to a part of a page (`#anchor`) that the page does not have.
    BrokenAnchor {
        target: String,
        anchor: String,
        suggestion: Option<String>,
    },
    /// An image or other file referenced by a page that the site does not have.
    MissingFile { target: String },
    /// A file referenced by a stylesheet (`url(...)`, `@import`) that the site does not have.
    MissingFileInStylesheet { target: String },
    /// A link or image of a page whose root-relative address does not start with the base
    /// path, so it leads out of the site when the site is published in a sub-folder.
    OutsideBasePath {
        /// The address as written, such as `/about/`.
        target: String,
        /// Where the site is published, such as `/pr-42/`.
        base_path: String,
        /// The same target written relative to the page, when the site has it.
        relative: Option<String>,
    },
    /// The same in CSS: a stylesheet, or a `style` attribute or `<style>` element of a page.
    OutsideBasePathInCss {
        target: String,
        base_path: String,
        /// The same target written relative to the stylesheet or page, when the site has it.
        relative: Option<String>,
        /// Whether the CSS is a stylesheet file rather than part of a page.
        in_stylesheet: bool,
    },
    /// `tally new` was pointed at a folder that already holds files.
    FolderNotEmpty,
    /// The preview server could not start or keep watching.
    ServeFailed { reason: String },
}

impl Problem {
    /// Errors stop the build; warnings do not.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::UnknownDataFile { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The stable code, explained in `docs/errors.md`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable { .. } => "unreadable-file",
            Problem::NotText => "not-text",
            Problem::YamlSyntax { .. } => "yaml-syntax",
            Problem::UnknownKey { .. } => "unknown-key",
            Problem::MissingKey { .. } => "missing-key",
            Problem::DuplicateKey { .. } => "duplicate-key",
            Problem::WrongKind { .. } | Problem::Unparsable { .. } => "wrong-kind",
            Problem::UnknownWord { .. } => "unknown-value",
            Problem::TooComplex { .. } => "too-complex",
            Problem::BadPeriod { .. } => "bad-period",
            Problem::BadDate { .. } => "bad-date",
            Problem::BadId { .. } => "bad-id",
            Problem::DuplicateId { .. } => "duplicate-id",
            Problem::UnknownReference { .. } => "unknown-reference",
            Problem::OutOfRange { .. } => "out-of-range",
            Problem::Negative { .. } => "negative",
            Problem::OutOfOrder { .. } => "out-of-order",
            Problem::TargetBeforeBaseline { .. } => "target-before-baseline",
            Problem::RevisionBeforePeriod { .. } => "revision-before-period",
            Problem::BudgetsOverTotal { .. } => "budgets-over-total",
            Problem::CommittedOverBudget { .. } => "committed-over-budget",
            Problem::DisbursedOverCommitted { .. } => "disbursed-over-committed",
            Problem::NoFrontMatter => "no-front-matter",
            Problem::UnclosedFrontMatter => "unclosed-front-matter",
            Problem::BulletinOnlyKey { .. } => "bulletin-only-key",
            Problem::BulletinNameMismatch { .. } | Problem::BulletinBadName { .. } => {
                "bulletin-name"
            }
            Problem::DuplicateBulletin { .. } => "duplicate-bulletin",
            Problem::DuplicatePage { .. } => "duplicate-page",
            Problem::UnknownShortcode { .. } => "unknown-shortcode",
            Problem::UnknownArgument { .. } => "unknown-argument",
            Problem::MissingArgument { .. } => "missing-argument",
            Problem::BadArgument { .. } => "bad-argument",
            Problem::ShortcodeSyntax { .. } => "shortcode-syntax",
            Problem::BrokenLink { .. } => "broken-link",
            Problem::BadBaseUrl { .. } => "bad-base-url",
            Problem::UnknownTheme { .. } => "unknown-theme",
            Problem::Template { .. } => "template",
            Problem::BadOutputFolder { .. } => "bad-output-folder",
            Problem::WriteFailed { .. } => "write-failed",
            Problem::NoContent => "no-content",
            Problem::NoSiteFile => "no-site-file",
            Problem::NotFinite => "not-finite",
            Problem::TooLarge { .. } => "too-large",
            Problem::UnfollowedLink { .. } => "unfollowed-link",
            Problem::UnknownDataFile { .. } => "unknown-data-file",
            Problem::BrokenAnchor { .. } => "broken-anchor",
            Problem::MissingFile { .. } | Problem::MissingFileInStylesheet { .. } => "missing-file",
            Problem::OutsideBasePath { .. } | Problem::OutsideBasePathInCss { .. } => {
                "outside-base-path"
            }
            Problem::FolderNotEmpty => "folder-not-empty",
            Problem::ServeFailed { .. } => "serve-failed",
        }
    }

    /// Whether the problem lies with tally or the machine rather than with the content.
    pub fn is_tool_failure(&self) -> bool {
        matches!(
            self,
            Problem::WriteFailed { .. } | Problem::Unreadable { .. } | Problem::ServeFailed { .. }
        )
    }

    /// What is wrong, as a full sentence.
    pub fn message(&self) -> String {
        match self {
            Problem::Unreadable { reason } => format!("This file could not be read: {reason}."),
            Problem::NotText => "This file is not UTF-8 text.".into(),
            Problem::YamlSyntax { detail } => format!("This is not valid YAML: {detail}."),
            Problem::UnknownKey { key, .. } => format!("`{key}` is not a key tally knows here."),
            Problem::MissingKey { key } => format!("The required key `{key}` is missing here."),
            Problem::DuplicateKey { key } => format!("The key `{key}` is given twice."),
            Problem::WrongKind { expected, found } => {
                format!("Expected {expected} here, but found {found}.")
            }
            Problem::Unparsable { expected } => format!("Expected {expected} here."),
            Problem::UnknownWord { field, value, .. } => {
                format!("`{value}` is not a valid {field}.")
            }
            Problem::TooComplex { detail } => {
                format!("This file is too large or too deeply nested to read safely: {detail}.")
            }
            Problem::BadPeriod {
                text,
                quarter_out_of_range: true,
            } => {
                format!("`{text}` is not a period: the quarter must be 1, 2, 3 or 4.")
            }
            Problem::BadPeriod { text, .. } => format!("`{text}` is not a period."),
            Problem::BadDate {
                text,
                no_such_day: true,
            } => {
                format!("`{text}` is not a day of the calendar.")
            }
            Problem::BadDate { text, .. } => format!("`{text}` is not a date."),
            Problem::BadId { text } => format!("`{text}` cannot be used as an id."),
            Problem::DuplicateId { id, first_line } => {
                format!("The id `{id}` is already used on line {first_line} of this file.")
            }
            Problem::UnknownReference { kind, id, .. } => {
                format!("There is no {kind} with the id `{id}`.")
            }
            Problem::OutOfRange {
                field,
                value,
                min,
                max,
            } => {
                format!("The {field} is {value}, but it must be from {min} to {max}.")
            }
            Problem::Negative { field } => format!("The {field} cannot be negative."),
            Problem::OutOfOrder {
                list,
                previous,
                this,
            } => format!(
                "The {list} must be in time order, oldest first, with one entry per period: \
                 {this} comes after {previous}."
            ),
            Problem::TargetBeforeBaseline { baseline, target } => {
                format!("The target period {target} is not after the baseline period {baseline}.")
            }
            Problem::RevisionBeforePeriod { on, period } => {
                format!("The revision is dated {on}, before its period {period} began.")
            }
            Problem::BudgetsOverTotal { budgets, total } => format!(
                "The instrument budgets add up to {budgets}, more than the total of {total}."
            ),
            Problem::CommittedOverBudget {
                instrument,
                committed,
                budget,
            } => format!(
                "Awards under `{instrument}` commit {committed}, more than its budget of {budget}."
            ),
            Problem::DisbursedOverCommitted {
                disbursed,
                committed,
            } => {
                format!("This award disbursed {disbursed}, more than the {committed} it committed.")
            }
            Problem::NoFrontMatter => "This file has no front matter.".into(),
            Problem::UnclosedFrontMatter => {
                "The front matter starts with `---` but is never closed.".into()
            }
            Problem::BulletinOnlyKey { key } => {
                format!("`{key}` is only used in bulletins, not in pages or notes.")
            }
            Problem::BulletinNameMismatch {
                file_period,
                period,
            } => format!(
                "This bulletin's file is named for {file_period}, but its period is {period}."
            ),
            Problem::BulletinBadName { name } => {
                format!("The bulletin file name `{name}` is not a period.")
            }
            Problem::DuplicateBulletin { period, other } => {
                format!("There is already a bulletin for {period}: {other}.")
            }
            Problem::DuplicatePage { url, other } => {
                format!("The address {url} is already used by {other}.")
            }
            Problem::UnknownShortcode { name, .. } => {
                format!("`{name}` is not a shortcode tally knows.")
            }
            Problem::UnknownArgument {
                shortcode,
                argument,
                ..
            } => {
                format!("The shortcode `{shortcode}` does not take the argument `{argument}`.")
            }
            Problem::MissingArgument {
                shortcode,
                argument,
            } => {
                format!("The shortcode `{shortcode}` needs the argument `{argument}`.")
            }
            Problem::BadArgument {
                shortcode,
                argument,
                expected,
            } => format!("The argument `{argument}` of `{shortcode}` must be {expected}."),
            Problem::ShortcodeSyntax { detail } => {
                format!("This shortcode cannot be read: {detail}.")
            }
            Problem::BrokenLink { target, .. } => {
                format!("The link to {target} points to a page this site does not have.")
            }
            Problem::BadBaseUrl { url } => {
                format!("The base URL `{url}` is not an absolute http or https address.")
            }
            Problem::UnknownTheme { name, .. } => format!("There is no theme called `{name}`."),
            Problem::Template { detail } => format!("A theme template failed: {detail}"),
            Problem::BadOutputFolder { reason } => {
                format!("The site cannot be written there: {reason}.")
            }
            Problem::WriteFailed { reason } => format!("The site could not be written: {reason}."),
            Problem::NoContent => "There is no `content/` folder here.".into(),
            Problem::NoSiteFile => "The site settings file `content/site.yaml` is missing.".into(),
            Problem::NotFinite => "This number is not a finite value.".into(),
            Problem::TooLarge { size, limit } => {
                format!("This file is {size}, more than the {limit} tally reads in a content file.")
            }
            Problem::UnfollowedLink { reason } => {
                format!("This is a symbolic link that tally does not follow: {reason}.")
            }
            Problem::UnknownDataFile { name, .. } => {
                format!("tally does not read a data file called `{name}`; it was ignored.")
            }
            Problem::BrokenAnchor { target, anchor, .. } => {
                format!(
                    "The link to {target}#{anchor} points to a part of the page that does not \
                     exist."
                )
            }
            Problem::MissingFile { target } => {
                format!("The file {target} is used on this page, but the site does not have it.")
            }
            Problem::MissingFileInStylesheet { target } => format!(
                "The file {target} is used by this stylesheet, but the site does not have it."
            ),
            Problem::OutsideBasePath {
                target, base_path, ..
            }
            | Problem::OutsideBasePathInCss {
                target, base_path, ..
            } => format!(
                "The address {target} leads out of the site, which is published under \
                 {base_path}: readers would not find what it points to."
            ),
            Problem::FolderNotEmpty => {
                "This folder is not empty, so tally will not create a new site in it.".into()
            }
            Problem::ServeFailed { reason } => {
                format!("The preview could not be served: {reason}.")
            }
        }
    }

    /// The likely fix.
    pub fn help(&self) -> Option<String> {
        let help = match self {
            Problem::NotText => "Save the file as UTF-8 in your editor.".into(),
            Problem::YamlSyntax { .. } => "Check the indentation, colons and brackets on this \
                line and the one before it; put text containing `: ` or `#` in quotes."
                .into(),
            Problem::UnknownKey { key, expected } => suggest(key, expected, "The keys here are"),
            Problem::MissingKey { key } => format!("Add `{key}:` with a value."),
            Problem::DuplicateKey { .. } => "Remove one of the two.".into(),
            Problem::WrongKind { expected, .. } | Problem::Unparsable { expected } => {
                format!("Write {expected}, without quotes unless it is text.")
            }
            Problem::UnknownWord { value, allowed, .. } => suggest(value, allowed, "Use one of"),
            Problem::TooComplex { .. } => {
                "Split the data or remove anchors and aliases (`&name`, `*name`).".into()
            }
            Problem::BadPeriod { .. } => {
                "Write a period as year and quarter, like `2025-Q3`, or a date like `2025-08-14`."
                    .into()
            }
            Problem::BadDate { .. } => "Write a date as year-month-day, like `2025-08-14`.".into(),
            Problem::BadId { .. } => {
                "Use lower-case letters, digits and hyphens, starting with a letter or digit, \
                 like `domestic-input-share`."
                    .into()
            }
            Problem::DuplicateId { .. } => "Give each entry its own id.".into(),
            Problem::UnknownReference { id, known, .. } => suggest(id, known, "The ids are"),
            Problem::OutOfRange { .. } => "Use a value within the range.".into(),
            Problem::Negative { .. } => "Write zero or a positive number.".into(),
            Problem::OutOfOrder { .. } => {
                "Move this entry so that periods increase down the list.".into()
            }
            Problem::TargetBeforeBaseline { .. } => {
                "The target's period must come after the baseline's.".into()
            }
            Problem::RevisionBeforePeriod { .. } => {
                "`on` is the day the value was corrected; check the date.".into()
            }
            Problem::BudgetsOverTotal { .. } => {
                "Lower a budget or raise `total` to the full pledge.".into()
            }
            Problem::CommittedOverBudget { .. } => {
                "Check the awards' `committed` amounts or raise the instrument's budget.".into()
            }
            Problem::DisbursedOverCommitted { .. } => {
                "`disbursed` is the part of `committed` paid out so far; check both.".into()
            }
            Problem::NoFrontMatter | Problem::UnclosedFrontMatter => {
                "Start the file with `---`, then `title: ...`, then a line with `---`.".into()
            }
            Problem::BulletinOnlyKey { .. } => {
                "Remove it, or move the file to `content/bulletins/`.".into()
            }
            Problem::BulletinNameMismatch { period, .. } => {
                let slug = period.to_lowercase();
                format!("Rename the file to `{slug}.md` or correct `period`.")
            }
            Problem::BulletinBadName { .. } => {
                "Name bulletins by their period, like `2025-q3.md`.".into()
            }
            Problem::DuplicateBulletin { .. } => "Keep one bulletin per period.".into(),
            Problem::DuplicatePage { .. } => "Rename one of the two files.".into(),
            Problem::UnknownShortcode { name, known } => suggest(name, known, "The shortcodes are"),
            Problem::UnknownArgument {
                argument, known, ..
            } => suggest(argument, known, "It takes"),
            Problem::MissingArgument { argument, .. } => {
                format!("Add `{argument}=\"...\"` inside the brackets.")
            }
            Problem::BadArgument { .. } | Problem::ShortcodeSyntax { .. } => {
                "Write it like `{{ indicator(id=\"domestic-input-share\") }}` on a line of its own."
                    .into()
            }
            Problem::BrokenLink {
                suggestion: Some(s),
                ..
            } => format!("Did you mean {s}?"),
            Problem::BrokenLink { .. } => {
                "Link to a page as readers see its address, like `/methodology/`.".into()
            }
            Problem::BadBaseUrl { .. } => {
                "Write the full address, like `https://example.gov/programme/`.".into()
            }
            Problem::UnknownTheme { name, known } => suggest(name, known, "The themes are"),
            Problem::NoContent => {
                "Run tally in the site's folder, or pass the site's folder with `--root`.".into()
            }
            Problem::UnknownDataFile { name, known } => suggest(name, known, "The data files are"),
            Problem::NoSiteFile => {
                "Create it with at least `title:` and `base_url:`; see docs/content-format.md."
                    .into()
            }
            Problem::NotFinite => "Write an ordinary number such as `12` or `0.5`.".into(),
            Problem::TooLarge { .. } => {
                "Split it into smaller files, or put large downloads in `content/static/`.".into()
            }
            Problem::UnfollowedLink { .. } => {
                "Copy the file into the site's folder instead of linking to it.".into()
            }
            Problem::BadOutputFolder { .. } => "Choose another folder with `--out`.".into(),
            Problem::BrokenAnchor {
                suggestion: Some(s),
                ..
            } => format!("Did you mean #{s}?"),
            Problem::BrokenAnchor { .. } => {
                "An anchor names a heading: `## Funding gaps` is reached with `#funding-gaps`."
                    .into()
            }
            Problem::MissingFile { .. } => {
                "Put the file in `content/static/` (`content/static/images/map.png` is \
                 `/images/map.png`), or correct its address."
                    .into()
            }
            Problem::MissingFileInStylesheet { .. } => {
                "Put the file in `content/static/` or in the theme's `static/` folder, or correct \
                 its address; a relative address counts from the stylesheet's own folder."
                    .into()
            }
            Problem::OutsideBasePathInCss {
                relative,
                in_stylesheet,
                ..
            } => {
                let file = if *in_stylesheet { "stylesheet" } else { "page" };
                let example = relative
                    .as_ref()
                    .map(|r| format!(", as `{r}`,"))
                    .unwrap_or_default();
                let template = if *in_stylesheet {
                    ""
                } else {
                    THEME_TEMPLATE_ADVICE
                };
                format!(
                    "Write it relative to the {file}{example} so that it works wherever the site \
                     is published.{template}"
                )
            }
            Problem::OutsideBasePath {
                target, relative, ..
            } => {
                let example = relative
                    .as_ref()
                    .map(|r| format!(": `{r}`"))
                    .unwrap_or_default();
                format!(
                    "Write it as a Markdown link, like `[words]({target})`, which tally places \
                     under the site's address, or relative to the page{example}.\
                     {THEME_TEMPLATE_ADVICE}"
                )
            }
            Problem::FolderNotEmpty => {
                "Name a new folder, such as `tally new my-site`, or empty this one first.".into()
            }
            Problem::ServeFailed { .. } => {
                "Another program may be using the port; try another with `--port`.".into()
            }
            Problem::Unreadable { .. } | Problem::Template { .. } | Problem::WriteFailed { .. } => {
                return None;
            }
        };
        Some(help)
    }
}

/// How a theme template keeps an address inside the site, added to the advice for pages.
const THEME_TEMPLATE_ADVICE: &str = " In a theme template, start it with `{{ site.base_path }}`.";

/// "did you mean `x`?" when a candidate is close, else the list of candidates.
fn suggest(word: &str, candidates: &[String], list_intro: &str) -> String {
    match nearest(word, candidates) {
        Some(best) => format!("Did you mean `{best}`?"),
        None if candidates.is_empty() => "There is nothing to choose from here.".into(),
        None => {
            let list: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            format!("{list_intro} {}.", list.join(", "))
        }
    }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn suggests_the_nearest_status() {
        let statuses = words(&["planned", "in_progress", "at_risk", "delayed", "done"]);
        assert_eq!(nearest("inprogress", &statuses), Some("in_progress"));
        assert_eq!(nearest("Done", &statuses), Some("done"));
        assert_eq!(nearest("finished", &statuses), None);
    }

    #[test]
    fn unknown_key_help_names_the_nearest_key() {
        let problem = Problem::UnknownKey {
            key: "stauts".into(),
            expected: words(&["status", "period"]),
        };
        assert_eq!(problem.help().unwrap(), "Did you mean `status`?");
        let far = Problem::UnknownKey {
            key: "zzz".into(),
            expected: words(&["a", "b"]),
        };
        assert_eq!(far.help().unwrap(), "The keys here are `a`, `b`.");
    }
}
