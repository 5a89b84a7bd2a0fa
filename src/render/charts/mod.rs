//! Charts drawn at build time with plotters' SVG backend, made accessible afterwards.
//!
//! Plotters writes bare SVG. Every chart draws with the sentinel colours of [`Ink`]; then
//! [`finish`] gives the SVG a `viewBox` without fixed size, `role="img"`, a `<title>` and a
//! `<desc>` tied with `aria-labelledby`, and turns each sentinel into its real colour plus a
//! class (and, for some, a dash or a fill pattern), so that the theme's CSS can restyle series
//! for print and dark mode and no series differs by colour alone. No font is needed: text is
//! written as SVG `<text>`, laid out by estimated widths.

mod canvas;
pub mod funding;
pub mod indicator;
pub mod risks;
pub mod timeline;

#[cfg(test)]
mod snapshot_tests;

use plotters::style::RGBColor;

pub use canvas::Canvas;

use super::words::Words;

/// What every chart needs besides its data.
pub struct ChartContext<'a> {
    /// Unique prefix for the chart's element ids on its page.
    pub id: &'a str,
    /// The funding currency, for money units.
    pub currency: &'a str,
    /// The theme's words.
    pub words: &'a Words,
}

/// A drawn chart: the SVG, and the sentence that describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Accessible, scalable SVG.
    pub svg: String,
    /// What the chart shows, in words; also its `<desc>`.
    pub description: String,
}

/// A chart drawn but not yet finished: plotters' bare SVG and the words [`finish`] adds. The
/// drawing does not depend on the chart's element ids, so one drawing can be finished under
/// several, as when the same indicator's chart is on several pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Plotters' SVG, with sentinel colours.
    pub raw: String,
    /// The chart's title.
    pub title: String,
    /// What the chart shows, in words.
    pub description: String,
    /// The classes of the finished `<svg>`.
    pub class: &'static str,
}

impl Drawing {
    /// The accessible chart, its element ids starting with `id`.
    pub fn finish(&self, id: &str) -> Chart {
        Chart {
            svg: finish(&self.raw, id, &self.title, &self.description, self.class),
            description: self.description.clone(),
        }
    }
}

/// The inks charts draw with. Each is a sentinel colour while drawing, replaced afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Text,
    MutedText,
    Axis,
    Grid,
    Value,
    ValueMarker,
    Revised,
    Baseline,
    Target,
    TargetMarker,
    Edition,
    Planned,
    InProgress,
    AtRisk,
    Delayed,
    Done,
    Cancelled,
    /// Series fills, each with its own pattern: instruments, committed and disbursed.
    Series(u8),
    Heat(u8),
    Track,
    Fill,
}

/// How many series inks there are: six colours, each with six fill patterns. More series reuse
/// them in turn.
pub const SERIES: u8 = 36;

/// Series colours, safe for colour-blind readers and at least 3:1 against white.
const SERIES_COLOURS: [&str; 6] = [
    "#0072B2", "#B34700", "#00734D", "#8F6A00", "#6A3D9A", "#4A4A4A",
];

impl Ink {
    /// The unique colour drawn while plotting: `#F1` + kind + index, never a real colour here.
    fn sentinel(self) -> RGBColor {
        let (kind, index) = match self {
            Ink::Text => (1, 0),
            Ink::MutedText => (2, 0),
            Ink::Axis => (3, 0),
            Ink::Grid => (4, 0),
            Ink::Value => (5, 0),
            Ink::ValueMarker => (6, 0),
            Ink::Revised => (7, 0),
            Ink::Baseline => (8, 0),
            Ink::Target => (9, 0),
            Ink::TargetMarker => (10, 0),
            Ink::Edition => (11, 0),
            Ink::Planned => (12, 0),
            Ink::InProgress => (13, 0),
            Ink::AtRisk => (14, 0),
            Ink::Delayed => (15, 0),
            Ink::Done => (16, 0),
            Ink::Cancelled => (17, 0),
            Ink::Series(i) => (18, i % SERIES),
            Ink::Heat(i) => (19, i.min(3)),
            Ink::Track => (20, 0),
            Ink::Fill => (21, 0),
        };
        RGBColor(0xF1, kind, index)
    }

    /// The plotters colour to draw with.
    pub fn color(self) -> RGBColor {
        self.sentinel()
    }

    /// The real colour and the class written in place of the sentinel.
    fn attributes(self, chart_id: &str) -> String {
        let (colour, class, extra) = match self {
            Ink::Text => ("#1F1F1F", "chart-text", String::new()),
            Ink::MutedText => ("#4A4A4A", "chart-muted", String::new()),
            Ink::Axis => ("#1F1F1F", "axis", String::new()),
            Ink::Grid => ("#C8C8C8", "grid", String::new()),
            Ink::Value => ("#0072B2", "series-value", String::new()),
            Ink::ValueMarker => ("#0072B2", "marker-value", String::new()),
            Ink::Revised => ("#0072B2", "marker-revised", String::new()),
            Ink::Baseline => ("#595959", "marker-baseline", String::new()),
            Ink::Target => (
                "#B34700",
                "series-target",
                r#" stroke-dasharray="6 4""#.into(),
            ),
            Ink::TargetMarker => ("#B34700", "marker-target", String::new()),
            Ink::Edition => (
                "#1F1F1F",
                "edition-line",
                r#" stroke-dasharray="4 4""#.into(),
            ),
            Ink::Planned => ("#6B6B6B", "status-planned", String::new()),
            Ink::InProgress => ("#0072B2", "status-in_progress", String::new()),
            Ink::AtRisk => ("#8F6A00", "status-at_risk", String::new()),
            Ink::Delayed => ("#B34700", "status-delayed", String::new()),
            Ink::Done => ("#00734D", "status-done", String::new()),
            Ink::Cancelled => ("#1F1F1F", "status-cancelled", String::new()),
            Ink::Series(i) => {
                let i = i % SERIES;
                return format!("url(#{chart_id}-pattern-{i})\" class=\"series series-{i}");
            }
            Ink::Heat(i) => {
                let colours = ["#E3F0DC", "#FBEFC5", "#F8D2AE", "#F2A897"];
                let i = usize::from(i.min(3));
                return format!("{}\" class=\"heat heat-{i}", colours[i]);
            }
            Ink::Track => ("#F4F5F7", "bar-track", String::new()),
            Ink::Fill => ("#0072B2", "bar-fill", String::new()),
        };
        format!("{colour}\" class=\"{class}\"{extra}")
            .trim_end_matches('"')
            .to_string()
    }

    /// The ink whose sentinel is written as `quoted`, such as `"#F10500"`.
    fn from_sentinel(quoted: &str) -> Option<Ink> {
        let hex = quoted.strip_prefix("\"#F1")?.strip_suffix('"')?;
        let kind = u8::from_str_radix(hex.get(..2)?, 16).ok()?;
        let index = u8::from_str_radix(hex.get(2..)?, 16).ok()?;
        // Only upper-case hex, as plotters writes it, so that the text matches exactly.
        if hex.bytes().any(|b| b.is_ascii_lowercase()) {
            return None;
        }
        Ink::all().find(|ink| ink.sentinel() == RGBColor(0xF1, kind, index))
    }

    fn all() -> impl Iterator<Item = Ink> {
        let fixed = [
            Ink::Text,
            Ink::MutedText,
            Ink::Axis,
            Ink::Grid,
            Ink::Value,
            Ink::ValueMarker,
            Ink::Revised,
            Ink::Baseline,
            Ink::Target,
            Ink::TargetMarker,
            Ink::Edition,
            Ink::Planned,
            Ink::InProgress,
            Ink::AtRisk,
            Ink::Delayed,
            Ink::Done,
            Ink::Cancelled,
            Ink::Track,
            Ink::Fill,
        ];
        fixed
            .into_iter()
            .chain((0..SERIES).map(Ink::Series))
            .chain((0..4).map(Ink::Heat))
    }
}

/// The fill patterns of the series used in a chart, so that series differ by more than
/// colour: series `i` has colour `i % 6` and a pattern that differs from every other series'.
fn pattern_defs(chart_id: &str, used: &[u8]) -> String {
    let mut defs = String::from("<defs>");
    for &i in used {
        let colour = SERIES_COLOURS[usize::from(i) % SERIES_COLOURS.len()];
        let marks = match (i + i / 6) % 6 {
            0 => "",
            1 => r##"<path d="M0 8L8 0" stroke="#ffffff" stroke-width="2"/>"##,
            2 => r##"<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>"##,
            3 => r##"<path d="M0 4H8" stroke="#ffffff" stroke-width="2"/>"##,
            4 => r##"<path d="M4 0V8" stroke="#ffffff" stroke-width="2"/>"##,
            _ => r##"<path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" stroke-width="1.5"/>"##,
        };
        defs.push_str(&format!(
            "<pattern id=\"{chart_id}-pattern-{i}\" width=\"8\" height=\"8\" \
             patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{colour}\"/>\
             {marks}</pattern>"
        ));
    }
    defs.push_str("</defs>");
    defs
}

/// Makes plotters' SVG accessible, scalable and styleable.
pub fn finish(svg: &str, id: &str, title: &str, description: &str, class: &str) -> String {
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let (width, height) = dimensions(&svg[..body_start]);
    let id = escape(&id_safe(id));
    let body = svg[body_start..]
        .trim()
        .trim_end_matches("</svg>")
        .trim_end();
    let (body, used_series) = replace_inks(body, &id);
    let defs = if used_series.is_empty() {
        String::new()
    } else {
        pattern_defs(&id, &used_series)
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n\
         {defs}{body}\n</svg>",
        escape(title),
        escape(description),
    )
}

/// Writes each sentinel colour of `body` as its real colour and class (patterns for series),
/// and drops the `opacity="1"` plotters writes everywhere, in one pass. Also gives the series
/// used, in order.
fn replace_inks(body: &str, chart_id: &str) -> (String, Vec<u8>) {
    const OPAQUE: &str = " opacity=";
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    let mut attributes: Vec<(Ink, String)> = Vec::new();
    let mut series = [false; SERIES as usize];
    let bytes = body.as_bytes();
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = memchr::memchr(b'"', &bytes[from..]) {
        let at = from + found;
        from = at + 1;
        let rest = &body[at..];
        if rest.starts_with("\"1\"") && body[copied..at].ends_with(OPAQUE) {
            out.push_str(&body[copied..at - OPAQUE.len()]);
            copied = at + 3;
            from = copied;
        } else if let Some(ink) = rest.get(..9).and_then(Ink::from_sentinel) {
            out.push_str(&body[copied..at]);
            let written = match attributes.iter().find(|(known, _)| *known == ink) {
                Some((_, text)) => text,
                None => {
                    attributes.push((ink, ink.attributes(chart_id)));
                    &attributes[attributes.len() - 1].1
                }
            };
            out.push('"');
            out.push_str(written);
            out.push('"');
            if let Ink::Series(i) = ink {
                series[usize::from(i)] = true;
            }
            copied = at + 9;
            from = copied;
        }
    }
    out.push_str(&body[copied..]);
    let used = (0..SERIES).filter(|&i| series[usize::from(i)]).collect();
    (out, used)
}

/// An id made only of letters, digits and hyphens, starting with a letter.
fn id_safe(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.starts_with(|c: char| c.is_ascii_alphabetic()) {
        cleaned
    } else {
        format!("c-{cleaned}")
    }
}

fn dimensions(open_tag: &str) -> (String, String) {
    let attribute = |name: &str| {
        let start = open_tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = open_tag[start..].find('"')? + start;
        Some(open_tag[start..end].to_string())
    };
    let width = attribute("width").unwrap_or_else(|| "560".into());
    let height = attribute("height").unwrap_or_else(|| "320".into());
    (width, height)
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

/// Shortens `text` to at most `chars` characters, ending with an ellipsis when cut.
pub fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let kept: String = text.chars().take(chars.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// A standalone SVG file for `/charts/`: the inline chart with a white background, so that it
/// reads the same outside the site.
pub fn standalone(svg: &str) -> String {
    let mut file = String::with_capacity(svg.len() + 120);
    file.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // A standalone SVG document is named by its leading <title> and <desc>; SVG 1.1, which
    // validators apply to such files, has no ARIA attributes.
    match (svg.find(" aria-labelledby=\""), svg.find('>')) {
        (Some(at), Some(open_end)) if at < open_end => {
            let end = svg[at + 18..].find('"').map_or(at, |i| at + 18 + i + 1);
            file.push_str(&svg[..at]);
            file.push_str(&svg[end..]);
        }
        _ => file.push_str(svg),
    }
    if let Some(close) = file.find("</desc>") {
        let at = close + "</desc>".len();
        file.insert_str(
            at,
            "\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        );
    }
    file.push('\n');
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finish_adds_role_title_desc_and_view_box_and_escapes_text() {
        let raw = "<svg width=\"100\" height=\"50\" viewBox=\"0 0 100 50\" \
                   xmlns=\"http://www.w3.org/2000/svg\">\n<rect fill=\"#F10500\"/>\n</svg>";
        let svg = finish(raw, "chart-a", "Fish & <chips>", "Rose \"a lot\"", "chart");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\"")
        );
        assert!(svg.contains("role=\"img\" aria-labelledby=\"chart-a-title chart-a-desc\""));
        assert!(svg.contains("<title id=\"chart-a-title\">Fish &amp; &lt;chips&gt;</title>"));
        assert!(svg.contains("<desc id=\"chart-a-desc\">Rose &quot;a lot&quot;</desc>"));
        assert!(
            svg.contains("fill=\"#0072B2\" class=\"series-value\""),
            "{svg}"
        );
        assert!(!svg.contains(" width=\"100\""), "no fixed size");
    }

    #[test]
    fn ids_are_made_safe() {
        assert_eq!(id_safe("chart-x"), "chart-x");
        assert_eq!(id_safe("1 a"), "c-1-a");
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
    }
}
