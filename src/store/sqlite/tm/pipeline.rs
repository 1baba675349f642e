//! The reading side of a TMX import: all per-unit work that needs no
//! database, in two stages on their own threads, so the database thread only
//! looks up and inserts:
//! 1. [`produce`] parses units and gives each its plain texts, identity,
//!    languages and stored columns;
//! 2. [`stem`] computes the source's match key and key hash and the fuzzy
//!    index's stem ids.
//!
//! Three threads on two cores. The scheduler shares the cores fairly, so
//! the largest of the three sets the pace: the work is split to keep them
//! even (about 0.6 s of CPU each for 100,000 units here).
//! Stages meet through small bounded queues of batches, so memory stays flat.

use std::borrow::Cow;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender};

use super::key_hash;
use super::units::{meta_json, unit_identity, unit_meta_json, variant_plain, UnitColumns};
use crate::error::Result;
use crate::store::sqlite::fuzzy_index::{target_bit, StemDict, UnitStems};
use crate::text;
use crate::text::limits::Limits;
use crate::tmx::{lang, Header, Problem, ReadUnit, TmxReader, Unit};

/// Batches in flight between two stages, and units per batch (batches keep
/// the threads from waking each other for every unit).
pub(super) const QUEUE: usize = 8;
const BATCH: usize = 64;
/// A batch is also sent once its texts pass this many bytes, so that the
/// units in flight stay a few MiB even when each is near the segment limit
/// (64 units of 1 MiB in each of 8 × 3 batches would be 1.5 GB).
const BATCH_BYTES: usize = 1 << 20;

/// What one stage sends the next: messages in file order.
pub(super) type Batch = Vec<Result<Msg>>;

/// The header, read before any unit.
pub(super) struct Opened {
    pub header: Header,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// A sound unit with what the database needs about it.
pub(super) struct Prepared {
    pub unit: Unit,
    pub warnings: Vec<Problem>,
    pub src_index: usize,
    /// The unit's source language, normalised, and each variant's primary
    /// language (what `tm_units.source_lang` and `tm_variants.primary_lang` hold).
    pub source_lang: String,
    pub primaries: Vec<String>,
    /// The match key of the source variant and its `key_hash` (the only
    /// one stored: same-source lookups and the fuzzy index go by the source
    /// alone), set by the second stage. Each variant's plain text is in
    /// `unit`, filled in from its seg where the reader left it empty.
    pub source_key: String,
    pub source_key_hash: i64,
    pub identity: i64,
    /// `meta_json` of the unit and of each variant (None: nothing to keep).
    pub unit_meta: String,
    pub columns: UnitColumns,
    pub variant_metas: Vec<Option<String>>,
    /// For the fuzzy index: which variant to stem and the unit's
    /// target-language bits; then (second stage), when the unit has a Kazakh
    /// variant, the stem ids of its first one and those bits.
    pub kazakh: Kazakh,
    pub targets: u8,
    pub fuzzy: Option<(UnitStems, u8)>,
}

impl Prepared {
    /// Whether suggestions can ever offer the unit: it has a Kazakh variant
    /// (what the fuzzy index takes as its source) and an English or Russian one.
    pub fn can_be_suggested(&self) -> bool {
        !matches!(self.kazakh, Kazakh::None) && self.targets != 0
    }
}

pub(super) enum Msg {
    Opened(Box<Opened>),
    Unit(Box<Prepared>),
    /// A unit breaking a rule; the database side decides (strict or lenient).
    Rejected(Box<ReadUnit>),
}

/// Units the database thread is done with, sent back to be freed where they
/// were allocated: a cross-thread free costs the allocator more, on the
/// busiest thread.
pub(super) type SpentBatch = Vec<Box<Prepared>>;

/// The database thread's end of the way back.
pub(super) struct Spent {
    sender: SyncSender<SpentBatch>,
    pending: SpentBatch,
}

impl Spent {
    pub fn new(sender: SyncSender<SpentBatch>) -> Spent {
        Spent {
            sender,
            pending: Vec::with_capacity(BATCH),
        }
    }

    pub fn give_back(&mut self, unit: Box<Prepared>) {
        // A large unit is freed here: held back for a batch, 64 of them
        // would be as much memory as the batches in flight.
        if text_bytes(&unit.unit) >= BATCH_BYTES / BATCH {
            return;
        }
        self.pending.push(unit);
        if self.pending.len() == BATCH {
            let full = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
            // A full queue or a reader gone: free them here instead.
            let _ = self.sender.try_send(full);
        }
    }
}

/// Read `raw` to the end, sending the header, then each unit. Stops at the
/// first error (sent) or when the receiver goes away. Frees what comes back
/// on `spent`.
pub(super) fn produce(
    raw: Box<dyn Read + Send + '_>,
    name: &str,
    limits: &Limits,
    out: SyncSender<Batch>,
    spent: Receiver<SpentBatch>,
) {
    let mut reader = match TmxReader::open_with(raw, name, limits) {
        Ok(r) => r,
        Err(e) => {
            let _ = out.send(vec![Err(e)]);
            return;
        }
    };
    let srclang = reader.srclang().to_string();
    let opened = Opened {
        header: reader.header.clone(),
        problems: std::mem::take(&mut reader.header_problems),
        warnings: std::mem::take(&mut reader.header_warnings),
    };
    if out.send(vec![Ok(Msg::Opened(Box::new(opened)))]).is_err() {
        return;
    }
    let mut batch = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0;
    loop {
        let msg = match reader.next_unit() {
            Ok(None) => {
                let _ = out.send(batch);
                return;
            }
            Ok(Some(read)) if read.problems.is_empty() => {
                Ok(Msg::Unit(Box::new(prepare(read, &srclang))))
            }
            Ok(Some(read)) => Ok(Msg::Rejected(Box::new(read))),
            Err(e) => Err(e),
        };
        let stop = msg.is_err();
        batch_bytes += match &msg {
            Ok(Msg::Unit(p)) => text_bytes(&p.unit),
            Ok(Msg::Rejected(r)) => text_bytes(&r.unit),
            _ => 0,
        };
        batch.push(msg);
        if stop || batch.len() == BATCH || batch_bytes >= BATCH_BYTES {
            batch_bytes = 0;
            while let Ok(done) = spent.try_recv() {
                drop(done);
            }
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if out.send(full).is_err() || stop {
                return;
            }
        }
    }
}

/// About how many bytes a unit's texts hold (what grows with the input).
fn text_bytes(unit: &Unit) -> usize {
    unit.variants
        .iter()
        .map(|v| v.seg.len() + v.plain.len())
        .sum()
}

/// Pass batches from `input` to `out`, giving each sound unit its stem ids
/// from `stems` (which grows with new stems). Stops when either side goes.
pub(super) fn stem(input: Receiver<Batch>, out: SyncSender<Batch>, stems: &mut StemDict) {
    for mut batch in input {
        for msg in batch.iter_mut() {
            if let Ok(Msg::Unit(prepared)) = msg {
                key_and_stem(prepared, stems);
            }
        }
        if out.send(batch).is_err() {
            return;
        }
    }
}

/// The second stage's work on one unit: the source's match key and key hash,
/// then the stem ids of the Kazakh variant. (The match key is computed here
/// rather than in the first stage to even out the threads' work: with three
/// threads on two cores, the largest one sets the pace.)
fn key_and_stem(p: &mut Prepared, stems: &mut StemDict) {
    let source = &p.unit.variants[p.src_index];
    p.source_key = text::match_key(&source.plain);
    p.source_key_hash = key_hash(&p.primaries[p.src_index], &p.source_key);
    p.fuzzy = match p.kazakh {
        Kazakh::None => None,
        Kazakh::Source => Some(stems.stem_ids(&p.source_key)),
        Kazakh::Other(i) => Some(stems.stem_ids(&text::match_key(&p.unit.variants[i].plain))),
    }
    .map(|ids| (UnitStems::new(&ids), p.targets));
}

fn prepare(read: ReadUnit, srclang: &str) -> Prepared {
    let mut unit = read.unit;
    let src_index = unit.source_index(srclang).unwrap_or(0);
    for v in &mut unit.variants {
        if let Cow::Owned(plain) = variant_plain(v) {
            v.plain = plain;
        }
    }
    let primaries: Vec<String> = unit
        .variants
        .iter()
        .map(|v| lang::primary(&v.lang))
        .collect();
    let (kazakh, targets) = kazakh_source(&primaries, src_index);
    let identity = unit_identity(&unit);
    let columns = UnitColumns::of(&unit.attrs);
    let unit_meta = unit_meta_json(&unit, &columns);
    let variant_metas = unit
        .variants
        .iter()
        .map(|v| {
            (!v.attrs.is_empty() || !v.extras.is_empty()).then(|| meta_json(&v.attrs, &v.extras))
        })
        .collect();
    let source_lang = lang::normalize(unit.srclang(srclang));
    Prepared {
        unit,
        warnings: read.warnings,
        src_index,
        source_lang,
        primaries,
        source_key: String::new(),
        identity,
        source_key_hash: 0,
        unit_meta,
        columns,
        variant_metas,
        kazakh,
        targets,
        fuzzy: None,
    }
}

/// Which variant the fuzzy index takes as the unit's source (the first
/// Kazakh one, as `store::fuzzy_index` reads it back from the tables), and
/// the unit's target-language bits.
fn kazakh_source(primaries: &[String], src_index: usize) -> (Kazakh, u8) {
    let targets = primaries.iter().fold(0u8, |bits, p| bits | target_bit(p));
    let kazakh = match primaries.iter().position(|p| p == "kk") {
        None => Kazakh::None,
        Some(i) if i == src_index => Kazakh::Source,
        Some(i) => Kazakh::Other(i),
    };
    (kazakh, targets)
}

/// Which variant's match key the fuzzy index stems.
#[derive(Clone, Copy)]
pub(super) enum Kazakh {
    /// The unit has no Kazakh variant: not indexed.
    None,
    /// The source variant is the Kazakh one: `source_key`.
    Source,
    /// Another variant, by index.
    Other(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_stay_small_in_bytes_when_units_are_large() {
        let mut tmx = String::from(
            "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"kk\" datatype=\"plaintext\"/><body>",
        );
        let big = "а".repeat(100_000);
        for i in 0..200 {
            tmx.push_str(&format!(
                "<tu><tuv xml:lang=\"kk\"><seg>{i} {big}</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>"
            ));
        }
        tmx.push_str("</body></tmx>");
        let (out, batches) = std::sync::mpsc::sync_channel(1000);
        let (_spent, to_free) = std::sync::mpsc::sync_channel(1000);
        produce(
            Box::new(std::io::Cursor::new(tmx.into_bytes())),
            "t.tmx",
            &Limits::default(),
            out,
            to_free,
        );
        let mut units = 0;
        for batch in batches.try_iter() {
            let bytes: usize = batch
                .iter()
                .map(|m| match m {
                    Ok(Msg::Unit(p)) => text_bytes(&p.unit),
                    _ => 0,
                })
                .sum();
            units += batch.len();
            // At most the byte bound and the one unit that passed it.
            assert!(bytes < BATCH_BYTES + 400_000, "{bytes} bytes in one batch");
        }
        assert_eq!(units, 201, "the header and every unit");
    }
}
