//! The report drawn as Markdown for a pull-request comment: a summary line, then one section
//! per kind of change, leaving out the kinds with nothing to show.

use std::fmt::Write;

use super::data::{Amounts, LatestScore};
use super::{BuildInfo, Change, FileChange, Report, page_label};
use crate::format;

/// The report as Markdown, ending in a line break.
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::from("## What this change does to the site\n\n");
    write_builds(&mut out, report);
    if report.is_empty() {
        out.push_str("The two builds are identical: no page, file or figure differs.\n");
        return out;
    }
    write_summary(&mut out, report);
    write_published_editions(&mut out, &report.published_editions);
    write_pages(&mut out, &report.pages);
    write_indicator_values(&mut out, report);
    write_milestones(&mut out, report);
    write_funding(&mut out, report);
    write_risks(&mut out, report);
    write_revisions(&mut out, report);
    write_other_files(&mut out, &report.other_files);
    out
}

fn write_builds(out: &mut String, report: &Report) {
    let build = |info: &BuildInfo| match &info.source_commit {
        Some(commit) => format!("{} (commit {})", code(&info.folder), code(short(commit))),
        None => code(&info.folder),
    };
    let _ = writeln!(
        out,
        "Compared {} with {}.",
        build(&report.old),
        build(&report.new)
    );
    if let Some(url) = &report.preview_url {
        let _ = writeln!(out, "Preview: {}", link(url, url));
    }
    if report.old.base_url != report.new.base_url {
        let address = |info: &BuildInfo| info.base_url.as_deref().map_or("no address".into(), code);
        let _ = writeln!(
            out,
            "\nThe old build was made for {} and the new one for {}, so every page that links \
             within the site differs. Build both with the same `--base-url` to see only what \
             the change does.",
            address(&report.old),
            address(&report.new)
        );
    }
    if report.old.data != report.new.data {
        let folder = |info: &BuildInfo| info.data.as_deref().map_or("no data".into(), code);
        let _ = writeln!(
            out,
            "\nThe figures were read from {} of the old build and {} of the new one, so some \
             differences may only reflect where they were read from.",
            folder(&report.old),
            folder(&report.new)
        );
    }
    out.push('\n');
}

fn write_summary(out: &mut String, report: &Report) {
    let count = |kind: Change| report.pages.iter().filter(|p| p.change == kind).count();
    let parts = [
        plural(count(Change::Added), "page added", "pages added"),
        plural(count(Change::Removed), "page removed", "pages removed"),
        plural(count(Change::Changed), "page changed", "pages changed"),
        plural(
            report.indicator_values.len(),
            "indicator value",
            "indicator values",
        ),
        plural(
            report.milestones.len(),
            "milestone status",
            "milestone statuses",
        ),
        plural(report.funding.len(), "funding total", "funding totals"),
        plural(report.risks.len(), "risk score", "risk scores"),
        plural(report.revisions.len(), "new revision", "new revisions"),
    ];
    let _ = writeln!(out, "**Summary:** {}.\n", parts.join(", "));
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn write_published_editions(out: &mut String, files: &[FileChange]) {
    if files.is_empty() {
        return;
    }
    out.push_str("### Warning: published editions changed\n\n");
    out.push_str(
        "An edition must stay exactly as it was published, but these files of editions the \
         old build already had differ:\n\n",
    );
    for file in files {
        let _ = writeln!(out, "- {} {}", change_word(file.change), file_link(file));
    }
    out.push('\n');
}

fn write_pages(out: &mut String, pages: &[FileChange]) {
    if pages.is_empty() {
        return;
    }
    out.push_str("### Pages\n\n");
    for (kind, heading) in [
        (Change::Added, "Added"),
        (Change::Removed, "Removed"),
        (Change::Changed, "Changed"),
    ] {
        let group: Vec<_> = pages.iter().filter(|p| p.change == kind).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{heading}:\n");
        for page in group {
            let _ = writeln!(out, "- {}", file_link(page));
        }
        out.push('\n');
    }
}

fn write_indicator_values(out: &mut String, report: &Report) {
    if report.indicator_values.is_empty() {
        return;
    }
    out.push_str("### Indicator values\n\n");
    out.push_str("| Indicator | Period | Value (old → new) | Unit |\n|---|---|---|---|\n");
    for change in &report.indicator_values {
        let _ = writeln!(
            out,
            "| {} | {} | {} → {} | {} |",
            code(&change.indicator),
            text(&change.period),
            change.old.map_or("–".into(), number),
            change.new.map_or("–".into(), number),
            text(&change.unit)
        );
    }
    out.push('\n');
}

fn write_milestones(out: &mut String, report: &Report) {
    if report.milestones.is_empty() {
        return;
    }
    out.push_str("### Milestone status\n\n");
    out.push_str("| Milestone | Status (old → new) |\n|---|---|\n");
    for change in &report.milestones {
        let status =
            |s: &Option<String>| s.as_deref().map_or("–".into(), |s| s.replace('_', " "));
        let _ = writeln!(
            out,
            "| {} ({}) | {} → {} |",
            text(&change.title),
            code(&change.milestone),
            text(&status(&change.old)),
            text(&status(&change.new))
        );
    }
    out.push('\n');
}

fn write_funding(out: &mut String, report: &Report) {
    if report.funding.is_empty() {
        return;
    }
    out.push_str("### Funding totals\n\n");
    out.push_str("| Total | Committed (old → new) | Disbursed (old → new) |\n|---|---|---|\n");
    for change in &report.funding {
        let scope = change
            .instrument
            .as_deref()
            .map_or("All instruments".into(), code);
        let amounts = |a: Amounts| {
            let old = format::money(a.old, &change.currency);
            if a.changed() {
                format!("{old} → {}", format::money(a.new, &change.currency))
            } else {
                format!("{old} (unchanged)")
            }
        };
        let _ = writeln!(
            out,
            "| {scope} | {} | {} |",
            amounts(change.committed),
            amounts(change.disbursed)
        );
    }
    out.push('\n');
}

fn write_risks(out: &mut String, report: &Report) {
    if report.risks.is_empty() {
        return;
    }
    out.push_str("### Risks\n\n");
    out.push_str("| Risk | Latest score (old → new) |\n|---|---|\n");
    let score = |s: &Option<LatestScore>| {
        s.as_ref().map_or("–".into(), |s| {
            format!("{} ({})", s.score, text(&s.period))
        })
    };
    for change in &report.risks {
        let _ = writeln!(
            out,
            "| {} | {} → {} |",
            code(&change.risk),
            score(&change.old),
            score(&change.new)
        );
    }
    out.push('\n');
}

fn write_revisions(out: &mut String, report: &Report) {
    if report.revisions.is_empty() {
        return;
    }
    out.push_str("### New revisions\n\n");
    out.push_str(
        "| Indicator | Period | Revised (from → to) | Unit | On | Reason |\n\
         |---|---|---|---|---|---|\n",
    );
    for revision in &report.revisions {
        let _ = writeln!(
            out,
            "| {} | {} | {} → {} | {} | {} | {} |",
            code(&revision.indicator),
            text(&revision.period),
            number(revision.from),
            number(revision.to),
            text(&revision.unit),
            text(revision.on.as_deref().unwrap_or("–")),
            text(revision.reason.as_deref().unwrap_or("–"))
        );
    }
    out.push('\n');
}

fn write_other_files(out: &mut String, files: &[FileChange]) {
    if files.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<details><summary>{} (charts, data, feeds, manifests)</summary>\n",
        plural(files.len(), "other file differs", "other files differ")
    );
    for file in files {
        let _ = writeln!(out, "- {} {}", change_word(file.change), file_link(file));
    }
    out.push_str("\n</details>\n");
}

fn change_word(change: Change) -> &'static str {
    match change {
        Change::Added => "added",
        Change::Removed => "removed",
        Change::Changed => "changed",
    }
}

/// A file by its label, linked into the preview when it has an address there.
fn file_link(file: &FileChange) -> String {
    let label = code(page_label(&file.path));
    match &file.url {
        Some(url) => link(&label, url),
        None => label,
    }
}

fn link(label: &str, url: &str) -> String {
    let url = url
        .replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29");
    format!("[{label}]({url})")
}

/// A number exactly as published: `25`, `0.0425`, `2000000`.
fn number(value: f64) -> String {
    value.to_string()
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'").replace('|', "\\|"))
}

/// Text from the content, made safe for a table cell: Markdown and HTML characters escaped,
/// line breaks joined.
fn text(raw: &str) -> String {
    let mut safe = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\r' | '\n' => safe.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' => {
                safe.push('\\');
                safe.push(c);
            }
            _ => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_content_cannot_break_a_table_or_inject_html() {
        assert_eq!(text("a|b <img>\nc"), "a\\|b \\<img\\> c");
    }

    #[test]
    fn numbers_are_shown_exactly() {
        assert_eq!(number(25.0), "25");
        assert_eq!(number(0.0425), "0.0425");
    }
}
