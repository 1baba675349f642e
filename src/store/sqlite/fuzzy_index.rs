//! The fuzzy-match index tables (`fuzzy_stems`, `fuzzy_delta`, `fuzzy_units`,
//! schema version 2) and their maintenance on every write to the memory.
//!
//! Why here and not in `fuzzy`: every write to `tm_units`/`tm_variants` happens
//! in `store`, and `store` must not depend on a feature module. So the tables
//! and the SQL that keeps them current live in this store submodule, and the
//! scoring and retrieval logic in `crate::fuzzy`.
//!
//! Two write paths:
//! * [`on_unit_written`]: one unit (a saved translation): rows in `fuzzy_units`
//!   and `fuzzy_delta`, a few statements, found by the next lookup.
//! * [`BulkIndexer`] / [`index_units`] / [`rebuild`]: many units at once (TMX
//!   import, `bulk`). Postings are gathered in memory and written as one blob
//!   per stem; the delta rows are folded into the blobs at the same time.
//!
//! A unit is indexed when it has a Kazakh variant (its first one is the
//! source); its `targets` record which target languages it can supply.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;
use crate::text::stem::word_stems;
use crate::text::Lang;

mod bulk;
mod lookup;
pub use bulk::{BulkIndexer, NewPostings, StemDict, UnitStems, INSERT_FUZZY_UNIT};
pub use lookup::{Source, StoredIndex};

/// The version of the stems the index holds. Bump it whenever `text::stem`
/// or the tokenizer changes what a unit's stems are: the next write rebuilds
/// the index, and until then lookups score every unit (exact, slower).
pub const INDEX_VERSION: &str = "stems-3";

/// True when the index was built by this version's stemmer (or is empty and new).
pub fn is_current(conn: &Connection) -> Result<bool> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM fuzzy_meta WHERE key = 'version'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(match stored {
        Some(v) => v == INDEX_VERSION,
        None => conn
            .prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM tm_units)")?
            .query_row([], |r| r.get(0))?,
    })
}

fn mark_current(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO fuzzy_meta (key, value) VALUES ('version', ?1)")?
        .execute([INDEX_VERSION])?;
    Ok(())
}

/// Rebuild the index if another stemmer version built it. Returns true if it did.
pub fn ensure_current(tx: &Transaction<'_>) -> Result<bool> {
    if is_current(tx)? {
        return Ok(false);
    }
    rebuild(tx)?;
    Ok(true)
}

/// Bit of a target language in `fuzzy_units.targets`.
pub fn target_bit(primary_lang: &str) -> u8 {
    match primary_lang {
        "en" => 1,
        "ru" => 2,
        _ => 0,
    }
}

/// The source (first Kazakh variant's match key) and target bits of one unit.
fn unit_source(conn: &Connection, unit_id: i64) -> Result<Option<(String, u8)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT primary_lang, plain FROM tm_variants WHERE unit_id = ?1 ORDER BY ord",
    )?;
    let mut rows = stmt.query([unit_id])?;
    let (mut source, mut targets) = (None, 0u8);
    while let Some(r) = rows.next()? {
        let lang: String = r.get(0)?;
        if lang == "kk" && source.is_none() {
            source = Some(crate::text::match_key(&r.get::<_, String>(1)?));
        }
        targets |= target_bit(&lang);
    }
    Ok(source.map(|s| (s, targets)))
}

fn stem_id(tx: &Connection, stem: &str) -> Result<u32> {
    tx.prepare_cached("INSERT OR IGNORE INTO fuzzy_stems (stem) VALUES (?1)")?
        .execute([stem])?;
    let id: i64 = tx
        .prepare_cached("SELECT id FROM fuzzy_stems WHERE stem = ?1")?
        .query_row([stem], |r| r.get(0))?;
    Ok(id as u32)
}

fn known_stem_id(tx: &Connection, stem: &str) -> Result<Option<u32>> {
    Ok(tx
        .prepare_cached("SELECT id FROM fuzzy_stems WHERE stem = ?1")?
        .query_row([stem], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|id| id as u32))
}

/// Index the units made from segments that have no index entry: those a
/// save wrote while an import was numbering new stems (see `on_unit_written`).
pub fn index_left_out_units(tx: &Transaction<'_>, bulk: &mut BulkIndexer) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare(
            "SELECT u.id FROM tm_units u WHERE u.segment_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM fuzzy_units f WHERE f.unit_id = u.id)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        if let Some((key, targets)) = unit_source(tx, id)? {
            bulk.add(tx, id, &key, targets)?;
        }
    }
    Ok(())
}

/// Keep the index current after a unit was inserted or changed (or deleted:
/// its row then goes). Call inside the transaction that wrote the unit.
pub fn on_unit_written(tx: &Transaction<'_>, unit_id: i64) -> Result<()> {
    if ensure_current(tx)? {
        return Ok(()); // the rebuild has indexed this unit too
    }
    let Some((key, targets)) = unit_source(tx, unit_id)? else {
        tx.execute("DELETE FROM fuzzy_units WHERE unit_id = ?1", [unit_id])?;
        return Ok(());
    };
    let stems = word_stems(&key, Lang::Kk);
    let mut ids = Vec::with_capacity(stems.len());
    if crate::store::sqlite::tm::import_in_progress(tx)? {
        // The running import numbers new stems itself: take known ones only,
        // and leave a unit with a new stem to the import's final switch.
        for s in &stems {
            match known_stem_id(tx, s)? {
                Some(id) => ids.push(id),
                None => {
                    tx.execute("DELETE FROM fuzzy_units WHERE unit_id = ?1", [unit_id])?;
                    return Ok(());
                }
            }
        }
    } else {
        for s in &stems {
            ids.push(stem_id(tx, s)?);
        }
    }
    tx.prepare_cached(
        "INSERT OR REPLACE INTO fuzzy_units (unit_id, words, stems, targets) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![unit_id, ids.len() as i64, encode_stems(&ids), targets])?;
    let mut insert =
        tx.prepare_cached("INSERT OR IGNORE INTO fuzzy_delta (stem_id, unit_id) VALUES (?1, ?2)")?;
    for id in ids {
        insert.execute(params![id, unit_id])?;
    }
    Ok(())
}

/// Index the given units (new or changed) in bulk.
pub fn index_units(tx: &Transaction<'_>, unit_ids: &[i64]) -> Result<()> {
    if ensure_current(tx)? {
        return Ok(());
    }
    let mut bulk = BulkIndexer::new(tx)?;
    for &id in unit_ids {
        match unit_source(tx, id)? {
            Some((key, targets)) => bulk.add(tx, id, &key, targets)?,
            None => {
                tx.execute("DELETE FROM fuzzy_units WHERE unit_id = ?1", [id])?;
            }
        }
    }
    bulk.finish(tx)
}

/// Drop and rebuild the whole index from the memory.
pub fn rebuild(tx: &Transaction<'_>) -> Result<()> {
    tx.execute_batch("DELETE FROM fuzzy_delta; DELETE FROM fuzzy_units; DELETE FROM fuzzy_stems;")?;
    let bulk = BulkIndexer::over_current_tables(tx)?;
    index_variants_from(tx, bulk, 0)
}

/// Index, in bulk, every unit added after the last indexed one (for a writer
/// that inserted units without indexing them; the TMX import indexes its
/// units as it inserts them instead). Rowids only grow, and every other
/// write indexes its unit at once, so the new units are exactly these.
pub fn index_new_units(tx: &Transaction<'_>) -> Result<()> {
    let bulk = BulkIndexer::new(tx)?;
    let last: i64 = tx.query_row(
        "SELECT coalesce(max(unit_id), 0) FROM fuzzy_units",
        [],
        |r| r.get(0),
    )?;
    index_variants_from(tx, bulk, last)
}

/// Stream the variants of units with id > `after` into `bulk`, then finish it.
fn index_variants_from(tx: &Transaction<'_>, mut bulk: BulkIndexer, after: i64) -> Result<()> {
    // Ordered by unit only (the index on unit_id gives that without a sort);
    // the source is the Kazakh variant with the lowest `ord`.
    let mut stmt = tx.prepare(
        "SELECT unit_id, ord, primary_lang, plain FROM tm_variants WHERE unit_id > ?1 ORDER BY unit_id",
    )?;
    let mut rows = stmt.query([after])?;
    // The unit being gathered: id, (ord, plain text) of its source, target bits.
    type Gathered = (i64, Option<(i64, String)>, u8);
    let mut current: Option<Gathered> = None;
    let flush = |cur: Option<Gathered>, bulk: &mut BulkIndexer| -> Result<()> {
        if let Some((id, Some((_, plain)), targets)) = cur {
            bulk.add(tx, id, &crate::text::match_key(&plain), targets)?;
        }
        Ok(())
    };
    while let Some(r) = rows.next()? {
        let (unit, ord, lang): (i64, i64, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if current.as_ref().is_none_or(|c| c.0 != unit) {
            flush(current.take(), &mut bulk)?;
            current = Some((unit, None, 0));
        }
        if let Some(c) = current.as_mut() {
            if lang == "kk" && c.1.as_ref().is_none_or(|(o, _)| ord < *o) {
                c.1 = Some((ord, r.get(3)?));
            }
            c.2 |= target_bit(&lang);
        }
    }
    flush(current.take(), &mut bulk)?;
    drop(rows);
    drop(stmt);
    bulk.finish(tx)
}

/// Stem ids as stored in `fuzzy_units.stems`.
pub fn encode_stems(ids: &[u32]) -> Vec<u8> {
    ids.iter().flat_map(|i| i.to_le_bytes()).collect()
}

pub fn decode_stems(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Sorted unit ids as gaps in LEB128 varints.
pub fn encode_postings(sorted: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sorted.len() * 2);
    let mut prev = 0u32;
    for &id in sorted {
        push_varint(&mut out, id - prev);
        prev = id;
    }
    out
}

/// Append one LEB128 varint.
fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

pub fn decode_postings(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::with_capacity(bytes.len());
    let (mut prev, mut cur, mut shift) = (0u32, 0u32, 0u32);
    for &b in bytes {
        cur |= ((b & 0x7f) as u32) << shift;
        if b & 0x80 == 0 {
            prev += cur;
            out.push(prev);
            cur = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
    out
}

impl crate::store::Writer<'_> {
    /// Keep the index current after a unit was inserted or changed.
    pub fn index_unit(&self, unit_id: i64) -> Result<()> {
        on_unit_written(&self.tx, unit_id)
    }

    /// Index the given units (new or changed) in bulk.
    pub fn index_units(&self, unit_ids: &[i64]) -> Result<()> {
        index_units(&self.tx, unit_ids)
    }

    /// Index, in bulk, every unit added since the last indexed one.
    pub fn index_new_units(&self) -> Result<()> {
        index_new_units(&self.tx)
    }

    /// Drop and rebuild the whole index from the memory.
    pub fn rebuild_index(&self) -> Result<()> {
        rebuild(&self.tx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_round_trip() {
        let ids = vec![1, 2, 130, 20_000, 4_000_000_000];
        assert_eq!(decode_postings(&encode_postings(&ids)), ids);
        assert_eq!(decode_stems(&encode_stems(&[7, 1 << 30])), vec![7, 1 << 30]);
    }
}
