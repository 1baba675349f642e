//! The event log read back as the review workflow needs it: a segment's latest
//! rejection and last editor, every status move in log order (for replay),
//! and the statuses the translations table holds now.

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::store::model::{Rejection, Status, StatusMove};
use crate::store::Reader;
use crate::text::Lang;

impl Reader {
    /// The most recent rejection event of a segment in `lang` (whether or not
    /// the segment is still rejected).
    pub fn latest_rejection(&self, segment_id: i64, lang: Lang) -> Result<Option<Rejection>> {
        Ok(self
            .db
            .conn()
            .query_row(
                "SELECT actor, at, coalesce(comment, '') FROM review_events
                 WHERE segment_id = ?1 AND lang = ?2 AND to_status = 'rejected'
                 ORDER BY id DESC LIMIT 1",
                params![segment_id, lang.code()],
                |r| {
                    Ok(Rejection {
                        actor: r.get(0)?,
                        at: r.get(1)?,
                        comment: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Who made the last text change of a segment in `lang` (the translator).
    pub fn last_editor(&self, segment_id: i64, lang: Lang) -> Result<Option<String>> {
        Ok(self
            .db
            .conn()
            .query_row(
                "SELECT actor FROM review_events WHERE segment_id = ?1 AND lang = ?2 AND kind = 'edit'
                 ORDER BY id DESC LIMIT 1",
                params![segment_id, lang.code()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every status move of the log, in log order.
    pub fn status_moves(&self) -> Result<Vec<StatusMove>> {
        let mut stmt = self.db.conn().prepare(
            "SELECT segment_id, lang, from_status, to_status FROM review_events
             WHERE to_status IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(StatusMove {
                segment_id: r.get(0)?,
                lang: r.get(1)?,
                from: r.get(2)?,
                to: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The status of every (segment, language) the translations table holds.
    pub fn current_statuses(&self) -> Result<Vec<((i64, String), Status)>> {
        let mut stmt = self
            .db
            .conn()
            .prepare("SELECT segment_id, lang, status FROM translations")?;
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(2)?;
            Ok((
                (r.get(0)?, r.get(1)?),
                status.parse().unwrap_or(Status::Draft),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
