//! Indicator charts: the line chart of values over periods, the sparkline of a dashboard card,
//! and the progress bar from baseline to target.

use plotters::prelude::*;

use crate::format;
use crate::model::summary::IndicatorSummary;
use crate::model::{Direction, Indicator};
use crate::period::Period;

use super::canvas::{Anchor, CHAR_WIDTH, Canvas, FONT};
use super::{Chart, ChartContext, Drawing, Ink};

const WIDTH: u32 = 560;
const PLOT_HEIGHT: u32 = 320;

/// The sentence a person would say about an indicator's course and target.
pub fn describe(indicator: &Indicator, context: &ChartContext<'_>) -> String {
    let value = |v: f64| format::quantity(v, &indicator.unit, context.currency);
    let words = context.words;
    let from = value(indicator.baseline.value);
    let from_period = indicator.baseline.period.to_string();
    let course = match indicator.values.last() {
        None => words.fill(
            "chart.no_values",
            &[("from", &from), ("from_period", &from_period)],
        ),
        Some(last) => {
            let key = if last.value > indicator.baseline.value {
                "chart.rose"
            } else if last.value < indicator.baseline.value {
                "chart.fell"
            } else {
                "chart.flat"
            };
            let to = value(last.value);
            let to_period = last.period.to_string();
            let values = [
                ("from", &from),
                ("from_period", &from_period),
                ("to", &to),
                ("to_period", &to_period),
            ];
            words.fill(key, &values.map(|(k, v)| (k, v.as_str())))
        }
    };
    let target = value(indicator.target.value);
    let target_period = indicator.target.period.to_string();
    let target = words.fill(
        "chart.target",
        &[("target", &target), ("target_period", &target_period)],
    );
    let revised = indicator
        .values
        .iter()
        .filter(|v| v.revision.is_some())
        .count();
    let mut sentence = format!("{course}; {target}.");
    if revised > 0 {
        let note = words.fill("chart.revised_points", &[("count", &revised.to_string())]);
        sentence.push(' ');
        sentence.push_str(&note);
        sentence.push('.');
    }
    sentence
}

/// The line chart: values over periods, baseline, target, revised values marked, and a legend
/// that says which direction is better.
pub fn line_chart(indicator: &Indicator, context: &ChartContext<'_>) -> Chart {
    line_drawing(indicator, context).finish(context.id)
}

/// The [`line_chart`], not yet finished.
pub fn line_drawing(indicator: &Indicator, context: &ChartContext<'_>) -> Drawing {
    let legend = legend_items(indicator, context);
    let rows = legend_layout(&legend);
    let height = PLOT_HEIGHT + rows.len() as u32 * 30 + 8;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let (plot, legend_area) = root.split_vertically(PLOT_HEIGHT);
        // Drawing into a string cannot fail; an error would only lose marks.
        let _ = draw_line_chart(&plot, indicator, context);
        draw_legend(&Canvas::new(&legend_area), &rows);
        let _ = root.present();
    }
    Drawing {
        raw: svg,
        title: indicator.title.clone(),
        description: describe(indicator, context),
        class: "chart chart-indicator",
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn draw_line_chart(
    area: &Area<'_>,
    indicator: &Indicator,
    context: &ChartContext<'_>,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let (first, last) = period_span(indicator);
    let x_range = (f64::from(first) - 0.5)..(f64::from(last) + 0.5);
    let (low, high) = value_span(indicator);
    let unit = indicator.unit.clone();
    let currency = context.currency.to_string();
    let text_style = ("sans-serif", FONT).into_font().color(&Ink::Text.color());
    // Room for the widest axis label, estimated from its characters.
    let widest = [low, high, (low + high) / 2.0]
        .iter()
        .map(|v| axis_number(*v, &unit, &currency).chars().count())
        .max()
        .unwrap_or(4) as i32;
    let label_area = (widest * CHAR_WIDTH + 24).clamp(48, 160);
    let mut chart = ChartBuilder::on(area)
        .margin_top(14)
        .margin_right(18)
        .x_label_area_size(34)
        .y_label_area_size(label_area)
        .build_cartesian_2d(x_range, low..high)?;
    let periods = (last - first + 1) as usize;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(Ink::Grid.color().stroke_width(1))
        .axis_style(Ink::Axis.color().stroke_width(1))
        .x_labels(periods.min(5))
        .y_labels(6)
        .label_style(text_style)
        .x_label_formatter(&period_label)
        .y_label_formatter(&|y| axis_number(*y, &unit, &currency))
        .draw()?;

    let target = indicator.target;
    let baseline = indicator.baseline;
    if low < 0.0 && high > 0.0 {
        chart.draw_series(LineSeries::new(
            [(f64::from(first) - 0.5, 0.0), (f64::from(last) + 0.5, 0.0)],
            Ink::Axis.color().stroke_width(1),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        [
            (x(baseline.period), target.value),
            (x(target.period), target.value),
        ],
        Ink::Target.color().stroke_width(2),
    ))?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((x(target.period), target.value))
            + Polygon::new(
                vec![(0, -9), (9, 0), (0, 9), (-9, 0)],
                Ink::TargetMarker.color().filled(),
            ),
    ))?;
    chart.draw_series(std::iter::once(
        EmptyElement::at((x(baseline.period), baseline.value))
            + Rectangle::new([(-6, -6), (6, 6)], Ink::Baseline.color().filled()),
    ))?;
    chart.draw_series(LineSeries::new(
        indicator.values.iter().map(|v| (x(v.period), v.value)),
        Ink::Value.color().stroke_width(3),
    ))?;
    chart.draw_series(indicator.values.iter().map(|v| {
        let at = (x(v.period), v.value);
        if v.revision.is_some() {
            Circle::new(at, 6, Ink::Revised.color().stroke_width(3))
        } else {
            Circle::new(at, 5, Ink::ValueMarker.color().filled())
        }
    }))?;
    Ok(())
}

/// The first and last period ordinals the chart spans: baseline to target and all values.
fn period_span(indicator: &Indicator) -> (i32, i32) {
    let periods = indicator.values.iter().map(|v| v.period);
    let all = periods.chain([indicator.baseline.period, indicator.target.period]);
    let (first, last) = all.fold((i32::MAX, i32::MIN), |(lo, hi), p| {
        (lo.min(p.ordinal()), hi.max(p.ordinal()))
    });
    (first, last.max(first))
}

/// The value range: zero, the baseline, the target and every value, padded a little.
fn value_span(indicator: &Indicator) -> (f64, f64) {
    let values = indicator.values.iter().map(|v| v.value);
    let all = values.chain([indicator.baseline.value, indicator.target.value, 0.0]);
    let (low, high) = all.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((high - low) * 0.08).max(1e-9);
    let low = if low < 0.0 { low - pad } else { 0.0 };
    let high = if high > 0.0 {
        high + pad
    } else {
        high.max(low + 1.0)
    };
    (low, high)
}

fn x(period: Period) -> f64 {
    f64::from(period.ordinal())
}

fn period_label(x: &f64) -> String {
    let ordinal = x.round() as i32;
    if (x - f64::from(ordinal)).abs() > 0.01 {
        return String::new();
    }
    format!("{}-Q{}", ordinal.div_euclid(4), ordinal.rem_euclid(4) + 1)
}

fn axis_number(value: f64, unit: &str, currency: &str) -> String {
    if unit == currency {
        format::money_short(value, currency)
    } else if unit.trim() == "%" {
        format!("{}%", format::compact(value))
    } else {
        format::compact(value)
    }
}

/// One legend entry: the mark drawn and its words.
struct LegendItem {
    mark: Mark,
    text: String,
}

#[derive(Clone, Copy)]
enum Mark {
    Value,
    Baseline,
    Target,
    Revised,
    Better(Direction),
}

fn legend_items(indicator: &Indicator, context: &ChartContext<'_>) -> Vec<LegendItem> {
    let words = context.words;
    let item = |mark, key: &str| LegendItem {
        mark,
        text: words.get(key).to_string(),
    };
    let mut items = vec![
        item(Mark::Value, "chart.legend_values"),
        item(Mark::Baseline, "chart.legend_baseline"),
        item(Mark::Target, "chart.legend_target"),
    ];
    if indicator.values.iter().any(|v| v.revision.is_some()) {
        items.push(item(Mark::Revised, "chart.legend_revised"));
    }
    items.push(match indicator.direction {
        Direction::Increase => item(
            Mark::Better(Direction::Increase),
            "indicator.direction_increase",
        ),
        Direction::Decrease => item(
            Mark::Better(Direction::Decrease),
            "indicator.direction_decrease",
        ),
    });
    items
}

/// Places legend items in rows that fit the chart's width.
fn legend_layout(items: &[LegendItem]) -> Vec<Vec<(i32, &LegendItem)>> {
    let mut rows: Vec<Vec<(i32, &LegendItem)>> = vec![Vec::new()];
    let mut x = 12;
    for item in items {
        let width = 30 + item.text.chars().count() as i32 * CHAR_WIDTH + 20;
        if x + width > WIDTH as i32 && x > 12 {
            rows.push(Vec::new());
            x = 12;
        }
        rows.last_mut().expect("one row at least").push((x, item));
        x += width;
    }
    rows
}

fn draw_legend(canvas: &Canvas<'_, '_>, rows: &[Vec<(i32, &LegendItem)>]) {
    for (row, items) in rows.iter().enumerate() {
        let y = 18 + row as i32 * 30;
        for &(x, item) in items {
            match item.mark {
                Mark::Value => {
                    canvas.line((x, y), (x + 22, y), Ink::Value, 3);
                    canvas.circle((x + 11, y), 5, Ink::ValueMarker, true);
                }
                Mark::Baseline => canvas.rect((x + 5, y - 6), (x + 17, y + 6), Ink::Baseline),
                Mark::Target => {
                    canvas.line((x, y), (x + 22, y), Ink::Target, 2);
                    let diamond = vec![(x + 11, y - 7), (x + 18, y), (x + 11, y + 7), (x + 4, y)];
                    canvas.polygon(diamond, Ink::TargetMarker);
                }
                Mark::Revised => canvas.circle((x + 11, y), 6, Ink::Revised, false),
                Mark::Better(direction) => {
                    // An arrow pointing the way that is better.
                    let tip = if direction == Direction::Increase {
                        -1
                    } else {
                        1
                    };
                    canvas.line((x + 11, y - 8 * tip), (x + 11, y + 8 * tip), Ink::Text, 2);
                    let head = vec![
                        (x + 5, y + 2 * tip),
                        (x + 11, y + 9 * tip),
                        (x + 17, y + 2 * tip),
                    ];
                    canvas.polygon(head, Ink::Text);
                }
            }
            canvas.text(&item.text, (x + 30, y), Anchor::Start, Ink::Text, 1.0);
        }
    }
}

/// The sparkline of a dashboard card: values only, no axes, the last value marked.
pub fn sparkline(indicator: &Indicator, context: &ChartContext<'_>) -> Chart {
    sparkline_drawing(indicator, context).finish(context.id)
}

/// The [`sparkline`], not yet finished.
pub fn sparkline_drawing(indicator: &Indicator, context: &ChartContext<'_>) -> Drawing {
    const W: i32 = 240;
    const H: i32 = 56;
    let description = describe(indicator, context);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, H as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        let values: Vec<f64> = indicator.values.iter().map(|v| v.value).collect();
        if !values.is_empty() {
            let (low, high) = values
                .iter()
                .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
            let span = if high > low { high - low } else { 1.0 };
            let step = if values.len() > 1 {
                f64::from(W - 16) / (values.len() - 1) as f64
            } else {
                0.0
            };
            let point = |i: usize, v: f64| {
                let x = 8 + (step * i as f64).round() as i32;
                let y = if high > low {
                    H - 8 - (((v - low) / span) * f64::from(H - 16)).round() as i32
                } else {
                    H / 2
                };
                (x, y)
            };
            let points: Vec<(i32, i32)> = values
                .iter()
                .enumerate()
                .map(|(i, v)| point(i, *v))
                .collect();
            let _ = root.draw(&PathElement::new(
                points.clone(),
                Ink::Value.color().stroke_width(2),
            ));
            if let Some(&last) = points.last() {
                canvas.circle(last, 5, Ink::ValueMarker, true);
            }
        }
        let _ = root.present();
    }
    Drawing {
        raw: svg,
        title: indicator.title.clone(),
        description,
        class: "chart chart-sparkline",
    }
}

/// The progress bar from baseline (0%) to target (100%), drawn between 0% and 100%.
pub fn progress_bar(indicator: &Indicator, context: &ChartContext<'_>) -> Chart {
    progress_drawing(indicator, context).finish(context.id)
}

/// The [`progress_bar`], not yet finished.
pub fn progress_drawing(indicator: &Indicator, context: &ChartContext<'_>) -> Drawing {
    const W: i32 = 240;
    const H: i32 = 14;
    let summary = IndicatorSummary::of(indicator);
    let progress = summary.progress.map(format::share);
    let description = match &progress {
        Some(share) => context.words.fill("chart.progress", &[("progress", share)]),
        None => context.words.get("indicator.no_values").to_string(),
    };
    let fraction = summary.progress.unwrap_or(0.0).clamp(0.0, 1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (W as u32, H as u32)).into_drawing_area();
        let canvas = Canvas::new(&root);
        canvas.rect((0, 0), (W, H), Ink::Track);
        let filled = (fraction * f64::from(W)).round() as i32;
        if filled > 0 {
            canvas.rect((0, 0), (filled, H), Ink::Fill);
        }
        canvas.frame((0, 0), (W - 1, H - 1), Ink::MutedText, 1);
        let _ = root.present();
    }
    Drawing {
        raw: svg,
        title: indicator.title.clone(),
        description,
        class: "chart chart-progress",
    }
}
