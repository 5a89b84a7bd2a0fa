//! The milestone timeline: one row per milestone, placed at its due period, marked and
//! labelled by status, with the edition's period marked.

use plotters::prelude::*;

use crate::model::{Milestone, Status};
use crate::period::Period;

use super::canvas::{Anchor, Canvas, text_width};
use super::{Chart, ChartContext, Ink, finish, shorten};

const WIDTH: i32 = 760;
const LABEL_WIDTH: i32 = 300;
const ROW: i32 = 30;
const TOP: i32 = 56;

/// The ink and mark of a status, so that statuses differ by shape as well as colour.
fn ink(status: Status) -> Ink {
    match status {
        Status::Planned => Ink::Planned,
        Status::InProgress => Ink::InProgress,
        Status::AtRisk => Ink::AtRisk,
        Status::Delayed => Ink::Delayed,
        Status::Done => Ink::Done,
        Status::Cancelled => Ink::Cancelled,
    }
}

fn mark(canvas: &Canvas<'_, '_>, status: Status, (x, y): (i32, i32)) {
    let ink = ink(status);
    match status {
        Status::Planned => canvas.circle((x, y), 7, ink, false),
        Status::InProgress => canvas.circle((x, y), 7, ink, true),
        Status::AtRisk => canvas.polygon(vec![(x, y - 8), (x + 8, y + 7), (x - 8, y + 7)], ink),
        Status::Delayed => canvas.rect((x - 7, y - 7), (x + 7, y + 7), ink),
        Status::Done => canvas.polygon(vec![(x, y - 9), (x + 9, y), (x, y + 9), (x - 9, y)], ink),
        Status::Cancelled => {
            canvas.line((x - 7, y - 7), (x + 7, y + 7), ink, 3);
            canvas.line((x - 7, y + 7), (x + 7, y - 7), ink, 3);
        }
    }
}

/// The timeline of `milestones` as of `edition`; `status_label` names a status in words.
pub fn timeline(
    milestones: &[Milestone],
    edition: Option<Period>,
    context: &ChartContext<'_>,
    status_label: &dyn Fn(Status) -> String,
) -> Chart {
    let mut rows: Vec<&Milestone> = milestones.iter().collect();
    rows.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    let dues = rows.iter().map(|m| m.due.ordinal());
    let first = dues
        .clone()
        .chain(edition.map(|p| p.ordinal()))
        .min()
        .unwrap_or(0);
    let last = dues.chain(edition.map(|p| p.ordinal())).max().unwrap_or(0);
    let quarters = (last - first + 1).max(1);
    let plot_left = LABEL_WIDTH + 16;
    let plot_right = WIDTH - 150;
    let step = f64::from(plot_right - plot_left) / f64::from(quarters);
    let x_of =
        |ordinal: i32| plot_left + (step * (f64::from(ordinal - first) + 0.5)).round() as i32;
    let height = TOP + ROW * rows.len().max(1) as i32 + 56;

    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        // Period columns, labelled at most every few quarters so labels never collide.
        let every = ((text_width("2025-Q1", 0.8) + 12) as f64 / step)
            .ceil()
            .max(1.0) as i32;
        for ordinal in first..=last {
            let x = x_of(ordinal);
            canvas.line((x, TOP - 10), (x, height - 52), Ink::Grid, 1);
            if (ordinal - first) % every == 0 {
                let label = format!("{}-Q{}", ordinal.div_euclid(4), ordinal.rem_euclid(4) + 1);
                canvas.text(&label, (x, TOP - 24), Anchor::Middle, Ink::Text, 0.8);
            }
        }
        if let Some(edition) = edition {
            let x = x_of(edition.ordinal());
            canvas.line((x, TOP - 10), (x, height - 52), Ink::Edition, 2);
            let label = context
                .words
                .fill("chart.edition", &[("period", &edition.to_string())]);
            canvas.text(&label, (x, height - 36), Anchor::Middle, Ink::Text, 0.8);
        }
        for (i, milestone) in rows.iter().enumerate() {
            let y = TOP + ROW * i as i32 + ROW / 2;
            let title = shorten(&milestone.title, (LABEL_WIDTH / 8) as usize);
            canvas.text(&title, (LABEL_WIDTH, y), Anchor::End, Ink::Text, 0.8);
            let x = x_of(milestone.due.ordinal());
            let status = milestone.status();
            mark(&canvas, status, (x, y));
            canvas.text(
                &status_label(status),
                (x + 14, y),
                Anchor::Start,
                ink(status),
                0.8,
            );
        }
        let _ = root.present();
    }
    let description = describe(&rows, edition, context, status_label);
    let title = context.words.get("chart.timeline_title").to_string();
    let svg = finish(
        &svg,
        context.id,
        &title,
        &description,
        "chart chart-timeline",
    );
    Chart { svg, description }
}

fn describe(
    milestones: &[&Milestone],
    edition: Option<Period>,
    context: &ChartContext<'_>,
    status_label: &dyn Fn(Status) -> String,
) -> String {
    let counts: Vec<String> = Status::ALL
        .into_iter()
        .filter_map(|status| {
            let count = milestones.iter().filter(|m| m.status() == status).count();
            (count > 0).then(|| format!("{count} {}", status_label(status).to_lowercase()))
        })
        .collect();
    let period = edition.map(|p| p.to_string()).unwrap_or_default();
    context.words.fill(
        "chart.timeline",
        &[
            ("count", &milestones.len().to_string()),
            ("period", &period),
            ("statuses", &counts.join(", ")),
        ],
    )
}
