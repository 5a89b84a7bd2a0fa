//! Snapshot tests: one chart of each kind drawn from small fixed data. A change to any chart's
//! SVG shows up as a reviewed difference in `src/render/charts/snapshots/`.

use jiff::civil::Date;

use crate::model::{
    Assessment, Award, Direction, Funding, Indicator, IndicatorValue, Instrument, Milestone,
    MilestoneUpdate, Point, Region, Revision, Risk, Status,
};
use crate::period::Period;
use crate::render::words::Words;

use super::{ChartContext, funding, indicator, risks, timeline};

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

fn words() -> Words {
    Words::parse(include_str!("../../../themes/default/strings.yaml")).unwrap()
}

fn sample_indicator() -> Indicator {
    let value = |p: &str, v: f64| IndicatorValue {
        period: period(p),
        value: v,
        note: None,
        revision: None,
    };
    let mut revised = value("2025-Q3", 41.0);
    revised.revision = Some(Revision {
        from: 40.0,
        on: Date::new(2025, 11, 2).unwrap(),
        reason: None,
    });
    Indicator {
        id: "domestic-input-share".into(),
        title: "Share of inputs from domestic suppliers".into(),
        unit: "%".into(),
        direction: Direction::Increase,
        sector: None,
        description: None,
        source: None,
        illustrative: false,
        baseline: Point {
            period: period("2024-Q4"),
            value: 31.0,
        },
        target: Point {
            period: period("2026-Q4"),
            value: 60.0,
        },
        values: vec![value("2025-Q1", 34.0), value("2025-Q2", 38.0), revised],
    }
}

fn sample_funding() -> Funding {
    let award =
        |p: &str, instrument: &str, region: Option<&str>, committed: f64, disbursed: f64| Award {
            period: period(p),
            instrument: instrument.into(),
            region: region.map(Into::into),
            recipient: None,
            committed,
            disbursed,
            illustrative: false,
        };
    Funding {
        currency: "USD".into(),
        total: 1e9,
        instruments: vec![
            Instrument {
                id: "grants".into(),
                name: "Grants".into(),
                budget: 3e8,
            },
            Instrument {
                id: "loans".into(),
                name: "Low-interest loans".into(),
                budget: 4e8,
            },
        ],
        regions: vec![Region {
            id: "west".into(),
            name: "West".into(),
        }],
        awards: vec![
            award("2025-Q1", "grants", Some("west"), 4e7, 1e7),
            award("2025-Q2", "loans", None, 1.2e8, 3e7),
            award("2025-Q2", "grants", Some("west"), 2.5e7, 0.0),
        ],
    }
}

fn sample_milestones() -> Vec<Milestone> {
    let milestone = |id: &str, due: &str, statuses: &[(&str, Status)]| Milestone {
        id: id.into(),
        title: format!("Milestone {id}"),
        phase: None,
        due: period(due),
        due_date: None,
        lead: None,
        actions: vec![],
        depends_on: vec![],
        illustrative: false,
        updates: statuses
            .iter()
            .map(|(p, s)| MilestoneUpdate {
                period: period(p),
                status: *s,
                note: None,
            })
            .collect(),
    };
    vec![
        milestone("governance", "2025-Q1", &[("2025-Q1", Status::Done)]),
        milestone(
            "pilots",
            "2025-Q4",
            &[("2025-Q2", Status::InProgress), ("2025-Q3", Status::AtRisk)],
        ),
        milestone("expansion", "2025-Q3", &[("2025-Q3", Status::Delayed)]),
        milestone("lessons", "2026-Q2", &[]),
    ]
}

fn sample_risks() -> Vec<Risk> {
    let risk = |id: &str, l: u8, i: u8| Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        category: None,
        owner: None,
        mitigation: None,
        illustrative: false,
        assessments: vec![Assessment {
            period: period("2025-Q3"),
            likelihood: l,
            impact: i,
            note: None,
        }],
    };
    vec![
        risk("tailings", 3, 5),
        risk("prices", 3, 3),
        risk("funding", 4, 4),
    ]
}

#[test]
fn indicator_charts() {
    let words = words();
    let context = ChartContext {
        id: "snap",
        currency: "USD",
        words: &words,
    };
    let sample = sample_indicator();
    insta::assert_snapshot!(
        "indicator_line",
        indicator::line_chart(&sample, &context).svg
    );
    insta::assert_snapshot!(
        "indicator_sparkline",
        indicator::sparkline(&sample, &context).svg
    );
    insta::assert_snapshot!(
        "indicator_progress",
        indicator::progress_bar(&sample, &context).svg
    );
}

#[test]
fn milestone_timeline() {
    let words = words();
    let context = ChartContext {
        id: "snap",
        currency: "USD",
        words: &words,
    };
    let label = |status: Status| words.get(&format!("status.{}", status.key())).to_string();
    let chart = timeline::timeline(
        &sample_milestones(),
        Some(period("2025-Q3")),
        &context,
        &label,
    );
    insta::assert_snapshot!("milestone_timeline", chart.svg);
}

#[test]
fn funding_charts() {
    let words = words();
    let context = ChartContext {
        id: "snap",
        currency: "USD",
        words: &words,
    };
    let sample = sample_funding();
    insta::assert_snapshot!(
        "funding_quarters",
        funding::by_quarter(&sample, &context).svg
    );
    insta::assert_snapshot!(
        "funding_instruments",
        funding::by_instrument(&sample, &context).svg
    );
    insta::assert_snapshot!("funding_regions", funding::by_region(&sample, &context).svg);
}

#[test]
fn risk_heat_map() {
    let words = words();
    let context = ChartContext {
        id: "snap",
        currency: "USD",
        words: &words,
    };
    let chart = risks::heat_map(&sample_risks(), Some(period("2025-Q3")), &context);
    insta::assert_snapshot!("risk_heat_map", chart.svg);
}
