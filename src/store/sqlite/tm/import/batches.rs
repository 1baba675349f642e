//! Committing a long TMX import in short batches, so a translator's save is
//! never kept waiting for long (issue 13), while the import stays all or
//! nothing for everybody else: its files are *pending* until one final
//! switch, and every read of the memory leaves pending units out
//! (`tm::VISIBLE`). A failed import removes what its batches wrote; one that
//! died (kill -9) leaves pending files whose heartbeat goes stale, and the
//! next import removes them.

use std::time::{Duration, Instant};

use rusqlite::{params_from_iter, Transaction};

use crate::error::Result;

/// How long one batch may hold the write lock.
pub const BATCH: Duration = Duration::from_millis(400);
/// How long the importer stays off the lock between batches: several polls
/// of a waiting writer's busy handler (`sqlite::BUSY_POLL`), so it gets in.
pub const YIELD: Duration = Duration::from_millis(20);

/// The batches of one import and the files it has made pending.
pub struct Batches {
    /// False: one transaction for the whole import (`--on-duplicate update`
    /// deletes stored units, which a failure could not give back).
    enabled: bool,
    started: Instant,
    committed: bool,
    file_ids: Vec<i64>,
}

impl Batches {
    pub fn new(enabled: bool) -> Batches {
        Batches {
            enabled,
            started: Instant::now(),
            committed: false,
            file_ids: Vec::new(),
        }
    }

    /// Whether an earlier batch was committed (a failure must then clean up).
    pub fn committed(&self) -> bool {
        self.committed
    }

    pub fn file_ids(&self) -> &[i64] {
        &self.file_ids
    }

    /// A file of this import, pending until [`switch`](Self::switch).
    pub fn add_file(&mut self, id: i64) {
        self.file_ids.push(id);
    }

    /// Commit the batch and start the next one once the batch has held the
    /// lock for [`BATCH`], letting waiting writers in between.
    pub fn maybe_commit(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if !self.enabled || self.started.elapsed() < BATCH {
            return Ok(());
        }
        self.heartbeat(tx)?;
        tx.execute_batch("COMMIT")?;
        self.committed = true;
        std::thread::sleep(YIELD);
        tx.execute_batch("BEGIN IMMEDIATE")?;
        self.started = Instant::now();
        Ok(())
    }

    fn heartbeat(&self, tx: &Transaction<'_>) -> Result<()> {
        if self.file_ids.is_empty() {
            return Ok(());
        }
        let marks = vec!["?"; self.file_ids.len()].join(", ");
        let mut values: Vec<rusqlite::types::Value> = vec![crate::store::now().into()];
        values.extend(self.file_ids.iter().map(|id| (*id).into()));
        tx.execute(
            &format!("UPDATE tmx_files SET pending_since = ?1 WHERE id IN ({marks})"),
            params_from_iter(values.iter()),
        )?;
        Ok(())
    }

    /// The final switch: the import's units become visible, all at once.
    pub fn switch(&self, tx: &Transaction<'_>) -> Result<()> {
        let mut stmt = tx.prepare("UPDATE tmx_files SET pending_since = NULL WHERE id = ?1")?;
        for id in &self.file_ids {
            stmt.execute([id])?;
        }
        Ok(())
    }
}

/// Remove pending files and everything their batches wrote.
pub fn remove_pending(tx: &Transaction<'_>, file_ids: &[i64]) -> Result<()> {
    for id in file_ids {
        tx.execute(
            "DELETE FROM fuzzy_units WHERE unit_id IN (SELECT id FROM tm_units WHERE tmx_file_id = ?1)",
            [id],
        )?;
        tx.execute(
            "DELETE FROM tm_variants WHERE unit_id IN (SELECT id FROM tm_units WHERE tmx_file_id = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM tm_units WHERE tmx_file_id = ?1", [id])?;
        tx.execute(
            "DELETE FROM tmx_files WHERE id = ?1 AND pending_since IS NOT NULL",
            [id],
        )?;
    }
    Ok(())
}

/// Remove the pending files of imports that died (stale heartbeat).
pub fn remove_abandoned(tx: &Transaction<'_>) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM tmx_files WHERE pending_since IS NOT NULL AND pending_since < ?1")?
        .query_map([super::super::heartbeat_cutoff()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    remove_pending(tx, &ids)
}
