//! Retrieval with exact recall over the stem index (`store::fuzzy_index`).
//!
//! For a query of `n` words and a threshold `t` (0..1), a unit of `m` words
//! can score ≥ t only if (with `N = max(n, m)`):
//! * length filter: `min(n, m) ≥ t·N`;
//! * count filter: the unit shares at least `⌈t·N⌉` stems with the query
//!   (multiset), because a word of another stem always costs a full edit;
//! * edit filter: the unit-cost edit distance of the stem sequences is at most
//!   `(1 − t)·N` (bit-parallel, `myers.rs`).
//!
//! Candidates come from a prefix filter: since `N ≥ n`, a qualifying unit
//! shares at least `k = ⌈t·n⌉` stems, so it must contain one of the query's
//! stems once the most frequent ones (together fewer than `k`) are left out.
//! Only the rarer stems' posting lists are read. Below `SEQUENTIAL_BELOW`
//! the prefix stops paying and every unit is scanned with the same filters.
//! No filter can drop a unit that scores at or above the threshold.
//!
//! Two index sources: [`SqlSource`] reads only what a query needs (one-shot
//! commands), [`MemIndex`] holds the index in memory for a session and still
//! sees units written since it was loaded.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

use super::myers;
use crate::error::Result;
use crate::store::fuzzy_index::{decode_postings, decode_stems};

/// Below this threshold (0..1) retrieval scans every unit.
pub const SEQUENTIAL_BELOW: f64 = 0.3;
const EPS: f64 = 1e-9;

/// A unit as the index knows it.
#[derive(Debug, Clone)]
pub struct UnitEntry {
    pub unit_id: i64,
    pub stems: Vec<u32>,
    pub targets: u8,
}

/// Where retrieval reads the index from.
pub trait Source {
    /// Stem id and (approximate) number of units containing it.
    fn stem_info(&mut self, stem: &str) -> Result<Option<(u32, usize)>>;
    /// Units containing the stem (sorted, may include stale ids).
    fn postings(&mut self, stem_id: u32) -> Result<Vec<u32>>;
    /// The current entry of a unit, `None` if it is not indexed.
    fn unit(&mut self, unit_id: i64) -> Result<Option<UnitEntry>>;
    /// Every indexed unit (sequential fallback).
    fn scan(&mut self, f: &mut dyn FnMut(UnitEntry)) -> Result<()>;
}

/// Reads the index tables on demand (nothing loaded up front).
pub struct SqlSource<'c> {
    conn: &'c Connection,
}

impl<'c> SqlSource<'c> {
    pub fn new(conn: &'c Connection) -> Self {
        SqlSource { conn }
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

fn sql_unit(conn: &Connection, unit_id: i64) -> Result<Option<UnitEntry>> {
    let mut stmt =
        conn.prepare_cached("SELECT stems, targets FROM fuzzy_units WHERE unit_id = ?1")?;
    Ok(stmt
        .query_row([unit_id], |r| {
            Ok(UnitEntry {
                unit_id,
                stems: decode_stems(&r.get::<_, Vec<u8>>(0)?),
                targets: r.get::<_, i64>(1)? as u8,
            })
        })
        .optional()?)
}

impl Source for SqlSource<'_> {
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

    fn postings(&mut self, stem_id: u32) -> Result<Vec<u32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT postings FROM fuzzy_stems WHERE id = ?1")?;
        let blob: Vec<u8> = stmt.query_row([stem_id], |r| r.get(0))?;
        let mut ids = decode_postings(&blob);
        ids.extend(delta_postings(self.conn, stem_id)?);
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    fn unit(&mut self, unit_id: i64) -> Result<Option<UnitEntry>> {
        sql_unit(self.conn, unit_id)
    }

    fn scan(&mut self, f: &mut dyn FnMut(UnitEntry)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT unit_id, stems, targets FROM fuzzy_units")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(UnitEntry {
                unit_id: r.get(0)?,
                stems: decode_stems(&r.get::<_, Vec<u8>>(1)?),
                targets: r.get::<_, i64>(2)? as u8,
            });
        }
        Ok(())
    }
}

/// The whole index in memory, for an interactive session (warm lookups).
#[derive(Debug, Default)]
pub struct MemIndex {
    stems: HashMap<String, u32>,
    postings: HashMap<u32, Vec<u32>>,
    /// Units sorted by id; stems of unit `i` are `flat[offsets[i]..offsets[i+1]]`.
    ids: Vec<i64>,
    offsets: Vec<u32>,
    flat: Vec<u32>,
    targets: Vec<u8>,
}

impl MemIndex {
    /// Load the index tables (as they are now) into memory.
    pub fn load(conn: &Connection) -> Result<MemIndex> {
        let mut idx = MemIndex::default();
        let mut stmt = conn.prepare("SELECT id, stem, postings FROM fuzzy_stems")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = r.get::<_, i64>(0)? as u32;
            idx.stems.insert(r.get(1)?, id);
            let blob = r.get_ref(2)?.as_blob().unwrap_or_default();
            if !blob.is_empty() {
                idx.postings.insert(id, decode_postings(blob));
            }
        }
        let mut stmt =
            conn.prepare("SELECT unit_id, stems, targets FROM fuzzy_units ORDER BY unit_id")?;
        let mut rows = stmt.query([])?;
        idx.offsets.push(0);
        while let Some(r) = rows.next()? {
            idx.ids.push(r.get(0)?);
            idx.flat
                .extend(decode_stems(r.get_ref(1)?.as_blob().unwrap_or_default()));
            idx.offsets.push(idx.flat.len() as u32);
            idx.targets.push(r.get::<_, i64>(2)? as u8);
        }
        Ok(idx)
    }

    pub fn units(&self) -> usize {
        self.ids.len()
    }

    /// Approximate heap bytes held (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        let posting: usize = self.postings.values().map(|v| v.capacity() * 4 + 24).sum();
        let stems: usize = self.stems.keys().map(|k| k.capacity() + 40).sum();
        posting
            + stems
            + self.ids.capacity() * 8
            + self.offsets.capacity() * 4
            + self.flat.capacity() * 4
            + self.targets.capacity()
    }

    fn entry(&self, unit_id: i64) -> Option<UnitEntry> {
        let i = self.ids.binary_search(&unit_id).ok()?;
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        Some(UnitEntry {
            unit_id,
            stems: self.flat[a..b].to_vec(),
            targets: self.targets[i],
        })
    }

    /// A source over this snapshot plus whatever was written since (delta rows).
    pub fn source<'a>(&'a self, conn: &'a Connection) -> Result<MemSource<'a>> {
        let mut stmt = conn.prepare_cached("SELECT DISTINCT unit_id FROM fuzzy_delta")?;
        let dirty = stmt
            .query_map([], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(MemSource {
            idx: self,
            conn,
            dirty,
        })
    }
}

/// [`MemIndex`] with the units changed since loading read from the database.
pub struct MemSource<'a> {
    idx: &'a MemIndex,
    conn: &'a Connection,
    dirty: HashSet<i64>,
}

impl Source for MemSource<'_> {
    fn stem_info(&mut self, stem: &str) -> Result<Option<(u32, usize)>> {
        match self.idx.stems.get(stem) {
            Some(id) => Ok(Some((*id, self.idx.postings.get(id).map_or(0, Vec::len)))),
            None => SqlSource::new(self.conn).stem_info(stem),
        }
    }

    fn postings(&mut self, stem_id: u32) -> Result<Vec<u32>> {
        let mut ids = self.idx.postings.get(&stem_id).cloned().unwrap_or_default();
        if !self.dirty.is_empty() {
            ids.extend(delta_postings(self.conn, stem_id)?);
            ids.sort_unstable();
            ids.dedup();
        }
        Ok(ids)
    }

    fn unit(&mut self, unit_id: i64) -> Result<Option<UnitEntry>> {
        if self.dirty.contains(&unit_id) {
            return sql_unit(self.conn, unit_id);
        }
        Ok(self.idx.entry(unit_id))
    }

    fn scan(&mut self, f: &mut dyn FnMut(UnitEntry)) -> Result<()> {
        for (i, &id) in self.idx.ids.iter().enumerate() {
            if self.dirty.contains(&id) {
                continue;
            }
            let (a, b) = (
                self.idx.offsets[i] as usize,
                self.idx.offsets[i + 1] as usize,
            );
            f(UnitEntry {
                unit_id: id,
                stems: self.idx.flat[a..b].to_vec(),
                targets: self.idx.targets[i],
            });
        }
        for &id in &self.dirty {
            if let Some(e) = sql_unit(self.conn, id)? {
                f(e);
            }
        }
        Ok(())
    }
}

/// The query as retrieval sees it: stem ids of its words, in order (stems
/// unknown to the index get ids no unit has).
struct QueryStems {
    ids: Vec<u32>,
    /// Distinct stems: (id, multiplicity in the query, units containing it, known).
    distinct: Vec<(u32, usize, usize, bool)>,
}

fn query_stems(src: &mut dyn Source, stems: &[String]) -> Result<QueryStems> {
    let mut ids = Vec::with_capacity(stems.len());
    let mut distinct: Vec<(u32, usize, usize, bool)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in stems.iter().enumerate() {
        if let Some(&d) = seen.get(s.as_str()) {
            distinct[d].1 += 1;
            ids.push(distinct[d].0);
            continue;
        }
        let (id, df, known) = match src.stem_info(s)? {
            Some((id, df)) => (id, df, true),
            None => (u32::MAX - i as u32, 0, false),
        };
        seen.insert(s, distinct.len());
        distinct.push((id, 1, df, known));
        ids.push(id);
    }
    Ok(QueryStems { ids, distinct })
}

/// Multiset intersection size of two stem sequences.
fn overlap(query: &QueryStems, unit: &[u32]) -> usize {
    query
        .distinct
        .iter()
        .map(|&(id, mult, _, _)| mult.min(unit.iter().filter(|s| **s == id).count()))
        .sum()
}

/// The exact filters: can this unit reach threshold `t` at all?
fn may_reach(query: &QueryStems, unit: &UnitEntry, t: f64) -> bool {
    let (n, m) = (query.ids.len(), unit.stems.len());
    let big = n.max(m) as f64;
    if big == 0.0 {
        return true;
    }
    let need = t * big - EPS;
    if (n.min(m) as f64) < need || (overlap(query, &unit.stems) as f64) < need {
        return false;
    }
    myers::distance(&query.ids, &unit.stems) as f64 <= (1.0 - t) * big + EPS
}

/// Ids of every unit (offering `target_bit`) that may reach threshold `t`
/// (0..1) for a query with these word stems. A superset of the units scoring ≥ t.
pub fn candidates(
    src: &mut dyn Source,
    stems: &[String],
    t: f64,
    target_bit: u8,
) -> Result<Vec<i64>> {
    let query = query_stems(src, stems)?;
    let mut out = Vec::new();
    let keep = |u: UnitEntry, out: &mut Vec<i64>| {
        if u.targets & target_bit != 0 && may_reach(&query, &u, t) {
            out.push(u.unit_id);
        }
    };
    if query.ids.is_empty() || t < SEQUENTIAL_BELOW {
        src.scan(&mut |u| keep(u, &mut out))?;
        return Ok(out);
    }
    let k = ((t * query.ids.len() as f64) - EPS).ceil().max(1.0) as usize;
    // Leave out the most frequent stems while their multiplicities total < k.
    let mut order: Vec<usize> = (0..query.distinct.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(query.distinct[i].2));
    let mut skipped = 0;
    let mut first_kept = 0;
    for &i in &order {
        if skipped + query.distinct[i].1 > k - 1 {
            break;
        }
        skipped += query.distinct[i].1;
        first_kept += 1;
    }
    // Upper bound on each candidate's overlap from the stems read.
    let mut bound: HashMap<u32, usize> = HashMap::new();
    for &i in &order[first_kept..] {
        let (id, mult, _, known) = query.distinct[i];
        if !known {
            continue;
        }
        for unit in src.postings(id)? {
            *bound.entry(unit).or_default() += mult;
        }
    }
    let mut ids: Vec<u32> = bound
        .into_iter()
        .filter(|&(_, b)| b + skipped >= k)
        .map(|(u, _)| u)
        .collect();
    ids.sort_unstable();
    for id in ids {
        if let Some(u) = src.unit(id as i64)? {
            keep(u, &mut out);
        }
    }
    Ok(out)
}
