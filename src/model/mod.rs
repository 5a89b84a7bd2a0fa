//! The plain data model of a site: validated content, no I/O, no templates.
//!
//! `validate` builds it from the raw files; rendering reads it. [`Data::as_of`] gives the data
//! as it stood in a period, which bulletins and editions show; [`summary`] derives what the
//! dashboard states (progress, on track, totals).

pub mod summary;

use jiff::civil::Date;
use serde::Serialize;

use crate::period::Period;

/// Site settings from `site.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    /// The site's name.
    pub title: String,
    /// Who publishes it.
    pub organisation: String,
    /// Absolute URL the site is served from, ending with `/`.
    pub base_url: String,
    /// The path part of `base_url`, such as `/` or `/pr-42/`.
    pub base_path: String,
    /// Language tag for `<html lang>`.
    pub language: String,
    /// One-sentence description.
    pub description: String,
    /// Theme folder name; `default` is built in.
    pub theme: String,
    /// Whether raw HTML in Markdown passes through.
    pub allow_raw_html: bool,
    /// The licence of the site's data, such as `CC-BY-4.0`.
    pub licence: Option<String>,
    /// A preview build: pages ask search engines not to index them.
    pub preview: bool,
}

/// A Markdown document: a page, a note or a bulletin.
#[derive(Debug, Clone)]
pub struct Document {
    /// Root-relative path of the source file.
    pub source_path: String,
    /// The whole source text (front matter included), for diagnostics; shared with loading.
    pub source_text: std::sync::Arc<str>,
    /// Where the Markdown body starts in `source_text`.
    pub body_start: usize,
    /// Path of the page below the base URL, with trailing slash: `notes/funding/x/`.
    pub url_path: String,
    /// Title.
    pub title: String,
    /// Date, for ordering notes.
    pub date: Option<Date>,
    /// Short summary for lists and the page description.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Left out unless drafts are asked for.
    pub draft: bool,
}

impl Document {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source_text[self.body_start..]
    }
}

/// A quarterly bulletin: a document tied to a period.
#[derive(Debug, Clone)]
pub struct Bulletin {
    /// The document.
    pub document: Document,
    /// The period it reports on; its blocks show data as of this period.
    pub period: Period,
    /// The day it went public.
    pub published: Option<Date>,
}

/// Milestone status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not started.
    Planned,
    /// Under way.
    InProgress,
    /// Under way but may miss its date.
    AtRisk,
    /// Past or certain to pass its date.
    Delayed,
    /// Achieved.
    Done,
    /// Dropped.
    Cancelled,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 6] = [
        Status::Planned,
        Status::InProgress,
        Status::AtRisk,
        Status::Delayed,
        Status::Done,
        Status::Cancelled,
    ];

    /// The word used in YAML.
    pub fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in_progress",
            Status::AtRisk => "at_risk",
            Status::Delayed => "delayed",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    /// Reads the YAML word.
    pub fn from_key(key: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A milestone with its history of status updates.
#[derive(Debug, Clone)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub phase: Option<u32>,
    /// The period it is due in.
    pub due: Period,
    /// The exact due day, when given as a date.
    pub due_date: Option<Date>,
    pub lead: Option<String>,
    pub actions: Vec<String>,
    pub depends_on: Vec<String>,
    pub illustrative: bool,
    /// Oldest first.
    pub updates: Vec<MilestoneUpdate>,
}

impl Milestone {
    /// The status as of the last update; `planned` without one.
    pub fn status(&self) -> Status {
        self.updates.last().map_or(Status::Planned, |u| u.status)
    }
}

/// A status reported for a period.
#[derive(Debug, Clone)]
pub struct MilestoneUpdate {
    pub period: Period,
    pub status: Status,
    pub note: Option<String>,
}

/// `funding.yaml`.
#[derive(Debug, Clone)]
pub struct Funding {
    pub currency: String,
    /// The pledge.
    pub total: f64,
    pub instruments: Vec<Instrument>,
    pub regions: Vec<Region>,
    pub awards: Vec<Award>,
}

/// A funding instrument with its budget.
#[derive(Debug, Clone)]
pub struct Instrument {
    pub id: String,
    pub name: String,
    pub budget: f64,
}

/// A region awards may be placed in.
#[derive(Debug, Clone)]
pub struct Region {
    pub id: String,
    pub name: String,
}

/// Money committed, and in part paid, to a recipient in a period.
#[derive(Debug, Clone)]
pub struct Award {
    pub period: Period,
    pub instrument: String,
    pub region: Option<String>,
    pub recipient: Option<String>,
    pub committed: f64,
    pub disbursed: f64,
    pub illustrative: bool,
}

/// Which way an indicator should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
}

/// A performance indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub direction: Direction,
    pub sector: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub illustrative: bool,
    pub baseline: Point,
    pub target: Point,
    /// One per period, in increasing period order.
    pub values: Vec<IndicatorValue>,
}

/// A value at a period: baseline or target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub period: Period,
    pub value: f64,
}

/// A reported value.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorValue {
    pub period: Period,
    pub value: f64,
    pub note: Option<String>,
    /// Present when the value replaced an earlier published one.
    pub revision: Option<Revision>,
}

/// A correction of a published value.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// The value as first published.
    pub from: f64,
    /// The day of the correction.
    pub on: Date,
    pub reason: Option<String>,
}

/// A risk with its assessments over time.
#[derive(Debug, Clone)]
pub struct Risk {
    pub id: String,
    pub title: String,
    pub category: Option<String>,
    pub owner: Option<String>,
    pub mitigation: Option<String>,
    pub illustrative: bool,
    /// Oldest first.
    pub assessments: Vec<Assessment>,
}

impl Risk {
    /// The latest assessment, if any.
    pub fn latest(&self) -> Option<&Assessment> {
        self.assessments.last()
    }
}

/// Likelihood and impact (1 to 5 each) in a period.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub period: Period,
    pub likelihood: u8,
    pub impact: u8,
    pub note: Option<String>,
}

impl Assessment {
    /// Likelihood times impact, 1 to 25.
    pub fn score(&self) -> u8 {
        self.likelihood * self.impact
    }
}

/// All data files.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub milestones: Vec<Milestone>,
    pub funding: Option<Funding>,
    pub indicators: Vec<Indicator>,
    pub risks: Vec<Risk>,
}

impl Data {
    /// The data as it stood at the end of `period`: entries of later periods are left out, and
    /// a value revised after `published` shows what was published before the revision.
    pub fn as_of(&self, period: Period, published: Option<Date>) -> Data {
        let milestones = self
            .milestones
            .iter()
            .map(|m| Milestone {
                updates: m
                    .updates
                    .iter()
                    .filter(|u| u.period <= period)
                    .cloned()
                    .collect(),
                ..m.clone()
            })
            .collect();
        let funding = self.funding.as_ref().map(|f| Funding {
            awards: f
                .awards
                .iter()
                .filter(|a| a.period <= period)
                .cloned()
                .collect(),
            ..f.clone()
        });
        let indicators = self
            .indicators
            .iter()
            .map(|i| Indicator {
                values: i
                    .values
                    .iter()
                    .filter(|v| v.period <= period)
                    .map(|v| as_published(v, published))
                    .collect(),
                ..i.clone()
            })
            .collect();
        let risks = self
            .risks
            .iter()
            .map(|r| Risk {
                assessments: r
                    .assessments
                    .iter()
                    .filter(|a| a.period <= period)
                    .cloned()
                    .collect(),
                ..r.clone()
            })
            .collect();
        Data {
            milestones,
            funding,
            indicators,
            risks,
        }
    }

    /// The latest period any data speaks of.
    pub fn latest_period(&self) -> Option<Period> {
        let milestones = self
            .milestones
            .iter()
            .flat_map(|m| m.updates.iter().map(|u| u.period));
        let awards = self
            .funding
            .iter()
            .flat_map(|f| f.awards.iter().map(|a| a.period));
        let values = self
            .indicators
            .iter()
            .flat_map(|i| i.values.iter().map(|v| v.period));
        let risks = self
            .risks
            .iter()
            .flat_map(|r| r.assessments.iter().map(|a| a.period));
        milestones.chain(awards).chain(values).chain(risks).max()
    }
}

fn as_published(value: &IndicatorValue, published: Option<Date>) -> IndicatorValue {
    match (&value.revision, published) {
        (Some(revision), Some(day)) if revision.on > day => IndicatorValue {
            value: revision.from,
            revision: None,
            ..value.clone()
        },
        _ => value.clone(),
    }
}

/// A validated site, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Free pages, by path.
    pub pages: Vec<Document>,
    /// Notes, newest first.
    pub notes: Vec<Document>,
    /// Bulletins, newest period first.
    pub bulletins: Vec<Bulletin>,
    pub data: Data,
    /// The period the live dashboard shows: the latest of the data and the bulletins.
    pub current_period: Option<Period>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    fn indicator() -> Indicator {
        let value = |p: &str, v: f64| IndicatorValue {
            period: period(p),
            value: v,
            note: None,
            revision: None,
        };
        let mut revised = value("2025-Q2", 19.0);
        revised.revision = Some(Revision {
            from: 21.0,
            on: Date::new(2025, 9, 20).unwrap(),
            reason: Some("Two locks re-inspected".into()),
        });
        Indicator {
            id: "locks".into(),
            title: "Locks".into(),
            unit: "count".into(),
            direction: Direction::Increase,
            sector: None,
            description: None,
            source: None,
            illustrative: false,
            baseline: Point {
                period: period("2024-Q4"),
                value: 0.0,
            },
            target: Point {
                period: period("2026-Q4"),
                value: 40.0,
            },
            values: vec![value("2025-Q1", 10.0), revised, value("2025-Q3", 25.0)],
        }
    }

    #[test]
    fn as_of_leaves_out_later_periods() {
        let data = Data {
            indicators: vec![indicator()],
            ..Data::default()
        };
        let q2 = data.as_of(period("2025-Q2"), None);
        assert_eq!(q2.indicators[0].values.len(), 2);
        assert_eq!(data.latest_period(), Some(period("2025-Q3")));
    }

    #[test]
    fn as_of_shows_a_later_revision_as_first_published() {
        let data = Data {
            indicators: vec![indicator()],
            ..Data::default()
        };
        let before = data.as_of(period("2025-Q2"), Some(Date::new(2025, 7, 18).unwrap()));
        assert_eq!(before.indicators[0].values[1].value, 21.0);
        assert!(before.indicators[0].values[1].revision.is_none());
        let after = data.as_of(period("2025-Q3"), Some(Date::new(2025, 10, 17).unwrap()));
        assert_eq!(after.indicators[0].values[1].value, 19.0);
        assert!(after.indicators[0].values[1].revision.is_some());
    }

    #[test]
    fn as_of_keeps_milestone_updates_awards_and_assessments_up_to_the_period() {
        let milestone = Milestone {
            id: "m".into(),
            title: "M".into(),
            phase: None,
            due: period("2025-Q4"),
            due_date: None,
            lead: None,
            actions: vec![],
            depends_on: vec![],
            illustrative: false,
            updates: vec![
                MilestoneUpdate {
                    period: period("2025-Q1"),
                    status: Status::InProgress,
                    note: None,
                },
                MilestoneUpdate {
                    period: period("2025-Q3"),
                    status: Status::Done,
                    note: None,
                },
            ],
        };
        let award = |p: &str| Award {
            period: period(p),
            instrument: "grants".into(),
            region: None,
            recipient: None,
            committed: 10.0,
            disbursed: 0.0,
            illustrative: false,
        };
        let funding = Funding {
            currency: "USD".into(),
            total: 100.0,
            instruments: vec![],
            regions: vec![],
            awards: vec![award("2025-Q1"), award("2025-Q2"), award("2025-Q3")],
        };
        let risk = Risk {
            id: "r".into(),
            title: "R".into(),
            category: None,
            owner: None,
            mitigation: None,
            illustrative: false,
            assessments: vec![
                Assessment {
                    period: period("2025-Q1"),
                    likelihood: 2,
                    impact: 2,
                    note: None,
                },
                Assessment {
                    period: period("2025-Q3"),
                    likelihood: 4,
                    impact: 5,
                    note: None,
                },
            ],
        };
        let data = Data {
            milestones: vec![milestone],
            funding: Some(funding),
            indicators: vec![],
            risks: vec![risk],
        };
        let q2 = data.as_of(period("2025-Q2"), None);
        assert_eq!(q2.milestones[0].status(), Status::InProgress);
        assert_eq!(q2.funding.as_ref().unwrap().awards.len(), 2);
        assert_eq!(q2.risks[0].latest().unwrap().score(), 4);
        let q4 = data.as_of(period("2025-Q4"), None);
        assert_eq!(q4.milestones[0].status(), Status::Done);
        assert_eq!(q4.risks[0].latest().unwrap().score(), 20);
        let before = data.as_of(period("2024-Q4"), None);
        assert_eq!(
            before.milestones[0].status(),
            Status::Planned,
            "planned before any update"
        );
    }
}
