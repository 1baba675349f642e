//! Read-only lookups the session shows: document progress, a rejected
//! segment's last reviewer comment.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::text::Lang;

/// Progress of a document in one language. "Done" means translated or approved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub segments_total: i64,
    pub segments_done: i64,
    pub segments_draft: i64,
    pub words_total: i64,
    pub words_done: i64,
}

/// Count the document's segments and words by status.
pub fn progress(conn: &Connection, document_id: i64, lang: Lang) -> Result<Progress> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(sum(s.words), 0),
                coalesce(sum(t.status IN ('translated', 'approved')), 0),
                coalesce(sum(CASE WHEN t.status IN ('translated', 'approved') THEN s.words ELSE 0 END), 0),
                coalesce(sum(t.status = 'draft'), 0)
         FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?2
         WHERE s.document_id = ?1",
        params![document_id, lang.code()],
        |r| {
            Ok(Progress {
                segments_total: r.get(0)?,
                words_total: r.get(1)?,
                segments_done: r.get(2)?,
                words_done: r.get(3)?,
                segments_draft: r.get(4)?,
            })
        },
    )?)
}
