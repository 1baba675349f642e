//! Inline SVG charts for the HTML report: horizontal stacked bars and a line
//! chart with daily bars. Plain strings, no scripts; sizes are in the viewBox
//! so the charts scale with the page.

use std::fmt::Write as _;

use crate::text::controls::is_xml_char;

/// Escape text for HTML and SVG (element content and attribute values). A
/// control character (which an older database may hold in a name or a
/// comment) is shown as its Unicode picture (`␛`) or U+FFFD: raw, it makes
/// the inline SVG not well-formed XML and the HTML a parse error.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('␡'),
            c if c.is_control() || !is_xml_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// One coloured piece of a stacked bar.
pub struct Piece {
    pub value: i64,
    pub colour: &'static str,
    pub name: &'static str,
}

/// A labelled bar made of pieces, with a note printed after it.
pub struct Bar {
    pub label: String,
    pub pieces: Vec<Piece>,
    pub note: String,
}

const WIDTH: f64 = 1000.0;
const LABEL_W: f64 = 190.0;
const NOTE_W: f64 = 250.0;
const ROW_H: f64 = 30.0;

/// Shorten a label to fit the label column.
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        label.chars().take(max - 1).collect::<String>() + "…"
    }
}

/// Horizontal stacked bars. `scale`: `None` makes every bar full width
/// (shares of its own total); `Some(max)` draws lengths against `max`.
pub fn stacked_bars(bars: &[Bar], scale: Option<i64>, aria: &str) -> String {
    let height = ROW_H * bars.len().max(1) as f64 + 10.0;
    let track = WIDTH - LABEL_W - NOTE_W;
    let mut s = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        esc(aria)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 5.0 + ROW_H * i as f64;
        let total: i64 = bar.pieces.iter().map(|p| p.value).sum();
        let denom = scale.unwrap_or(total).max(1) as f64;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="label" text-anchor="end">{}</text>"#,
            LABEL_W - 10.0,
            y + ROW_H / 2.0 + 4.0,
            esc(&fit(&bar.label, 24))
        );
        let _ = write!(
            s,
            r##"<rect x="{LABEL_W}" y="{}" width="{track}" height="{}" fill="#f1f3f6" rx="3"/>"##,
            y + 4.0,
            ROW_H - 8.0
        );
        let mut x = LABEL_W;
        for p in bar.pieces.iter().filter(|p| p.value > 0) {
            let w = track * p.value as f64 / denom;
            let _ = write!(
                s,
                r#"<rect x="{x:.2}" y="{}" width="{w:.2}" height="{}" fill="{}"><title>{}: {} {} words</title></rect>"#,
                y + 4.0,
                ROW_H - 8.0,
                p.colour,
                esc(&bar.label),
                p.name,
                p.value
            );
            x += w;
        }
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="note">{}</text>"#,
            LABEL_W + track + 10.0,
            y + ROW_H / 2.0 + 4.0,
            esc(&bar.note)
        );
    }
    s.push_str("</svg>");
    s
}

/// A series of the line chart.
pub struct Line {
    pub name: &'static str,
    pub colour: &'static str,
    pub values: Vec<i64>,
}

/// Daily values drawn as thin bars under the lines.
pub struct DailyBars {
    pub name: &'static str,
    pub colour: &'static str,
    pub values: Vec<i64>,
}

/// A round step (1, 2 or 5 × 10^k) giving about four grid lines up to `max`.
fn nice_step(max: i64) -> i64 {
    let raw = (max.max(1) as f64 / 4.0).max(1.0);
    let pow = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow);
    step as i64
}

/// The frame of a chart over days: scales, grid and day labels.
struct DayPlot {
    w: f64,
    h: f64,
    left: f64,
    top: f64,
    plot_w: f64,
    plot_h: f64,
    days: usize,
    max: f64,
    step: i64,
}

impl DayPlot {
    fn new(h: f64, days: usize, top_value: i64) -> DayPlot {
        let (left, right, top, bottom) = (70.0, 20.0, 16.0, 40.0);
        let step = nice_step(top_value);
        DayPlot {
            w: WIDTH,
            h,
            left,
            top,
            plot_w: WIDTH - left - right,
            plot_h: h - top - bottom,
            days: days.max(1),
            max: (step * ((top_value + step - 1) / step).max(1)) as f64,
            step,
        }
    }

    fn slot(&self) -> f64 {
        self.plot_w / self.days as f64
    }

    fn x(&self, i: usize) -> f64 {
        self.left + self.slot() * (i as f64 + 0.5)
    }

    fn y(&self, v: i64) -> f64 {
        self.top + self.plot_h - self.plot_h * v as f64 / self.max
    }

    /// The opening tag, horizontal grid lines with values, and day labels.
    fn frame(&self, days: &[String], aria: &str) -> String {
        let mut s = format!(
            r#"<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
            self.w,
            self.h,
            esc(aria)
        );
        for v in (0..=self.max as i64).step_by(self.step as usize) {
            let y = self.y(v);
            let _ = write!(
                s,
                r##"<line x1="{}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="{}"/><text x="{}" y="{:.1}" class="axis" text-anchor="end">{v}</text>"##,
                self.left,
                self.left + self.plot_w,
                if v == 0 { "#9aa3ad" } else { "#e3e6ea" },
                self.left - 8.0,
                y + 4.0
            );
        }
        let every = days.len().div_ceil(10).max(1);
        for (i, d) in days.iter().enumerate().filter(|(i, _)| i % every == 0) {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{}" class="axis" text-anchor="middle">{}</text>"#,
                self.x(i),
                self.top + self.plot_h + 22.0,
                esc(d)
            );
        }
        s
    }
}

/// Lines over days (the burn-down), y from 0 to the largest value. Points are
/// marked (with a tooltip) while there are few enough days to tell them apart.
pub fn line_chart(days: &[String], lines: &[Line], aria: &str) -> String {
    let top_value = lines.iter().flat_map(|l| l.values.iter()).copied().max();
    let plot = DayPlot::new(300.0, days.len(), top_value.unwrap_or(0));
    let mut s = plot.frame(days, aria);
    for line in lines {
        let points: Vec<String> = line
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{:.1},{:.1}", plot.x(i), plot.y(*v)))
            .collect();
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-linejoin="round"/>"#,
            points.join(" "),
            line.colour
        );
        let r = if days.len() <= 45 { 3.5 } else { 0.0 };
        for (i, v) in line.values.iter().enumerate().filter(|_| r > 0.0) {
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="{r}" fill="{}"><title>{}: {} {v}</title></circle>"#,
                plot.x(i),
                plot.y(*v),
                line.colour,
                esc(&days[i]),
                line.name
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Grouped bars per day (the day's activity), with their own scale.
pub fn daily_bars(days: &[String], bars: &[DailyBars], aria: &str) -> String {
    let top_value = bars.iter().flat_map(|b| b.values.iter()).copied().max();
    let plot = DayPlot::new(170.0, days.len(), top_value.unwrap_or(0));
    let mut s = plot.frame(days, aria);
    let group = plot.slot() * 0.8;
    let bar_w = (group / bars.len().max(1) as f64).min(24.0);
    for (b, series) in bars.iter().enumerate() {
        for (i, v) in series.values.iter().enumerate().filter(|(_, v)| **v > 0) {
            let x = plot.x(i) - bar_w * bars.len() as f64 / 2.0 + bar_w * b as f64;
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}: {} {v}</title></rect>"#,
                plot.y(*v),
                bar_w,
                plot.top + plot.plot_h - plot.y(*v),
                series.colour,
                esc(&days[i]),
                series.name
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_steps_are_round() {
        assert_eq!(nice_step(58), 20);
        assert_eq!(nice_step(3), 1);
        assert_eq!(nice_step(1234), 500);
    }

    #[test]
    fn control_characters_never_reach_the_page() {
        assert_eq!(
            esc("a\u{1b}[2J\u{0}b\u{7f}\u{85}\u{fffe}\tc"),
            "a␛[2J␀b␡\u{fffd}\u{fffd}\tc"
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn full_width_bars_split_by_share() {
        let svg = stacked_bars(
            &[Bar {
                label: "doc/en".into(),
                pieces: vec![
                    Piece {
                        value: 1,
                        colour: "red",
                        name: "a",
                    },
                    Piece {
                        value: 3,
                        colour: "blue",
                        name: "b",
                    },
                ],
                note: "25%".into(),
            }],
            None,
            "test",
        );
        assert!(svg.contains(r#"width="140.00""#), "{svg}");
        assert!(svg.contains(r#"width="420.00""#), "{svg}");
        assert!(!svg.contains("<script"));
    }
}
