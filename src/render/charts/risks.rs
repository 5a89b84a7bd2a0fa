//! The risk heat map: a 5 × 5 grid of likelihood by impact, each risk placed by id.

use plotters::prelude::*;

use crate::model::Risk;
use crate::model::summary::ranked_risks;
use crate::period::Period;

use super::canvas::{Anchor, Canvas, text_width};
use super::{Chart, ChartContext, Ink, finish, shorten};

const CELL_W: i32 = 104;
const CELL_H: i32 = 76;
const LEFT: i32 = 70;
const TOP: i32 = 40;

/// The band of a score, 0 (low) to 3 (severe).
pub fn band(score: u8) -> u8 {
    match score {
        0..=4 => 0,
        5..=9 => 1,
        10..=14 => 2,
        _ => 3,
    }
}

/// The heat map of `risks` at their latest assessments up to `period`.
pub fn heat_map(risks: &[Risk], period: Option<Period>, context: &ChartContext<'_>) -> Chart {
    let words = context.words;
    let grid_bottom = TOP + CELL_H * 5;
    let width = LEFT + CELL_W * 5 + 16;
    let ranked = ranked_risks(risks);
    let key_top = grid_bottom + 100;
    let height = key_top + 24 * ranked.len() as i32 + 8;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        for likelihood in 1..=5u8 {
            for impact in 1..=5u8 {
                let x = LEFT + CELL_W * (i32::from(impact) - 1);
                let y = grid_bottom - CELL_H * i32::from(likelihood);
                let score = likelihood * impact;
                canvas.rect((x, y), (x + CELL_W, y + CELL_H), Ink::Heat(band(score)));
                canvas.frame((x, y), (x + CELL_W, y + CELL_H), Ink::Grid, 1);
                canvas.text(
                    &score.to_string(),
                    (x + CELL_W - 6, y + 10),
                    Anchor::End,
                    Ink::MutedText,
                    0.6,
                );
                let here: Vec<String> = ranked
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| {
                        r.latest()
                            .is_some_and(|a| a.likelihood == likelihood && a.impact == impact)
                    })
                    .map(|(rank, _)| reference(rank))
                    .collect();
                draw_references(&canvas, &here, (x, y));
            }
            let y = grid_bottom - CELL_H * i32::from(likelihood) + CELL_H / 2;
            canvas.text(
                &likelihood.to_string(),
                (LEFT - 10, y),
                Anchor::End,
                Ink::Text,
                0.8,
            );
        }
        for impact in 1..=5 {
            let x = LEFT + CELL_W * (impact - 1) + CELL_W / 2;
            canvas.text(
                &impact.to_string(),
                (x, grid_bottom + 14),
                Anchor::Middle,
                Ink::Text,
                0.8,
            );
        }
        canvas.text(
            words.get("chart.impact_axis"),
            (LEFT + CELL_W * 5 / 2, grid_bottom + 36),
            Anchor::Middle,
            Ink::Text,
            0.85,
        );
        canvas.text(
            words.get("chart.likelihood_axis"),
            (8, TOP - 20),
            Anchor::Start,
            Ink::Text,
            0.85,
        );
        let mut x = LEFT;
        let y = grid_bottom + 70;
        for (i, key) in [
            "chart.band_low",
            "chart.band_medium",
            "chart.band_high",
            "chart.band_severe",
        ]
        .iter()
        .enumerate()
        {
            canvas.rect((x, y - 8), (x + 22, y + 8), Ink::Heat(i as u8));
            canvas.frame((x, y - 8), (x + 22, y + 8), Ink::MutedText, 1);
            canvas.text(words.get(key), (x + 28, y), Anchor::Start, Ink::Text, 0.75);
            x += 28 + text_width(words.get(key), 0.75) + 18;
        }
        for (rank, risk) in ranked.iter().enumerate() {
            let y = key_top + 24 * rank as i32;
            canvas.text(&reference(rank), (LEFT, y), Anchor::Start, Ink::Text, 0.75);
            let label = shorten(&format!("{}: {}", risk.id, risk.title), 64);
            canvas.text(&label, (LEFT + 44, y), Anchor::Start, Ink::Text, 0.75);
        }
        let _ = root.present();
    }
    let description = describe(risks, period, context);
    let svg = finish(
        &svg,
        context.id,
        words.get("chart.heatmap_title"),
        &description,
        "chart chart-heatmap",
    );
    Chart { svg, description }
}

/// The short reference of the risk ranked `rank` (from 0): `R1` is the highest score.
pub fn reference(rank: usize) -> String {
    format!("R{}", rank + 1)
}

/// Writes references in a cell, several a line, with "+N" when they do not all fit.
fn draw_references(canvas: &Canvas<'_, '_>, references: &[String], (x, y): (i32, i32)) {
    const PER_LINE: usize = 3;
    const LINES: usize = 3;
    let fits = PER_LINE * LINES;
    let shown = if references.len() > fits {
        fits - 1
    } else {
        references.len()
    };
    let mut lines: Vec<String> = references[..shown]
        .chunks(PER_LINE)
        .map(|chunk| chunk.join(" "))
        .collect();
    if references.len() > shown {
        lines.push(format!("+{}", references.len() - shown));
    }
    for (line, text) in lines.iter().enumerate() {
        canvas.text(
            text,
            (x + 8, y + 24 + 18 * line as i32),
            Anchor::Start,
            Ink::Text,
            0.75,
        );
    }
}

fn describe(risks: &[Risk], period: Option<Period>, context: &ChartContext<'_>) -> String {
    let ranked = ranked_risks(risks);
    let Some(top) = ranked.first().filter(|r| r.latest().is_some()) else {
        return context.words.get("chart.heatmap_none").to_string();
    };
    let assessment = top.latest().expect("checked above");
    let highest = format!(
        "{} ({} × {} = {})",
        top.title,
        assessment.likelihood,
        assessment.impact,
        assessment.score()
    );
    let assessed = risks.iter().filter(|r| r.latest().is_some()).count();
    context.words.fill(
        "chart.heatmap",
        &[
            ("count", &assessed.to_string()),
            ("period", &period.map(|p| p.to_string()).unwrap_or_default()),
            ("highest", &highest),
        ],
    )
}
