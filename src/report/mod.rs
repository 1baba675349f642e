//! Progress figures per document and language, language, translator, reviewer,
//! person and day, computed from segments, translations and the event log; the
//! expected finish per language from the recent pace (`days`); and the
//! self-contained HTML report (`html`) that shows the same figures.
//!
//! The unit of work is a (segment, target language) pair: a document with 10
//! segments counts 10 per language, so a total over both languages counts
//! every word twice ("word-languages"); `source_words` counts it once.
//! Percentages are by words: "translated" means translated or approved (a
//! rejected or draft segment still needs the translator), "approved" means
//! approved. Days are UTC days of the log.
//!
//! It reads only (through one snapshot, `Store::read`) and must not change
//! anything; the HTML is self-contained (no scripts, fonts or network).

mod days;
pub mod html;
mod people;
mod svg;
mod tables;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

pub use self::days::{Forecast, Outlook, PACE_DAYS};
use crate::error::Result;
pub use crate::store::OpenComment;
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
    /// What each person did, from the event log, whatever their role
    Person,
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
    /// Comments written (`:c`), not counting rejection comments.
    pub comments: i64,
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
    /// Translator, reviewer, person and day rows: the events of that person or day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
}

/// The figures `progress --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub by: GroupBy,
    pub filter: Filter,
    pub groups: Vec<Row>,
    /// Every (segment, language) pair: each source word once per language.
    pub total: Row,
    /// The source segments and words, each counted once.
    pub source_segments: i64,
    pub source_words: i64,
    /// Per target language: work left, recent pace, expected finish.
    pub forecast: Vec<Forecast>,
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
        match e.kind.as_str() {
            "edit" => self.edits += 1,
            "comment" => self.comments += 1,
            _ => {}
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

    fn merge(&mut self, o: &Activity) {
        self.edits += o.edits;
        self.translated_words += o.translated_words;
        self.approved_words += o.approved_words;
        self.rejected_words += o.rejected_words;
        self.approvals += o.approvals;
        self.rejections += o.rejections;
        self.comments += o.comments;
    }
}

fn current(u: &Unit) -> (&Unit, Status) {
    (u, u.status)
}

/// Today's UTC date: the end of the pace window.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Progress figures for a document (or all) and a language (or both), grouped
/// by `by`, from one snapshot of the database (a writer committing meanwhile
/// cannot make the figures disagree); the forecast is as of `today()`.
pub fn progress(
    store: &Store,
    doc: Option<&Document>,
    lang: Option<Lang>,
    by: GroupBy,
) -> Result<Progress> {
    let today = today();
    store.read(|r| count_progress(r, doc, lang, by, today))
}

fn count_progress(
    conn: &Reader,
    doc: Option<&Document>,
    lang: Option<Lang>,
    by: GroupBy,
    today: NaiveDate,
) -> Result<Progress> {
    let doc_id = doc.map(|d| d.id);
    let lang_code = lang.map(Lang::code);
    let units = conn.work_items(doc_id, lang_code)?;
    let events = conn.activity_events(doc_id, lang_code)?;
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
        GroupBy::Translator => people::by_role(&units, &events, "(untranslated)", |e| {
            e.kind == "edit" || e.to == Some(Status::Translated)
        }),
        GroupBy::Reviewer => people::by_role(&units, &events, "(not reviewed)", |e| {
            matches!(e.to, Some(Status::Approved | Status::Rejected))
        }),
        GroupBy::Person => people::by_person(&units, &events),
        GroupBy::Day => days::by_day(&units, &events),
    };
    let mut total = count("total".into(), units.iter().map(current));
    if matches!(
        by,
        GroupBy::Translator | GroupBy::Reviewer | GroupBy::Person | GroupBy::Day
    ) {
        let mut sum = Activity::default();
        for a in groups.iter().filter_map(|r| r.activity.as_ref()) {
            sum.merge(a);
        }
        total.activity = Some(sum);
    }
    let mut seen = HashSet::new();
    let source_words = units
        .iter()
        .filter(|u| seen.insert(u.segment_id))
        .map(|u| u.words)
        .sum();
    Ok(Progress {
        by,
        filter: Filter {
            document: doc.map(|d| d.name.clone()),
            lang: lang_code.map(str::to_string),
        },
        groups,
        total,
        source_segments: seen.len() as i64,
        source_words,
        forecast: days::forecast(&units, &events, today),
    })
}

#[cfg(test)]
mod tests;
