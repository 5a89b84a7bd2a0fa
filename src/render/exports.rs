//! The data behind the site as files: one CSV and one JSON file per dataset, written for each
//! edition as it was published, and the digest that identifies a set of them.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Data;

/// One dataset in both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// File name without extension: `indicator-values`.
    pub name: &'static str,
    /// Comma-separated values with a header line.
    pub csv: String,
    /// A JSON array of objects.
    pub json: String,
}

/// A row of a dataset: its CSV cells follow `HEADER`, its JSON object has the same fields.
trait Row: Serialize {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

#[derive(Serialize)]
struct MilestoneRow<'a> {
    id: &'a str,
    title: &'a str,
    phase: Option<u32>,
    due: String,
    lead: Option<&'a str>,
    status: &'static str,
    status_period: Option<String>,
    illustrative: bool,
}

impl Row for MilestoneRow<'_> {
    const HEADER: &'static [&'static str] = &[
        "id",
        "title",
        "phase",
        "due",
        "lead",
        "status",
        "status_period",
        "illustrative",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.into(),
            self.title.into(),
            optional(self.phase),
            self.due.clone(),
            self.lead.unwrap_or_default().into(),
            self.status.into(),
            self.status_period.clone().unwrap_or_default(),
            self.illustrative.to_string(),
        ]
    }
}

#[derive(Serialize)]
struct AwardRow<'a> {
    period: String,
    instrument: &'a str,
    region: Option<&'a str>,
    recipient: Option<&'a str>,
    currency: &'a str,
    committed: f64,
    disbursed: f64,
    illustrative: bool,
}

impl Row for AwardRow<'_> {
    const HEADER: &'static [&'static str] = &[
        "period",
        "instrument",
        "region",
        "recipient",
        "currency",
        "committed",
        "disbursed",
        "illustrative",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.period.clone(),
            self.instrument.into(),
            self.region.unwrap_or_default().into(),
            self.recipient.unwrap_or_default().into(),
            self.currency.into(),
            self.committed.to_string(),
            self.disbursed.to_string(),
            self.illustrative.to_string(),
        ]
    }
}

#[derive(Serialize)]
struct ValueRow<'a> {
    indicator: &'a str,
    period: String,
    value: f64,
    unit: &'a str,
    revised_from: Option<f64>,
    revised_on: Option<String>,
    revision_reason: Option<&'a str>,
    note: Option<&'a str>,
}

impl Row for ValueRow<'_> {
    const HEADER: &'static [&'static str] = &[
        "indicator",
        "period",
        "value",
        "unit",
        "revised_from",
        "revised_on",
        "revision_reason",
        "note",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.indicator.into(),
            self.period.clone(),
            self.value.to_string(),
            self.unit.into(),
            optional(self.revised_from),
            self.revised_on.clone().unwrap_or_default(),
            self.revision_reason.unwrap_or_default().into(),
            self.note.unwrap_or_default().into(),
        ]
    }
}

#[derive(Serialize)]
struct AssessmentRow<'a> {
    risk: &'a str,
    period: String,
    likelihood: u8,
    impact: u8,
    score: u8,
    note: Option<&'a str>,
}

impl Row for AssessmentRow<'_> {
    const HEADER: &'static [&'static str] =
        &["risk", "period", "likelihood", "impact", "score", "note"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.risk.into(),
            self.period.clone(),
            self.likelihood.to_string(),
            self.impact.to_string(),
            self.score.to_string(),
            self.note.unwrap_or_default().into(),
        ]
    }
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The four datasets of an edition, as its data stood: milestones with their status then,
/// awards, indicator values and risk assessments.
pub fn edition_datasets(data: &Data) -> Vec<Dataset> {
    let milestones: Vec<MilestoneRow<'_>> = data
        .milestones
        .iter()
        .map(|m| MilestoneRow {
            id: &m.id,
            title: &m.title,
            phase: m.phase,
            due: m
                .due_date
                .map_or_else(|| m.due.to_string(), |d| d.to_string()),
            lead: m.lead.as_deref(),
            status: m.status().key(),
            status_period: m.updates.last().map(|u| u.period.to_string()),
            illustrative: m.illustrative,
        })
        .collect();
    let awards: Vec<AwardRow<'_>> = data
        .funding
        .iter()
        .flat_map(|f| {
            f.awards.iter().map(|a| AwardRow {
                period: a.period.to_string(),
                instrument: &a.instrument,
                region: a.region.as_deref(),
                recipient: a.recipient.as_deref(),
                currency: &f.currency,
                committed: a.committed,
                disbursed: a.disbursed,
                illustrative: a.illustrative,
            })
        })
        .collect();
    let values: Vec<ValueRow<'_>> = data
        .indicators
        .iter()
        .flat_map(|i| {
            i.values.iter().map(|v| ValueRow {
                indicator: &i.id,
                period: v.period.to_string(),
                value: v.value,
                unit: &i.unit,
                revised_from: v.revision.as_ref().map(|r| r.from),
                revised_on: v.revision.as_ref().map(|r| r.on.to_string()),
                revision_reason: v.revision.as_ref().and_then(|r| r.reason.as_deref()),
                note: v.note.as_deref(),
            })
        })
        .collect();
    let assessments: Vec<AssessmentRow<'_>> = data
        .risks
        .iter()
        .flat_map(|r| {
            r.assessments.iter().map(|a| AssessmentRow {
                risk: &r.id,
                period: a.period.to_string(),
                likelihood: a.likelihood,
                impact: a.impact,
                score: a.score(),
                note: a.note.as_deref(),
            })
        })
        .collect();
    vec![
        dataset("milestones", &milestones),
        dataset("awards", &awards),
        dataset("indicator-values", &values),
        dataset("risk-assessments", &assessments),
    ]
}

fn dataset<R: Row>(name: &'static str, rows: &[R]) -> Dataset {
    let mut csv = String::new();
    push_csv_line(&mut csv, R::HEADER.iter().map(|h| h.to_string()));
    for row in rows {
        push_csv_line(&mut csv, row.cells());
    }
    let json = serde_json::to_string_pretty(rows).expect("rows serialise to JSON");
    Dataset {
        name,
        csv,
        json: json + "\n",
    }
}

/// Appends one CSV record, quoting fields that hold commas, quotes or line breaks.
fn push_csv_line(csv: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            csv.push(',');
        }
        if cell.contains([',', '"', '\n', '\r']) {
            csv.push('"');
            csv.push_str(&cell.replace('"', "\"\""));
            csv.push('"');
        } else {
            csv.push_str(&cell);
        }
    }
    csv.push_str("\r\n");
}

/// A short digest of datasets: the first 12 hex digits of the SHA-256 of their JSON.
pub fn digest(datasets: &[Dataset]) -> String {
    let mut hasher = Sha256::new();
    for dataset in datasets {
        hasher.update(dataset.name.as_bytes());
        hasher.update(dataset.json.as_bytes());
    }
    hex(&hasher.finalize())[..12].to_string()
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut csv = String::new();
        push_csv_line(&mut csv, ["a".into(), "b,c".into(), "say \"hi\"".into()]);
        assert_eq!(csv, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
    }

    #[test]
    fn empty_data_has_headers_and_empty_arrays() {
        let sets = edition_datasets(&Data::default());
        assert_eq!(sets.len(), 4);
        assert!(sets[0].csv.starts_with("id,title,phase,due,lead,status"));
        assert_eq!(sets[0].json, "[]\n");
        assert_eq!(digest(&sets).len(), 12);
    }
}
