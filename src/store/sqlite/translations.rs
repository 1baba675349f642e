//! Translations of segments, their history (every replaced version) and the
//! append-only event log. Rules about which status moves are allowed live in
//! `review`; this module records whatever it is asked to, atomically.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::store::model::{Event, HistoryEntry, NewEvent, Status, Translation, Write};
use crate::store::{Reader, Writer};
use crate::text::Lang;

const COLUMNS: &str =
    "segment_id, lang, text, status, author, changed_at, origin, origin_score, origin_unit, version, translator, unit_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Translation> {
    let status: String = r.get(3)?;
    Ok(Translation {
        segment_id: r.get(0)?,
        lang: r.get(1)?,
        text: r.get(2)?,
        status: status.parse().unwrap_or(Status::Draft),
        author: r.get(4)?,
        changed_at: r.get(5)?,
        origin: r.get(6)?,
        origin_score: r.get(7)?,
        origin_unit: r.get(8)?,
        version: r.get(9)?,
        translator: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
        unit_id: r.get(11)?,
    })
    .map(|mut t: Translation| {
        if t.translator.is_empty() {
            t.translator = t.author.clone();
        }
        t
    })
}

/// The current translation, if any.
pub fn current(conn: &Connection, segment_id: i64, lang: Lang) -> Result<Option<Translation>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM translations WHERE segment_id = ?1 AND lang = ?2"),
            params![segment_id, lang.code()],
            from_row,
        )
        .optional()?)
}

/// Every current translation of a document's segments into `lang`, by segment id.
pub fn for_document(
    conn: &Connection,
    document_id: i64,
    lang: Lang,
) -> Result<std::collections::HashMap<i64, Translation>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM translations t JOIN segments s ON s.id = t.segment_id WHERE s.document_id = ?1 AND t.lang = ?2 AND s.removed_at IS NULL",
        COLUMNS
            .split(", ")
            .map(|c| format!("t.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let rows = stmt.query_map(params![document_id, lang.code()], from_row)?;
    let mut map = std::collections::HashMap::new();
    for t in rows {
        let t = t?;
        map.insert(t.segment_id, t);
    }
    Ok(map)
}

/// Replaced versions, oldest first.
pub fn history(conn: &Connection, segment_id: i64, lang: Lang) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare(
        "SELECT version, text, status, author, changed_at, origin, origin_score, replaced_at, replaced_by,
                COALESCE(translator, author)
         FROM translation_history WHERE segment_id = ?1 AND lang = ?2 ORDER BY version, id",
    )?;
    let rows = stmt.query_map(params![segment_id, lang.code()], |r| {
        Ok(HistoryEntry {
            version: r.get(0)?,
            text: r.get(1)?,
            status: r.get(2)?,
            author: r.get(3)?,
            changed_at: r.get(4)?,
            origin: r.get(5)?,
            origin_score: r.get(6)?,
            replaced_at: r.get(7)?,
            replaced_by: r.get(8)?,
            translator: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Events of a segment, oldest first.
pub fn events(conn: &Connection, segment_id: i64, lang: Lang) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare(
        "SELECT id, segment_id, lang, actor, at, kind, from_status, to_status, words, comment
         FROM review_events WHERE segment_id = ?1 AND lang = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![segment_id, lang.code()], event_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        id: r.get(0)?,
        segment_id: r.get(1)?,
        lang: r.get(2)?,
        actor: r.get(3)?,
        at: r.get(4)?,
        kind: r.get(5)?,
        from_status: r.get(6)?,
        to_status: r.get(7)?,
        words: r.get(8)?,
        comment: r.get(9)?,
    })
}

/// Append an event to the log.
#[allow(clippy::too_many_arguments)]
pub fn log_event(
    tx: &Transaction<'_>,
    segment_id: i64,
    lang: Lang,
    actor: &str,
    kind: &str,
    from: Option<Status>,
    to: Option<Status>,
    comment: Option<&str>,
) -> Result<()> {
    let words: i64 = tx.query_row(
        "SELECT words FROM segments WHERE id = ?1",
        [segment_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO review_events (segment_id, lang, actor, at, kind, from_status, to_status, words, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            segment_id,
            lang.code(),
            actor,
            super::now(),
            kind,
            from.filter(|s| *s != Status::Untranslated).map(Status::as_str),
            to.map(Status::as_str),
            words,
            comment
        ],
    )?;
    Ok(())
}

/// Write a translation: the previous version (if any) goes to the history, the
/// version number goes up, and the change is logged as an event. Refused with
/// `Error::Conflict` when `expected_version` is given and somebody else wrote first.
pub fn write(tx: &Transaction<'_>, w: &Write<'_>) -> Result<Translation> {
    let old = current(tx, w.segment_id, w.lang)?;
    let old_version = old.as_ref().map_or(0, |t| t.version);
    if let Some(expected) = w.expected_version {
        if expected != old_version {
            let theirs = old
                .as_ref()
                .map(|t| {
                    format!(
                        "{:?} ({}, by {} at {})",
                        t.text, t.status, t.author, t.changed_at
                    )
                })
                .unwrap_or_else(|| "no translation".into());
            return Err(Error::Conflict(format!(
                "segment changed by someone else since it was shown; theirs: {theirs}; yours: {:?}; nothing saved",
                w.text
            )));
        }
    }
    let now = super::now();
    if let Some(o) = &old {
        tx.execute(
            "INSERT INTO translation_history (segment_id, lang, version, text, status, author, changed_at, origin, origin_score, replaced_at, replaced_by, translator)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![o.segment_id, o.lang, o.version, o.text, o.status.as_str(), o.author, o.changed_at, o.origin, o.origin_score, now, w.user, o.translator],
        )?;
    }
    let text_changed = old.as_ref().is_none_or(|t| t.text != w.text);
    // A status change (an approval, say) keeps the text's translator and unit.
    let (translator, unit_id) = match &old {
        Some(o) if !text_changed => (o.translator.as_str(), o.unit_id),
        _ => (w.user, None),
    };
    tx.execute(
        "INSERT INTO translations (segment_id, lang, text, status, author, changed_at, origin, origin_score, origin_unit, version, translator, unit_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (segment_id, lang) DO UPDATE SET text = excluded.text, status = excluded.status,
           author = excluded.author, changed_at = excluded.changed_at, origin = excluded.origin,
           origin_score = excluded.origin_score, origin_unit = excluded.origin_unit, version = excluded.version,
           translator = excluded.translator, unit_id = excluded.unit_id",
        params![w.segment_id, w.lang.code(), w.text, w.status.as_str(), w.user, now, w.origin, w.origin_score, w.origin_unit, old_version + 1, translator, unit_id],
    )?;
    let old_status = old.as_ref().map_or(Status::Untranslated, |t| t.status);
    let kind = if text_changed { "edit" } else { "status" };
    log_event(
        tx,
        w.segment_id,
        w.lang,
        w.user,
        kind,
        Some(old_status),
        Some(w.status),
        w.comment,
    )?;
    current(tx, w.segment_id, w.lang)?.ok_or_else(|| Error::Conflict("translation vanished".into()))
}

impl Reader {
    /// The current translation of a segment into `lang`, if any.
    pub fn current_translation(&self, segment_id: i64, lang: Lang) -> Result<Option<Translation>> {
        current(self.db.conn(), segment_id, lang)
    }

    /// Every current translation of a document's segments into `lang`, by segment id.
    pub fn translations_of(
        &self,
        document_id: i64,
        lang: Lang,
    ) -> Result<HashMap<i64, Translation>> {
        for_document(self.db.conn(), document_id, lang)
    }

    /// Replaced versions of a segment's translation, oldest first.
    pub fn history(&self, segment_id: i64, lang: Lang) -> Result<Vec<HistoryEntry>> {
        history(self.db.conn(), segment_id, lang)
    }

    /// The event log of a segment in `lang`, oldest first.
    pub fn events(&self, segment_id: i64, lang: Lang) -> Result<Vec<Event>> {
        events(self.db.conn(), segment_id, lang)
    }
}

impl Writer<'_> {
    /// Write a translation (see [`write`]): history, version and event log.
    pub fn save_translation(&self, w: &Write<'_>) -> Result<Translation> {
        write(&self.tx, w)
    }

    /// Append an event without changing the translation (a comment, say).
    pub fn log_event(&self, event: &NewEvent<'_>) -> Result<()> {
        log_event(
            &self.tx,
            event.segment_id,
            event.lang,
            event.actor,
            event.kind,
            event.from,
            event.to,
            event.comment,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Sentence;
    use crate::store::{NewDocument, Store};

    fn store_with_doc() -> (Store, i64) {
        let mut store = Store::in_memory().unwrap();
        let s = vec![Sentence {
            paragraph: 1,
            text: "Бір сөйлем.".into(),
        }];
        let doc = NewDocument {
            name: "d",
            file_name: "d.txt",
            lang: Lang::Kk,
            text: "Бір сөйлем.",
            sentences: &s,
            replace: false,
            removal_confirmed: false,
        };
        let rep = store.write(|w| w.import_document(&doc)).unwrap();
        let seg = store.segments_of(rep.document.id).unwrap()[0].id;
        (store, seg)
    }

    fn w<'a>(seg: i64, text: &'a str, expected: Option<i64>) -> Write<'a> {
        Write {
            segment_id: seg,
            lang: Lang::En,
            text,
            status: Status::Translated,
            user: "aigerim",
            origin: "typed",
            origin_score: None,
            origin_unit: None,
            expected_version: expected,
            comment: None,
        }
    }

    #[test]
    fn replaced_versions_go_to_history() {
        let (mut store, seg) = store_with_doc();
        let t = store
            .write(|tx| {
                tx.save_translation(&w(seg, "One sentence.", Some(0)))?;
                tx.save_translation(&w(seg, "A sentence.", Some(1)))
            })
            .unwrap();
        assert_eq!(t.version, 2);
        let h = store.history(seg, Lang::En).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].text, "One sentence.");
        assert_eq!(store.events(seg, Lang::En).unwrap().len(), 2);
    }

    #[test]
    fn stale_version_is_refused_and_shows_both() {
        let (mut store, seg) = store_with_doc();
        let err = store
            .write(|tx| {
                tx.save_translation(&w(seg, "Theirs.", Some(0)))?;
                tx.save_translation(&w(seg, "Mine.", Some(0)))
            })
            .unwrap_err()
            .to_string();
        assert!(err.contains("Theirs.") && err.contains("Mine."), "{err}");
    }
}
