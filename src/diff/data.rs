//! The figures of two builds side by side: reads the four datasets a build publishes
//! (milestones, awards, indicator values, risk assessments) and lists what differs between
//! them. No HTML and no wording here; the report is drawn by `markdown.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::DiffError;

/// A milestone as `milestones.json` gives it; only the fields the report needs.
#[derive(Debug, Clone, Deserialize)]
pub struct MilestoneRow {
    pub id: String,
    pub title: String,
    pub status: String,
}

/// An award as `awards.json` gives it.
#[derive(Debug, Clone, Deserialize)]
pub struct AwardRow {
    pub instrument: String,
    pub currency: String,
    pub committed: f64,
    pub disbursed: f64,
}

/// An indicator value as `indicator-values.json` gives it.
#[derive(Debug, Clone, Deserialize)]
pub struct ValueRow {
    pub indicator: String,
    pub period: String,
    pub value: f64,
    pub unit: String,
    pub revised_from: Option<f64>,
    pub revised_on: Option<String>,
    pub revision_reason: Option<String>,
}

/// A risk assessment as `risk-assessments.json` gives it.
#[derive(Debug, Clone, Deserialize)]
pub struct AssessmentRow {
    pub risk: String,
    pub period: String,
    pub score: u32,
}

/// The four datasets of one build; a dataset the build did not publish is empty.
#[derive(Debug, Clone, Default)]
pub struct Datasets {
    pub milestones: Vec<MilestoneRow>,
    pub awards: Vec<AwardRow>,
    pub values: Vec<ValueRow>,
    pub assessments: Vec<AssessmentRow>,
}

impl Datasets {
    /// Reads `<name>.json` of the four datasets from `folder`.
    pub fn read(folder: &Path) -> Result<Datasets, DiffError> {
        Ok(Datasets {
            milestones: read_rows(&folder.join("milestones.json"))?,
            awards: read_rows(&folder.join("awards.json"))?,
            values: read_rows(&folder.join("indicator-values.json"))?,
            assessments: read_rows(&folder.join("risk-assessments.json"))?,
        })
    }
}

fn read_rows<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, DiffError> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(path).map_err(|e| DiffError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    serde_json::from_str(&text).map_err(|e| DiffError::BadData {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
    })
}

/// An indicator value that was added, removed or changed; `None` where it does not exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueChange {
    pub indicator: String,
    pub period: String,
    pub unit: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

/// A milestone whose status differs, or that was added or removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusChange {
    pub milestone: String,
    pub title: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A funding total that differs: over all instruments when `instrument` is `None`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingChange {
    pub instrument: Option<String>,
    pub currency: String,
    pub committed: Amounts,
    pub disbursed: Amounts,
}

/// An amount of money in the old and the new build, rounded to cents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Amounts {
    pub old: f64,
    pub new: f64,
}

impl Amounts {
    /// Whether the two amounts differ.
    pub fn changed(&self) -> bool {
        self.old != self.new
    }
}

/// A risk whose latest score differs, or that was added or removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskChange {
    pub risk: String,
    pub old: Option<LatestScore>,
    pub new: Option<LatestScore>,
}

/// A risk's score in its latest assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LatestScore {
    pub period: String,
    pub score: u32,
}

/// A published value corrected in the new build.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    pub indicator: String,
    pub period: String,
    pub unit: String,
    pub from: f64,
    pub to: f64,
    pub on: Option<String>,
    pub reason: Option<String>,
}

/// Indicator values by (indicator, period) whose value differs or exists in one build only.
pub fn value_changes(old: &[ValueRow], new: &[ValueRow]) -> Vec<ValueChange> {
    let old = by_key(old, |v| (v.indicator.clone(), v.period.clone()));
    let new = by_key(new, |v| (v.indicator.clone(), v.period.clone()));
    keys(&old, &new)
        .filter_map(|key| {
            let (before, after) = (old.get(key), new.get(key));
            if before.map(|v| v.value) == after.map(|v| v.value) {
                return None;
            }
            let unit = after.or(before).map(|v| v.unit.clone()).unwrap_or_default();
            Some(ValueChange {
                indicator: key.0.clone(),
                period: key.1.clone(),
                unit,
                old: before.map(|v| v.value),
                new: after.map(|v| v.value),
            })
        })
        .collect()
}

/// Values revised in the new build that were not revised, or not so, in the old one.
pub fn new_revisions(old: &[ValueRow], new: &[ValueRow]) -> Vec<Revision> {
    let old = by_key(old, |v| (v.indicator.clone(), v.period.clone()));
    let new = by_key(new, |v| (v.indicator.clone(), v.period.clone()));
    new.iter()
        .filter_map(|(key, after)| {
            let from = after.revised_from?;
            let before = old.get(key);
            let known = before.is_some_and(|b| {
                b.revised_from == after.revised_from && b.revised_on == after.revised_on
            });
            (!known).then(|| Revision {
                indicator: key.0.clone(),
                period: key.1.clone(),
                unit: after.unit.clone(),
                from,
                to: after.value,
                on: after.revised_on.clone(),
                reason: after.revision_reason.clone(),
            })
        })
        .collect()
}

/// Milestones by id whose status differs or that exist in one build only.
pub fn status_changes(old: &[MilestoneRow], new: &[MilestoneRow]) -> Vec<StatusChange> {
    let old = by_key(old, |m| m.id.clone());
    let new = by_key(new, |m| m.id.clone());
    keys(&old, &new)
        .filter_map(|id| {
            let (before, after) = (old.get(id), new.get(id));
            let status = |m: Option<&&MilestoneRow>| m.map(|m| m.status.clone());
            if status(before) == status(after) {
                return None;
            }
            Some(StatusChange {
                milestone: id.clone(),
                title: after
                    .or(before)
                    .map(|m| m.title.clone())
                    .unwrap_or_default(),
                old: status(before),
                new: status(after),
            })
        })
        .collect()
}

/// Committed and disbursed totals, overall and per instrument, in each currency, that differ.
pub fn funding_changes(old: &[AwardRow], new: &[AwardRow]) -> Vec<FundingChange> {
    let (old, new) = (funding_totals(old), funding_totals(new));
    keys(&old, &new)
        .filter_map(|key| {
            let (before, after) = (
                old.get(key).copied().unwrap_or_default(),
                new.get(key).copied().unwrap_or_default(),
            );
            let committed = Amounts {
                old: before.0,
                new: after.0,
            };
            let disbursed = Amounts {
                old: before.1,
                new: after.1,
            };
            (committed.changed() || disbursed.changed()).then(|| FundingChange {
                currency: key.0.clone(),
                instrument: key.1.clone(),
                committed,
                disbursed,
            })
        })
        .collect()
}

/// Sums by (currency, instrument), with `None` for the total over all instruments, which
/// therefore sorts first.
fn funding_totals(awards: &[AwardRow]) -> BTreeMap<(String, Option<String>), (f64, f64)> {
    let mut totals: BTreeMap<(String, Option<String>), (f64, f64)> = BTreeMap::new();
    for award in awards {
        for instrument in [None, Some(award.instrument.clone())] {
            let sum = totals
                .entry((award.currency.clone(), instrument))
                .or_default();
            sum.0 += award.committed;
            sum.1 += award.disbursed;
        }
    }
    // Sums in a different order can differ in the last bit; money is compared in cents.
    for sum in totals.values_mut() {
        *sum = (cents(sum.0), cents(sum.1));
    }
    totals
}

fn cents(amount: f64) -> f64 {
    (amount * 100.0).round() / 100.0
}

/// Risks whose latest score (the assessment of the latest period) differs.
pub fn risk_changes(old: &[AssessmentRow], new: &[AssessmentRow]) -> Vec<RiskChange> {
    let (old, new) = (latest_scores(old), latest_scores(new));
    keys(&old, &new)
        .filter_map(|risk| {
            let (before, after) = (old.get(risk), new.get(risk));
            if before.map(|s| s.score) == after.map(|s| s.score) {
                return None;
            }
            Some(RiskChange {
                risk: risk.clone(),
                old: before.cloned(),
                new: after.cloned(),
            })
        })
        .collect()
}

fn latest_scores(assessments: &[AssessmentRow]) -> BTreeMap<String, LatestScore> {
    let mut latest: BTreeMap<String, LatestScore> = BTreeMap::new();
    for assessment in assessments {
        let newer = latest
            .get(&assessment.risk)
            .is_none_or(|known| assessment.period >= known.period);
        if newer {
            latest.insert(
                assessment.risk.clone(),
                LatestScore {
                    period: assessment.period.clone(),
                    score: assessment.score,
                },
            );
        }
    }
    latest
}

fn by_key<T, K: Ord>(rows: &[T], key: impl Fn(&T) -> K) -> BTreeMap<K, &T> {
    rows.iter().map(|row| (key(row), row)).collect()
}

/// The keys of both maps, sorted, each once.
fn keys<'a, K: Ord, A, B>(
    old: &'a BTreeMap<K, A>,
    new: &'a BTreeMap<K, B>,
) -> impl Iterator<Item = &'a K> {
    old.keys()
        .chain(new.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(indicator: &str, period: &str, value: f64, from: Option<f64>) -> ValueRow {
        ValueRow {
            indicator: indicator.into(),
            period: period.into(),
            value,
            unit: "count".into(),
            revised_from: from,
            revised_on: from.map(|_| "2025-09-20".into()),
            revision_reason: None,
        }
    }

    fn award(instrument: &str, committed: f64, disbursed: f64) -> AwardRow {
        AwardRow {
            instrument: instrument.into(),
            currency: "USD".into(),
            committed,
            disbursed,
        }
    }

    fn assessment(risk: &str, period: &str, score: u32) -> AssessmentRow {
        AssessmentRow {
            risk: risk.into(),
            period: period.into(),
            score,
        }
    }

    #[test]
    fn value_changes_list_changed_added_and_removed_values_in_key_order() {
        let old = [
            value("b", "2025-Q1", 1.0, None),
            value("a", "2025-Q1", 5.0, None),
        ];
        let new = [
            value("a", "2025-Q1", 6.0, None),
            value("a", "2025-Q2", 7.0, None),
        ];
        let changes = value_changes(&old, &new);
        let summary: Vec<_> = changes
            .iter()
            .map(|c| (c.indicator.as_str(), c.period.as_str(), c.old, c.new))
            .collect();
        assert_eq!(
            summary,
            [
                ("a", "2025-Q1", Some(5.0), Some(6.0)),
                ("a", "2025-Q2", None, Some(7.0)),
                ("b", "2025-Q1", Some(1.0), None),
            ]
        );
    }

    #[test]
    fn a_revision_already_in_the_old_build_is_not_new() {
        let old = [value("a", "2025-Q1", 19.0, Some(21.0))];
        let new = [
            value("a", "2025-Q1", 19.0, Some(21.0)),
            value("a", "2025-Q2", 30.0, Some(31.0)),
        ];
        let revisions = new_revisions(&old, &new);
        assert_eq!(revisions.len(), 1);
        assert_eq!((revisions[0].from, revisions[0].to), (31.0, 30.0));
        assert_eq!(revisions[0].period, "2025-Q2");
    }

    #[test]
    fn funding_totals_change_overall_and_for_the_instrument_only() {
        let old = [award("grants", 10.0, 5.0), award("works", 20.0, 0.0)];
        let new = [award("grants", 10.0, 5.0), award("works", 25.0, 0.0)];
        let changes = funding_changes(&old, &new);
        let scopes: Vec<_> = changes.iter().map(|c| c.instrument.as_deref()).collect();
        assert_eq!(scopes, [None, Some("works")]);
        assert_eq!(
            changes[0].committed,
            Amounts {
                old: 30.0,
                new: 35.0
            }
        );
        assert!(!changes[0].disbursed.changed());
    }

    #[test]
    fn funding_sums_in_another_order_are_not_a_change() {
        let old = [
            award("a", 0.1, 0.0),
            award("a", 0.2, 0.0),
            award("a", 0.3, 0.0),
        ];
        let new = [
            award("a", 0.3, 0.0),
            award("a", 0.2, 0.0),
            award("a", 0.1, 0.0),
        ];
        assert!(funding_changes(&old, &new).is_empty());
    }

    #[test]
    fn risks_compare_the_score_of_the_latest_period() {
        let old = [
            assessment("floods", "2025-Q3", 16),
            assessment("floods", "2025-Q1", 8),
        ];
        let new = [
            assessment("floods", "2025-Q1", 8),
            assessment("floods", "2025-Q3", 16),
            assessment("floods", "2025-Q4", 9),
            assessment("fire", "2025-Q4", 4),
        ];
        let changes = risk_changes(&old, &new);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].risk, "fire");
        assert_eq!(changes[0].old, None);
        assert_eq!(changes[1].old.as_ref().map(|s| s.score), Some(16));
        assert_eq!(changes[1].new.as_ref().map(|s| s.score), Some(9));
    }

    #[test]
    fn milestone_statuses_compare_by_id() {
        let row = |id: &str, status: &str| MilestoneRow {
            id: id.into(),
            title: id.to_uppercase(),
            status: status.into(),
        };
        let old = [row("survey", "done"), row("flight", "delayed")];
        let new = [row("flight", "done"), row("survey", "done")];
        let changes = status_changes(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].milestone, "flight");
        assert_eq!(changes[0].old.as_deref(), Some("delayed"));
        assert_eq!(changes[0].new.as_deref(), Some("done"));
    }
}
