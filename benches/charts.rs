//! How long drawing indicator charts takes: 1,000 line charts with 12 quarters each, the size
//! of a large programme's site.

use criterion::{Criterion, criterion_group, criterion_main};
use tally::model::{Direction, Indicator, IndicatorValue, Point};
use tally::period::Period;
use tally::render::charts::{ChartContext, indicator};
use tally::render::words::Words;

fn indicators(count: usize) -> Vec<Indicator> {
    let start = Period::parse("2023-Q1").unwrap();
    (0..count)
        .map(|i| {
            let mut period = start;
            let values = (0..12)
                .map(|q| {
                    let value = IndicatorValue {
                        period,
                        value: (i % 50) as f64 + q as f64 * 1.5 + ((i * q) % 7) as f64,
                        note: None,
                        revision: None,
                    };
                    period = period.next().unwrap();
                    value
                })
                .collect();
            Indicator {
                id: format!("indicator-{i}"),
                title: format!("Indicator number {i}"),
                unit: "%".into(),
                direction: if i % 3 == 0 {
                    Direction::Decrease
                } else {
                    Direction::Increase
                },
                sector: None,
                description: None,
                source: None,
                illustrative: false,
                baseline: Point {
                    period: start.previous().unwrap(),
                    value: 10.0,
                },
                target: Point {
                    period: Period::parse("2026-Q4").unwrap(),
                    value: 80.0,
                },
                values,
            }
        })
        .collect()
}

fn draw_indicator_charts(c: &mut Criterion) {
    let words = Words::parse(include_str!("../themes/default/strings.yaml")).unwrap();
    let all = indicators(1_000);
    let mut group = c.benchmark_group("charts");
    group.sample_size(10);
    group.bench_function("1000 indicator line charts", |b| {
        b.iter(|| {
            all.iter()
                .map(|i| {
                    let context = ChartContext {
                        id: &i.id,
                        currency: "USD",
                        words: &words,
                    };
                    indicator::line_chart(i, &context).svg.len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, draw_indicator_charts);
criterion_main!(benches);
