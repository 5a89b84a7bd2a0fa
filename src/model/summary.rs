//! What the dashboard states, derived from the data: an indicator's progress and whether it is
//! on track, milestones counted by status, funding totals and the ranking of risks.
//!
//! The on-track rule is documented for readers in `docs/methodology.md` and on the example
//! site's methodology page; keep them in step with [`IndicatorSummary::of`].

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Direction, Funding, Indicator, IndicatorValue, Milestone, Risk, Status};

/// Whether an indicator is where it should be by now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Progress is at least the share of time elapsed, or the target is met.
    OnTrack,
    /// Progress is behind the share of time elapsed.
    OffTrack,
    /// No value reported yet.
    NoData,
}

/// The state of one indicator at its latest value.
#[derive(Debug, Clone)]
pub struct IndicatorSummary<'a> {
    /// The latest value.
    pub latest: Option<&'a IndicatorValue>,
    /// The value before it.
    pub previous: Option<&'a IndicatorValue>,
    /// Latest minus previous.
    pub change: Option<f64>,
    /// Whether the change went the good way; `None` without a change or when it is zero.
    pub change_is_better: Option<bool>,
    /// Share of the way from baseline to target, 0 at the baseline and 1 at the target; may
    /// fall below 0 or rise above 1.
    pub progress: Option<f64>,
    /// Share of the time from the baseline period to the target period elapsed at the latest
    /// value's period, from 0 to 1.
    pub expected: Option<f64>,
    /// Whether the target is met.
    pub target_met: bool,
    /// On track, off track or no data.
    pub track: Track,
}

impl<'a> IndicatorSummary<'a> {
    /// Applies the on-track rule to `indicator`.
    pub fn of(indicator: &'a Indicator) -> IndicatorSummary<'a> {
        let latest = indicator.values.last();
        let previous = indicator
            .values
            .len()
            .checked_sub(2)
            .map(|i| &indicator.values[i]);
        let Some(latest) = latest else {
            return IndicatorSummary {
                latest: None,
                previous: None,
                change: None,
                change_is_better: None,
                progress: None,
                expected: None,
                target_met: false,
                track: Track::NoData,
            };
        };
        let change = previous.map(|p| latest.value - p.value);
        let change_is_better = change
            .filter(|c| *c != 0.0)
            .map(|c| match indicator.direction {
                Direction::Increase => c > 0.0,
                Direction::Decrease => c < 0.0,
            });
        let (baseline, target) = (indicator.baseline, indicator.target);
        let target_met = match indicator.direction {
            Direction::Increase => latest.value >= target.value,
            Direction::Decrease => latest.value <= target.value,
        };
        let span = target.value - baseline.value;
        let progress = if span == 0.0 {
            if target_met { 1.0 } else { 0.0 }
        } else {
            (latest.value - baseline.value) / span
        };
        let quarters = f64::from(target.period.ordinal() - baseline.period.ordinal());
        let elapsed = f64::from(latest.period.ordinal() - baseline.period.ordinal());
        let expected = if quarters > 0.0 {
            (elapsed / quarters).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let track = if target_met || progress >= expected {
            Track::OnTrack
        } else {
            Track::OffTrack
        };
        IndicatorSummary {
            latest: Some(latest),
            previous,
            change,
            change_is_better,
            progress: Some(progress),
            expected: Some(expected),
            target_met,
            track,
        }
    }
}

/// How many milestones have each status, in [`Status::ALL`] order, zeros included.
pub fn count_by_status(milestones: &[Milestone]) -> Vec<(Status, usize)> {
    Status::ALL
        .into_iter()
        .map(|status| {
            (
                status,
                milestones.iter().filter(|m| m.status() == status).count(),
            )
        })
        .collect()
}

/// Committed and disbursed money under one heading.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Flows {
    pub committed: f64,
    pub disbursed: f64,
    /// How many awards.
    pub awards: usize,
}

impl Flows {
    fn add(&mut self, committed: f64, disbursed: f64) {
        self.committed += committed;
        self.disbursed += disbursed;
        self.awards += 1;
    }
}

/// Funding added up for the dashboard and the funding page.
#[derive(Debug, Clone)]
pub struct FundingTotals {
    /// The pledge.
    pub pledge: f64,
    /// Sum of instrument budgets.
    pub budgeted: f64,
    /// All awards.
    pub all: Flows,
    /// Per instrument id, in the file's order.
    pub by_instrument: Vec<(String, Flows)>,
    /// Per region id, in the file's order, then awards with no region under `None`.
    pub by_region: Vec<(Option<String>, Flows)>,
}

impl FundingTotals {
    /// Adds up `funding`.
    pub fn of(funding: &Funding) -> FundingTotals {
        let mut all = Flows::default();
        let mut instruments: BTreeMap<&str, Flows> = BTreeMap::new();
        let mut regions: BTreeMap<Option<&str>, Flows> = BTreeMap::new();
        for award in &funding.awards {
            all.add(award.committed, award.disbursed);
            instruments
                .entry(&award.instrument)
                .or_default()
                .add(award.committed, award.disbursed);
            regions
                .entry(award.region.as_deref())
                .or_default()
                .add(award.committed, award.disbursed);
        }
        let by_instrument = funding
            .instruments
            .iter()
            .map(|i| {
                (
                    i.id.clone(),
                    instruments.get(i.id.as_str()).copied().unwrap_or_default(),
                )
            })
            .collect();
        let mut by_region: Vec<(Option<String>, Flows)> = funding
            .regions
            .iter()
            .map(|r| {
                let flows = regions
                    .get(&Some(r.id.as_str()))
                    .copied()
                    .unwrap_or_default();
                (Some(r.id.clone()), flows)
            })
            .collect();
        if let Some(unplaced) = regions.get(&None) {
            by_region.push((None, *unplaced));
        }
        FundingTotals {
            pledge: funding.total,
            budgeted: funding.instruments.iter().map(|i| i.budget).sum(),
            all,
            by_instrument,
            by_region,
        }
    }
}

/// How a risk's score moved since its previous assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Score went up: worse.
    Rising,
    /// Score went down: better.
    Falling,
    /// Same score.
    Steady,
    /// Only one assessment so far.
    New,
    /// Not assessed yet.
    Unassessed,
}

/// The trend of `risk` at its latest assessment.
pub fn trend(risk: &Risk) -> Trend {
    match risk.assessments.as_slice() {
        [] => Trend::Unassessed,
        [_] => Trend::New,
        [.., before, last] => match last.score().cmp(&before.score()) {
            std::cmp::Ordering::Greater => Trend::Rising,
            std::cmp::Ordering::Less => Trend::Falling,
            std::cmp::Ordering::Equal => Trend::Steady,
        },
    }
}

/// Risks ordered by latest score, highest first; unassessed risks last; ties by id.
pub fn ranked_risks(risks: &[Risk]) -> Vec<&Risk> {
    let mut ranked: Vec<&Risk> = risks.iter().collect();
    ranked.sort_by(|a, b| {
        let score = |r: &Risk| r.latest().map_or(0, |a| a.score());
        score(b).cmp(&score(a)).then_with(|| a.id.cmp(&b.id))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Assessment, Point};
    use crate::period::Period;

    fn period(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    fn indicator(direction: Direction, target: f64, values: &[(&str, f64)]) -> Indicator {
        Indicator {
            id: "share".into(),
            title: "Share".into(),
            unit: "%".into(),
            direction,
            sector: None,
            description: None,
            source: None,
            illustrative: false,
            baseline: Point {
                period: period("2024-Q4"),
                value: 30.0,
            },
            target: Point {
                period: period("2026-Q4"),
                value: target,
            },
            values: values
                .iter()
                .map(|(p, v)| IndicatorValue {
                    period: period(p),
                    value: *v,
                    note: None,
                    revision: None,
                })
                .collect(),
        }
    }

    #[test]
    fn on_track_when_progress_keeps_up_with_time() {
        // Three quarters of eight elapsed (37.5%); 30 -> 45 of 30 -> 60 is 50% of the way.
        let i = indicator(
            Direction::Increase,
            60.0,
            &[("2025-Q2", 40.0), ("2025-Q3", 45.0)],
        );
        let s = IndicatorSummary::of(&i);
        assert_eq!(s.track, Track::OnTrack);
        assert_eq!(s.progress, Some(0.5));
        assert_eq!(s.expected, Some(0.375));
        assert_eq!(s.change, Some(5.0));
        assert_eq!(s.change_is_better, Some(true));
    }

    #[test]
    fn off_track_when_progress_lags() {
        let i = indicator(Direction::Increase, 60.0, &[("2025-Q3", 33.0)]);
        assert_eq!(IndicatorSummary::of(&i).track, Track::OffTrack);
    }

    #[test]
    fn decrease_indicators_improve_downwards() {
        let i = indicator(
            Direction::Decrease,
            10.0,
            &[("2025-Q1", 28.0), ("2025-Q2", 20.0)],
        );
        let s = IndicatorSummary::of(&i);
        assert_eq!(s.change_is_better, Some(true));
        assert_eq!(s.progress, Some(0.5));
        assert_eq!(s.track, Track::OnTrack);
    }

    #[test]
    fn no_values_means_no_data() {
        let i = indicator(Direction::Increase, 60.0, &[]);
        assert_eq!(IndicatorSummary::of(&i).track, Track::NoData);
    }

    #[test]
    fn met_target_is_on_track_even_when_beyond() {
        let i = indicator(Direction::Increase, 60.0, &[("2025-Q1", 90.0)]);
        let s = IndicatorSummary::of(&i);
        assert!(s.target_met);
        assert_eq!(s.track, Track::OnTrack);
    }

    #[test]
    fn risks_rank_by_score_and_show_trend() {
        let risk = |id: &str, scores: &[(u8, u8)]| Risk {
            id: id.into(),
            title: id.into(),
            category: None,
            owner: None,
            mitigation: None,
            illustrative: false,
            assessments: scores
                .iter()
                .map(|(l, i)| Assessment {
                    period: period("2025-Q1"),
                    likelihood: *l,
                    impact: *i,
                    note: None,
                })
                .collect(),
        };
        let risks = vec![
            risk("a", &[(2, 2)]),
            risk("b", &[(2, 2), (4, 5)]),
            risk("c", &[]),
        ];
        let ranked: Vec<&str> = ranked_risks(&risks).iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ranked, ["b", "a", "c"]);
        assert_eq!(trend(&risks[1]), Trend::Rising);
        assert_eq!(trend(&risks[0]), Trend::New);
        assert_eq!(trend(&risks[2]), Trend::Unassessed);
    }
}
