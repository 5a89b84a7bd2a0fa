//! Funding charts: committed and disbursed per quarter stacked by instrument; budget against
//! committed against disbursed per instrument; committed per region.

use std::collections::BTreeMap;

use plotters::prelude::*;

use crate::format;
use crate::model::Funding;
use crate::model::summary::FundingTotals;

use super::canvas::{Anchor, Canvas, text_width};
use super::{Chart, ChartContext, Ink, finish, shorten};

const WIDTH: i32 = 640;

/// Per quarter, the committed and disbursed amounts of each instrument, in instrument order.
struct Quarter {
    label: String,
    committed: Vec<f64>,
    disbursed: Vec<f64>,
}

fn quarters(funding: &Funding) -> Vec<Quarter> {
    let first = funding.awards.iter().map(|a| a.period).min();
    let last = funding.awards.iter().map(|a| a.period).max();
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let index: BTreeMap<&str, usize> = funding
        .instruments
        .iter()
        .enumerate()
        .map(|(i, inst)| (inst.id.as_str(), i))
        .collect();
    let mut quarters = Vec::new();
    let mut period = Some(first);
    while let Some(p) = period.filter(|p| *p <= last) {
        let mut quarter = Quarter {
            label: p.to_string(),
            committed: vec![0.0; funding.instruments.len()],
            disbursed: vec![0.0; funding.instruments.len()],
        };
        for award in funding.awards.iter().filter(|a| a.period == p) {
            if let Some(&i) = index.get(award.instrument.as_str()) {
                quarter.committed[i] += award.committed;
                quarter.disbursed[i] += award.disbursed;
            }
        }
        quarters.push(quarter);
        period = p.next();
    }
    quarters
}

/// Committed and disbursed per quarter, stacked by instrument: for each quarter a plain bar
/// for committed and an outlined bar for disbursed.
pub fn by_quarter(funding: &Funding, context: &ChartContext<'_>) -> Chart {
    let quarters = quarters(funding);
    let words = context.words;
    let money = |v: f64| format::money_short(v, &funding.currency);
    let legend = legend_rows(funding, context);
    let plot_top = 20;
    let plot_bottom = 300;
    let height = plot_bottom + 40 + legend.len() as i32 * 28 + 40;
    let left = 80;
    let right = WIDTH - 16;
    let highest = quarters
        .iter()
        .flat_map(|q| {
            [
                q.committed.iter().sum::<f64>(),
                q.disbursed.iter().sum::<f64>(),
            ]
        })
        .fold(0.0_f64, f64::max);
    let step = nice_step(highest / 4.0);
    let ticks = (highest / step).ceil().max(1.0) as i32;
    let scale = step * f64::from(ticks);
    let y_of =
        |v: f64| plot_bottom - ((v / scale) * f64::from(plot_bottom - plot_top)).round() as i32;

    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        for tick in 0..=ticks {
            let value = step * f64::from(tick);
            let y = y_of(value);
            canvas.line((left, y), (right, y), Ink::Grid, 1);
            canvas.text(&money(value), (left - 8, y), Anchor::End, Ink::Text, 0.8);
        }
        let slot = f64::from(right - left) / quarters.len().max(1) as f64;
        let bar = ((slot * 0.36).floor() as i32).clamp(2, 40);
        let every = ((text_width("2025-Q1", 0.8) + 10) as f64 / slot)
            .ceil()
            .max(1.0) as usize;
        for (i, quarter) in quarters.iter().enumerate() {
            let centre = left + (slot * (i as f64 + 0.5)).round() as i32;
            for (amounts, x0, outlined) in [
                (&quarter.committed, centre - bar - 1, false),
                (&quarter.disbursed, centre + 1, true),
            ] {
                let mut base = 0.0;
                for (series, amount) in amounts.iter().enumerate() {
                    if *amount <= 0.0 {
                        continue;
                    }
                    let (top, bottom) = (y_of(base + amount), y_of(base));
                    canvas.rect((x0, top), (x0 + bar, bottom), Ink::Series(series as u8));
                    base += amount;
                }
                if outlined && base > 0.0 {
                    canvas.frame((x0, y_of(base)), (x0 + bar, plot_bottom), Ink::Text, 2);
                }
            }
            if bar >= 12 {
                canvas.text(
                    words.get("chart.committed_short"),
                    (centre - bar / 2 - 1, plot_bottom + 12),
                    Anchor::Middle,
                    Ink::MutedText,
                    0.7,
                );
                canvas.text(
                    words.get("chart.disbursed_short"),
                    (centre + bar / 2 + 1, plot_bottom + 12),
                    Anchor::Middle,
                    Ink::MutedText,
                    0.7,
                );
            }
            if i % every == 0 {
                canvas.text(
                    &quarter.label,
                    (centre, plot_bottom + 30),
                    Anchor::Middle,
                    Ink::Text,
                    0.8,
                );
            }
        }
        canvas.line((left, plot_bottom), (right, plot_bottom), Ink::Axis, 1);
        draw_legend(&canvas, &legend, plot_bottom + 56);
        let _ = root.present();
    }
    let totals = FundingTotals::of(funding);
    let description = words.fill(
        "chart.funding_quarters",
        &[
            ("first", quarters.first().map_or("", |q| q.label.as_str())),
            ("last", quarters.last().map_or("", |q| q.label.as_str())),
            ("total_committed", &money(totals.all.committed)),
            ("total_disbursed", &money(totals.all.disbursed)),
        ],
    );
    let title = words.get("chart.funding_quarters_title");
    let svg = finish(
        &svg,
        context.id,
        title,
        &description,
        "chart chart-funding-quarters",
    );
    Chart { svg, description }
}

/// Budget against committed against disbursed, one row per instrument.
pub fn by_instrument(funding: &Funding, context: &ChartContext<'_>) -> Chart {
    let totals = FundingTotals::of(funding);
    let words = context.words;
    let money = |v: f64| format::money_short(v, &funding.currency);
    let row = 74;
    let height = 24 + row * funding.instruments.len().max(1) as i32 + 40;
    let (left, right) = (16, WIDTH - 16);
    let highest = funding
        .instruments
        .iter()
        .zip(&totals.by_instrument)
        .map(|(i, (_, flows))| i.budget.max(flows.committed))
        .fold(0.0_f64, f64::max);
    let scale = if highest > 0.0 { highest } else { 1.0 };
    let x_of = |v: f64| left + ((v / scale) * f64::from(right - left)).round() as i32;
    let mut details = Vec::new();
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        for (i, (instrument, (_, flows))) in funding
            .instruments
            .iter()
            .zip(&totals.by_instrument)
            .enumerate()
        {
            let y = 24 + row * i as i32;
            let figures = words.fill(
                "chart.instrument_figures",
                &[
                    ("budget", &money(instrument.budget)),
                    ("committed", &money(flows.committed)),
                    ("disbursed", &money(flows.disbursed)),
                ],
            );
            let name = shorten(&instrument.name, 30);
            canvas.text(&name, (left, y), Anchor::Start, Ink::Text, 0.85);
            canvas.text(&figures, (right, y), Anchor::End, Ink::MutedText, 0.75);
            canvas.rect(
                (left, y + 14),
                (x_of(instrument.budget), y + 30),
                Ink::Track,
            );
            canvas.frame(
                (left, y + 14),
                (x_of(instrument.budget), y + 30),
                Ink::MutedText,
                1,
            );
            canvas.rect(
                (left, y + 16),
                (x_of(flows.committed), y + 28),
                Ink::Series(0),
            );
            canvas.rect(
                (left, y + 34),
                (x_of(flows.disbursed).max(left + 1), y + 46),
                Ink::Series(1),
            );
            details.push(format!("{} {figures}", instrument.name));
        }
        let legend_y = height - 24;
        canvas.rect((left, legend_y - 7), (left + 22, legend_y + 7), Ink::Track);
        canvas.frame(
            (left, legend_y - 7),
            (left + 22, legend_y + 7),
            Ink::MutedText,
            1,
        );
        canvas.text(
            words.get("funding.budget"),
            (left + 30, legend_y),
            Anchor::Start,
            Ink::Text,
            0.8,
        );
        canvas.rect(
            (left + 130, legend_y - 6),
            (left + 152, legend_y + 6),
            Ink::Series(0),
        );
        canvas.text(
            words.get("funding.committed"),
            (left + 160, legend_y),
            Anchor::Start,
            Ink::Text,
            0.8,
        );
        canvas.rect(
            (left + 290, legend_y - 6),
            (left + 312, legend_y + 6),
            Ink::Series(1),
        );
        canvas.text(
            words.get("funding.disbursed"),
            (left + 320, legend_y),
            Anchor::Start,
            Ink::Text,
            0.8,
        );
        let _ = root.present();
    }
    let description = words.fill(
        "chart.funding_instruments",
        &[
            ("count", &funding.instruments.len().to_string()),
            ("details", &details.join("; ")),
        ],
    );
    let title = words.get("chart.funding_instruments_title");
    let svg = finish(
        &svg,
        context.id,
        title,
        &description,
        "chart chart-funding-instruments",
    );
    Chart { svg, description }
}

/// Committed per region, one bar per region (and one for awards without a region).
pub fn by_region(funding: &Funding, context: &ChartContext<'_>) -> Chart {
    let totals = FundingTotals::of(funding);
    let words = context.words;
    let money = |v: f64| format::money_short(v, &funding.currency);
    let rows: Vec<(String, f64)> = totals
        .by_region
        .iter()
        .map(|(id, flows)| {
            let name = match id {
                Some(id) => funding
                    .regions
                    .iter()
                    .find(|r| &r.id == id)
                    .map_or(id.clone(), |r| r.name.clone()),
                None => words.get("funding.no_region").to_string(),
            };
            (name, flows.committed)
        })
        .collect();
    let row = 34;
    let height = 16 + row * rows.len().max(1) as i32 + 8;
    let (label_right, left, right) = (180, 190, WIDTH - 110);
    let highest = rows.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let scale = if highest > 0.0 { highest } else { 1.0 };
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (WIDTH as u32, height as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        for (i, (name, committed)) in rows.iter().enumerate() {
            let y = 16 + row * i as i32 + row / 2;
            let end = left + ((committed / scale) * f64::from(right - left)).round() as i32;
            canvas.text(
                &shorten(name, 20),
                (label_right, y),
                Anchor::End,
                Ink::Text,
                0.85,
            );
            canvas.rect((left, y - 10), (end.max(left + 1), y + 10), Ink::Series(0));
            canvas.text(
                &money(*committed),
                (end + 8, y),
                Anchor::Start,
                Ink::Text,
                0.8,
            );
        }
        canvas.line((left, 8), (left, height - 8), Ink::Axis, 1);
        let _ = root.present();
    }
    let details: Vec<String> = rows
        .iter()
        .map(|(name, v)| format!("{name} {}", money(*v)))
        .collect();
    let description = words.fill("chart.funding_regions", &[("details", &details.join(", "))]);
    let title = words.get("chart.funding_regions_title");
    let svg = finish(
        &svg,
        context.id,
        title,
        &description,
        "chart chart-funding-regions",
    );
    Chart { svg, description }
}

/// Legend entries for the instruments, laid out in rows, plus the committed/disbursed key.
fn legend_rows(
    funding: &Funding,
    context: &ChartContext<'_>,
) -> Vec<Vec<(i32, String, Option<u8>)>> {
    let mut items: Vec<(String, Option<u8>)> = funding
        .instruments
        .iter()
        .enumerate()
        .map(|(i, inst)| (shorten(&inst.name, 28), Some(i as u8)))
        .collect();
    items.push((context.words.get("chart.bars_key").to_string(), None));
    let mut rows: Vec<Vec<(i32, String, Option<u8>)>> = vec![Vec::new()];
    let mut x = 16;
    for (text, series) in items {
        let width = 32 + text_width(&text, 0.8) + 20;
        if x + width > WIDTH && x > 16 {
            rows.push(Vec::new());
            x = 16;
        }
        rows.last_mut().expect("a row").push((x, text, series));
        x += width;
    }
    rows
}

fn draw_legend(canvas: &Canvas<'_, '_>, rows: &[Vec<(i32, String, Option<u8>)>], top: i32) {
    for (r, row) in rows.iter().enumerate() {
        let y = top + r as i32 * 28;
        for (x, text, series) in row {
            let text_x = match series {
                Some(series) => {
                    canvas.rect((*x, y - 8), (x + 22, y + 8), Ink::Series(*series));
                    x + 30
                }
                None => *x,
            };
            canvas.text(text, (text_x, y), Anchor::Start, Ink::Text, 0.8);
        }
    }
}

/// A round step of at most `value` for axis ticks: 1, 2 or 5 times a power of ten.
fn nice_step(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|candidate| *candidate <= value)
        .unwrap_or(magnitude)
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(nice_step(60_000_000.0), 50_000_000.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(nice_step(4.2), 2.0);
        assert_eq!(nice_step(1.0), 1.0);
    }
}
