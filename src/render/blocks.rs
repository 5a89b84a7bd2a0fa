//! The data blocks that shortcodes insert, rendered with the `blocks/*.html` templates and
//! the data as of the document's period.

use tera::Context;

use crate::diagnostics::Problem;
use crate::model::{Data, Status};
use crate::period::Period;

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
}

impl Blocks<'_> {
    /// The HTML of one shortcode block.
    pub fn render(&self, shortcode: &Shortcode) -> Result<String, Problem> {
        let mut context = Context::new();
        context.insert(
            "period",
            &self.period.map(|p| p.to_string()).unwrap_or_default(),
        );
        let views = self.views;
        let data = self.data;
        match shortcode.name.as_str() {
            "kpis" => context.insert("dashboard", &views.dashboard(data)),
            "indicator" => {
                let id = shortcode.text("id").unwrap_or_default();
                let Some(indicator) = data.indicators.iter().find(|i| i.id == id) else {
                    return Err(Problem::UnknownReference {
                        kind: "indicator".into(),
                        id: id.to_string(),
                        known: data.indicators.iter().map(|i| i.id.clone()).collect(),
                    });
                };
                let chart_id = "block-";
                context.insert(
                    "indicator",
                    &views.indicator(indicator, Detail::Full(chart_id)),
                );
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
