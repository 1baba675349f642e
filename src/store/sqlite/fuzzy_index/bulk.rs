//! Bulk indexing: many units at once (TMX import, rebuild). Split in two so
//! an import can run both halves on different threads:
//! * [`StemDict`]: match key → stem ids (tokenize, stem, assign ids), no
//!   database; the import's stemming thread owns it while a file is read.
//! * [`NewPostings`]: unit ids per stem id, gathered in memory as compact
//!   delta + varint bytes (unit ids arrive in ascending order), written once
//!   per stem by [`BulkIndexer::finish`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rusqlite::{params, OptionalExtension, Statement, Transaction};

use super::{decode_postings, encode_postings, encode_stems, mark_current, push_varint};
use crate::error::{Error, Result};
use crate::text::stem::{for_each_match_word, stem};
use crate::text::Lang;

/// FxHash's word-at-a-time mixing: the in-memory maps are keyed by short
/// words that come from our own files, so SipHash's flooding resistance buys
/// nothing and costs a fifth of the indexing time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }
    fn finish(&self) -> u64 {
        // The multiply leaves its best bits high; hashbrown picks buckets
        // with the low ones.
        self.0.rotate_left(26)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Most word forms remembered by a dictionary (bounds its memory).
const FORM_CACHE_LIMIT: usize = 200_000;

/// A word form of up to 31 bytes held inline, its length in the last byte: a
/// lookup compares it in place instead of chasing a pointer to the heap.
type FormKey = [u8; 32];

fn form_key(word: &str) -> Option<FormKey> {
    let len = word.len();
    (len < 32).then(|| {
        let mut key = [0u8; 32];
        key[..len].copy_from_slice(word.as_bytes());
        key[31] = len as u8;
        key
    })
}

/// Stems and their ids (those in `fuzzy_stems` plus new ones), and a cache of
/// word form → stem id, so a frequent form is stemmed once.
pub struct StemDict {
    stems: FxMap<Box<str>, u32>,
    forms: FxMap<FormKey, u32>,
    next_id: u32,
    /// Ids from here on were allocated here (not yet in the table).
    first_new_id: u32,
}

impl StemDict {
    /// The stems already in `fuzzy_stems`.
    pub fn load(tx: &Transaction<'_>) -> Result<StemDict> {
        let mut stmt = tx.prepare("SELECT id, stem FROM fuzzy_stems")?;
        let mut stems = FxMap::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = r.get::<_, i64>(0)? as u32;
            stems.insert(r.get::<_, String>(1)?.into_boxed_str(), id);
        }
        let next_id = stems.values().max().map_or(1, |m| m + 1);
        Ok(StemDict {
            stems,
            forms: FxMap::default(),
            next_id,
            first_new_id: next_id,
        })
    }

    /// A dictionary with no stems yet (an empty index; also for benchmarks).
    pub fn empty() -> StemDict {
        StemDict {
            stems: FxMap::default(),
            forms: FxMap::default(),
            next_id: 1,
            first_new_id: 1,
        }
    }

    /// The stem ids of the words of a match key, in order (as
    /// `text::stem::word_stems(key, Lang::Kk)`, with ids for stems).
    pub fn stem_ids(&mut self, key: &str) -> Vec<u32> {
        let mut ids = Vec::with_capacity(key.len() / 4);
        for_each_match_word(key, |word| {
            // Word forms repeat (Zipf): remember each form's stem id.
            let form = form_key(word);
            if let Some(id) = form.as_ref().and_then(|f| self.forms.get(f)) {
                ids.push(*id);
                return;
            }
            let s = stem(word, Lang::Kk);
            let id = match self.stems.get(s.as_str()) {
                Some(id) => *id,
                None => {
                    let id = self.next_id;
                    self.next_id += 1;
                    self.stems.insert(s.into_boxed_str(), id);
                    id
                }
            };
            if let Some(form) = form.filter(|_| self.forms.len() < FORM_CACHE_LIMIT) {
                self.forms.insert(form, id);
            }
            ids.push(id);
        });
        ids
    }
}

/// Posting lists added at a time when a new stem id needs one.
const LIST_STEP: usize = 1 << 16;

/// The unit ids of one stem gathered so far.
#[derive(Default)]
struct PostingList {
    last: u32,
    len: u32,
    /// Gaps from `last` to `last`, LEB128 (as `encode_postings`).
    bytes: Vec<u8>,
}

/// New postings per stem id.
#[derive(Default)]
pub struct NewPostings {
    lists: Vec<PostingList>,
    /// Postings that came out of ascending order (only when units are indexed
    /// in an arbitrary order): merged at the end.
    unordered: Vec<(u32, u32)>,
}

/// What the index stores of one unit's stem ids, computed without the
/// database (an import does it off the database thread).
pub struct UnitStems {
    /// Words in the source (ids, repeats included).
    pub words: usize,
    /// `fuzzy_units.stems`: the ids in word order.
    pub blob: Vec<u8>,
    /// The distinct ids, ascending: the posting lists the unit joins.
    pub distinct: Vec<u32>,
}

impl UnitStems {
    pub fn new(ids: &[u32]) -> UnitStems {
        let mut distinct = ids.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        UnitStems {
            words: ids.len(),
            blob: encode_stems(ids),
            distinct,
        }
    }
}

/// The statement [`NewPostings::index_unit`] runs: prepared once by a caller
/// that indexes many units.
pub const INSERT_FUZZY_UNIT: &str =
    "INSERT OR REPLACE INTO fuzzy_units (unit_id, words, stems, targets) VALUES (?1, ?2, ?3, ?4)";

impl NewPostings {
    /// Write a unit's row in `fuzzy_units` with `insert` (prepared from
    /// [`INSERT_FUZZY_UNIT`]) and gather its postings.
    pub fn index_unit(
        &mut self,
        insert: &mut Statement<'_>,
        unit_id: i64,
        stems: &UnitStems,
        targets: u8,
    ) -> Result<()> {
        let unit = u32::try_from(unit_id).map_err(|_| {
            Error::Conflict(format!("unit id {unit_id} is beyond the index's range"))
        })?;
        insert.execute(params![unit_id, stems.words as i64, stems.blob, targets])?;
        self.add(unit, &stems.distinct);
        Ok(())
    }

    /// Record that `unit` holds the stems `distinct` (ascending, no repeats).
    fn add(&mut self, unit: u32, distinct: &[u32]) {
        for &id in distinct {
            let i = id as usize;
            if self.lists.len() <= i {
                // Grow by a fixed step, not doubling: no slack of half a
                // million empty lists on a large import.
                let wanted = (i + 1).max(self.lists.len() + LIST_STEP);
                self.lists.reserve_exact(wanted - self.lists.len());
                self.lists.resize_with(wanted, PostingList::default);
            }
            let list = &mut self.lists[i];
            if unit > list.last {
                push_varint(&mut list.bytes, unit - list.last);
                list.last = unit;
                list.len += 1;
            } else if unit < list.last {
                self.unordered.push((id, unit));
            }
        }
    }
}

/// Index many units at once, gathering postings in memory (the fast path for
/// imports). Rows in `fuzzy_units` are written as units are added; `finish`
/// writes the posting blobs and folds in the delta table.
pub struct BulkIndexer {
    pub dict: StemDict,
    pub postings: NewPostings,
}

impl BulkIndexer {
    /// Start a bulk append (rebuilding first if another stemmer built the index).
    pub fn new(tx: &Transaction<'_>) -> Result<BulkIndexer> {
        super::ensure_current(tx)?;
        // Say so at once: a batched import commits before it finishes, and a
        // writer in between must not take the unfinished index for a stale one
        // (and rebuild it under the import's feet).
        super::mark_current(tx)?;
        Self::over_current_tables(tx)
    }

    pub(super) fn over_current_tables(tx: &Transaction<'_>) -> Result<BulkIndexer> {
        Ok(BulkIndexer {
            dict: StemDict::load(tx)?,
            postings: NewPostings::default(),
        })
    }

    /// Index one unit given its source match key and target bits.
    pub fn add(
        &mut self,
        tx: &Transaction<'_>,
        unit_id: i64,
        key: &str,
        targets: u8,
    ) -> Result<()> {
        let ids = self.dict.stem_ids(key);
        self.add_stems(tx, unit_id, &ids, targets)
    }

    /// Index one unit whose stem ids `self.dict` gave.
    pub fn add_stems(
        &mut self,
        tx: &Transaction<'_>,
        unit_id: i64,
        ids: &[u32],
        targets: u8,
    ) -> Result<()> {
        let mut insert = tx.prepare_cached(INSERT_FUZZY_UNIT)?;
        self.postings
            .index_unit(&mut insert, unit_id, &UnitStems::new(ids), targets)
    }

    /// Write new stems and merged posting blobs; fold in and clear `fuzzy_delta`.
    pub fn finish(self, tx: &Transaction<'_>) -> Result<()> {
        let BulkIndexer { dict, mut postings } = self;
        {
            let mut delta = tx.prepare("SELECT stem_id, unit_id FROM fuzzy_delta")?;
            let mut rows = delta.query([])?;
            while let Some(r) = rows.next()? {
                let (s, u): (i64, i64) = (r.get(0)?, r.get(1)?);
                postings.unordered.push((s as u32, u as u32));
            }
        }
        tx.execute("DELETE FROM fuzzy_delta", [])?;
        mark_current(tx)?;
        postings.unordered.sort_unstable();
        let mut names: Vec<Option<Box<str>>> = Vec::new();
        names.resize_with(dict.next_id as usize, || None);
        for (stem, id) in dict.stems {
            if id >= dict.first_new_id {
                names[id as usize] = Some(stem);
            }
        }
        drop(dict.forms);
        let mut insert =
            tx.prepare("INSERT INTO fuzzy_stems (id, stem, df, postings) VALUES (?1, ?2, ?3, ?4)")?;
        let mut read = tx.prepare("SELECT postings FROM fuzzy_stems WHERE id = ?1")?;
        let mut update =
            tx.prepare("UPDATE fuzzy_stems SET df = ?2, postings = ?3 WHERE id = ?1")?;
        let mut extra = postings.unordered.iter().peekable();
        let lists = std::mem::take(&mut postings.lists);
        let last_id = lists.len().max(names.len());
        let mut lists = lists.into_iter();
        for id in 0..last_id as u32 {
            let list = lists.next().unwrap_or_default();
            let mut more = Vec::new();
            while let Some((_, u)) = extra.next_if(|(s, _)| *s == id) {
                more.push(*u);
            }
            while extra.next_if(|(s, _)| *s < id).is_some() {}
            if list.len == 0 && more.is_empty() {
                continue;
            }
            let is_new = id >= names.len() as u32 || names[id as usize].is_some();
            if is_new && more.is_empty() {
                let Some(stem) = names.get(id as usize).and_then(|n| n.as_deref()) else {
                    continue; // a stem id nobody named: cannot happen, keep going
                };
                insert.execute(params![id, stem, list.len as i64, list.bytes])?;
                continue;
            }
            let mut all = decode_postings(&list.bytes);
            all.extend(more);
            if !is_new {
                let old: Option<Vec<u8>> = read.query_row([id], |r| r.get(0)).optional()?;
                all.extend(decode_postings(&old.unwrap_or_default()));
            }
            all.sort_unstable();
            all.dedup();
            let blob = encode_postings(&all);
            match names.get(id as usize).and_then(|n| n.as_deref()) {
                Some(stem) => insert.execute(params![id, stem, all.len() as i64, blob])?,
                None => update.execute(params![id, all.len() as i64, blob])?,
            };
        }
        Ok(())
    }
}
