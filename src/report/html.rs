//! The self-contained HTML progress report: the same figures as `progress`
//! (tables whose cells carry the numbers in `data-*` attributes, so tests can
//! compare them with `progress --json`) and inline SVG charts. No scripts, no
//! external fonts, stylesheets or images: it opens offline in any browser.

use std::fmt::Write as _;

use super::svg::{self, esc, Bar, DailyBars, Line, Piece};
use super::{GroupBy, Progress, RejectedSegment, Row};
use crate::error::Result;
use crate::store::Status;
use crate::store::{Document, Reader, Store};
use crate::text::Lang;

/// Everything the report shows.
pub struct ReportData {
    pub generated_at: String,
    pub by_doc: Progress,
    pub by_lang: Progress,
    pub by_translator: Progress,
    pub by_reviewer: Progress,
    pub by_day: Progress,
    pub rejected: Vec<RejectedSegment>,
}

/// Gather the report's figures for a document (or all) and a language (or both).
pub fn gather(store: &Store, doc: Option<&Document>, lang: Option<Lang>) -> Result<ReportData> {
    store.read(|r| figures(r, doc, lang))
}

fn figures(r: &Reader, doc: Option<&Document>, lang: Option<Lang>) -> Result<ReportData> {
    let p = |by| super::count_progress(r, doc, lang, by);
    Ok(ReportData {
        generated_at: crate::store::now(),
        by_doc: p(GroupBy::Doc)?,
        by_lang: p(GroupBy::Lang)?,
        by_translator: p(GroupBy::Translator)?,
        by_reviewer: p(GroupBy::Reviewer)?,
        by_day: p(GroupBy::Day)?,
        rejected: r.rejected_segments(doc.map(|d| d.id), lang)?,
    })
}

/// Colour of each status in every chart and legend.
pub fn colour(s: Status) -> &'static str {
    match s {
        Status::Untranslated => "#cfd5dd",
        Status::Draft => "#f0b94d",
        Status::Translated => "#4a8fd6",
        Status::Approved => "#2e9c5a",
        Status::Rejected => "#d6483f",
    }
}

/// Order of the pieces in a stacked bar: finished work first.
const BAR_ORDER: [Status; 5] = [
    Status::Approved,
    Status::Translated,
    Status::Rejected,
    Status::Draft,
    Status::Untranslated,
];

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1f2933;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 12px; }
.sub { color: #616e7c; margin: 0 0 20px; }
section { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 18px 20px; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; margin: 0 0 20px; }
.card { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 14px 16px; }
.card b { display: block; font-size: 26px; }
.card span { color: #616e7c; font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 16px; margin: 4px 0 10px; font-size: 13px; color: #3e4c59; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
svg.chart { width: 100%; height: auto; display: block; margin: 4px 0 12px; }
svg .label { font-size: 14px; fill: #1f2933; }
svg .note, svg .axis { font-size: 12px; fill: #52606d; }
table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
th, td { padding: 4px 6px; border-bottom: 1px solid #eef0f3; text-align: right; white-space: nowrap; }
th { color: #52606d; font-weight: 600; background: #fafbfc; font-size: 12px; }
th .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 4px; }
.act { border-left: 2px solid #e4e7eb; }
.scroll { overflow-x: auto; }
.hint { color: #7b8794; font-size: 12px; margin: 6px 0 0; }
th:first-child, td:first-child { text-align: left; }
td small { color: #7b8794; }
td.text, th.text { text-align: left; white-space: normal; }
.empty { color: #7b8794; font-style: italic; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.two section { margin: 0; }
h3 { font-size: 15px; margin: 8px 0 4px; color: #3e4c59; }
details summary { cursor: pointer; color: #3e4c59; font-weight: 600; margin: 6px 0; }
"#;

fn legend(items: &[(&str, &str)]) -> String {
    let mut s = String::from(r#"<div class="legend">"#);
    for (name, colour) in items {
        let _ = write!(
            s,
            r#"<span><i style="background:{colour}"></i>{name}</span>"#
        );
    }
    s.push_str("</div>");
    s
}

fn status_legend() -> String {
    let items: Vec<(&str, &str)> = BAR_ORDER.iter().map(|s| (s.as_str(), colour(*s))).collect();
    legend(&items)
}

/// A bar of a row's words by status, noting the percentages.
fn status_bar(r: &Row) -> Bar {
    Bar {
        label: r.group.clone(),
        pieces: BAR_ORDER
            .iter()
            .map(|s| Piece {
                value: r.words_by_status[s],
                colour: colour(*s),
                name: s.as_str(),
            })
            .collect(),
        note: format!(
            "{:.1}% translated · {:.1}% approved",
            r.translated_percent, r.approved_percent
        ),
    }
}

/// A table of progress rows; every number is in a data attribute.
fn progress_table(id: &str, first: &str, p: &Progress, with_activity: bool) -> String {
    let mut s = format!(
        r#"<div class="scroll"><table id="{id}"><thead><tr><th>{first}</th><th>segments</th><th>words</th>"#
    );
    for st in BAR_ORDER {
        let _ = write!(
            s,
            r#"<th><i class="dot" style="background:{}"></i>{st}</th>"#,
            colour(st)
        );
    }
    s.push_str("<th>% transl.</th><th>% appr.</th>");
    if with_activity {
        s.push_str(
            r#"<th class="act">edits</th><th>+ transl.</th><th>+ appr.</th><th>+ rej.</th>"#,
        );
    }
    s.push_str("</tr></thead><tbody>");
    for r in p.groups.iter().chain(std::iter::once(&p.total)) {
        let total = std::ptr::eq(r, &p.total);
        let tag = if total { "total" } else { "group" };
        let _ = write!(
            s,
            r#"<tr data-{tag}="{}"><td>{}</td><td data-field="segments" data-value="{}">{}</td><td data-field="words" data-value="{}">{}</td>"#,
            esc(&r.group),
            if total {
                "<b>total</b>".to_string()
            } else {
                esc(&r.group)
            },
            r.segments,
            r.segments,
            r.words,
            r.words
        );
        for st in BAR_ORDER {
            let (seg, words) = (r.segments_by_status[&st], r.words_by_status[&st]);
            let _ = write!(
                s,
                r#"<td data-status="{st}" data-segments="{seg}" data-words="{words}">{words} <small>({seg})</small></td>"#
            );
        }
        let _ = write!(
            s,
            r#"<td data-field="translated_percent" data-value="{0:.1}">{0:.1}%</td><td data-field="approved_percent" data-value="{1:.1}">{1:.1}%</td>"#,
            r.translated_percent, r.approved_percent
        );
        if with_activity {
            let a = r.activity.clone().unwrap_or_default();
            for (field, v) in [
                ("edits", a.edits),
                ("translated_words", a.translated_words),
                ("approved_words", a.approved_words),
                ("rejected_words", a.rejected_words),
            ] {
                let class = if field == "edits" {
                    r#" class="act""#
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    r#"<td{class} data-field="{field}" data-value="{v}">{v}</td>"#
                );
            }
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s.push_str(if id == "by-day" {
        r#"<p class="hint">Status columns: words (segments) at the end of the day, from the event log; the + columns: words moved that day.</p>"#
    } else if with_activity {
        r#"<p class="hint">Status columns: words (segments) of the segments this person touched last; the + columns: words they moved, from the event log.</p>"#
    } else {
        r#"<p class="hint">Status columns: words (segments).</p>"#
    });
    s
}

/// 461008 → "461 008" (narrow no-break spaces), for the headline figures.
pub fn thousands(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

fn cards(d: &ReportData) -> String {
    let t = &d.by_doc.total;
    let mut s = String::from(r#"<div class="cards">"#);
    for (value, what) in [
        (
            thousands(t.words),
            format!("words in {} segments", thousands(t.segments)),
        ),
        (
            format!("{:.1}%", t.translated_percent),
            "translated (words)".into(),
        ),
        (
            format!("{:.1}%", t.approved_percent),
            "approved (words)".into(),
        ),
        (d.rejected.len().to_string(), "rejected segments".into()),
    ] {
        let _ = write!(
            s,
            r#"<div class="card"><b>{}</b><span>{}</span></div>"#,
            esc(&value),
            esc(&what)
        );
    }
    s.push_str("</div>");
    s
}

fn burn_down_section(d: &ReportData) -> String {
    let mut s = String::from("<section><h2>Burn-down</h2>");
    let days: Vec<String> = d.by_day.groups.iter().map(|r| r.group.clone()).collect();
    if days.is_empty() {
        s.push_str(r#"<p class="empty">No translation events yet.</p>"#);
        s.push_str(&progress_table("by-day", "day (UTC)", &d.by_day, true));
        s.push_str("</section>");
        return s;
    }
    let remaining = |f: &dyn Fn(&Row) -> i64| d.by_day.groups.iter().map(f).collect::<Vec<_>>();
    let activity = |f: &dyn Fn(&super::Activity) -> i64| {
        d.by_day
            .groups
            .iter()
            .map(|r| r.activity.as_ref().map_or(0, f))
            .collect::<Vec<_>>()
    };
    let lines = [
        Line {
            name: "words left to translate",
            colour: "#d9822b",
            values: remaining(&|r| {
                r.words
                    - r.words_by_status[&Status::Translated]
                    - r.words_by_status[&Status::Approved]
            }),
        },
        Line {
            name: "words left to approve",
            colour: "#7b5ea7",
            values: remaining(&|r| r.words - r.words_by_status[&Status::Approved]),
        },
    ];
    let bars = [
        DailyBars {
            name: "words translated",
            colour: colour(Status::Translated),
            values: activity(&|a| a.translated_words),
        },
        DailyBars {
            name: "words approved",
            colour: colour(Status::Approved),
            values: activity(&|a| a.approved_words),
        },
    ];
    s.push_str(&legend(&[
        (lines[0].name, lines[0].colour),
        (lines[1].name, lines[1].colour),
    ]));
    s.push_str(&svg::line_chart(
        &days,
        &lines,
        "burn-down: words left per day",
    ));
    s.push_str(r#"<h3>Words moved per day</h3>"#);
    s.push_str(&legend(&[
        ("translated", bars[0].colour),
        ("approved", bars[1].colour),
    ]));
    s.push_str(&svg::daily_bars(
        &days,
        &bars,
        "words translated and approved per day",
    ));
    let table = progress_table("by-day", "day (UTC)", &d.by_day, true);
    if days.len() > 14 {
        let _ = write!(
            s,
            "<details><summary>Day by day ({} days)</summary>{table}</details>",
            days.len()
        );
    } else {
        s.push_str(&table);
    }
    s.push_str("</section>");
    s
}

/// Bars of each person's logged words, `pieces` choosing which.
fn people_section(
    title: &str,
    id: &str,
    p: &Progress,
    pieces: &[(&'static str, Status)],
) -> String {
    let mut s = format!("<section><h2>{}</h2>", esc(title));
    let people: Vec<&Row> = p
        .groups
        .iter()
        .filter(|r| {
            r.activity
                .as_ref()
                .is_some_and(|a| a.edits + a.approvals + a.rejections + a.translated_words > 0)
        })
        .collect();
    if people.is_empty() {
        s.push_str(r#"<p class="empty">Nobody yet.</p>"#);
    } else {
        let value = |a: &super::Activity, st: Status| match st {
            Status::Approved => a.approved_words,
            Status::Rejected => a.rejected_words,
            _ => a.translated_words,
        };
        let bars: Vec<Bar> = people
            .iter()
            .map(|r| {
                let a = r.activity.clone().unwrap_or_default();
                Bar {
                    label: r.group.clone(),
                    note: pieces
                        .iter()
                        .map(|(name, st)| format!("{} {name}", value(&a, *st)))
                        .collect::<Vec<_>>()
                        .join(" · "),
                    pieces: pieces
                        .iter()
                        .map(|(name, st)| Piece {
                            value: value(&a, *st),
                            colour: colour(*st),
                            name,
                        })
                        .collect(),
                }
            })
            .collect();
        let max = bars
            .iter()
            .map(|b| b.pieces.iter().map(|p| p.value).sum::<i64>())
            .max()
            .unwrap_or(1);
        let items: Vec<(&str, &str)> = pieces.iter().map(|(n, st)| (*n, colour(*st))).collect();
        s.push_str(&legend(&items));
        s.push_str(&svg::stacked_bars(&bars, Some(max), title));
    }
    s.push_str(&progress_table(id, "person", p, true));
    s.push_str("</section>");
    s
}

fn rejected_section(list: &[RejectedSegment]) -> String {
    let mut s = String::from("<section><h2>Rejected segments</h2>");
    if list.is_empty() {
        s.push_str(r#"<p class="empty">None: nothing is waiting for a fix.</p></section>"#);
        return s;
    }
    s.push_str(r#"<table id="rejected"><thead><tr><th>document</th><th>#</th><th>lang</th><th class="text">source</th><th class="text">translation</th><th class="text">comment</th><th class="text">reviewer</th><th class="text">when</th></tr></thead><tbody>"#);
    for r in list {
        let _ = write!(
            s,
            r#"<tr data-position="{}"><td>{}</td><td>{}</td><td>{}</td><td class="text">{}</td><td class="text">{}</td><td class="text"><b>{}</b></td><td class="text">{}</td><td class="text">{}</td></tr>"#,
            r.position,
            esc(&r.document),
            r.position,
            esc(&r.lang),
            esc(&r.source),
            esc(&r.translation),
            esc(&r.comment),
            esc(&r.reviewer),
            esc(&r.at)
        );
    }
    s.push_str("</tbody></table></section>");
    s
}

/// The whole report as one HTML document.
pub fn render(d: &ReportData) -> String {
    let scope = match (&d.by_doc.filter.document, &d.by_doc.filter.lang) {
        (Some(doc), Some(l)) => format!("document {doc}, into {l}"),
        (Some(doc), None) => format!("document {doc}, into en and ru"),
        (None, Some(l)) => format!("all documents, into {l}"),
        (None, None) => "all documents, into en and ru".into(),
    };
    let mut s = String::from("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    s.push_str(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#);
    s.push_str("<title>Audarma progress report</title><style>");
    s.push_str(STYLE);
    s.push_str("</style></head><body><main>");
    let _ = write!(
        s,
        r#"<h1>Translation progress</h1><p class="sub">{} · generated {} (UTC)</p>"#,
        esc(&scope),
        esc(&d.generated_at)
    );
    s.push_str(&cards(d));
    s.push_str("<section><h2>Documents and languages</h2>");
    s.push_str(&status_legend());
    let bars: Vec<Bar> = d.by_doc.groups.iter().map(status_bar).collect();
    s.push_str(&svg::stacked_bars(
        &bars,
        None,
        "words by status per document and language",
    ));
    s.push_str(&progress_table(
        "by-doc",
        "document/language",
        &d.by_doc,
        false,
    ));
    s.push_str("<h2 style=\"margin-top:18px\">Languages</h2>");
    s.push_str(&progress_table("by-lang", "language", &d.by_lang, false));
    s.push_str("</section>");
    s.push_str(&burn_down_section(d));
    s.push_str(&people_section(
        "Translators",
        "by-translator",
        &d.by_translator,
        &[("words translated", Status::Translated)],
    ));
    s.push_str(&people_section(
        "Reviewers",
        "by-reviewer",
        &d.by_reviewer,
        &[
            ("words approved", Status::Approved),
            ("words rejected", Status::Rejected),
        ],
    ));
    s.push_str(&rejected_section(&d.rejected));
    s.push_str("</main></body></html>\n");
    s
}
