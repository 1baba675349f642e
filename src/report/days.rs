//! The log replayed day by day (the burn-down rows) and, from its recent
//! pace, the expected finish date of each language pair.
//!
//! The pace is net: the words that left the "to translate" (or "to approve")
//! pile over the last [`PACE_DAYS`] calendar days up to today (UTC), divided
//! by those days, so a rejection that sends words back slows it down. A log
//! younger than that is measured from its first day. No net progress, no date.

use std::collections::{BTreeSet, HashMap};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{row_from, Activity, LogEvent, Row, Unit};
use crate::store::Status;

/// How many calendar days, ending today, the pace is measured over.
pub const PACE_DAYS: i64 = 7;

/// The expected finish of one language pair at its recent pace.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// Target language.
    pub lang: String,
    /// First day of the pace window (None: no event in this language yet).
    pub pace_from: Option<String>,
    /// Last day of the pace window: today (UTC).
    pub pace_to: String,
    /// Days in the window: [`PACE_DAYS`], fewer when the log is younger.
    pub pace_days: i64,
    /// Words not yet translated or approved.
    pub translation: Outlook,
    /// Words not yet approved.
    pub approval: Outlook,
}

/// Work left, its recent pace and the day it would be done.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlook {
    pub remaining_words: i64,
    /// Net words per day over the window (negative when work came back).
    pub words_per_day: f64,
    /// Today + remaining / pace, rounded up; None when nothing is left or
    /// there is no net progress.
    pub finish: Option<String>,
}

fn parse_day(d: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// One row per UTC day from the first event to the last: statuses at the end
/// of the day (the log replayed so far) and that day's activity.
pub(super) fn by_day(units: &[Unit], events: &[LogEvent]) -> Vec<Row> {
    let (Some(first), Some(last)) = (
        events.iter().map(|e| e.day.as_str()).min(),
        events.iter().map(|e| e.day.as_str()).max(),
    ) else {
        return Vec::new();
    };
    let (Some(mut day), Some(end)) = (parse_day(first), parse_day(last)) else {
        return Vec::new();
    };
    let mut sorted: Vec<&LogEvent> = events.iter().collect();
    sorted.sort_by(|a, b| a.day.cmp(&b.day));
    let words_of: HashMap<(i64, &str), i64> = units
        .iter()
        .map(|u| ((u.segment_id, u.lang.as_str()), u.words))
        .collect();
    // Running counts: everything starts untranslated; each event moves one
    // unit from its previous status to the new one.
    let mut state: HashMap<(i64, &str), Status> = HashMap::new();
    let mut segments: std::collections::BTreeMap<Status, i64> =
        Status::ALL.iter().map(|s| (*s, 0)).collect();
    let mut words = segments.clone();
    segments.insert(Status::Untranslated, units.len() as i64);
    words.insert(Status::Untranslated, words_of.values().sum());
    let mut next = sorted.into_iter().peekable();
    let mut rows = Vec::new();
    loop {
        let label = day.format("%Y-%m-%d").to_string();
        let mut activity = Activity::default();
        while let Some(e) = next.next_if(|e| e.day <= label) {
            activity.add(e);
            let key = (e.segment_id, e.lang.as_str());
            let (Some(to), Some(&w)) = (e.to, words_of.get(&key)) else {
                continue;
            };
            let from = state.insert(key, to).unwrap_or(Status::Untranslated);
            *segments.entry(from).or_default() -= 1;
            *words.entry(from).or_default() -= w;
            *segments.entry(to).or_default() += 1;
            *words.entry(to).or_default() += w;
        }
        let mut row = row_from(label, segments.clone(), words.clone());
        row.activity = Some(activity);
        rows.push(row);
        match day.succ_opt() {
            Some(d) if d <= end => day = d,
            _ => break,
        }
    }
    rows
}

/// Words left (to translate, to approve) of a row.
fn left(r: &Row) -> (i64, i64) {
    let approved = r.words_by_status[&Status::Approved];
    (
        r.words - r.words_by_status[&Status::Translated] - approved,
        r.words - approved,
    )
}

/// One forecast per target language of `units`, at the pace of the window
/// ending `today`.
pub(super) fn forecast(units: &[Unit], events: &[LogEvent], today: NaiveDate) -> Vec<Forecast> {
    let langs: BTreeSet<&str> = units.iter().map(|u| u.lang.as_str()).collect();
    langs
        .into_iter()
        .map(|lang| {
            let us: Vec<Unit> = units.iter().filter(|u| u.lang == lang).cloned().collect();
            let es: Vec<LogEvent> = events.iter().filter(|e| e.lang == lang).cloned().collect();
            one_language(lang, &us, &es, today)
        })
        .collect()
}

fn one_language(lang: &str, units: &[Unit], events: &[LogEvent], today: NaiveDate) -> Forecast {
    let rows = by_day(units, events);
    let now = left(&super::count(
        String::new(),
        units.iter().map(super::current),
    ));
    let window_start = today - Days::new(PACE_DAYS as u64 - 1);
    let from = rows
        .first()
        .and_then(|r| parse_day(&r.group))
        .map(|first| first.max(window_start))
        .filter(|from| *from <= today);
    let days = from.map_or(0, |f| (today - f).num_days() + 1);
    // Words left at the end of the day before the window: the last replayed
    // day up to then, or everything when the log starts inside the window.
    let all: i64 = units.iter().map(|u| u.words).sum();
    let start = from
        .and_then(|f| f.pred_opt())
        .and_then(|eve| {
            rows.iter()
                .rev()
                .find(|r| parse_day(&r.group).is_some_and(|d| d <= eve))
        })
        .map_or((all, all), left);
    let outlook = |start: i64, remaining: i64| {
        let net = start - remaining;
        let finish = (days > 0 && net > 0 && remaining > 0)
            .then(|| {
                // remaining / (net / days) days, rounded up, in integers.
                let n = (remaining * days + net - 1) / net;
                today.checked_add_days(Days::new(n as u64))
            })
            .flatten()
            .map(|d| d.to_string());
        Outlook {
            remaining_words: remaining,
            words_per_day: if days > 0 {
                (100.0 * net as f64 / days as f64).round() / 100.0
            } else {
                0.0
            },
            finish,
        }
    };
    Forecast {
        lang: lang.to_string(),
        pace_from: from.map(|f| f.to_string()),
        pace_to: today.to_string(),
        pace_days: days,
        translation: outlook(start.0, now.0),
        approval: outlook(start.1, now.1),
    }
}
