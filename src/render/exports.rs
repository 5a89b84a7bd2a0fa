//! The data behind the site as files: one CSV and one JSON file per dataset, written for each
//! edition as it was published, and the digest that identifies a set of them.

use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::Data;

use FieldType::{Boolean, Date, Integer, Number, String as Text};

/// One dataset in both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// File name without extension: `indicator-values`.
    pub name: &'static str,
    /// Comma-separated values with a header line, as UTF-8; shared with the output file.
    pub csv: Arc<Vec<u8>>,
    /// A JSON array of objects, as UTF-8; shared with the output file.
    pub json: Arc<Vec<u8>>,
    /// Its columns.
    pub fields: &'static [Field],
    /// What one row is.
    pub description: &'static str,
}

/// The type of a field, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    String,
    Number,
    Integer,
    Boolean,
    Date,
}

/// A column of a dataset, described for the data package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldType,
    pub description: &'static str,
}

const fn field(name: &'static str, kind: FieldType, description: &'static str) -> Field {
    Field {
        name,
        kind,
        description,
    }
}

/// A row of a dataset: its CSV cells follow `FIELDS`, its JSON object has the same fields.
trait Row: Serialize {
    const FIELDS: &'static [Field];
    /// What one row is, for the data package.
    const DESCRIPTION: &'static str;
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
    const FIELDS: &'static [Field] = &[
        field("id", Text, "The milestone's id."),
        field("title", Text, "What the milestone is."),
        field("phase", Integer, "The phase it belongs to, if any."),
        field(
            "due",
            Text,
            "When it is due: a period (YYYY-Qn) or a date (YYYY-MM-DD).",
        ),
        field("lead", Text, "The office that leads it."),
        field(
            "status",
            Text,
            "planned, in_progress, at_risk, delayed, done or cancelled.",
        ),
        field(
            "status_period",
            Text,
            "The period of the update that gave the status.",
        ),
        field(
            "illustrative",
            Boolean,
            "Whether the figures are illustrative.",
        ),
    ];
    const DESCRIPTION: &'static str = "One row per milestone, with its status at the time.";
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
    const FIELDS: &'static [Field] = &[
        field("period", Text, "The quarter of the award (YYYY-Qn)."),
        field("instrument", Text, "The id of the funding instrument."),
        field("region", Text, "The id of the region, if any."),
        field("recipient", Text, "Who received the award."),
        field("currency", Text, "The currency of the amounts (ISO 4217)."),
        field("committed", Number, "Money committed, in the currency."),
        field(
            "disbursed",
            Number,
            "Money paid out so far, in the currency.",
        ),
        field(
            "illustrative",
            Boolean,
            "Whether the figures are illustrative.",
        ),
    ];
    const DESCRIPTION: &'static str = "One row per award: money committed and paid out.";
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
    const FIELDS: &'static [Field] = &[
        field("indicator", Text, "The id of the indicator."),
        field("period", Text, "The quarter of the value (YYYY-Qn)."),
        field("value", Number, "The value, in the unit."),
        field("unit", Text, "The unit of the value."),
        field(
            "revised_from",
            Number,
            "The value as first published, when it was revised.",
        ),
        field("revised_on", Date, "The day of the revision."),
        field("revision_reason", Text, "Why the value was revised."),
        field("note", Text, "A note on the value."),
    ];
    const DESCRIPTION: &'static str = "One row per indicator and period, with revisions.";
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
    const FIELDS: &'static [Field] = &[
        field("risk", Text, "The id of the risk."),
        field("period", Text, "The quarter of the assessment (YYYY-Qn)."),
        field(
            "likelihood",
            Integer,
            "Likelihood, from 1 (rare) to 5 (almost certain).",
        ),
        field("impact", Integer, "Impact, from 1 (minor) to 5 (severe)."),
        field("score", Integer, "Likelihood times impact, from 1 to 25."),
        field("note", Text, "A note on the assessment."),
    ];
    const DESCRIPTION: &'static str = "One row per risk and assessed period.";
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

#[derive(Serialize)]
struct UpdateRow<'a> {
    milestone: &'a str,
    period: String,
    status: &'static str,
    note: Option<&'a str>,
}

impl Row for UpdateRow<'_> {
    const FIELDS: &'static [Field] = &[
        field("milestone", Text, "The id of the milestone."),
        field("period", Text, "The quarter of the update (YYYY-Qn)."),
        field(
            "status",
            Text,
            "planned, in_progress, at_risk, delayed, done or cancelled.",
        ),
        field("note", Text, "What happened."),
    ];
    const DESCRIPTION: &'static str = "One row per status update of a milestone.";
    fn cells(&self) -> Vec<String> {
        vec![
            self.milestone.into(),
            self.period.clone(),
            self.status.into(),
            self.note.unwrap_or_default().into(),
        ]
    }
}

#[derive(Serialize)]
struct InstrumentRow<'a> {
    id: &'a str,
    name: &'a str,
    currency: &'a str,
    budget: f64,
}

impl Row for InstrumentRow<'_> {
    const FIELDS: &'static [Field] = &[
        field("id", Text, "The instrument's id."),
        field("name", Text, "The instrument's name."),
        field("currency", Text, "The currency of the budget (ISO 4217)."),
        field(
            "budget",
            Number,
            "The money set aside for the instrument, in the currency.",
        ),
    ];
    const DESCRIPTION: &'static str = "One row per funding instrument, with its budget.";
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.into(),
            self.name.into(),
            self.currency.into(),
            self.budget.to_string(),
        ]
    }
}

#[derive(Serialize)]
struct IndicatorRow<'a> {
    id: &'a str,
    title: &'a str,
    unit: &'a str,
    direction: &'static str,
    sector: Option<&'a str>,
    baseline_period: String,
    baseline_value: f64,
    target_period: String,
    target_value: f64,
    source: Option<&'a str>,
    illustrative: bool,
}

impl Row for IndicatorRow<'_> {
    const FIELDS: &'static [Field] = &[
        field("id", Text, "The indicator's id."),
        field("title", Text, "What the indicator measures."),
        field("unit", Text, "The unit of its values."),
        field(
            "direction",
            Text,
            "increase or decrease: which way is better.",
        ),
        field("sector", Text, "The sector it belongs to, if any."),
        field(
            "baseline_period",
            Text,
            "The period of the baseline (YYYY-Qn).",
        ),
        field("baseline_value", Number, "The baseline value, in the unit."),
        field(
            "target_period",
            Text,
            "The period the target is due (YYYY-Qn).",
        ),
        field("target_value", Number, "The target value, in the unit."),
        field("source", Text, "Where the figures come from."),
        field(
            "illustrative",
            Boolean,
            "Whether the figures are illustrative.",
        ),
    ];
    const DESCRIPTION: &'static str = "One row per indicator, with its baseline and target.";
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.into(),
            self.title.into(),
            self.unit.into(),
            self.direction.into(),
            self.sector.unwrap_or_default().into(),
            self.baseline_period.clone(),
            self.baseline_value.to_string(),
            self.target_period.clone(),
            self.target_value.to_string(),
            self.source.unwrap_or_default().into(),
            self.illustrative.to_string(),
        ]
    }
}

#[derive(Serialize)]
struct RiskRow<'a> {
    id: &'a str,
    title: &'a str,
    category: Option<&'a str>,
    owner: Option<&'a str>,
    mitigation: Option<&'a str>,
    illustrative: bool,
}

impl Row for RiskRow<'_> {
    const FIELDS: &'static [Field] = &[
        field("id", Text, "The risk's id."),
        field("title", Text, "What could go wrong."),
        field("category", Text, "The kind of risk."),
        field("owner", Text, "Who manages it."),
        field("mitigation", Text, "What is done about it."),
        field(
            "illustrative",
            Boolean,
            "Whether the assessments are illustrative.",
        ),
    ];
    const DESCRIPTION: &'static str = "One row per risk in the register.";
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.into(),
            self.title.into(),
            self.category.unwrap_or_default().into(),
            self.owner.unwrap_or_default().into(),
            self.mitigation.unwrap_or_default().into(),
            self.illustrative.to_string(),
        ]
    }
}

/// Every dataset of the live site, for `/data/`: the four of an edition and the lists they
/// refer to (milestone updates, instruments, indicators, risks).
pub fn site_datasets(data: &Data) -> Vec<Dataset> {
    let mut sets = edition_datasets(data);
    let updates: Vec<UpdateRow<'_>> = data
        .milestones
        .iter()
        .flat_map(|m| {
            m.updates.iter().map(|u| UpdateRow {
                milestone: &m.id,
                period: u.period.to_string(),
                status: u.status.key(),
                note: u.note.as_deref(),
            })
        })
        .collect();
    let instruments: Vec<InstrumentRow<'_>> = data
        .funding
        .iter()
        .flat_map(|f| {
            f.instruments.iter().map(|i| InstrumentRow {
                id: &i.id,
                name: &i.name,
                currency: &f.currency,
                budget: i.budget,
            })
        })
        .collect();
    let indicators: Vec<IndicatorRow<'_>> = data
        .indicators
        .iter()
        .map(|i| IndicatorRow {
            id: &i.id,
            title: &i.title,
            unit: &i.unit,
            direction: match i.direction {
                crate::model::Direction::Increase => "increase",
                crate::model::Direction::Decrease => "decrease",
            },
            sector: i.sector.as_deref(),
            baseline_period: i.baseline.period.to_string(),
            baseline_value: i.baseline.value,
            target_period: i.target.period.to_string(),
            target_value: i.target.value,
            source: i.source.as_deref(),
            illustrative: i.illustrative,
        })
        .collect();
    let risks: Vec<RiskRow<'_>> = data
        .risks
        .iter()
        .map(|r| RiskRow {
            id: &r.id,
            title: &r.title,
            category: r.category.as_deref(),
            owner: r.owner.as_deref(),
            mitigation: r.mitigation.as_deref(),
            illustrative: r.illustrative,
        })
        .collect();
    sets.insert(1, dataset("milestone-updates", &updates));
    sets.insert(2, dataset("instruments", &instruments));
    sets.insert(4, dataset("indicators", &indicators));
    sets.insert(6, dataset("risks", &risks));
    sets
}

/// What the data package says about the site.
pub struct PackageInfo<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Where the site is, ending with `/`.
    pub homepage: &'a str,
    /// The licence named in `site.yaml`, if any.
    pub licence: Option<&'a str>,
}

/// `datapackage.json`: a Frictionless Tabular Data Package describing every CSV resource of
/// `/data/` with its fields, types and units.
pub fn data_package(datasets: &[Dataset], info: &PackageInfo<'_>) -> String {
    let resources: Vec<serde_json::Value> = datasets
        .iter()
        .map(|set| {
            let fields: Vec<serde_json::Value> = set
                .fields
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "name": f.name,
                        "type": f.kind,
                        "description": f.description,
                    })
                })
                .collect();
            serde_json::json!({
                "name": set.name,
                "path": format!("{}.csv", set.name),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": set.description,
                "schema": { "fields": fields },
            })
        })
        .collect();
    let name: String = info
        .title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut package = serde_json::json!({
        "profile": "tabular-data-package",
        "name": if name.is_empty() { "site-data".to_string() } else { name },
        "title": info.title,
        "homepage": info.homepage,
        "resources": resources,
    });
    if !info.description.is_empty() {
        package["description"] = serde_json::json!(info.description);
    }
    if let Some(licence) = info.licence {
        package["licenses"] = serde_json::json!([licence_entry(licence)]);
    }
    serde_json::to_string_pretty(&package).expect("the package serialises") + "\n"
}

/// A licence entry, with the address of the licences it knows by their SPDX id.
fn licence_entry(licence: &str) -> serde_json::Value {
    let known = [
        (
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        (
            "CC0-1.0",
            "CC0 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        (
            "ODC-By-1.0",
            "Open Data Commons Attribution License 1.0",
            "https://opendatacommons.org/licenses/by/1-0/",
        ),
        (
            "PDDL-1.0",
            "Open Data Commons Public Domain Dedication and License 1.0",
            "https://opendatacommons.org/licenses/pddl/1-0/",
        ),
        (
            "OGL-UK-3.0",
            "Open Government Licence v3.0",
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        ),
    ];
    match known
        .iter()
        .find(|(id, _, _)| id.eq_ignore_ascii_case(licence))
    {
        Some((id, title, path)) => serde_json::json!({ "name": id, "title": title, "path": path }),
        None => serde_json::json!({ "title": licence }),
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
    push_csv_line(&mut csv, R::FIELDS.iter().map(|f| f.name.to_string()));
    for row in rows {
        push_csv_line(&mut csv, row.cells());
    }
    let json = serde_json::to_string_pretty(rows).expect("rows serialise to JSON");
    Dataset {
        name,
        csv: Arc::new(csv.into_bytes()),
        json: Arc::new((json + "\n").into_bytes()),
        fields: R::FIELDS,
        description: R::DESCRIPTION,
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
        hasher.update(&dataset.json[..]);
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
        assert!(sets[0].csv.starts_with(b"id,title,phase,due,lead,status"));
        assert_eq!(sets[0].json[..], b"[]\n"[..]);
        assert_eq!(digest(&sets).len(), 12);
    }
}
