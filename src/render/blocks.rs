//! The data blocks that shortcodes insert, rendered with the `blocks/*.html` templates and
//! the data as of the document's period.

use tera::Context;

use crate::diagnostics::Problem;
use crate::model::{Data, Status};
use crate::period::Period;

use super::revisions::RevisionEntry;
use super::shortcodes::Shortcode;
use super::templates::Theme;
use super::views::{Detail, Views};

/// What a document's blocks draw from.
pub struct Blocks<'a> {
    /// The theme.
    pub theme: &'a Theme,
    /// Formatting and words.
    pub views: &'a Views<'a>,
    /// The data as of the document's period.
    pub data: &'a Data,
    /// That period; `None` when the site has no data yet.
    pub period: Option<Period>,
    /// Values the document showed that were revised after it was published.
    pub revised_since: &'a [RevisionEntry],
}

/// The kinds `chart(kind=...)` draws; the first three take an indicator `id`.
pub const CHART_KINDS: [&str; 8] = [
    "indicator",
    "sparkline",
    "progress",
    "timeline",
    "funding-quarters",
    "funding-instruments",
    "funding-regions",
    "risk-heatmap",
];

impl Blocks<'_> {
    /// Fills `context` for `chart(kind=..., id=...)`.
    fn chart(&self, shortcode: &Shortcode, context: &mut Context) -> Result<(), Problem> {
        let kind = shortcode.text("kind").unwrap_or_default();
        if !CHART_KINDS.contains(&kind) {
            return Err(Problem::UnknownWord {
                field: "chart kind".into(),
                value: kind.to_string(),
                allowed: CHART_KINDS.iter().map(|k| k.to_string()).collect(),
            });
        }
        let views = self.views;
        let data = self.data;
        let chart = if CHART_KINDS[..3].contains(&kind) {
            let Some(id) = shortcode.text("id") else {
                return Err(Problem::MissingArgument {
                    shortcode: "chart".into(),
                    argument: "id".into(),
                });
            };
            let indicator = self.indicator(id)?;
            context.insert(
                "indicator",
                &views.indicator(indicator, Detail::Card("block-")),
            );
            views.indicator_chart(kind, indicator, "block-")
        } else {
            context.insert("timeline_rows", &views.timeline_rows(&data.milestones));
            context.insert("funding", &data.funding.as_ref().map(|f| views.funding(f)));
            context.insert(
                "quarter_rows",
                &data.funding.as_ref().map(|f| views.quarter_rows(f)),
            );
            context.insert("risks", &views.risks(&data.risks, None));
            views.site_chart(kind, data, self.period, "block-")
        };
        context.insert("kind", kind);
        context.insert("chart", &chart);
        Ok(())
    }

    /// The indicator with `id`, or a problem naming the ids there are.
    fn indicator(&self, id: &str) -> Result<&crate::model::Indicator, Problem> {
        self.data
            .indicators
            .iter()
            .find(|i| i.id == id)
            .ok_or_else(|| Problem::UnknownReference {
                kind: "indicator".into(),
                id: id.to_string(),
                known: self.data.indicators.iter().map(|i| i.id.clone()).collect(),
            })
    }

    /// The HTML of one shortcode block.
    pub fn render(&self, shortcode: &Shortcode) -> Result<String, Problem> {
        let mut context = Context::new();
        context.insert("dashboard_base", &self.views.dashboard_path);
        context.insert(
            "period",
            &self.period.map(|p| p.to_string()).unwrap_or_default(),
        );
        let views = self.views;
        let data = self.data;
        match shortcode.name.as_str() {
            "kpis" => context.insert_value("dashboard", views.dashboard(false)),
            "indicator" => {
                let indicator = self.indicator(shortcode.text("id").unwrap_or_default())?;
                let view = views.indicator(indicator, Detail::Full("block-"));
                context.insert("indicator", &view);
                let revised: Vec<&RevisionEntry> = self
                    .revised_since
                    .iter()
                    .filter(|r| r.indicator_id == indicator.id)
                    .collect();
                context.insert("revised_since", &revised);
            }
            "milestones" => {
                let status = match shortcode.text("status") {
                    None => None,
                    Some(key) => {
                        Some(Status::from_key(key).ok_or_else(|| Problem::UnknownWord {
                            field: "status".into(),
                            value: key.to_string(),
                            allowed: Status::ALL.iter().map(|s| s.key().to_string()).collect(),
                        })?)
                    }
                };
                context.insert("groups", &views.milestone_groups(&data.milestones, status));
                context.insert("status_label", &status.map(|s| views.status_label(s)));
            }
            "funding" => {
                context.insert("funding", &data.funding.as_ref().map(|f| views.funding(f)))
            }
            "risks" => {
                let top = shortcode.number("top").map_or(5, |n| n as usize);
                context.insert("risks", &views.risks(&data.risks, Some(top)));
            }
            "chart" => self.chart(shortcode, &mut context)?,
            other => {
                return Err(Problem::UnknownShortcode {
                    name: other.to_string(),
                    known: Vec::new(),
                });
            }
        }
        let template = format!("blocks/{}.html", shortcode.name);
        self.theme
            .tera
            .render(&template, &context)
            .map_err(|error| {
                let detail = super::templates::template_error(&error).message();
                Problem::Template { detail }
            })
    }
}
