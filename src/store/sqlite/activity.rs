//! The figures reports and the session count: (segment, language) pairs with
//! their status, the event log as activity, the comments and rejections no
//! edit has answered yet, a document's progress.

use rusqlite::params;

use crate::error::Result;
use crate::store::model::{ActivityEvent, DocumentProgress, OpenComment, Status, WorkItem};
use crate::store::Reader;
use crate::text::Lang;

fn parse_status(s: Option<String>) -> Option<Status> {
    s.and_then(|s| s.parse().ok())
}

impl Reader {
    /// Every (segment, target language) pair of a document (or all) in a language
    /// (or both), in document order, with its current status.
    pub fn work_items(&self, doc_id: Option<i64>, lang: Option<&str>) -> Result<Vec<WorkItem>> {
        let mut stmt = self.db.conn().prepare(
            "SELECT s.id, d.name, l.lang, s.words, t.status
         FROM segments s JOIN documents d ON d.id = s.document_id
         CROSS JOIN (SELECT 'en' AS lang UNION ALL SELECT 'ru') l
         LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = l.lang
         WHERE (?1 IS NULL OR d.id = ?1) AND (?2 IS NULL OR l.lang = ?2)
           AND s.removed_at IS NULL AND d.removed_at IS NULL
         ORDER BY d.id, l.lang, s.position",
        )?;
        let rows = stmt.query_map(params![doc_id, lang], |r| {
            Ok(WorkItem {
                segment_id: r.get(0)?,
                document: r.get(1)?,
                lang: r.get(2)?,
                words: r.get(3)?,
                status: parse_status(r.get(4)?).unwrap_or(Status::Untranslated),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The event log of a document (or all) in a language (or both), in log order.
    pub fn activity_events(
        &self,
        doc_id: Option<i64>,
        lang: Option<&str>,
    ) -> Result<Vec<ActivityEvent>> {
        let mut stmt = self.db.conn().prepare(
        "SELECT e.segment_id, e.lang, e.actor, substr(e.at, 1, 10), e.kind, e.from_status, e.to_status, e.words
         FROM review_events e JOIN segments s ON s.id = e.segment_id
         JOIN documents d ON d.id = s.document_id AND d.removed_at IS NULL
         WHERE (?1 IS NULL OR s.document_id = ?1) AND (?2 IS NULL OR e.lang = ?2)
         ORDER BY e.id",
    )?;
        let rows = stmt.query_map(params![doc_id, lang], |r| {
            Ok(ActivityEvent {
                segment_id: r.get(0)?,
                lang: r.get(1)?,
                actor: r.get(2)?,
                day: r.get(3)?,
                kind: r.get(4)?,
                from: parse_status(r.get(5)?),
                to: parse_status(r.get(6)?),
                words: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The open comments and rejections in the filter (see [`OpenComment`]),
    /// in document order, then language, then log order.
    pub fn open_comments(
        &self,
        doc_id: Option<i64>,
        lang: Option<Lang>,
    ) -> Result<Vec<OpenComment>> {
        let mut stmt = self.db.conn().prepare(
            "SELECT d.name, s.position, e.lang,
                CASE WHEN e.kind = 'comment' THEN 'comment' ELSE 'rejection' END,
                s.source, t.text, e.actor, e.at, coalesce(e.comment, '')
         FROM review_events e
         JOIN segments s ON s.id = e.segment_id
         JOIN documents d ON d.id = s.document_id
         LEFT JOIN translations t ON t.segment_id = e.segment_id AND t.lang = e.lang
         WHERE (e.kind = 'comment' OR e.to_status = 'rejected')
           AND NOT EXISTS (SELECT 1 FROM review_events a
               WHERE a.segment_id = e.segment_id AND a.lang = e.lang AND a.kind = 'edit' AND a.id > e.id)
           AND (?1 IS NULL OR d.id = ?1) AND (?2 IS NULL OR e.lang = ?2)
           AND s.removed_at IS NULL AND d.removed_at IS NULL
         ORDER BY d.id, s.position, e.lang, e.id",
        )?;
        let rows = stmt.query_map(params![doc_id, lang.map(Lang::code)], |r| {
            Ok(OpenComment {
                document: r.get(0)?,
                position: r.get(1)?,
                lang: r.get(2)?,
                kind: r.get(3)?,
                source: r.get(4)?,
                translation: r.get(5)?,
                by: r.get(6)?,
                at: r.get(7)?,
                comment: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Count a document's segments and words by status in `lang`.
    pub fn document_progress(&self, document_id: i64, lang: Lang) -> Result<DocumentProgress> {
        Ok(self.db.conn().query_row(
            "SELECT count(*), coalesce(sum(s.words), 0),
                    coalesce(sum(t.status IN ('translated', 'approved')), 0),
                    coalesce(sum(CASE WHEN t.status IN ('translated', 'approved') THEN s.words ELSE 0 END), 0),
                    coalesce(sum(t.status = 'draft'), 0)
             FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?2
             WHERE s.document_id = ?1 AND s.removed_at IS NULL",
            params![document_id, lang.code()],
            |r| {
                Ok(DocumentProgress {
                    segments_total: r.get(0)?,
                    words_total: r.get(1)?,
                    segments_done: r.get(2)?,
                    words_done: r.get(3)?,
                    segments_draft: r.get(4)?,
                })
            },
        )?)
    }
}
