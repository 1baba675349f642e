//! The read side of the index: what retrieval (`fuzzy::index`) asks of it, one
//! stem or unit at a time ([`StoredIndex`]) or whole, to hold it in memory
//! (`each_stem`, `each_indexed_unit`).

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};

use super::{decode_postings, decode_stems};
use crate::error::Result;
use crate::store::Reader;

/// Where retrieval reads the index from. Callbacks instead of returned
/// vectors, so an in-memory index never copies a posting list.
pub trait Source {
    /// Stem id and (approximate) number of units containing it.
    fn stem_info(&mut self, stem: &str) -> Result<Option<(u32, usize)>>;
    /// Units containing the stem, in one or more sorted runs (possibly with
    /// repeats and stale ids: callers only use them as an upper bound).
    fn postings(&mut self, stem_id: u32, f: &mut dyn FnMut(&[u32])) -> Result<()>;
    /// The current stems and target bits of a unit; false if it is not indexed.
    fn unit(&mut self, unit_id: i64, f: &mut dyn FnMut(&[u32], u8)) -> Result<bool>;
    /// Every indexed unit (sequential fallback).
    fn scan(&mut self, f: &mut dyn FnMut(i64, &[u32], u8)) -> Result<()>;
    /// The largest indexed unit id (sizes the candidate counters).
    fn max_unit_id(&mut self) -> Result<i64>;
}

/// The index as stored, read on demand (nothing loaded up front): what a
/// one-shot command uses.
pub struct StoredIndex<'r> {
    conn: &'r Connection,
}

/// What [`Reader::each_stem`] gives for each stem: (id, stem, posting list as
/// stored, units containing it).
pub type StemVisitor<'f> = dyn FnMut(u32, String, &[u8], u32) + 'f;

impl Reader {
    /// The stored index as a retrieval source.
    pub fn stored_index(&self) -> StoredIndex<'_> {
        StoredIndex {
            conn: self.db.conn(),
        }
    }

    /// Stem id and number of units containing it, if the index knows the stem.
    pub fn stem_info(&self, stem: &str) -> Result<Option<(u32, usize)>> {
        self.stored_index().stem_info(stem)
    }

    /// Units given a stem since its posting list was last written.
    pub fn delta_postings(&self, stem_id: u32) -> Result<Vec<u32>> {
        delta_postings(self.db.conn(), stem_id)
    }

    /// The current stems and target bits of a unit; false if it is not indexed.
    pub fn indexed_unit(&self, unit_id: i64, f: &mut dyn FnMut(&[u32], u8)) -> Result<bool> {
        stored_unit(self.db.conn(), unit_id, f)
    }

    /// Units indexed (or changed) since the posting lists were last written.
    pub fn units_in_delta(&self) -> Result<HashSet<i64>> {
        let mut stmt = self
            .db
            .conn()
            .prepare_cached("SELECT DISTINCT unit_id FROM fuzzy_delta")?;
        let ids = stmt
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Every stem: (id, stem, posting list as stored, units containing it).
    pub fn each_stem(&self, f: &mut StemVisitor<'_>) -> Result<()> {
        let mut stmt = self
            .db
            .conn()
            .prepare("SELECT id, stem, postings, df FROM fuzzy_stems")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let blob = r.get_ref(2)?.as_blob().unwrap_or_default();
            f(
                r.get::<_, i64>(0)? as u32,
                r.get(1)?,
                blob,
                r.get::<_, i64>(3)? as u32,
            );
        }
        Ok(())
    }

    /// Every indexed unit in id order: (unit id, stem ids, target bits).
    pub fn each_indexed_unit(&self, f: &mut dyn FnMut(i64, &[u32], u8)) -> Result<()> {
        let mut stmt = self
            .db
            .conn()
            .prepare("SELECT unit_id, stems, targets FROM fuzzy_units ORDER BY unit_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let stems = decode_stems(r.get_ref(1)?.as_blob().unwrap_or_default());
            f(r.get(0)?, &stems, r.get::<_, i64>(2)? as u8);
        }
        Ok(())
    }

    /// True when the index was built by this version's stemmer (or is empty and new).
    pub fn index_is_current(&self) -> Result<bool> {
        super::is_current(self.db.conn())
    }
}

fn delta_postings(conn: &Connection, stem_id: u32) -> Result<Vec<u32>> {
    let mut stmt = conn.prepare_cached("SELECT unit_id FROM fuzzy_delta WHERE stem_id = ?1")?;
    let ids = stmt
        .query_map([stem_id], |r| r.get::<_, i64>(0))?
        .map(|r| r.map(|v| v as u32))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn stored_unit(conn: &Connection, unit_id: i64, f: &mut dyn FnMut(&[u32], u8)) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT stems, targets FROM fuzzy_units WHERE unit_id = ?1")?;
    let found = stmt
        .query_row([unit_id], |r| {
            Ok((
                decode_stems(r.get_ref(0)?.as_blob()?),
                r.get::<_, i64>(1)? as u8,
            ))
        })
        .optional()?;
    Ok(match found {
        Some((stems, targets)) => {
            f(&stems, targets);
            true
        }
        None => false,
    })
}

impl Source for StoredIndex<'_> {
    fn stem_info(&mut self, stem: &str) -> Result<Option<(u32, usize)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, df FROM fuzzy_stems WHERE stem = ?1")?;
        Ok(stmt
            .query_row([stem], |r| {
                Ok((r.get::<_, i64>(0)? as u32, r.get::<_, i64>(1)? as usize))
            })
            .optional()?)
    }

    fn postings(&mut self, stem_id: u32, f: &mut dyn FnMut(&[u32])) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT postings FROM fuzzy_stems WHERE id = ?1")?;
        let ids = stmt
            .query_row([stem_id], |r| Ok(decode_postings(r.get_ref(0)?.as_blob()?)))
            .optional()?;
        f(&ids.unwrap_or_default());
        f(&delta_postings(self.conn, stem_id)?);
        Ok(())
    }

    fn unit(&mut self, unit_id: i64, f: &mut dyn FnMut(&[u32], u8)) -> Result<bool> {
        stored_unit(self.conn, unit_id, f)
    }

    fn scan(&mut self, f: &mut dyn FnMut(i64, &[u32], u8)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT unit_id, stems, targets FROM fuzzy_units")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let stems = decode_stems(r.get_ref(1)?.as_blob().unwrap_or_default());
            f(r.get(0)?, &stems, r.get::<_, i64>(2)? as u8);
        }
        Ok(())
    }

    fn max_unit_id(&mut self) -> Result<i64> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT max(coalesce((SELECT max(unit_id) FROM fuzzy_units), 0), coalesce((SELECT max(unit_id) FROM fuzzy_delta), 0))",
        )?;
        Ok(stmt.query_row([], |r| r.get(0))?)
    }
}
