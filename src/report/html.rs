//! The self-contained HTML progress report: the same figures as `progress`
//! (tables whose cells carry the numbers in `data-*` attributes, so tests can
//! compare them with `progress --json`) and inline SVG charts. No scripts, no
//! external fonts, stylesheets or images: it opens offline in any browser.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::svg::{self, esc, Bar, DailyBars, Line, Piece};
use super::tables::{open_comments_table, people_table, progress_table};
use super::{Forecast, GroupBy, OpenComment, Outlook, Progress, Row, PACE_DAYS};
use crate::error::Result;
use crate::store::Status;
use crate::store::{Document, Reader, Store};
use crate::text::Lang;

/// Everything the report shows.
pub struct ReportData {
    pub generated_at: String,
    /// Source languages of the documents in scope (`kk` for a Kazakh article).
    pub source_langs: Vec<String>,
    pub by_doc: Progress,
    pub by_lang: Progress,
    pub by_person: Progress,
    pub by_day: Progress,
    pub open_comments: Vec<OpenComment>,
}

/// Gather the report's figures for a document (or all) and a language (or both).
pub fn gather(store: &Store, doc: Option<&Document>, lang: Option<Lang>) -> Result<ReportData> {
    let today = super::today();
    store.read(|r| figures(r, doc, lang, today))
}

fn figures(
    r: &Reader,
    doc: Option<&Document>,
    lang: Option<Lang>,
    today: chrono::NaiveDate,
) -> Result<ReportData> {
    let p = |by| super::count_progress(r, doc, lang, by, today);
    let source_langs: BTreeSet<String> = match doc {
        Some(d) => BTreeSet::from([d.source_lang.clone()]),
        None => r.documents()?.into_iter().map(|d| d.source_lang).collect(),
    };
    Ok(ReportData {
        generated_at: crate::store::now(),
        source_langs: source_langs.into_iter().collect(),
        by_doc: p(GroupBy::Doc)?,
        by_lang: p(GroupBy::Lang)?,
        by_person: p(GroupBy::Person)?,
        by_day: p(GroupBy::Day)?,
        open_comments: r.open_comments(doc.map(|d| d.id), lang)?,
    })
}

/// A burn-down needs this many days of log (first to last event) to show a
/// trend; fewer draw a dot or two, so the report says so instead.
pub const MIN_BURN_DOWN_DAYS: usize = 3;

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
pub const BAR_ORDER: [Status; 5] = [
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
p.hint.under { margin: 0 0 20px; }
section { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 18px 20px; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 14px; margin: 0 0 8px; }
.card { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 14px 16px; }
.card b { display: block; font-size: 26px; }
.card span { display: block; color: #616e7c; font-size: 13px; }
.pairs { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 14px; margin: 14px 0 8px; }
.pair h3 { margin: 0 0 6px; font-size: 16px; color: #1f2933; }
.pair .figs { display: flex; gap: 28px; }
.pair .finish { margin: 8px 0 0; font-size: 13px; color: #1f2933; }
.pair .finish + .finish { margin-top: 2px; }
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

fn card(s: &mut String, attrs: &str, value: &str, lines: &[String]) {
    let _ = write!(s, r#"<div class="card" {attrs}><b>{}</b>"#, esc(value));
    for line in lines {
        let _ = write!(s, "<span>{}</span>", esc(line));
    }
    s.push_str("</div>");
}

/// "kk → en", or "→ en" when the documents in scope have several sources.
fn pair(d: &ReportData, lang: &str) -> String {
    match d.source_langs.as_slice() {
        [one] => format!("{one} → {lang}"),
        _ => format!("→ {lang}"),
    }
}

/// A line on when the work would be done at the recent pace.
fn outlook_line(what: &str, o: &Outlook, f: &Forecast) -> String {
    if o.remaining_words == 0 {
        return format!("{what}: done");
    }
    match &o.finish {
        Some(day) => {
            let rate = trim_rate(o.words_per_day);
            let words = if rate == "1" { "word" } else { "words" };
            let span = if f.pace_days == 1 {
                "1 day".to_string()
            } else {
                format!("{} days", f.pace_days)
            };
            format!("{what} done ≈ {day} ({rate} {words}/day over {span})")
        }
        None if f.pace_days == 0 => format!("{what}: no finish date, no work logged yet"),
        None => format!(
            "{what}: no finish date, no net progress in the last {} day{}",
            f.pace_days,
            if f.pace_days == 1 { "" } else { "s" }
        ),
    }
}

/// 85.71 → "85.7", 3.0 → "3".
fn trim_rate(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// The card of one language pair: its own words and percentages, and when
/// translation and approval would be done at the recent pace.
fn pair_card(s: &mut String, d: &ReportData, r: &Row) {
    let lang = r.lang.clone().unwrap_or_default();
    let f = d.by_lang.forecast.iter().find(|f| f.lang == lang);
    let finish = f.and_then(|f| f.translation.finish.clone());
    let _ = write!(
        s,
        r#"<div class="card pair" data-card="lang" data-lang="{}" data-words="{}" data-translated-percent="{:.1}" data-approved-percent="{:.1}" data-finish="{}"><h3>{}</h3><div class="figs">"#,
        esc(&lang),
        r.words,
        r.translated_percent,
        r.approved_percent,
        esc(finish.as_deref().unwrap_or("")),
        esc(&pair(d, &lang)),
    );
    for (value, what) in [
        (format!("{:.1}%", r.translated_percent), "translated"),
        (format!("{:.1}%", r.approved_percent), "approved"),
        (thousands(r.words), "words"),
    ] {
        let _ = write!(s, "<div><b>{}</b><span>{what}</span></div>", esc(&value));
    }
    s.push_str("</div>");
    if let Some(f) = f {
        for (what, o) in [("translation", &f.translation), ("approval", &f.approval)] {
            let _ = write!(
                s,
                r#"<p class="finish">{}</p>"#,
                esc(&outlook_line(what, o, f))
            );
        }
    }
    s.push_str("</div>");
}

/// The headline: the source counted once, rejections and open comments, then
/// one card per language pair.
fn cards(d: &ReportData) -> String {
    let p = &d.by_lang;
    let mut s = String::from(r#"<div class="cards">"#);
    let langs = p.groups.len();
    card(
        &mut s,
        &format!(
            r#"data-card="source" data-words="{}" data-segments="{}""#,
            p.source_words, p.source_segments
        ),
        &thousands(p.source_words),
        &[format!(
            "source words in {} segments{}",
            thousands(p.source_segments),
            if langs > 1 {
                format!(", translated into each of {langs} languages")
            } else {
                String::new()
            }
        )],
    );
    let rejected = d.by_doc.total.segments_by_status[&Status::Rejected];
    card(
        &mut s,
        &format!(r#"data-card="rejected" data-count="{rejected}""#),
        &rejected.to_string(),
        &["rejected segments, waiting for a fix".into()],
    );
    let open = d.open_comments.len();
    card(
        &mut s,
        &format!(r#"data-card="comments" data-count="{open}""#),
        &open.to_string(),
        &["open comments, no edit has answered them yet".into()],
    );
    s.push_str(r#"</div><div class="pairs">"#);
    for r in &p.groups {
        pair_card(&mut s, d, r);
    }
    s.push_str("</div>");
    let _ = write!(
        s,
        r#"<p class="hint under">Per language pair, by words. Expected finish: the words still to translate (to approve) divided by the pace, the net words translated (approved) per calendar day over the last {PACE_DAYS} days up to today (UTC), fewer when the log is younger; no date when there was no net progress.</p>"#
    );
    s
}

/// Why there is no burn-down for these days of log, if there is none.
fn too_short(days: &[String]) -> Option<String> {
    let need = format!("A burn-down needs at least {MIN_BURN_DOWN_DAYS} days of history;");
    match days {
        _ if days.len() >= MIN_BURN_DOWN_DAYS => None,
        [] => Some("No translation events yet.".into()),
        [one] => Some(format!(
            "{need} the log covers 1 day ({one}). The day's figures:"
        )),
        [first, .., last] => Some(format!(
            "{need} the log covers {} days ({first} to {last}). The days' figures:",
            days.len()
        )),
    }
}

fn burn_down_section(d: &ReportData) -> String {
    let mut s = String::from("<section><h2>Burn-down</h2>");
    let rows = &d.by_day.groups;
    let days: Vec<String> = rows.iter().map(|r| r.group.clone()).collect();
    let table = progress_table("by-day", "day (UTC)", &d.by_day, true);
    if let Some(why) = too_short(&days) {
        let _ = write!(s, r#"<p class="empty">{}</p>{table}</section>"#, esc(&why));
        return s;
    }
    let remaining = |f: &dyn Fn(&Row) -> i64| rows.iter().map(f).collect::<Vec<_>>();
    let activity = |f: &dyn Fn(&super::Activity) -> i64| {
        rows.iter()
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
    if d.by_day.total.words != d.by_day.source_words {
        s.push_str(r#"<p class="hint">Words of every language pair together: each source word counts once per language.</p>"#);
    }
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

/// What each person did: a bar of the words they translated, approved and
/// rejected (the same figures as the table below it).
fn people_section(p: &Progress) -> String {
    let mut s = String::from("<section><h2>People</h2>");
    let pieces = [
        ("translated", Status::Translated),
        ("approved", Status::Approved),
        ("rejected", Status::Rejected),
    ];
    if p.groups.is_empty() {
        s.push_str(r#"<p class="empty">Nobody yet.</p>"#);
    } else {
        let value = |a: &super::Activity, st: Status| match st {
            Status::Approved => a.approved_words,
            Status::Rejected => a.rejected_words,
            _ => a.translated_words,
        };
        let bars: Vec<Bar> = p
            .groups
            .iter()
            .map(|r| {
                let a = r.activity.clone().unwrap_or_default();
                let mut note: Vec<String> = pieces
                    .iter()
                    .filter(|(_, st)| value(&a, *st) > 0)
                    .map(|(name, st)| format!("{} {name}", value(&a, *st)))
                    .collect();
                note.push(format!("{} edits", a.edits));
                Bar {
                    label: r.group.clone(),
                    note: note.join(" · "),
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
        s.push_str(&svg::stacked_bars(
            &bars,
            Some(max),
            "words each person translated, approved and rejected",
        ));
    }
    s.push_str(&people_table(p));
    s.push_str("</section>");
    s
}

fn open_comments_section(list: &[OpenComment]) -> String {
    let mut s = String::from("<section><h2>Open comments</h2>");
    if list.is_empty() {
        s.push_str(
            r#"<p class="empty">None: no comment or rejection is waiting for an answer.</p></section>"#,
        );
        return s;
    }
    s.push_str(&open_comments_table(list));
    s.push_str(r#"<p class="hint">Comments and rejections that no later edit of the segment (in that language) has answered.</p></section>"#);
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
    s.push_str(&people_section(&d.by_person));
    s.push_str(&open_comments_section(&d.open_comments));
    s.push_str("</main></body></html>\n");
    s
}
