//! The files of the content format exactly as written, before validation.
//!
//! Unknown keys are rejected while reading. Values whose checks need the source position
//! (ids, periods, dates, words from a fixed list, references) are kept as [`Spanned`] text and
//! checked in `validate`, so that every such problem in a file is reported, not only the first.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// Text with the place it was written.
pub type Text = Spanned<String>;

/// `content/site.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    pub title: String,
    pub organisation: Option<String>,
    pub base_url: Option<Text>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub theme: Option<Text>,
    #[serde(default)]
    pub allow_raw_html: bool,
    pub licence: Option<String>,
}

/// The front matter of a page, note or bulletin.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Text>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    pub period: Option<Text>,
    pub published: Option<Text>,
}

/// `content/data/milestones.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestonesFile {
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: Text,
    pub title: String,
    pub phase: Option<u32>,
    pub due: Text,
    pub lead: Option<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub updates: Vec<MilestoneUpdate>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneUpdate {
    pub period: Text,
    pub status: Text,
    pub note: Option<String>,
}

/// `content/data/funding.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingFile {
    pub currency: Option<Text>,
    pub total: Spanned<f64>,
    pub instruments: Vec<Instrument>,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub awards: Vec<Award>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: Text,
    pub name: String,
    pub budget: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: Text,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub period: Text,
    pub instrument: Text,
    pub region: Option<Text>,
    pub recipient: Option<String>,
    pub committed: Spanned<f64>,
    pub disbursed: Option<Spanned<f64>>,
    #[serde(default)]
    pub illustrative: bool,
}

/// `content/data/indicators.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: Text,
    pub title: String,
    pub unit: String,
    pub direction: Text,
    pub sector: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub illustrative: bool,
    pub baseline: Point,
    pub target: Point,
    #[serde(default)]
    pub values: Vec<IndicatorValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub period: Text,
    pub value: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub period: Text,
    pub value: f64,
    pub note: Option<String>,
    pub revised: Option<Revision>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub from: f64,
    pub on: Text,
    pub reason: Option<String>,
}

/// `content/data/risks.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RisksFile {
    #[serde(default)]
    pub risks: Vec<Risk>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: Text,
    pub title: String,
    pub category: Option<String>,
    pub owner: Option<String>,
    pub mitigation: Option<String>,
    #[serde(default)]
    pub illustrative: bool,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub period: Text,
    pub likelihood: Spanned<i64>,
    pub impact: Spanned<i64>,
    pub note: Option<String>,
}
