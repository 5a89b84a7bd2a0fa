//! What templates see: the model turned into plain, serialisable views with every number,
//! amount and date already formatted (through `format`) and every label taken from the
//! theme's words.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use crate::format;
use crate::model::summary::{self, FundingTotals, IndicatorSummary, Track};
use crate::model::{
    Bulletin, Data, Direction, Document, Funding, Indicator, Milestone, Risk, Status,
};
use crate::period::Period;

use super::charts::{self, Chart, ChartContext, Drawing};
use super::editions::Scope;
use super::words::Words;

/// How much of an indicator a view needs. Chart element ids start with the given text, which
/// keeps them unique on a page.
#[derive(Debug, Clone, Copy)]
pub enum Detail<'a> {
    /// Figures, sparkline and progress bar, for cards and lists.
    Card(&'a str),
    /// All of a card and the line chart.
    Full(&'a str),
}

struct IndicatorCharts {
    sparkline: String,
    progress: String,
    line: Option<String>,
    summary: String,
}

/// What every view needs to format and link.
pub struct Views<'a> {
    /// The theme's words.
    pub words: &'a Words,
    /// The funding currency, for money units.
    pub currency: &'a str,
    /// The base path, such as `/` or `/pr-42/`.
    pub base_path: &'a str,
    /// Where the dashboard pages of the shown edition are: the base path, or the base path
    /// followed by `editions/<period>/`.
    pub dashboard_path: String,
    /// Whether charts link to their standalone files (only the live data has them).
    pub chart_downloads: bool,
    /// The live data's indicator charts.
    live_charts: &'a LiveCharts<'a>,
    /// Indicator charts already drawn for this data, where it differs from the live data.
    drawn: DrawnCharts,
    /// The data shown.
    data: &'a Data,
    /// Every indicator's card, made once for the pages that show them all (the dashboard and
    /// the indicator list) and kept only until each has taken them; with how many of those
    /// pages are still to take them.
    cards: Mutex<(Option<Arc<Cards>>, usize)>,
}

/// Every indicator's card as templates see them, with how many are on track, off track and
/// without data.
struct Cards {
    list: tera::Value,
    counts: [usize; 3],
}

/// Indicator charts drawn once and shown on several pages, by element id: a card's sparkline
/// and progress bar appear on the dashboard, the indicator list and the indicator's page.
/// Only charts with an unprefixed id are kept: a prefix marks a chart placed in a document.
#[derive(Debug, Default)]
pub struct DrawnCharts(Mutex<HashMap<String, Arc<Chart>>>);

impl DrawnCharts {
    /// The chart with element id `id`, drawn by `draw` unless it already was.
    fn get_or_draw(&self, id: &str, draw: impl FnOnce() -> Chart) -> Arc<Chart> {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(chart) = lock().get(id) {
            return Arc::clone(chart);
        }
        // Drawn without the lock held; two pages may rarely both draw it, to the same bytes.
        let chart = Arc::new(draw());
        lock().entry(id.to_string()).or_insert(chart).clone()
    }
}

/// The live data's indicator charts, each drawn at most once: the live pages, the standalone
/// files under `/charts/`, indicator blocks in notes and every edition whose indicator is
/// still the same (most often the newest) show the same drawing. Kept by unprefixed element
/// id, `<kind>-<indicator id>`.
#[derive(Debug)]
pub struct LiveCharts<'a>(HashMap<String, LiveChart<'a>>);

#[derive(Debug)]
struct LiveChart<'a> {
    /// The live indicator.
    indicator: &'a Indicator,
    /// Its drawing, for any id.
    drawing: OnceLock<Drawing>,
    /// The drawing finished under the unprefixed id, for sparklines and progress bars.
    chart: OnceLock<Arc<Chart>>,
}

impl<'a> LiveCharts<'a> {
    /// Room for the charts of the indicators of `live`, none drawn yet.
    pub fn new(live: &'a Data) -> Self {
        let mut charts = HashMap::with_capacity(live.indicators.len() * INDICATOR_CHARTS.len());
        for indicator in &live.indicators {
            for kind in INDICATOR_CHARTS {
                let chart = LiveChart {
                    indicator,
                    drawing: OnceLock::new(),
                    chart: OnceLock::new(),
                };
                charts.insert(format!("{kind}-{}", indicator.id), chart);
            }
        }
        LiveCharts(charts)
    }

    /// The chart with unprefixed id `id` of `indicator`, if that indicator is the live one.
    fn get(&self, id: &str, indicator: &Indicator) -> Option<&LiveChart<'a>> {
        let live = self.0.get(id)?;
        (std::ptr::eq(live.indicator, indicator) || live.indicator == indicator).then_some(live)
    }
}

/// The charts every indicator has, by the start of their element id.
const INDICATOR_CHARTS: [&str; 3] = ["spark", "progress", "chart"];

/// An indicator as cards, lists and its page show it.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub title: String,
    pub url: String,
    pub unit: String,
    pub direction: Direction,
    pub direction_label: String,
    pub sector: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub illustrative: bool,
    pub latest: Option<String>,
    pub latest_period: Option<String>,
    pub change: Option<String>,
    pub previous_period: Option<String>,
    /// `better`, `worse` or `unchanged`; absent without a previous value.
    pub change_kind: Option<&'static str>,
    /// `up`, `down` or `flat`: which way the value moved.
    pub change_sign: Option<&'static str>,
    pub change_label: Option<String>,
    /// Progress from baseline to target, formatted.
    pub progress: Option<String>,
    /// Progress from 0 to 100, clamped, for bars.
    pub progress_percent: f64,
    pub track: Track,
    pub track_label: String,
    pub baseline: String,
    pub baseline_period: String,
    pub target: String,
    pub target_period: String,
    pub rows: Vec<ValueRow>,
    pub revisions: Vec<RevisionRow>,
    /// The line chart as inline SVG, drawn only for [`Detail::Full`].
    pub chart: Option<String>,
    /// The card's sparkline as inline SVG.
    pub sparkline: String,
    /// Where the line chart's standalone file is, for the live data.
    pub chart_download: Option<String>,
    /// The progress bar as inline SVG.
    pub progress_bar: String,
    /// The chart's description, also shown as text.
    pub summary: String,
}

/// A value in an indicator's table.
#[derive(Debug, Serialize)]
pub struct ValueRow {
    pub period: String,
    pub value: String,
    pub note: Option<String>,
    pub revised: Option<RevisionRow>,
}

/// A correction of a published value.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionRow {
    pub period: String,
    pub from: String,
    pub to: String,
    pub on: String,
    pub on_iso: String,
    pub reason: Option<String>,
    /// "Revised on 20 September 2025 from 21".
    pub sentence: String,
}

impl<'a> Views<'a> {
    /// What views of the data `scope` shows need; `live_charts` holds the live data's charts,
    /// and `card_pages` pages will show every indicator card.
    pub fn new(
        words: &'a Words,
        currency: &'a str,
        base_path: &'a str,
        scope: &'a Scope<'a>,
        live_charts: &'a LiveCharts<'a>,
        card_pages: usize,
    ) -> Self {
        Views {
            words,
            currency,
            base_path,
            dashboard_path: format!("{base_path}{}", scope.prefix),
            chart_downloads: scope.edition.is_none(),
            live_charts,
            drawn: DrawnCharts::default(),
            data: &scope.data,
            cards: Mutex::new((None, card_pages)),
        }
    }
}

impl Views<'_> {
    /// A link to a site path (given without leading slash) under the base path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// An indicator, with its chart when `detail` asks for it.
    pub fn indicator(&self, indicator: &Indicator, detail: Detail<'_>) -> IndicatorView {
        let words = self.words;
        let summary = IndicatorSummary::of(indicator);
        let quantity = |v: f64| format::quantity(v, &indicator.unit, self.currency);
        let change_kind = summary.change.map(|_| match summary.change_is_better {
            Some(true) => "better",
            Some(false) => "worse",
            None => "unchanged",
        });
        let rows = indicator
            .values
            .iter()
            .map(|v| ValueRow {
                period: v.period.to_string(),
                value: quantity(v.value),
                note: v.note.clone(),
                revised: v
                    .revision
                    .as_ref()
                    .map(|r| self.revision(v.period, v.value, r, &indicator.unit)),
            })
            .collect::<Vec<_>>();
        let revisions = rows.iter().filter_map(|r| r.revised.clone()).collect();
        let charts = self.indicator_charts(indicator, detail);
        IndicatorView {
            id: indicator.id.clone(),
            title: indicator.title.clone(),
            url: format!("{}indicators/{}/", self.dashboard_path, indicator.id),
            unit: indicator.unit.clone(),
            direction: indicator.direction,
            direction_label: words
                .get(match indicator.direction {
                    Direction::Increase => "indicator.direction_increase",
                    Direction::Decrease => "indicator.direction_decrease",
                })
                .to_string(),
            sector: indicator.sector.clone(),
            description: indicator.description.clone(),
            source: indicator.source.clone(),
            illustrative: indicator.illustrative,
            latest: summary.latest.map(|v| quantity(v.value)),
            latest_period: summary.latest.map(|v| v.period.to_string()),
            change: summary
                .change
                .map(|c| format::quantity_change(c, &indicator.unit, self.currency)),
            previous_period: summary.previous.map(|v| v.period.to_string()),
            change_kind,
            change_sign: summary.change.map(|c| {
                if c > 0.0 {
                    "up"
                } else if c < 0.0 {
                    "down"
                } else {
                    "flat"
                }
            }),
            change_label: change_kind.map(|k| words.get(&format!("indicator.{k}")).to_string()),
            progress: summary.progress.map(format::share),
            progress_percent: summary
                .progress
                .map_or(0.0, |p| (p * 100.0).clamp(0.0, 100.0)),
            track: summary.track,
            track_label: words.get(track_key(summary.track)).to_string(),
            baseline: quantity(indicator.baseline.value),
            baseline_period: indicator.baseline.period.to_string(),
            target: quantity(indicator.target.value),
            target_period: indicator.target.period.to_string(),
            rows,
            revisions,
            chart: charts.line,
            sparkline: charts.sparkline,
            chart_download: self
                .chart_downloads
                .then(|| self.url(&format!("charts/indicators/{}.svg", indicator.id))),
            progress_bar: charts.progress,
            summary: charts.summary,
        }
    }

    fn indicator_charts(&self, indicator: &Indicator, detail: Detail<'_>) -> IndicatorCharts {
        let (prefix, full) = match detail {
            Detail::Card(prefix) => (prefix, false),
            Detail::Full(prefix) => (prefix, true),
        };
        let sparkline = self.drawn_chart("spark", prefix, indicator);
        let progress = self.drawn_chart("progress", prefix, indicator);
        let line = full.then(|| self.drawn_chart("chart", prefix, indicator));
        // The sparkline and the line chart describe the indicator in the same words.
        let summary = line.as_ref().unwrap_or(&sparkline).description.clone();
        IndicatorCharts {
            sparkline: sparkline.svg.clone(),
            progress: progress.svg.clone(),
            line: line.map(|c| Arc::unwrap_or_clone(c).svg),
            summary,
        }
    }

    /// The chart of `indicator` of `kind` (`spark`, `progress` or `chart`, the line chart) with
    /// element id `<prefix><kind>-<id>`, drawn unless it already was.
    pub fn drawn_chart(&self, kind: &str, prefix: &str, indicator: &Indicator) -> Arc<Chart> {
        let id = format!("{prefix}{kind}-{}", indicator.id);
        // Sparklines and progress bars are kept finished, as every card shows them. A line
        // chart is on one page (and its file), so only the live drawing is kept.
        if prefix.is_empty() && kind != "chart" {
            let finish = || self.finished(kind, &id, indicator);
            return match self.live_charts.get(&id, indicator) {
                Some(live) => Arc::clone(live.chart.get_or_init(|| Arc::new(finish()))),
                None => self.drawn.get_or_draw(&id, finish),
            };
        }
        Arc::new(self.finished(kind, &id, indicator))
    }

    /// The chart of `indicator` of `kind` (as for [`Views::drawn_chart`]) finished under the
    /// element id `id`, from the live drawing when the indicator is the live one.
    fn finished(&self, kind: &str, id: &str, indicator: &Indicator) -> Chart {
        let draw = || {
            let context = ChartContext {
                id,
                currency: self.currency,
                words: self.words,
            };
            match kind {
                "spark" => charts::indicator::sparkline_drawing(indicator, &context),
                "progress" => charts::indicator::progress_drawing(indicator, &context),
                _ => charts::indicator::line_drawing(indicator, &context),
            }
        };
        match self
            .live_charts
            .get(&format!("{kind}-{}", indicator.id), indicator)
        {
            Some(live) => live.drawing.get_or_init(draw).finish(id),
            None => draw().finish(id),
        }
    }

    /// "Revised on 20 September 2025 from 21 to 19: Two locks re-inspected."
    pub fn revision_sentence(
        &self,
        on: &str,
        from: &str,
        to: &str,
        reason: Option<&str>,
    ) -> String {
        let values = [("on", on), ("from", from), ("to", to)];
        match reason {
            Some(reason) => {
                let mut values = values.to_vec();
                values.push(("reason", reason.trim_end_matches('.')));
                self.words.fill("indicator.revised_because", &values)
            }
            None => self.words.fill("indicator.revised_from", &values),
        }
    }

    /// A revision of the value `to` of `period`, in `unit`.
    pub fn revision(
        &self,
        period: Period,
        to: f64,
        revision: &crate::model::Revision,
        unit: &str,
    ) -> RevisionRow {
        let from = format::quantity(revision.from, unit, self.currency);
        let on = format::date(revision.on);
        let to_text = format::quantity(to, unit, self.currency);
        let sentence = self.revision_sentence(&on, &from, &to_text, revision.reason.as_deref());
        RevisionRow {
            period: period.to_string(),
            from,
            to: to_text,
            on,
            on_iso: revision.on.to_string(),
            reason: revision.reason.clone(),
            sentence,
        }
    }
}

fn track_key(track: Track) -> &'static str {
    match track {
        Track::OnTrack => "track.on_track",
        Track::OffTrack => "track.off_track",
        Track::NoData => "track.no_data",
    }
}

/// A milestone with its status then.
#[derive(Debug, Serialize)]
pub struct MilestoneView {
    pub id: String,
    pub title: String,
    pub phase: Option<String>,
    pub due: String,
    pub lead: Option<String>,
    pub actions: Vec<String>,
    pub depends_on: Vec<String>,
    pub illustrative: bool,
    pub status: Status,
    pub status_label: String,
    pub updates: Vec<UpdateView>,
}

/// A status update.
#[derive(Debug, Serialize)]
pub struct UpdateView {
    pub period: String,
    pub status: Status,
    pub status_label: String,
    pub note: Option<String>,
}

/// Milestones of one status.
#[derive(Debug, Serialize)]
pub struct StatusGroup {
    pub status: Status,
    pub label: String,
    pub count: usize,
    pub milestones: Vec<MilestoneView>,
}

impl Views<'_> {
    /// The label of a status.
    pub fn status_label(&self, status: Status) -> String {
        self.words
            .get(&format!("status.{}", status.key()))
            .to_string()
    }

    /// A milestone.
    pub fn milestone(&self, milestone: &Milestone) -> MilestoneView {
        let due = match milestone.due_date {
            Some(day) => format::date(day),
            None => milestone.due.to_string(),
        };
        MilestoneView {
            id: milestone.id.clone(),
            title: milestone.title.clone(),
            phase: milestone.phase.map(|p| {
                self.words
                    .fill("milestones.phase", &[("phase", &p.to_string())])
            }),
            due,
            lead: milestone.lead.clone(),
            actions: milestone.actions.clone(),
            depends_on: milestone.depends_on.clone(),
            illustrative: milestone.illustrative,
            status: milestone.status(),
            status_label: self.status_label(milestone.status()),
            updates: milestone
                .updates
                .iter()
                .map(|u| UpdateView {
                    period: u.period.to_string(),
                    status: u.status,
                    status_label: self.status_label(u.status),
                    note: u.note.clone(),
                })
                .collect(),
        }
    }

    /// Milestones grouped by status, in status order, leaving out empty groups; only `only`
    /// when given.
    pub fn milestone_groups(
        &self,
        milestones: &[Milestone],
        only: Option<Status>,
    ) -> Vec<StatusGroup> {
        Status::ALL
            .into_iter()
            .filter(|s| only.is_none_or(|o| o == *s))
            .filter_map(|status| {
                let mut members: Vec<&Milestone> =
                    milestones.iter().filter(|m| m.status() == status).collect();
                members.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
                (!members.is_empty()).then(|| StatusGroup {
                    status,
                    label: self.status_label(status),
                    count: members.len(),
                    milestones: members.into_iter().map(|m| self.milestone(m)).collect(),
                })
            })
            .collect()
    }

    /// Counts by status, zeros included.
    pub fn status_counts(&self, milestones: &[Milestone]) -> Vec<StatusCount> {
        summary::count_by_status(milestones)
            .into_iter()
            .map(|(status, count)| StatusCount {
                status,
                label: self.status_label(status),
                count,
            })
            .collect()
    }
}

/// How many milestones have a status.
#[derive(Debug, Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub label: String,
    pub count: usize,
}

/// Funding totals and lists, formatted.
#[derive(Debug, Serialize)]
pub struct FundingView {
    pub currency: String,
    pub pledge: String,
    pub pledge_short: String,
    pub budgeted: String,
    pub committed: String,
    pub committed_short: String,
    pub disbursed: String,
    pub disbursed_short: String,
    pub committed_share: String,
    pub disbursed_share: String,
    pub committed_percent: f64,
    pub disbursed_percent: f64,
    pub instruments: Vec<FlowRow>,
    pub regions: Vec<FlowRow>,
    pub awards: Vec<AwardRow>,
}

/// Money under one heading.
#[derive(Debug, Serialize)]
pub struct FlowRow {
    pub id: Option<String>,
    pub name: String,
    pub budget: Option<String>,
    pub committed: String,
    pub disbursed: String,
    pub awards: usize,
    pub share_of_budget: Option<String>,
}

/// One award.
#[derive(Debug, Serialize)]
pub struct AwardRow {
    pub period: String,
    pub instrument: String,
    pub region: Option<String>,
    pub recipient: Option<String>,
    pub committed: String,
    pub disbursed: String,
    pub illustrative: bool,
}

impl Views<'_> {
    /// Funding as of its awards.
    pub fn funding(&self, funding: &Funding) -> FundingView {
        let totals = FundingTotals::of(funding);
        let money = |v: f64| format::money(v, &funding.currency);
        let short = |v: f64| format::money_short(v, &funding.currency);
        let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
        let instrument_name = |id: &str| {
            funding
                .instruments
                .iter()
                .find(|i| i.id == id)
                .map_or(id.to_string(), |i| i.name.clone())
        };
        let region_name = |id: &str| {
            funding
                .regions
                .iter()
                .find(|r| r.id == id)
                .map_or(id.to_string(), |r| r.name.clone())
        };
        let instruments = totals
            .by_instrument
            .iter()
            .map(|(id, flows)| {
                let budget = funding
                    .instruments
                    .iter()
                    .find(|i| &i.id == id)
                    .map_or(0.0, |i| i.budget);
                FlowRow {
                    id: Some(id.clone()),
                    name: instrument_name(id),
                    budget: Some(money(budget)),
                    committed: money(flows.committed),
                    disbursed: money(flows.disbursed),
                    awards: flows.awards,
                    share_of_budget: Some(format::share(share(flows.committed, budget))),
                }
            })
            .collect();
        let regions = totals
            .by_region
            .iter()
            .map(|(id, flows)| FlowRow {
                id: id.clone(),
                name: id.as_deref().map_or_else(
                    || self.words.get("funding.no_region").to_string(),
                    region_name,
                ),
                budget: None,
                committed: money(flows.committed),
                disbursed: money(flows.disbursed),
                awards: flows.awards,
                share_of_budget: None,
            })
            .collect();
        let mut awards: Vec<AwardRow> = funding
            .awards
            .iter()
            .map(|a| AwardRow {
                period: a.period.to_string(),
                instrument: instrument_name(&a.instrument),
                region: a.region.as_deref().map(region_name),
                recipient: a.recipient.clone(),
                committed: money(a.committed),
                disbursed: money(a.disbursed),
                illustrative: a.illustrative,
            })
            .collect();
        awards.reverse();
        FundingView {
            currency: funding.currency.clone(),
            pledge: money(totals.pledge),
            pledge_short: short(totals.pledge),
            budgeted: money(totals.budgeted),
            committed: money(totals.all.committed),
            committed_short: short(totals.all.committed),
            disbursed: money(totals.all.disbursed),
            disbursed_short: short(totals.all.disbursed),
            committed_share: format::share(share(totals.all.committed, totals.pledge)),
            disbursed_share: format::share(share(totals.all.disbursed, totals.pledge)),
            committed_percent: (share(totals.all.committed, totals.pledge) * 100.0)
                .clamp(0.0, 100.0),
            disbursed_percent: (share(totals.all.disbursed, totals.pledge) * 100.0)
                .clamp(0.0, 100.0),
            instruments,
            regions,
            awards,
        }
    }
}

/// A risk at its latest assessment.
#[derive(Debug, Serialize)]
pub struct RiskView {
    /// `R1` for the highest score: the risk's mark on the heat map.
    pub reference: String,
    pub id: String,
    pub title: String,
    pub category: Option<String>,
    pub owner: Option<String>,
    pub mitigation: Option<String>,
    pub illustrative: bool,
    pub likelihood: Option<u8>,
    pub impact: Option<u8>,
    pub score: Option<u8>,
    pub period: Option<String>,
    pub trend: summary::Trend,
    pub trend_label: String,
    pub history: Vec<AssessmentView>,
}

/// One assessment.
#[derive(Debug, Serialize)]
pub struct AssessmentView {
    pub period: String,
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
    pub note: Option<String>,
}

impl Views<'_> {
    /// Risks ranked by score, at most `top` of them.
    pub fn risks(&self, risks: &[Risk], top: Option<usize>) -> Vec<RiskView> {
        let ranked = summary::ranked_risks(risks);
        let count = top.unwrap_or(ranked.len());
        ranked
            .into_iter()
            .take(count)
            .enumerate()
            .map(|(rank, r)| self.risk(r, rank))
            .collect()
    }

    fn risk(&self, risk: &Risk, rank: usize) -> RiskView {
        let latest = risk.latest();
        let trend = summary::trend(risk);
        let trend_key = match trend {
            summary::Trend::Rising => "trend.rising",
            summary::Trend::Falling => "trend.falling",
            summary::Trend::Steady => "trend.steady",
            summary::Trend::New => "trend.new",
            summary::Trend::Unassessed => "trend.unassessed",
        };
        RiskView {
            reference: charts::risks::reference(rank),
            id: risk.id.clone(),
            title: risk.title.clone(),
            category: risk.category.clone(),
            owner: risk.owner.clone(),
            mitigation: risk.mitigation.clone(),
            illustrative: risk.illustrative,
            likelihood: latest.map(|a| a.likelihood),
            impact: latest.map(|a| a.impact),
            score: latest.map(|a| a.score()),
            period: latest.map(|a| a.period.to_string()),
            trend,
            trend_label: self.words.get(trend_key).to_string(),
            history: risk
                .assessments
                .iter()
                .map(|a| AssessmentView {
                    period: a.period.to_string(),
                    likelihood: a.likelihood,
                    impact: a.impact,
                    score: a.score(),
                    note: a.note.clone(),
                })
                .collect(),
        }
    }
}

/// A page, note or bulletin in lists and on its page.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub period: Option<String>,
    pub published: Option<String>,
    pub published_iso: Option<String>,
}

impl Views<'_> {
    /// A document.
    pub fn document(&self, document: &Document) -> DocumentView {
        DocumentView {
            title: document.title.clone(),
            url: self.url(&document.url_path),
            date: document.date.map(format::date),
            date_iso: document.date.map(|d| d.to_string()),
            summary: document.summary.clone(),
            tags: document.tags.clone(),
            draft: document.draft,
            period: None,
            published: None,
            published_iso: None,
        }
    }

    /// A bulletin.
    pub fn bulletin(&self, bulletin: &Bulletin) -> DocumentView {
        DocumentView {
            period: Some(bulletin.period.to_string()),
            published: bulletin.published.map(format::date),
            published_iso: bulletin.published.map(|d| d.to_string()),
            ..self.document(&bulletin.document)
        }
    }
}

/// The dashboard's figures as of a period.
#[derive(Debug, Serialize)]
pub struct DashboardView {
    /// The indicators' cards, as [`Views::cards`] gives them.
    pub indicators: tera::Value,
    pub on_track: usize,
    pub off_track: usize,
    pub no_data: usize,
    pub milestone_counts: Vec<StatusCount>,
    pub milestone_total: usize,
    pub funding: Option<FundingView>,
    pub risks: Vec<RiskView>,
}

impl Views<'_> {
    /// Every indicator of the shown data as a card ([`IndicatorView`]), in a list, for the
    /// indicator list.
    pub fn cards(&self) -> tera::Value {
        self.shared_cards(true).list.clone()
    }

    /// The cards, made unless they are kept. `page` is true for the pages counted in
    /// [`Views::new`]: once each has taken them, they are no longer kept.
    fn shared_cards(&self, page: bool) -> Arc<Cards> {
        let mut held = self.cards.lock().unwrap_or_else(|e| e.into_inner());
        let (kept, to_come) = &mut *held;
        let cards = match kept {
            Some(cards) => Arc::clone(cards),
            None => {
                let cards = Arc::new(self.make_cards());
                if page && *to_come > 1 {
                    *kept = Some(Arc::clone(&cards));
                }
                cards
            }
        };
        if page {
            *to_come = to_come.saturating_sub(1);
            if *to_come == 0 {
                *kept = None;
            }
        }
        cards
    }

    fn make_cards(&self) -> Cards {
        let cards: Vec<IndicatorView> = self
            .data
            .indicators
            .iter()
            .map(|i| self.indicator(i, Detail::Card("")))
            .collect();
        let count = |track: Track| cards.iter().filter(|i| i.track == track).count();
        Cards {
            counts: [Track::OnTrack, Track::OffTrack, Track::NoData].map(count),
            list: tera::Value::from_serializable(&cards),
        }
    }

    /// The dashboard's figures of the shown data, as a [`DashboardView`]; `page` is true for
    /// the dashboard page and false for `kpis` blocks.
    pub fn dashboard(&self, page: bool) -> tera::Value {
        let data = self.data;
        let cards = self.shared_cards(page);
        let [on_track, off_track, no_data] = cards.counts;
        let view = DashboardView {
            indicators: cards.list.clone(),
            on_track,
            off_track,
            no_data,
            milestone_counts: self.status_counts(&data.milestones),
            milestone_total: data.milestones.len(),
            funding: data.funding.as_ref().map(|f| self.funding(f)),
            risks: self.risks(&data.risks, Some(5)),
        };
        tera::Value::from_serializable(&view)
    }
}

/// A chart with its words, for templates.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// Inline SVG.
    pub svg: String,
    /// What it shows, in words.
    pub description: String,
    /// Where the standalone file is, under `/charts/`, for the live data.
    pub download: Option<String>,
}

/// The standalone chart files of a site, by kind and path under `/charts/`.
pub const CHART_FILES: [(&str, &str); 5] = [
    ("timeline", "charts/milestones-timeline.svg"),
    ("funding-quarters", "charts/funding-quarters.svg"),
    ("funding-instruments", "charts/funding-instruments.svg"),
    ("funding-regions", "charts/funding-regions.svg"),
    ("risk-heatmap", "charts/risk-heatmap.svg"),
];

/// A milestone in the table beside the timeline.
#[derive(Debug, Serialize)]
pub struct TimelineRow {
    pub id: String,
    pub title: String,
    pub due: String,
    pub status: Status,
    pub status_label: String,
}

/// Per quarter, committed and disbursed by instrument, for the table beside the chart.
#[derive(Debug, Serialize)]
pub struct QuarterRow {
    pub period: String,
    pub instrument: String,
    pub committed: String,
    pub disbursed: String,
}

impl Views<'_> {
    fn chart_view(&self, chart: charts::Chart, file: &str) -> ChartView {
        ChartView {
            svg: chart.svg,
            description: chart.description,
            download: self.chart_downloads.then(|| self.url(file)),
        }
    }

    fn file_of(kind: &str) -> &'static str {
        CHART_FILES
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("charts/", |(_, f)| f)
    }

    /// A chart of the site's data by kind (one of [`CHART_FILES`]), as of `period`; `None`
    /// when the data it draws is absent.
    pub fn site_chart(
        &self,
        kind: &str,
        data: &Data,
        period: Option<Period>,
        prefix: &str,
    ) -> Option<ChartView> {
        let id = format!("{prefix}{kind}");
        let context = ChartContext {
            id: &id,
            currency: self.currency,
            words: self.words,
        };
        let chart = match kind {
            "timeline" => {
                let label = |status: Status| self.status_label(status);
                charts::timeline::timeline(&data.milestones, period, &context, &label)
            }
            "funding-quarters" => charts::funding::by_quarter(data.funding.as_ref()?, &context),
            "funding-instruments" => {
                charts::funding::by_instrument(data.funding.as_ref()?, &context)
            }
            "funding-regions" => charts::funding::by_region(data.funding.as_ref()?, &context),
            "risk-heatmap" => charts::risks::heat_map(&data.risks, period, &context),
            _ => return None,
        };
        Some(self.chart_view(chart, Self::file_of(kind)))
    }

    /// An indicator chart by kind (`indicator`, `sparkline` or `progress`).
    pub fn indicator_chart(
        &self,
        kind: &str,
        indicator: &Indicator,
        prefix: &str,
    ) -> Option<ChartView> {
        let drawn = match kind {
            "indicator" => "chart",
            "sparkline" => "spark",
            "progress" => "progress",
            _ => return None,
        };
        let id = format!("{prefix}{kind}-{}", indicator.id);
        let chart = self.finished(drawn, &id, indicator);
        Some(self.chart_view(chart, &format!("charts/indicators/{}.svg", indicator.id)))
    }

    /// Milestones by due date, as the timeline places them.
    pub fn timeline_rows(&self, milestones: &[Milestone]) -> Vec<TimelineRow> {
        let mut rows: Vec<&Milestone> = milestones.iter().collect();
        rows.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
        rows.into_iter()
            .map(|m| TimelineRow {
                id: m.id.clone(),
                title: m.title.clone(),
                due: m.due.to_string(),
                status: m.status(),
                status_label: self.status_label(m.status()),
            })
            .collect()
    }

    /// Committed and disbursed per quarter and instrument, quarters with awards only.
    pub fn quarter_rows(&self, funding: &Funding) -> Vec<QuarterRow> {
        let mut sums: std::collections::BTreeMap<(Period, usize), (f64, f64)> = Default::default();
        for award in &funding.awards {
            let index = funding
                .instruments
                .iter()
                .position(|i| i.id == award.instrument)
                .unwrap_or(0);
            let entry = sums.entry((award.period, index)).or_default();
            entry.0 += award.committed;
            entry.1 += award.disbursed;
        }
        sums.into_iter()
            .map(|((period, index), (committed, disbursed))| QuarterRow {
                period: period.to_string(),
                instrument: funding
                    .instruments
                    .get(index)
                    .map_or(String::new(), |i| i.name.clone()),
                committed: format::money(committed, &funding.currency),
                disbursed: format::money(disbursed, &funding.currency),
            })
            .collect()
    }
}
