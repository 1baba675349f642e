//! TMX import into the memory: streaming, all or nothing for all files (in
//! short committed batches behind one final switch, see `batches`),
//! idempotent (a unit already stored, by `identity`, is not added again),
//! strict (the first rule breach aborts, nothing written) or lenient (unsound
//! units go to `FILE.rejected.tmx` with the reason in a comment).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rusqlite::{params, Statement, Transaction};

use super::pipeline::{self, Msg, Prepared, Spent};

mod batches;
mod duplicates;
mod provenance;
mod summary;
use super::rejected::{self, io_reason, rejected_file, RejectWriter};
use super::seen::Seen;
use crate::error::{Error, Result};
use crate::store::sqlite::fuzzy_index::{
    index_left_out_units, BulkIndexer, NewPostings, StemDict, INSERT_FUZZY_UNIT,
};
use crate::store::sqlite::Db;
use crate::tmx::model::{attr, Attrs};
use crate::tmx::source::{container_of, Compressed, Container, Counted, Inflated};
use crate::tmx::{Problem, ReadUnit};
use batches::Batches;
pub(super) use provenance::DATABASE_PROP;
use provenance::{standing_of_claim, FileProvenance, STATUS_PROP};
use summary::MAX_REPORTED;
pub use summary::{ImportOptions, ImportProgress, ImportSummary, OnDuplicate, ReportedProblem};

/// Page cache bounds for the import, in KiB (`AUDARMA_IMPORT_CACHE_KIB` overrides).
const IMPORT_CACHE_MIN_KIB: i64 = 8 * 1024;
const IMPORT_CACHE_MAX_KIB: i64 = 96 * 1024;
const PROGRESS_EVERY: u64 = 512;

/// Import several files in one transaction: all or nothing.
pub fn import_files(
    store: &Db,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary> {
    // A large import inserts into several indexes in random order; a bigger
    // page cache keeps their pages in memory instead of re-reading them. It
    // grows with the input (a quarter of its size) within fixed bounds, so
    // memory stays bounded whatever the file size.
    let scaled = i64::try_from(input_bytes(paths) / 4 / 1024).unwrap_or(i64::MAX);
    let cache_kib: i64 = std::env::var("AUDARMA_IMPORT_CACHE_KIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(scaled.clamp(IMPORT_CACHE_MIN_KIB, IMPORT_CACHE_MAX_KIB));
    store.conn().pragma_update(None, "cache_size", -cache_kib)?;
    let journal_switched = bulk_journal(store, true);
    // Every row the import writes references a row it has just written, so
    // SQLite's per-row parent lookups (and the statement journal they need)
    // prove nothing; they were a tenth of the import's CPU. `update` deletes
    // stored units and needs the cascades, so it keeps them.
    let skip_fk_checks = options.on_duplicate != OnDuplicate::Update;
    if skip_fk_checks {
        store.conn().pragma_update(None, "foreign_keys", false)?;
    }
    let result = import_in_transaction(store, paths, options, progress);
    if skip_fk_checks {
        store.conn().pragma_update(None, "foreign_keys", true)?;
    }
    if journal_switched {
        bulk_journal(store, false);
    }
    result
}

fn input_bytes(paths: &[PathBuf]) -> u64 {
    paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// For the length of a bulk import, use the rollback journal when nobody else
/// has the database open: new pages are then written once, where WAL writes
/// them twice (log, then checkpoint). Returns whether it switched; if the
/// switch is refused (another connection), the import simply runs in WAL.
fn bulk_journal(store: &Db, bulk: bool) -> bool {
    let mode = if bulk { "DELETE" } else { "WAL" };
    store
        .conn()
        .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| {
            r.get::<_, String>(0)
        })
        .is_ok_and(|m| m.eq_ignore_ascii_case(mode))
}

fn import_in_transaction(
    store: &Db,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportSummary> {
    let mut batches = Batches::new(options.on_duplicate != OnDuplicate::Update);
    let outcome = import_in_batches(store, paths, options, progress, &mut batches);
    if outcome.is_err() && batches.committed() {
        // Batches were committed, all still pending: take them out again.
        let tx = store.begin_write()?;
        batches::remove_pending(&tx, batches.file_ids())?;
        store.commit(tx)?;
    }
    outcome
}

fn import_in_batches(
    store: &Db,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&ImportProgress),
    batches: &mut Batches,
) -> Result<ImportSummary> {
    // Which database this is, to tell our own exports from other files.
    let database_id = store.database_id().ok();
    let tx = store.begin_write()?;
    batches::remove_abandoned(&tx)?;
    let units: u64 = tx.query_row(
        "SELECT coalesce((SELECT max(id) FROM tm_units), 0)",
        [],
        |r| Ok(r.get::<_, i64>(0)? as u64),
    )?;
    // Units expected in the input: gen_tm's and real memories' run to a
    // few hundred bytes each; an estimate only sizes the lookup filters.
    let expected = input_bytes(paths) / 256;
    // The import indexes its units as it inserts them (stems on the reading
    // thread, postings in memory, blobs written once before the commit).
    let index = BulkIndexer::new(&tx)?;
    let mut importer = Importer {
        tx: &tx,
        options,
        summary: ImportSummary::default(),
        rejected: Vec::new(),
        stems: Some(index.dict),
        postings: index.postings,
        source_keys: Seen::load(&tx, "SELECT key_hash FROM tm_variants", units + expected)?,
        inserts: Inserts::prepare(&tx)?,
        batches,
        database_id,
    };
    for path in paths {
        importer.import_path(path, progress)?;
    }
    let (mut summary, rejected, stems, postings) = importer.into_parts();
    let dict = stems.ok_or_else(|| Error::Conflict("the stem dictionary was lost".into()))?;
    let mut bulk = BulkIndexer { dict, postings };
    index_left_out_units(&tx, &mut bulk)?;
    bulk.finish(&tx)?;
    batches.switch(&tx)?;
    // The quarantine is on disk before the commit: if it cannot be written,
    // the import fails and nothing of it stays (see `rejected`).
    let placed = rejected::place_all(rejected)?;
    if let Err(e) = store.commit(tx) {
        placed.remove();
        return Err(e);
    }
    summary.rejected_files.extend(placed.names());
    Ok(summary)
}

struct Importer<'t, 'c> {
    tx: &'t Transaction<'c>,
    options: &'t ImportOptions,
    summary: ImportSummary,
    /// Rejected-units files, moved into place after the commit.
    rejected: Vec<(RejectWriter, PathBuf)>,
    /// The fuzzy index's stems (lent to the stemming thread while a file is
    /// read) and the postings of the units inserted so far.
    stems: Option<StemDict>,
    postings: NewPostings,
    /// The source key hashes the memory may hold: most units are new, and
    /// for them this spares the database lookups.
    source_keys: Seen,
    inserts: Inserts<'t>,
    batches: &'t mut Batches,
    /// This database's id (`database_meta`), if it has one.
    database_id: Option<String>,
}

/// The per-unit inserts, prepared once for the whole import.
struct Inserts<'t> {
    unit: Statement<'t>,
    variant: Statement<'t>,
    fuzzy: Statement<'t>,
}

impl<'t> Inserts<'t> {
    fn prepare(tx: &'t Transaction<'_>) -> Result<Inserts<'t>> {
        Ok(Inserts {
            unit: tx.prepare(
                "INSERT INTO tm_units (tmx_file_id, tuid, source_lang, origin, status, created_at, created_by, changed_at, changed_by, meta_json, identity, use_count, last_used_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            variant: tx.prepare(
                "INSERT INTO tm_variants (unit_id, ord, lang, primary_lang, seg_xml, plain, meta_json, key_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            fuzzy: tx.prepare(INSERT_FUZZY_UNIT)?,
        })
    }
}

impl Importer<'_, '_> {
    /// What outlives the importer (its statements borrow the transaction).
    fn into_parts(
        self,
    ) -> (
        ImportSummary,
        Vec<(RejectWriter, PathBuf)>,
        Option<StemDict>,
        NewPostings,
    ) {
        (self.summary, self.rejected, self.stems, self.postings)
    }

    fn import_path(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<()> {
        let io_err = |e: std::io::Error| Error::input(path, io_reason(&e));
        crate::text::decode::regular_file(path)?;
        let limits = self.options.limits;
        let mut file = File::open(path).map_err(io_err)?;
        let total = file.metadata().map_err(io_err)?.len();
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic).map_err(io_err)?;
        file.seek(SeekFrom::Start(0)).map_err(io_err)?;
        let counter = Arc::new(AtomicU64::new(0));
        let counted = Counted::new(file, counter.clone());
        let name = path.display().to_string();
        match container_of(&magic[..n]) {
            Container::Plain => self.import_stream(
                Box::new(counted),
                &name,
                path,
                None,
                total,
                &counter,
                progress,
            ),
            Container::Gzip => {
                let read = Compressed {
                    counter: counter.clone(),
                    from: 0,
                };
                let gz = flate2::read::MultiGzDecoder::new(counted);
                let gz = Inflated::new(gz, read, &limits);
                self.import_stream(Box::new(gz), &name, path, None, total, &counter, progress)
            }
            Container::Zip => {
                let mut archive = zip::ZipArchive::new(counted)
                    .map_err(|e| Error::input(path, format!("not a readable zip archive: {e}")))?;
                let mut found = 0;
                for i in 0..archive.len() {
                    let read = Compressed {
                        counter: counter.clone(),
                        from: counter.load(Ordering::Relaxed),
                    };
                    let entry = archive
                        .by_index(i)
                        .map_err(|e| Error::input(path, format!("zip entry {i}: {e}")))?;
                    let entry_name = entry.name().to_string();
                    if entry.is_dir() || !entry_name.to_ascii_lowercase().ends_with(".tmx") {
                        continue;
                    }
                    found += 1;
                    let name = format!("{}!{entry_name}", path.display());
                    self.import_stream(
                        Box::new(Inflated::new(entry, read, &limits)),
                        &name,
                        path,
                        Some(&entry_name),
                        total,
                        &counter,
                        progress,
                    )?;
                }
                if found == 0 {
                    return Err(Error::input(
                        path,
                        format!(
                            "the zip archive holds no .tmx file ({} entries)",
                            archive.len()
                        ),
                    ));
                }
                Ok(())
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn import_stream(
        &mut self,
        raw: Box<dyn Read + Send + '_>,
        name: &str,
        path: &Path,
        entry: Option<&str>,
        total: u64,
        counter: &AtomicU64,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<()> {
        let mut stems = self
            .stems
            .take()
            .ok_or_else(|| Error::Conflict("the stem dictionary was lost".into()))?;
        let result = std::thread::scope(|scope| {
            let (to_stem, read) = std::sync::mpsc::sync_channel(pipeline::QUEUE);
            let (sender, receiver) = std::sync::mpsc::sync_channel(pipeline::QUEUE);
            let (spent, to_free) = std::sync::mpsc::sync_channel(pipeline::QUEUE);
            let lent = &mut stems;
            let limits = self.options.limits;
            scope.spawn(move || pipeline::produce(raw, name, &limits, to_stem, to_free));
            scope.spawn(move || pipeline::stem(read, sender, lent));
            let place = Place {
                name,
                path,
                entry,
                total,
                counter,
            };
            // Returning drops the receiver, which stops the other threads.
            self.consume(receiver, Spent::new(spent), &place, progress)
        });
        self.stems = Some(stems);
        result
    }

    /// The database side of one TMX document: header, then each unit.
    fn consume(
        &mut self,
        receiver: std::sync::mpsc::Receiver<pipeline::Batch>,
        mut spent: Spent,
        place: &Place<'_>,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<()> {
        let name = place.name;
        let mut messages = receiver.into_iter().flatten();
        let opened = match messages.next() {
            Some(Ok(Msg::Opened(o))) => o,
            Some(Err(e)) => return Err(e),
            _ => {
                return Err(Error::input(
                    name,
                    "the TMX reader stopped before the header",
                ))
            }
        };
        self.summary.files += 1;
        if let (false, Some(p)) = (self.options.lenient, opened.problems.first()) {
            return Err(problem_error(name, p));
        }
        for p in opened.problems.iter().chain(opened.warnings.iter()) {
            self.report(name, p, "warning");
        }
        self.summary.warnings += (opened.problems.len() + opened.warnings.len()) as u64;
        let header_json =
            serde_json::to_string(&opened.header).map_err(|e| Error::usage(e.to_string()))?;
        self.tx.execute(
            "INSERT INTO tmx_files (file_name, imported_at, header_json, pending_since) VALUES (?1, ?2, ?3, ?2)",
            params![name, crate::store::now(), header_json],
        )?;
        let file_id = self.tx.last_insert_rowid();
        self.batches.add_file(file_id);
        let mut provenance = FileProvenance::new(&opened.header, self.database_id.as_deref());
        let mut reject_slot: Option<usize> = None;
        for msg in messages {
            self.batches.maybe_commit(self.tx)?;
            self.summary.units_read += 1;
            if self.summary.units_read.is_multiple_of(PROGRESS_EVERY) {
                progress(&place.progress(self.summary.units_read));
            }
            let read: Box<ReadUnit> = match msg? {
                Msg::Unit(prepared) => {
                    self.take_unit(name, file_id, &mut provenance, prepared, &mut spent)?;
                    continue;
                }
                Msg::Rejected(read) => read,
                Msg::Opened(_) => continue,
            };
            self.summary.warnings += read.warnings.len() as u64;
            for w in &read.warnings {
                self.report(name, w, "warning");
            }
            if !self.options.lenient {
                return Err(problem_error(name, &read.problems[0]));
            }
            self.summary.rejected += 1;
            for p in &read.problems {
                self.report(name, p, "rejected");
            }
            let slot = match reject_slot {
                Some(s) => s,
                None => {
                    let (file, target) = rejected_file(place.path, place.entry)?;
                    let writer = rejected::start(file, &target, &opened.header)?;
                    self.rejected.push((writer, target));
                    reject_slot = Some(self.rejected.len() - 1);
                    self.rejected.len() - 1
                }
            };
            let (writer, target) = &mut self.rejected[slot];
            rejected::write_unit(writer, target, name, &read)?;
        }
        progress(&place.progress(self.summary.units_read));
        Ok(())
    }

    /// A sound unit: its provenance checked (see `provenance`), its
    /// warnings reported, stored.
    fn take_unit(
        &mut self,
        name: &str,
        file_id: i64,
        provenance: &mut FileProvenance,
        mut prepared: Box<Prepared>,
        spent: &mut Spent,
    ) -> Result<()> {
        self.summary.suggestible += u64::from(prepared.can_be_suggested());
        let claims = provenance
            .check(&mut prepared, self.options.lenient)
            .map_err(|p| problem_error(name, &p))?;
        prepared.warnings.extend(claims);
        self.summary.warnings += prepared.warnings.len() as u64;
        for w in &prepared.warnings {
            self.report(name, w, "warning");
        }
        self.insert_unit(file_id, &prepared)?;
        spent.give_back(prepared);
        Ok(())
    }

    fn report(&mut self, file: &str, p: &Problem, severity: &'static str) {
        if self.summary.problems.len() < MAX_REPORTED {
            self.summary.problems.push(ReportedProblem {
                file: file.to_string(),
                line: p.line,
                column: p.column,
                rule: p.rule,
                message: p.message.clone(),
                severity,
            });
        }
    }

    fn insert_unit(&mut self, file_id: i64, prepared: &Prepared) -> Result<()> {
        let Prepared {
            unit,
            src_index,
            identity: ident,
            source_key_hash,
            unit_meta,
            columns,
            variant_metas,
            ..
        } = prepared;
        let src_index = *src_index;
        if !self.should_insert(prepared)? {
            return Ok(());
        }
        self.inserts.unit.execute(params![
            file_id,
            columns.tuid,
            prepared.source_lang,
            // A file's origin and approval are its claims (see `provenance`).
            "tmx",
            standing_of_claim(unit.prop(STATUS_PROP)),
            columns.created_at,
            columns.created_by,
            columns.changed_at,
            columns.changed_by,
            unit_meta,
            ident,
            use_count(&unit.attrs),
            attr(&unit.attrs, "lastusagedate").map(super::tmx_date_to_stored)
        ])?;
        let unit_id = self.tx.last_insert_rowid();
        self.source_keys.insert(*source_key_hash);
        let rows = unit
            .variants
            .iter()
            .zip(variant_metas)
            .zip(&prepared.primaries);
        for (ord, ((v, meta), primary)) in rows.enumerate() {
            self.inserts.variant.execute(params![
                unit_id,
                ord as i64,
                v.lang,
                primary,
                seg_xml_to_store(&v.seg, &v.plain),
                v.plain,
                meta,
                (ord == src_index).then_some(*source_key_hash)
            ])?;
            if !self.summary.languages.contains(&v.lang) {
                self.summary.languages.insert(v.lang.clone());
            }
        }
        if let Some((stems, targets)) = &prepared.fuzzy {
            self.postings
                .index_unit(&mut self.inserts.fuzzy, unit_id, stems, *targets)?;
        }
        self.summary.imported += 1;
        Ok(())
    }
}

/// A unit's TMX `usagecount` (how often it was used), 1 when absent or not a
/// number.
fn use_count(attrs: &Attrs) -> i64 {
    attr(attrs, "usagecount")
        .and_then(|c| c.trim().parse::<i64>().ok())
        .filter(|c| *c >= 0)
        .unwrap_or(1)
}

/// `tm_variants.seg_xml`: NULL when the seg is its plain text exactly and
/// needs no escaping (most units), so the text is stored once less.
fn seg_xml_to_store<'s>(seg: &'s str, plain: &str) -> Option<&'s str> {
    (seg != plain || seg.contains('>')).then_some(seg)
}

/// Where the units being imported come from, for messages and progress.
struct Place<'p> {
    name: &'p str,
    path: &'p Path,
    entry: Option<&'p str>,
    total: u64,
    counter: &'p AtomicU64,
}

impl Place<'_> {
    fn progress(&self, units_read: u64) -> ImportProgress {
        ImportProgress {
            bytes_read: self.counter.load(Ordering::Relaxed),
            bytes_total: self.total,
            units_read,
        }
    }
}

fn problem_error(name: &str, p: &Problem) -> Error {
    Error::input(
        format!("{name}:{}:{}", p.line, p.column),
        format!("{} [{}]", p.message, p.rule),
    )
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = r.read(&mut buf[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}
