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
//! Two index sources: the store's `StoredIndex` reads only what a query needs
//! (one-shot commands), [`MemIndex`] holds the index in memory for a session and still
//! sees units written since it was loaded.

use std::collections::{HashMap, HashSet};

use super::myers;
use crate::error::Result;
use crate::store::fuzzy_index::decode_postings;
pub use crate::store::fuzzy_index::Source;
use crate::store::Reader;

/// Below this threshold (0..1) retrieval scans every unit.
pub const SEQUENTIAL_BELOW: f64 = 0.3;
const EPS: f64 = 1e-9;
/// Scores are shown rounded to 0.01 points, so a unit whose exact score is
/// 66.666… is shown (and selected) as 66.67: the filters allow for that.
const ROUNDING_SLACK: f64 = 0.005 / 100.0;
/// Extra postings read after the minimal prefix, per candidate it produced
/// (tuned on gen_tm at N = 100k: 1–4 are best, 16+ is slower).
const EXTRA_READ_FACTOR: usize = 4;

/// A stem's units as one sorted, de-duplicated list.
pub fn posting_list(src: &mut dyn Source, stem_id: u32) -> Result<Vec<u32>> {
    let mut ids = Vec::new();
    src.postings(stem_id, &mut |run| ids.extend_from_slice(run))?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The whole index in memory, for an interactive session (warm lookups).
#[derive(Debug, Default)]
pub struct MemIndex {
    stems: HashMap<String, u32>,
    /// Posting lists kept as stored (delta varints, about a third of the
    /// size of `u32`s) with their lengths; decoded when read.
    postings: HashMap<u32, (Vec<u8>, u32)>,
    /// Units sorted by id; stems of unit `i` are `flat[offsets[i]..offsets[i+1]]`.
    ids: Vec<i64>,
    offsets: Vec<u32>,
    flat: Vec<u32>,
    targets: Vec<u8>,
}

impl MemIndex {
    /// Load the index tables (as they are now) into memory.
    pub fn load(r: &Reader) -> Result<MemIndex> {
        let mut idx = MemIndex::default();
        r.each_stem(&mut |id, stem, blob, df| {
            idx.stems.insert(stem, id);
            if !blob.is_empty() {
                idx.postings.insert(id, (blob.to_vec(), df));
            }
        })?;
        idx.offsets.push(0);
        r.each_indexed_unit(&mut |id, stems, targets| {
            idx.ids.push(id);
            idx.flat.extend_from_slice(stems);
            idx.offsets.push(idx.flat.len() as u32);
            idx.targets.push(targets);
        })?;
        Ok(idx)
    }

    pub fn units(&self) -> usize {
        self.ids.len()
    }

    /// Approximate heap bytes held (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        let posting: usize = self.postings.values().map(|(v, _)| v.capacity() + 40).sum();
        let stems: usize = self.stems.keys().map(|k| k.capacity() + 40).sum();
        posting
            + stems
            + self.ids.capacity() * 8
            + self.offsets.capacity() * 4
            + self.flat.capacity() * 4
            + self.targets.capacity()
    }

    fn stems_of(&self, unit_id: i64) -> Option<(&[u32], u8)> {
        let i = self.ids.binary_search(&unit_id).ok()?;
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        Some((&self.flat[a..b], self.targets[i]))
    }

    /// A source over this snapshot plus whatever was written since (delta rows).
    pub fn source<'a>(&'a self, r: &'a Reader) -> Result<MemSource<'a>> {
        Ok(MemSource {
            idx: self,
            r,
            dirty: r.units_in_delta()?,
        })
    }
}

/// [`MemIndex`] with the units changed since loading read from the database.
pub struct MemSource<'a> {
    idx: &'a MemIndex,
    r: &'a Reader,
    dirty: HashSet<i64>,
}

impl Source for MemSource<'_> {
    fn stem_info(&mut self, stem: &str) -> Result<Option<(u32, usize)>> {
        match self.idx.stems.get(stem) {
            Some(id) => Ok(Some((
                *id,
                self.idx.postings.get(id).map_or(0, |(_, df)| *df as usize),
            ))),
            None => self.r.stem_info(stem),
        }
    }

    fn postings(&mut self, stem_id: u32, f: &mut dyn FnMut(&[u32])) -> Result<()> {
        if let Some((blob, _)) = self.idx.postings.get(&stem_id) {
            f(&decode_postings(blob));
        }
        if !self.dirty.is_empty() {
            f(&self.r.delta_postings(stem_id)?);
        }
        Ok(())
    }

    fn unit(&mut self, unit_id: i64, f: &mut dyn FnMut(&[u32], u8)) -> Result<bool> {
        if !self.dirty.is_empty() && self.dirty.contains(&unit_id) {
            return self.r.indexed_unit(unit_id, f);
        }
        Ok(match self.idx.stems_of(unit_id) {
            Some((stems, targets)) => {
                f(stems, targets);
                true
            }
            None => false,
        })
    }

    fn scan(&mut self, f: &mut dyn FnMut(i64, &[u32], u8)) -> Result<()> {
        for (i, &id) in self.idx.ids.iter().enumerate() {
            if self.dirty.contains(&id) {
                continue;
            }
            let (a, b) = (
                self.idx.offsets[i] as usize,
                self.idx.offsets[i + 1] as usize,
            );
            f(id, &self.idx.flat[a..b], self.idx.targets[i]);
        }
        for &id in &self.dirty {
            self.r
                .indexed_unit(id, &mut |stems, targets| f(id, stems, targets))?;
        }
        Ok(())
    }

    fn max_unit_id(&mut self) -> Result<i64> {
        let mine = self.idx.ids.last().copied().unwrap_or(0);
        let dirty = self.dirty.iter().max().copied().unwrap_or(0);
        Ok(mine.max(dirty))
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

/// The exact filters: can a unit with these stems reach threshold `t` at all?
fn may_reach(query: &QueryStems, unit: &[u32], t: f64) -> bool {
    let t = t - ROUNDING_SLACK;
    let (n, m) = (query.ids.len(), unit.len());
    let big = n.max(m) as f64;
    if big == 0.0 {
        return true;
    }
    let need = t * big - EPS;
    if (n.min(m) as f64) < need || (overlap(query, unit) as f64) < need {
        return false;
    }
    myers::distance(&query.ids, unit) as f64 <= (1.0 - t) * big + EPS
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
    let mut keep = |id: i64, stems: &[u32], targets: u8| {
        if targets & target_bit != 0 && may_reach(&query, stems, t) {
            out.push(id);
        }
    };
    if query.ids.is_empty() || t < SEQUENTIAL_BELOW {
        src.scan(&mut keep)?;
        return Ok(out);
    }
    let k = (((t - ROUNDING_SLACK) * query.ids.len() as f64) - EPS)
        .ceil()
        .max(1.0) as usize;
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
    // Upper bound on each unit's overlap from the stems read, in a counter
    // array (ids are dense rowids): far cheaper than hashing every posting.
    // A unit's overlap is at most its count plus `skipped` (the unread stems).
    let size = usize::try_from(src.max_unit_id()?).unwrap_or(0) + 1;
    let mut bound = vec![0u16; size];
    let mut touched: Vec<u32> = Vec::new();
    let mut read = |i: usize, src: &mut dyn Source, touched: &mut Vec<u32>| -> Result<()> {
        let (id, mult, _, known) = query.distinct[i];
        if !known {
            return Ok(());
        }
        src.postings(id, &mut |run| {
            for &unit in run {
                if let Some(b) = bound.get_mut(unit as usize) {
                    if *b == 0 {
                        touched.push(unit);
                    }
                    *b = b.saturating_add(mult as u16);
                }
            }
        })
    };
    for &i in &order[first_kept..] {
        read(i, src, &mut touched)?;
    }
    // Reading a few more (more frequent) stems raises the bar every candidate
    // must reach; worth it while a list is short next to the candidates it
    // can rule out (a posting costs a few ns, a verification about a µs).
    let mut budget = EXTRA_READ_FACTOR * touched.len();
    for &i in order[..first_kept].iter().rev() {
        let df = query.distinct[i].2;
        if df > budget {
            break;
        }
        budget -= df;
        read(i, src, &mut touched)?;
        skipped -= query.distinct[i].1;
    }
    touched.sort_unstable();
    for unit in touched {
        if bound[unit as usize] as usize + skipped >= k {
            src.unit(unit as i64, &mut |stems, targets| {
                keep(unit as i64, stems, targets)
            })?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzy::score::{score, Prepared};
    use crate::text::Lang;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "одақ",
        "одаққа",
        "одағының",
        "бала",
        "балалар",
        "кітап",
        "кітабы",
        "2008",
        "2009",
        ",",
        ".",
        "және",
        "келді",
        "мемлекет",
        "мемлекеттердің",
    ];

    /// Stem ids as the index would assign them (one id per distinct stem).
    fn ids(p: &Prepared, table: &mut HashMap<String, u32>) -> Vec<u32> {
        p.stems
            .iter()
            .flatten()
            .map(|s| {
                let next = table.len() as u32;
                *table.entry(s.clone()).or_insert(next)
            })
            .collect()
    }

    proptest! {
        /// The filters never reject a unit at the very threshold it scores.
        #[test]
        fn filters_never_drop_a_qualifying_unit(
            q in proptest::collection::vec(0..WORDS.len(), 0..14),
            u in proptest::collection::vec(0..WORDS.len(), 0..14),
        ) {
            let text = |v: &[usize]| v.iter().map(|i| WORDS[*i]).collect::<Vec<_>>().join(" ");
            let (qp, up) = (Prepared::new(&text(&q), Lang::Kk), Prepared::new(&text(&u), Lang::Kk));
            let s = score(&qp, &up).score;
            let mut table = HashMap::new();
            let qids = ids(&qp, &mut table);
            let uids = ids(&up, &mut table);
            let mut distinct: Vec<(u32, usize, usize, bool)> = Vec::new();
            for id in &qids {
                match distinct.iter_mut().find(|d| d.0 == *id) {
                    Some(d) => d.1 += 1,
                    None => distinct.push((*id, 1, 0, true)),
                }
            }
            let query = QueryStems { ids: qids, distinct };
            for t in [s / 100.0, (s / 100.0 - 0.05).max(0.0)] {
                prop_assert!(may_reach(&query, &uids, t), "score {} rejected at t={}", s, t);
            }
        }
    }
}
