//! Damage and time travel for the crate's unit tests only: events dated in
//! the past, events lost. Compiled with `cfg(test)`.

use crate::error::Result;
use crate::store::{Reader, Status};

impl Reader {
    /// Date every event (or only the latest) at `at`.
    pub fn backdate_events(&self, at: &str, only_latest: bool) -> Result<()> {
        let sql = if only_latest {
            "UPDATE review_events SET at = ?1 WHERE id = (SELECT max(id) FROM review_events)"
        } else {
            "UPDATE review_events SET at = ?1"
        };
        self.db.conn().execute(sql, [at])?;
        Ok(())
    }

    /// Delete the log's events that moved a segment to `status`.
    pub fn lose_events_to(&self, status: Status) -> Result<()> {
        self.db.conn().execute(
            "DELETE FROM review_events WHERE to_status = ?1",
            [status.as_str()],
        )?;
        Ok(())
    }
}
