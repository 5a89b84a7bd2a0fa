//! Validation of the four data files into the model, every rule of the content format checked.

use std::collections::BTreeMap;

use crate::content::DataFile;
use crate::content::raw;
use crate::diagnostics::{Diagnostics, Problem};
use crate::format;
use crate::model::{
    Assessment, Award, Direction, Funding, Indicator, IndicatorValue, Instrument, Milestone,
    MilestoneUpdate, Point, Region, Revision, Risk, Status,
};

use super::check::Checker;

const STATUSES: [(&str, Status); 6] = [
    ("planned", Status::Planned),
    ("in_progress", Status::InProgress),
    ("at_risk", Status::AtRisk),
    ("delayed", Status::Delayed),
    ("done", Status::Done),
    ("cancelled", Status::Cancelled),
];

const DIRECTIONS: [(&str, Direction); 2] = [
    ("increase", Direction::Increase),
    ("decrease", Direction::Decrease),
];

/// Validates `milestones.yaml`.
pub fn milestones(
    file: &DataFile<raw::MilestonesFile>,
    diagnostics: &mut Diagnostics,
) -> Vec<Milestone> {
    let mut check = Checker::new(file.file.source(), diagnostics);
    let mut seen = BTreeMap::new();
    let mut milestones = Vec::new();
    for raw in &file.data.milestones {
        let id = check.id(&raw.id, &mut seen);
        let due = check.period_or_date(&raw.due);
        let mut updates = Vec::new();
        let mut order = Vec::new();
        for update in &raw.updates {
            let period = check.period(&update.period);
            let status = check.word(&update.status, "status", &STATUSES);
            order.push((period, &update.period));
            if let (Some(period), Some(status)) = (period, status) {
                updates.push(MilestoneUpdate {
                    period,
                    status,
                    note: update.note.clone(),
                });
            }
        }
        check.increasing(&order, "updates of a milestone");
        let (Some(id), Some((due, due_date))) = (id, due) else {
            continue;
        };
        milestones.push(Milestone {
            id,
            title: raw.title.clone(),
            phase: raw.phase,
            due,
            due_date,
            lead: raw.lead.clone(),
            actions: raw.actions.clone(),
            depends_on: raw.depends_on.clone(),
            illustrative: raw.illustrative,
            updates,
        });
    }
    milestones
}

/// Validates `funding.yaml`.
pub fn funding(
    file: &DataFile<raw::FundingFile>,
    diagnostics: &mut Diagnostics,
) -> Option<Funding> {
    let mut check = Checker::new(file.file.source(), diagnostics);
    let data = &file.data;
    let currency = data
        .currency
        .as_ref()
        .map_or_else(|| "USD".to_string(), |c| c.value.clone());
    let total = check.amount(&data.total, "total");

    let mut seen = BTreeMap::new();
    let mut instruments = Vec::new();
    for raw in &data.instruments {
        let id = check.id(&raw.id, &mut seen);
        let budget = check.amount(&raw.budget, "budget");
        if let (Some(id), Some(budget)) = (id, budget) {
            instruments.push(Instrument {
                id,
                name: raw.name.clone(),
                budget,
            });
        }
    }
    let budgets: f64 = instruments.iter().map(|i| i.budget).sum();
    if let (Some(total), Some(first)) = (total, data.instruments.first())
        && budgets > total
    {
        let problem = Problem::BudgetsOverTotal {
            budgets: format::money(budgets, &currency),
            total: format::money(total, &currency),
        };
        check.report(&first.budget, problem);
    }

    let mut seen = BTreeMap::new();
    let regions: Vec<Region> = data
        .regions
        .iter()
        .filter_map(|raw| {
            check.id(&raw.id, &mut seen).map(|id| Region {
                id,
                name: raw.name.clone(),
            })
        })
        .collect();

    let awards = awards(&mut check, data, &instruments, &currency);
    Some(Funding {
        currency,
        total: total?,
        instruments,
        regions,
        awards,
    })
}

fn awards(
    check: &mut Checker<'_>,
    data: &raw::FundingFile,
    instruments: &[Instrument],
    currency: &str,
) -> Vec<Award> {
    let instrument_ids: Vec<String> = data
        .instruments
        .iter()
        .map(|i| i.id.value.clone())
        .collect();
    let region_ids: Vec<String> = data.regions.iter().map(|r| r.id.value.clone()).collect();
    let mut committed_so_far: BTreeMap<String, f64> = BTreeMap::new();
    let mut awards = Vec::new();
    for raw in &data.awards {
        let period = check.period(&raw.period);
        let instrument = check.reference(&raw.instrument, "instrument", &instrument_ids);
        // `Err` marks a region that names no region; no region at all is fine.
        let region = match &raw.region {
            None => Ok(None),
            Some(r) => check
                .reference(r, "region", &region_ids)
                .map(Some)
                .ok_or(()),
        };
        let committed = check.amount(&raw.committed, "committed amount");
        let disbursed = match &raw.disbursed {
            Some(d) => check.amount(d, "disbursed amount"),
            None => Some(0.0),
        };
        if let (Some(committed), Some(disbursed), Some(spanned)) =
            (committed, disbursed, &raw.disbursed)
            && disbursed > committed
        {
            let problem = Problem::DisbursedOverCommitted {
                disbursed: format::money(disbursed, currency),
                committed: format::money(committed, currency),
            };
            check.report(spanned, problem);
        }
        if let (Some(id), Some(amount)) = (&instrument, committed) {
            let sum = committed_so_far.entry(id.clone()).or_default();
            let before = *sum;
            *sum += amount;
            let budget = instruments.iter().find(|i| &i.id == id).map(|i| i.budget);
            // Reported once, at the award that first takes the instrument past its budget.
            if let Some(budget) = budget
                && *sum > budget
                && before <= budget
            {
                let problem = Problem::CommittedOverBudget {
                    instrument: id.clone(),
                    committed: format::money(*sum, currency),
                    budget: format::money(budget, currency),
                };
                check.report(&raw.committed, problem);
            }
        }
        if let (Some(period), Some(instrument), Some(committed), Some(disbursed), Ok(region)) =
            (period, instrument, committed, disbursed, region)
        {
            awards.push(Award {
                period,
                instrument,
                region,
                recipient: raw.recipient.clone(),
                committed,
                disbursed,
                illustrative: raw.illustrative,
            });
        }
    }
    awards
}

/// Validates `indicators.yaml`.
pub fn indicators(
    file: &DataFile<raw::IndicatorsFile>,
    diagnostics: &mut Diagnostics,
) -> Vec<Indicator> {
    let mut check = Checker::new(file.file.source(), diagnostics);
    let mut seen = BTreeMap::new();
    let mut indicators = Vec::new();
    for raw in &file.data.indicators {
        let id = check.id(&raw.id, &mut seen);
        let direction = check.word(&raw.direction, "direction", &DIRECTIONS);
        let baseline = point(&mut check, &raw.baseline);
        let target = point(&mut check, &raw.target);
        if let (Some(b), Some(t)) = (baseline, target)
            && t.period <= b.period
        {
            let problem = Problem::TargetBeforeBaseline {
                baseline: b.period.to_string(),
                target: t.period.to_string(),
            };
            check.report(&raw.target.period, problem);
        }
        let values = values(&mut check, &raw.values);
        let (Some(id), Some(direction), Some(baseline), Some(target), Some(values)) =
            (id, direction, baseline, target, values)
        else {
            continue;
        };
        indicators.push(Indicator {
            id,
            title: raw.title.clone(),
            unit: raw.unit.clone(),
            direction,
            sector: raw.sector.clone(),
            description: raw.description.clone(),
            source: raw.source.clone(),
            illustrative: raw.illustrative,
            baseline,
            target,
            values,
        });
    }
    indicators
}

fn point(check: &mut Checker<'_>, raw: &raw::Point) -> Option<Point> {
    let period = check.period(&raw.period)?;
    if !raw.value.is_finite() {
        check.report(&raw.period, Problem::NotFinite);
        return None;
    }
    Some(Point {
        period,
        value: raw.value,
    })
}

fn values(check: &mut Checker<'_>, raw: &[raw::IndicatorValue]) -> Option<Vec<IndicatorValue>> {
    let mut values = Vec::new();
    let mut order = Vec::new();
    let mut complete = true;
    for value in raw {
        let period = check.period(&value.period);
        order.push((period, &value.period));
        let revision = match &value.revised {
            Some(revised) => {
                let on = check.date(&revised.on);
                if let (Some(on), Some(period)) = (on, period)
                    && on < period.first_day()
                {
                    let problem = Problem::RevisionBeforePeriod {
                        on: on.to_string(),
                        period: period.to_string(),
                    };
                    check.report(&revised.on, problem);
                }
                on.map(|on| Revision {
                    from: revised.from,
                    on,
                    reason: revised.reason.clone(),
                })
            }
            None => None,
        };
        if !value.value.is_finite() {
            check.report(&value.period, Problem::NotFinite);
            complete = false;
        }
        match (period, value.revised.is_some() == revision.is_some()) {
            (Some(period), true) => values.push(IndicatorValue {
                period,
                value: value.value,
                note: value.note.clone(),
                revision,
            }),
            _ => complete = false,
        }
    }
    check.increasing(&order, "values of an indicator");
    complete.then_some(values)
}

/// Validates `risks.yaml`.
pub fn risks(file: &DataFile<raw::RisksFile>, diagnostics: &mut Diagnostics) -> Vec<Risk> {
    let mut check = Checker::new(file.file.source(), diagnostics);
    let mut seen = BTreeMap::new();
    let mut risks = Vec::new();
    for raw in &file.data.risks {
        let id = check.id(&raw.id, &mut seen);
        let mut assessments = Vec::new();
        let mut order = Vec::new();
        for assessment in &raw.assessments {
            let period = check.period(&assessment.period);
            order.push((period, &assessment.period));
            let likelihood = score(&mut check, &assessment.likelihood, "likelihood");
            let impact = score(&mut check, &assessment.impact, "impact");
            if let (Some(period), Some(likelihood), Some(impact)) = (period, likelihood, impact) {
                assessments.push(Assessment {
                    period,
                    likelihood,
                    impact,
                    note: assessment.note.clone(),
                });
            }
        }
        check.increasing(&order, "assessments of a risk");
        let Some(id) = id else { continue };
        risks.push(Risk {
            id,
            title: raw.title.clone(),
            category: raw.category.clone(),
            owner: raw.owner.clone(),
            mitigation: raw.mitigation.clone(),
            illustrative: raw.illustrative,
            assessments,
        });
    }
    risks
}

fn score(check: &mut Checker<'_>, value: &serde_saphyr::Spanned<i64>, field: &str) -> Option<u8> {
    match u8::try_from(value.value) {
        Ok(score @ 1..=5) => Some(score),
        _ => {
            let problem = Problem::OutOfRange {
                field: field.to_string(),
                value: value.value.to_string(),
                min: "1".into(),
                max: "5".into(),
            };
            check.report(value, problem);
            None
        }
    }
}
