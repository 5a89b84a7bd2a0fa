//! A small pixel-coordinate drawing surface over plotters' SVG backend, for charts laid out
//! by hand (timeline, bars, heat map, legends).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Ink;

/// Size passed to plotters for text; it writes 1/1.24 of it, about 16 px.
pub const FONT: f64 = 20.0;
/// Estimated width of a character of that text, for layout.
pub const CHAR_WIDTH: i32 = 9;

/// Where text sits relative to its point.
#[derive(Debug, Clone, Copy)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Draws shapes and text in pixels; drawing into a string cannot fail, so errors are dropped.
pub struct Canvas<'a, 'b> {
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
}

impl<'a, 'b> Canvas<'a, 'b> {
    /// A canvas over `area`.
    pub fn new(area: &'a DrawingArea<SVGBackend<'b>, Shift>) -> Self {
        Canvas { area }
    }

    /// Text at `(x, y)`, vertically centred, in `ink`, `scale` times the normal size.
    pub fn text(&self, text: &str, at: (i32, i32), anchor: Anchor, ink: Ink, scale: f64) {
        let h = match anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let style = ("sans-serif", FONT * scale)
            .into_font()
            .color(&ink.color())
            .pos(Pos::new(h, VPos::Center));
        let _ = self.area.draw(&Text::new(text.to_string(), at, style));
    }

    /// A filled rectangle between two corners.
    pub fn rect(&self, from: (i32, i32), to: (i32, i32), ink: Ink) {
        let _ = self
            .area
            .draw(&Rectangle::new([from, to], ink.color().filled()));
    }

    /// A rectangle outline.
    pub fn frame(&self, from: (i32, i32), to: (i32, i32), ink: Ink, width: u32) {
        let _ = self
            .area
            .draw(&Rectangle::new([from, to], ink.color().stroke_width(width)));
    }

    /// A straight line.
    pub fn line(&self, from: (i32, i32), to: (i32, i32), ink: Ink, width: u32) {
        let _ = self.area.draw(&PathElement::new(
            [from, to],
            ink.color().stroke_width(width),
        ));
    }

    /// A filled or outlined circle.
    pub fn circle(&self, at: (i32, i32), radius: i32, ink: Ink, filled: bool) {
        let style = if filled {
            ink.color().filled()
        } else {
            ink.color().stroke_width(3)
        };
        let _ = self.area.draw(&Circle::new(at, radius, style));
    }

    /// A filled polygon.
    pub fn polygon(&self, points: Vec<(i32, i32)>, ink: Ink) {
        let _ = self.area.draw(&Polygon::new(points, ink.color().filled()));
    }
}

/// The estimated width of `text` in pixels at `scale`.
pub fn text_width(text: &str, scale: f64) -> i32 {
    (text.chars().count() as f64 * f64::from(CHAR_WIDTH) * scale).ceil() as i32
}
