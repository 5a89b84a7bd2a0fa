//! Charts drawn at build time with plotters' SVG backend, made accessible afterwards.
//!
//! Plotters writes bare SVG. [`finish`] gives it a `viewBox` without fixed size, `role="img"`,
//! a `<title>` and a `<desc>` tied with `aria-labelledby`, and turns the sentinel colours used
//! while drawing into classes (and dashes), so the theme's CSS can restyle series for print
//! and dark mode. No font is needed: text is written as SVG `<text>`, sized by estimate.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::format;
use crate::model::{Direction, Indicator};

use super::words::Words;

/// Sentinel colours used while drawing, and what [`finish`] makes of them.
const STYLES: [(&str, &str); 8] = [
    ("#0072B2", r##"#0072B2" class="series-value"##),
    ("#0072B3", r##"#0072B2" class="marker-value"##),
    ("#0072B4", r##"#0072B2" class="marker-revised"##),
    ("#595959", r##"#595959" class="marker-baseline"##),
    (
        "#D55E01",
        r##"#B34700" stroke-dasharray="6 4" class="series-target"##,
    ),
    ("#D55E00", r##"#B34700" class="marker-target"##),
    ("#1F1F1F", r##"#1F1F1F" class="chart-text"##),
    ("#C8C8C8", r##"#C8C8C8" class="grid"##),
];

const VALUE_LINE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const VALUE_MARKER: RGBColor = RGBColor(0x00, 0x72, 0xB3);
const REVISED_MARKER: RGBColor = RGBColor(0x00, 0x72, 0xB4);
const BASELINE: RGBColor = RGBColor(0x59, 0x59, 0x59);
const TARGET_LINE: RGBColor = RGBColor(0xD5, 0x5E, 0x01);
const TARGET_MARKER: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const TEXT: RGBColor = RGBColor(0x1F, 0x1F, 0x1F);
const GRID: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);

const WIDTH: u32 = 560;
const PLOT_HEIGHT: u32 = 320;
/// Pixel size passed to plotters; it writes 1/1.24 of it as the font size.
const FONT: f64 = 20.0;
/// Estimated width of one character at that size, for laying out the legend.
const CHAR_WIDTH: i32 = 9;

/// The words and numbers of an indicator chart, shared by its `<desc>` and its legend.
pub struct ChartLabels<'a> {
    /// Unique id for the chart's elements on its page.
    pub id: &'a str,
    /// The site's currency, for money units.
    pub currency: &'a str,
    /// The theme's words.
    pub words: &'a Words,
}

/// The sentence a person would say about an indicator's course and target.
pub fn describe_indicator(indicator: &Indicator, labels: &ChartLabels<'_>) -> String {
    let value = |v: f64| format::quantity(v, &indicator.unit, labels.currency);
    let words = labels.words;
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
            words.fill(
                key,
                &[
                    ("from", &from),
                    ("from_period", &from_period),
                    ("to", &to),
                    ("to_period", &to_period),
                ],
            )
        }
    };
    let target = words.fill(
        "chart.target",
        &[
            ("target", &value(indicator.target.value)),
            ("target_period", &indicator.target.period.to_string()),
        ],
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

/// The line chart of an indicator: values over periods, baseline, target, revised values
/// marked, and a legend that says which direction is better.
pub fn indicator_chart(indicator: &Indicator, labels: &ChartLabels<'_>) -> String {
    let legend = legend_items(indicator, labels.words);
    let legend_rows = legend_layout(&legend);
    let legend_height = legend_rows.len() as u32 * 30 + 8;
    let height = PLOT_HEIGHT + legend_height;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let (plot, legend_area) = root.split_vertically(PLOT_HEIGHT);
        // Drawing into a String cannot fail; a failure would only lose the chart's marks.
        let _ = draw_indicator(&plot, indicator, labels);
        let _ = draw_legend(&legend_area, &legend_rows);
        let _ = root.present();
    }
    let title = &indicator.title;
    let description = describe_indicator(indicator, labels);
    finish(
        &svg,
        labels.id,
        title,
        &description,
        "chart chart-indicator",
    )
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn draw_indicator(area: &Area<'_>, indicator: &Indicator, labels: &ChartLabels<'_>) -> DrawResult {
    let first = indicator
        .values
        .first()
        .map_or(indicator.baseline.period, |v| v.period);
    let first = first.min(indicator.baseline.period).ordinal();
    let last = indicator
        .values
        .last()
        .map_or(indicator.target.period, |v| v.period);
    let last = last.max(indicator.target.period).ordinal();
    let x_range = (first as f64 - 0.5)..(last as f64 + 0.5);

    let mut numbers = vec![indicator.baseline.value, indicator.target.value];
    numbers.extend(indicator.values.iter().map(|v| v.value));
    let low = numbers.iter().copied().fold(0.0_f64, f64::min);
    let high = numbers.iter().copied().fold(0.0_f64, f64::max);
    let pad = ((high - low) * 0.08).max(f64::EPSILON);
    let y_range = if low < 0.0 {
        (low - pad)..(high + pad)
    } else {
        0.0..(high + pad).max(1.0)
    };

    let unit = indicator.unit.clone();
    let currency = labels.currency.to_string();
    let text_style = ("sans-serif", FONT).into_font().color(&TEXT);
    let mut chart = ChartBuilder::on(area)
        .margin_top(14)
        .margin_right(18)
        .x_label_area_size(34)
        .y_label_area_size(84)
        .build_cartesian_2d(x_range, y_range)?;
    let periods = (last - first + 1) as usize;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID.stroke_width(1))
        .axis_style(TEXT.stroke_width(1))
        .x_labels(periods.min(5))
        .y_labels(6)
        .label_style(text_style)
        .x_label_formatter(&|x| period_label(*x))
        .y_label_formatter(&|y| axis_number(*y, &unit, &currency))
        .draw()?;

    let target = indicator.target;
    let baseline = indicator.baseline;
    chart.draw_series(LineSeries::new(
        [
            (x(baseline.period), target.value),
            (x(target.period), target.value),
        ],
        TARGET_LINE.stroke_width(2),
    ))?;
    let target_at = (x(target.period), target.value);
    chart.draw_series(std::iter::once(
        EmptyElement::at(target_at)
            + Polygon::new(
                vec![(0, -9), (9, 0), (0, 9), (-9, 0)],
                TARGET_MARKER.filled(),
            ),
    ))?;
    let baseline_at = (x(baseline.period), baseline.value);
    chart.draw_series(std::iter::once(
        EmptyElement::at(baseline_at) + Rectangle::new([(-6, -6), (6, 6)], BASELINE.filled()),
    ))?;
    chart.draw_series(LineSeries::new(
        indicator.values.iter().map(|v| (x(v.period), v.value)),
        VALUE_LINE.stroke_width(3),
    ))?;
    chart.draw_series(indicator.values.iter().map(|v| {
        let at = (x(v.period), v.value);
        if v.revision.is_some() {
            Circle::new(at, 6, REVISED_MARKER.stroke_width(3))
        } else {
            Circle::new(at, 5, VALUE_MARKER.filled())
        }
    }))?;
    Ok(())
}

fn x(period: crate::period::Period) -> f64 {
    f64::from(period.ordinal())
}

fn period_label(x: f64) -> String {
    let ordinal = x.round() as i32;
    if (x - f64::from(ordinal)).abs() > 0.01 {
        return String::new();
    }
    let year = ordinal.div_euclid(4);
    format!("{year}-Q{}", ordinal.rem_euclid(4) + 1)
}

fn axis_number(value: f64, unit: &str, currency: &str) -> String {
    if unit == currency {
        format::money_short(value, currency)
    } else if unit.trim() == "%" {
        format!("{}%", format::number(value))
    } else {
        format::number(value)
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
    Direction,
}

fn legend_items(indicator: &Indicator, words: &Words) -> Vec<LegendItem> {
    let mut items = vec![
        LegendItem {
            mark: Mark::Value,
            text: words.get("chart.legend_values").to_string(),
        },
        LegendItem {
            mark: Mark::Baseline,
            text: words.get("chart.legend_baseline").to_string(),
        },
        LegendItem {
            mark: Mark::Target,
            text: words.get("chart.legend_target").to_string(),
        },
    ];
    if indicator.values.iter().any(|v| v.revision.is_some()) {
        items.push(LegendItem {
            mark: Mark::Revised,
            text: words.get("chart.legend_revised").to_string(),
        });
    }
    let direction = match indicator.direction {
        Direction::Increase => words.get("indicator.direction_increase"),
        Direction::Decrease => words.get("indicator.direction_decrease"),
    };
    items.push(LegendItem {
        mark: Mark::Direction,
        text: direction.to_string(),
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

fn draw_legend(area: &Area<'_>, rows: &[Vec<(i32, &LegendItem)>]) -> DrawResult {
    let style = ("sans-serif", FONT)
        .into_font()
        .color(&TEXT)
        .pos(Pos::new(HPos::Left, VPos::Center));
    for (row, items) in rows.iter().enumerate() {
        let y = 18 + row as i32 * 30;
        for (x, item) in items {
            let (x, y) = (*x, y);
            match item.mark {
                Mark::Value => {
                    area.draw(&PathElement::new(
                        [(x, y), (x + 22, y)],
                        VALUE_LINE.stroke_width(3),
                    ))?;
                    area.draw(&Circle::new((x + 11, y), 5, VALUE_MARKER.filled()))?;
                }
                Mark::Baseline => {
                    area.draw(&Rectangle::new(
                        [(x + 5, y - 6), (x + 17, y + 6)],
                        BASELINE.filled(),
                    ))?;
                }
                Mark::Target => {
                    area.draw(&PathElement::new(
                        [(x, y), (x + 22, y)],
                        TARGET_LINE.stroke_width(2),
                    ))?;
                    area.draw(&Polygon::new(
                        [(x + 11, y - 7), (x + 18, y), (x + 11, y + 7), (x + 4, y)],
                        TARGET_MARKER.filled(),
                    ))?;
                }
                Mark::Revised => {
                    area.draw(&Circle::new((x + 11, y), 6, REVISED_MARKER.stroke_width(3)))?;
                }
                Mark::Direction => {
                    area.draw(&PathElement::new(
                        [(x + 11, y + 8), (x + 11, y - 8)],
                        TEXT.stroke_width(2),
                    ))?;
                    area.draw(&Polygon::new(
                        [(x + 5, y - 2), (x + 11, y - 9), (x + 17, y - 2)],
                        TEXT.filled(),
                    ))?;
                }
            }
            area.draw(&Text::new(item.text.clone(), (x + 30, y), style.clone()))?;
        }
    }
    Ok(())
}

/// Makes plotters' SVG accessible, scalable and styleable.
pub fn finish(svg: &str, id: &str, title: &str, description: &str, class: &str) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let (width, height) = dimensions(&svg[..body_start]);
    let mut body = svg[body_start..]
        .trim()
        .trim_end_matches("</svg>")
        .to_string();
    for (sentinel, replacement) in STYLES {
        body = body.replace(&format!("\"{sentinel}\""), &format!("\"{replacement}\""));
    }
    let body = body.replace(" opacity=\"1\"", "");
    let id = escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n{body}\n</svg>",
        escape(title),
        escape(description),
    )
}

fn dimensions(open_tag: &str) -> (String, String) {
    let attribute = |name: &str| {
        let start = open_tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = open_tag[start..].find('"')? + start;
        Some(open_tag[start..end].to_string())
    };
    (
        attribute("width").unwrap_or_else(|| "640".into()),
        attribute("height").unwrap_or_else(|| "320".into()),
    )
}

/// Escapes text for SVG and HTML content and attributes.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}
