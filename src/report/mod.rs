//! Progress figures per document and language, language, translator, reviewer
//! and day, computed from segments, translations and the event log; and the
//! self-contained HTML report (`html`) that shows the same figures.
//!
//! The unit of work is a (segment, target language) pair: a document with 10
//! segments counts 10 per language. Percentages are by words: "translated"
//! means translated or approved (a rejected or draft segment still needs the
//! translator), "approved" means approved. Days are UTC days of the log.
//!
//! It reads only (through one snapshot, `Store::read`) and must not change
//! anything; the HTML is self-contained (no scripts, fonts or network).

pub mod html;
mod svg;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::Result;
pub use crate::store::RejectedSegment;
use crate::store::{ActivityEvent as LogEvent, Document, Reader, Status, Store, WorkItem as Unit};
use crate::text::Lang;

/// How `progress` groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    /// Document and target language
    Doc,
    /// Target language
    Lang,
    /// Who last wrote the text
    Translator,
    /// Who last approved or rejected it
    Reviewer,
    /// Day by day from the event log (the burn-down)
    Day,
}

/// Which part of the database to count.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filter {
    /// Document name (None = every document).
    pub document: Option<String>,
    pub lang: Option<String>,
}

/// Events of one person or day: what they moved where.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Activity {
    /// Text changes (saves of a new text).
    pub edits: i64,
    /// Words moved into `translated` (from untranslated, draft or rejected).
    pub translated_words: i64,
    pub approved_words: i64,
    pub rejected_words: i64,
    pub approvals: i64,
    pub rejections: i64,
}

/// One row of progress figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub group: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub segments: i64,
    pub words: i64,
    pub segments_by_status: BTreeMap<Status, i64>,
    pub words_by_status: BTreeMap<Status, i64>,
    pub translated_percent: f64,
    pub approved_percent: f64,
    /// Translator, reviewer and day rows: the events of that person or day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
}

/// The figures `progress --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub by: GroupBy,
    pub filter: Filter,
    pub groups: Vec<Row>,
    pub total: Row,
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (1000.0 * part as f64 / whole as f64).round() / 10.0
    }
}

/// Count units (segment count and words, per status) into a row.
fn count<'a>(group: String, units: impl IntoIterator<Item = (&'a Unit, Status)>) -> Row {
    let mut segments_by_status: BTreeMap<Status, i64> =
        Status::ALL.iter().map(|s| (*s, 0)).collect();
    let mut words_by_status = segments_by_status.clone();
    for (u, status) in units {
        *segments_by_status.entry(status).or_default() += 1;
        *words_by_status.entry(status).or_default() += u.words;
    }
    row_from(group, segments_by_status, words_by_status)
}

/// A row from its per-status counts (the totals and percentages follow).
fn row_from(
    group: String,
    segments_by_status: BTreeMap<Status, i64>,
    words_by_status: BTreeMap<Status, i64>,
) -> Row {
    let words: i64 = words_by_status.values().sum();
    let done = words_by_status[&Status::Translated] + words_by_status[&Status::Approved];
    Row {
        group,
        document: None,
        lang: None,
        segments: segments_by_status.values().sum(),
        words,
        translated_percent: percent(done, words),
        approved_percent: percent(words_by_status[&Status::Approved], words),
        segments_by_status,
        words_by_status,
        activity: None,
    }
}

impl Activity {
    fn add(&mut self, e: &LogEvent) {
        if e.kind == "edit" {
            self.edits += 1;
        }
        match e.to {
            Some(Status::Translated) if e.from != Some(Status::Translated) => {
                self.translated_words += e.words
            }
            Some(Status::Approved) => {
                self.approvals += 1;
                self.approved_words += e.words;
            }
            Some(Status::Rejected) => {
                self.rejections += 1;
                self.rejected_words += e.words;
            }
            _ => {}
        }
    }
}

/// Rows per person: the units whose last `pick`-ed event is theirs, plus the
/// activity of every event they made that `counts` for the role.
fn by_person(
    units: &[Unit],
    events: &[LogEvent],
    nobody: &str,
    is_role_event: impl Fn(&LogEvent) -> bool,
) -> Vec<Row> {
    let mut last: HashMap<(i64, &str), &str> = HashMap::new();
    let mut activity: BTreeMap<&str, Activity> = BTreeMap::new();
    for e in events.iter().filter(|e| is_role_event(e)) {
        last.insert((e.segment_id, e.lang.as_str()), e.actor.as_str());
        activity.entry(e.actor.as_str()).or_default().add(e);
    }
    let mut groups: BTreeMap<&str, Vec<&Unit>> = activity.keys().map(|a| (*a, vec![])).collect();
    for u in units {
        let who = last
            .get(&(u.segment_id, u.lang.as_str()))
            .copied()
            .unwrap_or(nobody);
        groups.entry(who).or_default().push(u);
    }
    let mut rows: Vec<Row> = groups
        .into_iter()
        .map(|(who, us)| {
            let mut row = count(who.to_string(), us.into_iter().map(current));
            row.activity = Some(activity.remove(who).unwrap_or_default());
            row
        })
        .collect();
    // The "nobody yet" group goes last.
    rows.sort_by_key(|r| r.group == nobody);
    rows
}

fn current(u: &Unit) -> (&Unit, Status) {
    (u, u.status)
}

/// One row per UTC day from the first event to the last: statuses at the end
/// of the day (the log replayed so far) and that day's activity.
fn by_day(units: &[Unit], events: &[LogEvent]) -> Vec<Row> {
    let (Some(first), Some(last)) = (
        events.iter().map(|e| e.day.as_str()).min(),
        events.iter().map(|e| e.day.as_str()).max(),
    ) else {
        return Vec::new();
    };
    let parse = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let (Some(mut day), Some(end)) = (parse(first), parse(last)) else {
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
    let mut segments: BTreeMap<Status, i64> = Status::ALL.iter().map(|s| (*s, 0)).collect();
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

/// Progress figures for a document (or all) and a language (or both), grouped
/// by `by`, from one snapshot of the database (a writer committing meanwhile
/// cannot make the figures disagree).
pub fn progress(
    store: &Store,
    doc: Option<&Document>,
    lang: Option<Lang>,
    by: GroupBy,
) -> Result<Progress> {
    store.read(|r| count_progress(r, doc, lang, by))
}

fn count_progress(
    conn: &Reader,
    doc: Option<&Document>,
    lang: Option<Lang>,
    by: GroupBy,
) -> Result<Progress> {
    let doc_id = doc.map(|d| d.id);
    let lang_code = lang.map(Lang::code);
    let units = conn.work_items(doc_id, lang_code)?;
    let groups = match by {
        GroupBy::Doc | GroupBy::Lang => {
            // Units come in document order, languages within each: keep it.
            let mut index: HashMap<(String, String), usize> = HashMap::new();
            let mut keyed: Vec<((String, String), Vec<&Unit>)> = Vec::new();
            for u in &units {
                let doc_key = if by == GroupBy::Doc {
                    u.document.clone()
                } else {
                    String::new()
                };
                let key = (doc_key, u.lang.clone());
                let i = *index.entry(key.clone()).or_insert_with(|| {
                    keyed.push((key, Vec::new()));
                    keyed.len() - 1
                });
                keyed[i].1.push(u);
            }
            keyed
                .into_iter()
                .map(|((d, l), list)| {
                    let label = if d.is_empty() {
                        l.clone()
                    } else {
                        format!("{d}/{l}")
                    };
                    let mut row = count(label, list.into_iter().map(current));
                    row.document = (!d.is_empty()).then_some(d);
                    row.lang = Some(l);
                    row
                })
                .collect()
        }
        GroupBy::Translator => {
            let events = conn.activity_events(doc_id, lang_code)?;
            by_person(&units, &events, "(untranslated)", |e| {
                e.kind == "edit" || e.to == Some(Status::Translated)
            })
        }
        GroupBy::Reviewer => {
            let events = conn.activity_events(doc_id, lang_code)?;
            by_person(&units, &events, "(not reviewed)", |e| {
                matches!(e.to, Some(Status::Approved | Status::Rejected))
            })
        }
        GroupBy::Day => by_day(&units, &conn.activity_events(doc_id, lang_code)?),
    };
    let mut total = count("total".into(), units.iter().map(current));
    if groups.iter().any(|r| r.activity.is_some()) {
        let mut sum = Activity::default();
        for a in groups.iter().filter_map(|r| r.activity.as_ref()) {
            sum.edits += a.edits;
            sum.translated_words += a.translated_words;
            sum.approved_words += a.approved_words;
            sum.rejected_words += a.rejected_words;
            sum.approvals += a.approvals;
            sum.rejections += a.rejections;
        }
        total.activity = Some(sum);
    }
    Ok(Progress {
        by,
        filter: Filter {
            document: doc.map(|d| d.name.clone()),
            lang: lang_code.map(str::to_string),
        },
        groups,
        total,
    })
}

#[cfg(test)]
mod tests;
