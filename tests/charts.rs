//! Charts on fixture sites: every SVG, inline or standalone, parses as XML, is accessible and
//! scalable, keeps its text escaped and inside its canvas, and is drawn identically each time.

mod common;

use common::{Site, assert_success};

/// Every SVG of a built site: standalone files and the charts inline in pages.
fn svgs(site: &Site) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, bytes) in site.snapshot() {
        let text = String::from_utf8(bytes).expect("text files");
        if path.ends_with(".svg") && path.starts_with("charts") {
            found.push((path, text));
        } else if path.ends_with(".html") {
            let mut rest = text.as_str();
            while let Some(start) = rest.find("<svg") {
                let end = rest[start..].find("</svg>").expect("closed svg") + start + 6;
                found.push((format!("{path} (inline)"), rest[start..end].to_string()));
                rest = &rest[end..];
            }
        }
    }
    found
}

fn view_box(svg: &roxmltree::Node<'_, '_>) -> (f64, f64) {
    let numbers: Vec<f64> = svg
        .attribute("viewBox")
        .expect("a viewBox")
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (numbers[2], numbers[3])
}

/// Checks a chart; `standalone` files are named by their title and description alone.
fn check_svg(place: &str, text: &str) {
    let document = roxmltree::Document::parse(text)
        .unwrap_or_else(|e| panic!("{place}: SVG does not parse as XML: {e}"));
    let svg = document.root_element();
    assert_eq!(svg.tag_name().name(), "svg", "{place}");
    assert_eq!(svg.attribute("role"), Some("img"), "{place}: role");
    assert!(svg.attribute("width").is_none(), "{place}: no fixed width");
    let (width, height) = view_box(&svg);
    let title = document
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .expect("a title");
    let desc = document
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .expect("a desc");
    let first = svg.first_element_child().expect("children");
    assert!(
        first.has_tag_name("title"),
        "{place}: the title comes first"
    );
    match svg.attribute("aria-labelledby") {
        Some(labelled_by) => {
            let ids: Vec<&str> = labelled_by.split(' ').collect();
            assert_eq!(title.attribute("id"), Some(ids[0]), "{place}: title id");
            assert_eq!(desc.attribute("id"), Some(ids[1]), "{place}: desc id");
        }
        // Standalone files are named by their leading title and description.
        None => assert!(place.contains("charts/"), "{place}: aria-labelledby"),
    }
    assert!(
        !title.text().unwrap_or("").trim().is_empty(),
        "{place}: empty title"
    );
    assert!(
        desc.text().unwrap_or("").trim().len() > 10,
        "{place}: desc says something"
    );
    for text in document.descendants().filter(|n| n.has_tag_name("text")) {
        let x: f64 = text.attribute("x").unwrap().parse().unwrap();
        let y: f64 = text.attribute("y").unwrap().parse().unwrap();
        assert!(
            (0.0..=width).contains(&x),
            "{place}: text x {x} off the canvas"
        );
        assert!(
            (0.0..=height).contains(&y),
            "{place}: text y {y} off the canvas"
        );
        let content = text.text().unwrap_or("").trim();
        let estimated = content.chars().count() as f64 * 7.0;
        let start = match text.attribute("text-anchor") {
            Some("end") => x - estimated,
            Some("middle") => x - estimated / 2.0,
            _ => x,
        };
        assert!(
            start >= -2.0 && start + estimated <= width + 2.0,
            "{place}: text {content:?} at {x} runs off a canvas {width} wide"
        );
    }
}

#[test]
fn every_chart_is_accessible_scalable_and_inside_its_canvas() {
    for fixture in ["charts-robust", "small", "example"] {
        let site = Site::fixture(fixture);
        assert_success(&site.build(&[]));
        let all = svgs(&site);
        assert!(all.len() > 10, "{fixture}: charts are drawn");
        for (place, text) in &all {
            check_svg(&format!("{fixture}: {place}"), text);
        }
    }
}

#[test]
fn every_chart_kind_is_written_as_a_standalone_file() {
    let site = Site::fixture("charts-robust");
    assert_success(&site.build(&[]));
    for file in [
        "charts/indicators/forty-periods.svg",
        "charts/indicators/no-values.svg",
        "charts/indicators/negative.svg",
        "charts/milestones-timeline.svg",
        "charts/funding-quarters.svg",
        "charts/funding-instruments.svg",
        "charts/funding-regions.svg",
        "charts/risk-heatmap.svg",
    ] {
        let text = site.page(file);
        assert!(text.starts_with("<?xml"), "{file} is a standalone document");
        check_svg(file, &text[text.find("<svg").unwrap()..]);
    }
}

#[test]
fn text_from_content_is_escaped_inside_charts() {
    let site = Site::fixture("charts-robust");
    assert_success(&site.build(&[]));
    for (place, text) in svgs(&site) {
        assert!(!text.contains("<script"), "{place}");
        assert!(!text.contains("<b>"), "{place}");
        assert!(!text.contains("<i>"), "{place}");
    }
    let chart = site.page("charts/indicators/long-title.svg");
    assert!(chart.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; keeps"));
}

#[test]
fn descriptions_say_the_trend_in_words() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let chart = site.page("charts/indicators/locks-repaired.svg");
    assert!(
        chart.contains("Rose from 0 in 2024-Q4 to 25 in 2025-Q3; the target is 40 by 2026-Q4."),
        "{chart}"
    );
    let heat = site.page("charts/risk-heatmap.svg");
    assert!(
        heat.contains("Highest: Winter floods (4 × 4 = 16)."),
        "{heat}"
    );
    let dashboard = site.page("index.html");
    assert!(dashboard.contains("class=\"chart chart-sparkline\""));
    assert!(dashboard.contains("class=\"chart chart-progress\""));
}

#[test]
fn series_differ_by_more_than_colour() {
    let site = Site::fixture("charts-robust");
    assert_success(&site.build(&[]));
    let quarters = site.page("charts/funding-quarters.svg");
    for series in 0..8 {
        assert!(
            quarters.contains(&format!("-pattern-{series}\"")),
            "pattern {series}"
        );
    }
    let indicator = site.page("charts/indicators/beyond-target.svg");
    assert!(
        indicator.contains("stroke-dasharray"),
        "the target line is dashed"
    );
    assert!(
        indicator.contains("class=\"marker-revised\""),
        "revised values are marked"
    );
}

#[test]
fn charts_are_drawn_identically_each_build() {
    let site = Site::fixture("charts-robust");
    assert_success(&site.build(&[]));
    let first = svgs(&site);
    assert_success(&site.build(&[]));
    assert!(first == svgs(&site));
}

#[test]
fn an_indicator_chart_is_the_same_wherever_its_data_is() {
    let site = Site::fixture("small");
    assert_success(&site.build(&[]));
    let svg = |path: &str| {
        let text = site.page(path);
        let start = text.find("<svg").expect("a chart");
        let end = text[start..].find("</svg>").expect("closed svg") + start;
        text[start..end].to_string()
    };
    let live = svg("indicators/locks-repaired/index.html");
    // The standalone file is the same drawing, with a background and without links to the
    // page's ids.
    let file = svg("charts/indicators/locks-repaired.svg");
    let drawing = |svg: &str| svg[svg.find("<line").expect("grid lines")..].to_string();
    assert_eq!(drawing(&file), drawing(&live));
    assert!(file.contains("<desc id=\"chart-locks-repaired-desc\">Rose from 0 in 2024-Q4 to 25"));
    // The revision came before the newest edition was published, so it shows the same data.
    assert_eq!(
        svg("editions/2025-q3/indicators/locks-repaired/index.html"),
        live
    );
    // The older edition shows 21 as first published, not marked as revised.
    let older = svg("editions/2025-q2/indicators/locks-repaired/index.html");
    assert!(
        older.contains("Rose from 0 in 2024-Q4 to 21 in 2025-Q2"),
        "{older}"
    );
    assert!(!older.contains("marker-revised"), "{older}");
    // So does the bulletin of that quarter.
    let bulletin = site.page("bulletins/2025-q2/index.html");
    assert!(bulletin.contains("to 21 in 2025-Q2"), "{bulletin}");
    assert!(!bulletin.contains("marker-revised"), "{bulletin}");
}

#[test]
fn charts_in_notes_show_the_live_drawing_under_their_own_ids() {
    let site = Site::fixture("small");
    site.write(
        "content/notes/energy/locks.md",
        "---\ntitle: Locks\ndate: 2025-10-20\n---\n\
         {{ indicator(id=\"locks-repaired\") }}\n\n\
         {{ chart(kind=\"indicator\", id=\"locks-repaired\") }}\n",
    );
    assert_success(&site.build(&[]));
    let drawing = |svg: &str| {
        let start = svg.find("<line").expect("grid lines");
        svg[start..svg[start..].find("</svg>").unwrap() + start].to_string()
    };
    let page = site.page("indicators/locks-repaired/index.html");
    let note = site.page("notes/energy/locks/index.html");
    for id in [
        "block-chart-locks-repaired",
        "block-indicator-locks-repaired",
    ] {
        let at = note.find(&format!("<title id=\"{id}-title\"")).expect(id);
        assert_eq!(drawing(&note[at..]), drawing(&page), "{id}");
    }
    assert!(
        !note.contains("\"chart-locks-repaired-title\""),
        "only the notes' own ids"
    );
}
