//! The one door to the database. Everything the rest of Audarma keeps —
//! documents and their segments, translations with their history, the event
//! log, memory units, the fuzzy index's postings, the figures reports count —
//! is asked for here by name; no other module sees a connection, a row or an
//! SQL string (clippy's `disallowed-types` and `tests/suite/layers.rs` check it).
//!
//! Its faces:
//! * [`Store`]: opening, creating and migrating a database; [`Store::write`],
//!   the unit of work (one immediate transaction: all of it or nothing); and
//!   [`Store::read`], several queries over one consistent snapshot.
//! * [`Reader`]: the named read operations (`find_document`, `segments_of`,
//!   `current_translation`, `progress_rows`, `stem_info` ...). A `Store` and a
//!   `Writer` both dereference to it, so a read inside a unit of work sees the
//!   unit's own writes.
//! * [`Writer`]: the named write operations (`save_translation`,
//!   `log_event`, `upsert_segment_unit`, `import_document` ...), only to be had
//!   inside `Store::write`.
//! * The data as plain values ([`model`]), and the memory's and index's own
//!   request and summary types ([`tm`], [`fuzzy_index`]).
//!
//! It must not decide anything: which status move is allowed (`review`), what a
//! match scores (`fuzzy`), what is propagated (`translate`). It records what it
//! is asked to, atomically, and says what it holds.
//!
//! ## Backends
//! Every query lives in `sqlite/`, one file per kind of data, as the methods of
//! `Reader` and `Writer` (plus the streaming TMX import and export, which need
//! the connection for their bulk paths). A second backend (PostgreSQL, issue
//! 18) goes beside it as `postgres/` with the same operations. It plugs in as an
//! **enum of backends**, not a trait object: `Reader` holds `sqlite::Db` today
//! and would hold `enum Backend { Sqlite(sqlite::Db), Postgres(postgres::Db) }`,
//! each operation matching on it. The set of backends is closed and chosen at
//! run time from `--db`; an enum keeps generic and callback-taking operations
//! (the streaming import, `each_indexed_unit`) as they are, where a trait object
//! would force them into `dyn` shapes, and it costs one `match` per operation
//! written next to the backends. Features and the CLI name only `Store`,
//! `Reader`, `Writer` and the types here, so they do not change.

pub mod model;
// The one place allowed to name rusqlite's connection types (clippy.toml).
#[allow(clippy::disallowed_types)]
mod sqlite;

use std::ops::Deref;
use std::path::Path;

pub use model::*;
pub use sqlite::documents::content_hash;
pub use sqlite::{busy_timeout, latest_version, migrations, APPLICATION_ID, SCHEMA_SQL};

/// The memory as TMX sees it: the import's and export's options and summaries,
/// a segment's unit, and the identities and dates units are stored with.
pub mod tm {
    pub use super::sqlite::tm::{
        audarma_header, identity, key_hash, stored_date_to_tmx, tmx_date_to_stored, unit_identity,
        variant_plain, ExportOptions, ExportSummary, ImportOptions, ImportProgress, ImportSummary,
        OnDuplicate, ReportedProblem, SegmentUnit,
    };
}

/// The fuzzy-match index as retrieval reads it: the [`Source`](fuzzy_index::Source)
/// trait, the stored index, the target bits and the posting-list encoding.
pub mod fuzzy_index {
    pub use super::sqlite::fuzzy_index::{
        decode_postings, decode_stems, encode_postings, encode_stems, target_bit, Source, StemDict,
        StoredIndex, INDEX_VERSION,
    };
}

use crate::error::Result;

/// An open Audarma database.
pub struct Store {
    reader: Reader,
}

/// The read operations, on an open database (see the module doc).
pub struct Reader {
    db: sqlite::Db,
}

/// The write operations, inside one unit of work ([`Store::write`]). Reads
/// through it (it dereferences to [`Reader`]) see its own uncommitted writes.
pub struct Writer<'s> {
    reader: &'s Reader,
    tx: sqlite::Tx<'s>,
}

impl Store {
    /// Create a new database at `path`, or open (and migrate) an existing
    /// Audarma database there. Returns the store and whether it was created.
    /// An existing file that is not a database yet (0 bytes) is refused.
    pub fn create(path: &Path) -> Result<(Store, bool)> {
        let (db, created) = sqlite::Db::create(path, false)?;
        Ok((Store::from_db(db), created))
    }

    /// [`Store::create`], also making an existing empty file (0 bytes, or
    /// SQLite without tables) a database: `audarma init --force`.
    pub fn create_adopting(path: &Path) -> Result<(Store, bool)> {
        let (db, created) = sqlite::Db::create(path, true)?;
        Ok((Store::from_db(db), created))
    }

    /// Open an existing Audarma database, migrating it if it is older.
    pub fn open(path: &Path) -> Result<Store> {
        Ok(Store::from_db(sqlite::Db::open(path)?))
    }

    /// Open an existing Audarma database for a read: nothing is written to it
    /// (no migration; an older one is refused with how to upgrade), and a file
    /// the user can read but not write works.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        Ok(Store::from_db(sqlite::Db::open_for_reading(path)?))
    }

    /// An in-memory database (tests, scratch work).
    pub fn in_memory() -> Result<Store> {
        Ok(Store::from_db(sqlite::Db::in_memory()?))
    }

    fn from_db(db: sqlite::Db) -> Store {
        Store {
            reader: Reader { db },
        }
    }

    /// One unit of work: everything `f` writes is committed together, or — if
    /// `f` fails, or the commit does — nothing is. A lock held by another
    /// process past the busy timeout, or a read-only file, is reported once,
    /// naming the database file.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let db = &self.reader.db;
        let run = || -> Result<T> {
            let w = Writer {
                reader: &self.reader,
                tx: db.begin_write()?,
            };
            let out = f(&w)?;
            db.commit(w.tx)?;
            Ok(out)
        };
        run().map_err(|e| db.name_file(e))
    }

    /// A unit of work held open across statements, for the crate's own unit
    /// tests (which build up state step by step); commit with [`Writer::commit`].
    #[cfg(test)]
    pub fn begin(&mut self) -> Result<Writer<'_>> {
        Ok(Writer {
            reader: &self.reader,
            tx: self.reader.db.begin_write()?,
        })
    }

    /// Several reads over one consistent snapshot (a report's figures, say).
    pub fn read<T>(&self, f: impl FnOnce(&Reader) -> Result<T>) -> Result<T> {
        self.reader.db.consistent_read(|| f(&self.reader))
    }
}

impl Deref for Store {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        &self.reader
    }
}

#[cfg(test)]
impl Writer<'_> {
    /// Commit a unit of work opened with [`Store::begin`].
    pub fn commit(self) -> Result<()> {
        self.reader.db.commit(self.tx)
    }
}

impl<'s> Deref for Writer<'s> {
    type Target = Reader;
    fn deref(&self) -> &Reader {
        self.reader
    }
}

impl Reader {
    /// The database file (`:memory:` for a scratch database).
    pub fn path(&self) -> &Path {
        self.db.path()
    }

    /// The database's schema version.
    pub fn version(&self) -> Result<i64> {
        self.db.version()
    }

    /// This database's random identity, made once (our TMX exports carry it,
    /// so an import can tell our own files from others').
    pub fn database_id(&self) -> Result<String> {
        self.db.database_id()
    }
}

/// The current time as stored: RFC 3339 UTC, seconds precision.
pub fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::segment::Sentence;
    use crate::text::Lang;

    fn doc<'a>(sentences: &'a [Sentence]) -> NewDocument<'a> {
        NewDocument {
            name: "d",
            file_name: "d.txt",
            lang: Lang::Kk,
            text: "Бір.",
            sentences,
            replace: false,
            removal_confirmed: false,
        }
    }

    #[test]
    fn a_failed_unit_of_work_leaves_nothing_behind() {
        let mut store = Store::in_memory().unwrap();
        let s = [Sentence {
            paragraph: 1,
            text: "Бір.".into(),
        }];
        let err = store
            .write(|w| {
                w.import_document(&doc(&s))?;
                assert_eq!(w.documents()?.len(), 1, "a read inside sees the write");
                Err::<(), _>(Error::usage("changed my mind"))
            })
            .unwrap_err();
        assert!(matches!(err, Error::Usage(_)));
        assert!(store.documents().unwrap().is_empty());
        store.write(|w| w.import_document(&doc(&s))).unwrap();
        assert_eq!(store.documents().unwrap().len(), 1);
    }

    #[test]
    fn a_locked_database_is_named_once_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        // Only shortens the wait (no other unit test here waits on a lock).
        std::env::set_var("AUDARMA_BUSY_TIMEOUT_MS", "50");
        let (mut store, _) = Store::create(&path).unwrap();
        let (mut other, _) = Store::create(&path).unwrap();
        let s = [Sentence {
            paragraph: 1,
            text: "Бір.".into(),
        }];
        let held = other.begin().unwrap();
        held.import_document(&doc(&s)).unwrap();
        let err = store.write(|w| w.import_document(&doc(&s))).unwrap_err();
        let msg = err.to_string();
        assert_eq!(err.exit_code(), 4, "{msg}");
        assert!(msg.contains("t.db") && msg.contains("locked"), "{msg}");
        drop(held);
        assert!(store.documents().unwrap().is_empty());
    }
}
