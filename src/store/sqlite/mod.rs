//! The SQLite backend: opening, creating and migrating the file (pragmas,
//! `schema.sql`), transactions, the mapping of SQLite's errors to the library's,
//! and every query, one file per kind of data. The only place that names
//! `rusqlite`; what it offers the rest of the crate are the named operations on
//! [`Reader`](super::Reader) and [`Writer`](super::Writer) written in its files.

mod activity;
mod claims;
pub mod documents;
mod error;
pub mod fuzzy_index;
mod memory;
mod replace;
mod review_log;
#[cfg(test)]
mod tamper;
pub mod tm;
pub mod translations;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};

/// The schema, as migration blocks introduced by `-- version N` lines.
pub const SCHEMA_SQL: &str = include_str!("../../../schema.sql");

/// `PRAGMA application_id` of an Audarma database ("AUDA").
pub const APPLICATION_ID: i64 = 0x4155_4441;

/// How long a write waits for another process's lock before giving up:
/// `AUDARMA_BUSY_TIMEOUT_MS`, else 5 s (a bad setting is refused when the
/// database is opened, [`busy_timeout_setting`]).
pub fn busy_timeout() -> Duration {
    busy_timeout_setting().unwrap_or(Duration::from_millis(5000))
}

/// `AUDARMA_BUSY_TIMEOUT_MS` read strictly: unset or empty is the default, a
/// value that is not a whole number of milliseconds is a usage error.
pub fn busy_timeout_setting() -> Result<Duration> {
    match std::env::var("AUDARMA_BUSY_TIMEOUT_MS") {
        Err(std::env::VarError::NotPresent) => Ok(Duration::from_millis(5000)),
        Ok(v) if v.trim().is_empty() => Ok(Duration::from_millis(5000)),
        Ok(v) => v.trim().parse().map(Duration::from_millis).map_err(|_| {
            Error::usage(format!(
                "AUDARMA_BUSY_TIMEOUT_MS is '{v}', not a whole number of milliseconds"
            ))
        }),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::usage(
            "AUDARMA_BUSY_TIMEOUT_MS is not a whole number of milliseconds",
        )),
    }
}

/// The engine's own words for an error, without the SQL it was running (a
/// failed statement's text means nothing to a user).
fn engine_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) => format!("{msg} ({:?})", f.code),
        rusqlite::Error::SqliteFailure(f, None) => f.to_string(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

/// `file:PATH?immutable=1`, with the characters a URI gives a meaning to
/// percent-encoded (SQLite passes every other byte through).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri + "?immutable=1"
}

/// How often a writer waiting for the lock tries again. SQLite's own busy
/// timeout backs off to 100 ms between tries, so a writer could miss every
/// short gap a long import leaves between its batches; a steady short poll
/// gets in within one gap (`tm::import::batches::YIELD` is a few polls).
pub const BUSY_POLL: Duration = Duration::from_millis(5);

/// SQLite's busy handler: wait [`BUSY_POLL`] and try again, until
/// [`busy_timeout`] has passed (`tries` counts the earlier calls).
fn wait_for_lock(tries: i32) -> bool {
    let waited = BUSY_POLL * u32::try_from(tries).unwrap_or(u32::MAX);
    if waited >= busy_timeout() {
        return false;
    }
    std::thread::sleep(BUSY_POLL);
    true
}

/// An open SQLite database file and its path (for messages).
pub struct Db {
    conn: Connection,
    path: PathBuf,
}

/// A write transaction on a [`Db`]; rolled back when dropped uncommitted.
pub type Tx<'c> = Transaction<'c>;

/// The migration blocks of `schema.sql`, in order: (version, SQL).
pub fn migrations() -> Vec<(i64, String)> {
    let mut blocks: Vec<(i64, String)> = Vec::new();
    for line in SCHEMA_SQL.lines() {
        if let Some(v) = line.strip_prefix("-- version ") {
            let version = v.trim().parse().unwrap_or(0);
            blocks.push((version, String::new()));
        } else if let Some((_, sql)) = blocks.last_mut() {
            sql.push_str(line);
            sql.push('\n');
        }
    }
    blocks
}

/// The schema version this build of Audarma writes.
pub fn latest_version() -> i64 {
    migrations().last().map(|(v, _)| *v).unwrap_or(0)
}

impl Db {
    /// Create a new database at `path`, or open (and migrate) an existing
    /// Audarma database there. Returns the store and whether it was created.
    /// An existing file that is no database yet (0 bytes, or SQLite without
    /// tables) is refused unless `adopt_empty`: some other program may have
    /// made it, and it is not ours to fill.
    pub fn create(path: &Path, adopt_empty: bool) -> Result<(Db, bool)> {
        let existed = path.exists();
        if existed {
            // An adopted empty file had no schema: it is created now.
            let (db, had_version) = Db::open_checked(path, adopt_empty)?;
            return Ok((db, had_version == 0));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(Error::database(
                    path,
                    format!(
                        "cannot create the database: folder {} does not exist",
                        dir.display()
                    ),
                ));
            }
        }
        let conn = Connection::open(path).map_err(|e| Error::database(path, e.to_string()))?;
        let mut store = Db {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok((store, true))
    }

    /// Open an existing Audarma database, migrating it if it is older. A file
    /// that is not one, empty ones included, is refused before anything is
    /// written to it (a read never creates a database).
    pub fn open(path: &Path) -> Result<Db> {
        Ok(Db::open_checked(path, false)?.0)
    }

    /// Open an existing Audarma database for reading only: nothing is ever
    /// written to it (no migration, no journal-mode switch), and a file the
    /// user may read but not write (a read-only share, a colleague's file)
    /// works. An older schema is refused with the way to upgrade it.
    pub fn open_for_reading(path: &Path) -> Result<Db> {
        let conn = Db::connect(path)?;
        let store = Db {
            conn,
            path: path.to_path_buf(),
        };
        store.check_ours(false)?;
        store.configure_connection()?;
        let (current, latest) = (store.version()?, latest_version());
        if current > latest {
            return Err(store.too_new(current));
        }
        if current < latest {
            return Err(Error::database(
                path,
                format!(
                    "database schema version {current} is older than this audarma's ({latest}), and a read never writes; upgrade it with `audarma init` (it migrates in place, keeping everything)"
                ),
            ));
        }
        Ok(store)
    }

    /// Connect to an existing file: for writing where the file allows it,
    /// else read-only. A WAL database in a folder we cannot write has no
    /// `-shm` to share and cannot be read the usual way; it is read as
    /// immutable then (nobody is writing it: a writer would have made the
    /// `-shm`).
    fn connect(path: &Path) -> Result<Connection> {
        if !path.exists() {
            return Err(Error::database(
                path,
                "no database here; create one with `audarma init` (choose another with --db PATH or AUDARMA_DB)",
            ));
        }
        if path.is_dir() {
            return Err(Error::database(path, "is a directory, not a database file"));
        }
        let open_error = |e: rusqlite::Error| Error::database(path, engine_message(&e));
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .map_err(open_error)?;
        let readable = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        });
        match readable {
            Err(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen
                ) =>
            {
                drop(conn);
                Connection::open_with_flags(
                    immutable_uri(path),
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(open_error)
            }
            _ => Ok(conn),
        }
    }

    /// Open, check and migrate; also returns the schema version the file had.
    fn open_checked(path: &Path, adopt_empty: bool) -> Result<(Db, i64)> {
        let conn = Db::connect(path)?;
        let mut store = Db {
            conn,
            path: path.to_path_buf(),
        };
        store.check_ours(adopt_empty)?;
        store.configure()?;
        let had_version = store.migrate()?;
        Ok((store, had_version))
    }

    /// An in-memory database (tests, the demo's scratch work).
    pub fn in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        let mut store = Db {
            conn,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Begin an immediate (write-locking) transaction, so two writers queue
    /// on the busy timeout instead of failing half-way. `&self` because the
    /// caller (`Store::write`) holds the store mutably for the transaction's life.
    pub fn begin_write(&self) -> Result<Tx<'_>> {
        Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| locked_or(e, &self.path))
    }

    /// Commit, naming the file when another process holds the lock.
    pub fn commit(&self, tx: Tx<'_>) -> Result<()> {
        tx.commit().map_err(|e| locked_or(e, &self.path))
    }

    /// Run `f` inside one deferred read transaction, so every query it makes
    /// sees the same state even while another process writes (WAL snapshot).
    pub fn consistent_read<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(); // already inside a transaction: that one is the snapshot
        }
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Deferred)?;
        let out = f()?;
        tx.commit()?;
        Ok(out)
    }

    /// Give a backend error that has no file in it (locked, read-only) the
    /// database's path, so the one-line message names the file.
    pub fn name_file(&self, e: Error) -> Error {
        self::error::name_file(e, &self.path)
    }

    /// The database's schema version.
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// See [`crate::store::Reader::database_id`].
    pub fn database_id(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT value FROM database_meta WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )?)
    }

    fn check_ours(&self, adopt_empty: bool) -> Result<()> {
        let not_ours =
            |why: String| Error::database(&self.path, format!("not an Audarma database ({why})"));
        let bytes = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        let app_id: i64 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| not_ours(e.to_string()))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| not_ours(e.to_string()))?;
        if app_id == APPLICATION_ID || (app_id == 0 && tables == 0 && adopt_empty) {
            Ok(())
        } else if app_id == 0 && tables == 0 {
            let what = if bytes == 0 {
                "an empty file"
            } else {
                "an SQLite file without tables"
            };
            Err(not_ours(format!(
                "{what}; `audarma init --force` makes it one"
            )))
        } else if app_id == 0 {
            Err(not_ours("an SQLite file with other tables".into()))
        } else {
            Err(not_ours(format!("application id {app_id:#x}")))
        }
    }

    fn configure(&mut self) -> Result<()> {
        self.configure_connection()?;
        // Only takes effect on a file not yet written (a new database). The
        // memory is mostly rows of a few hundred bytes and posting blobs,
        // inserted in bulk: 16 KiB pages split less often and need fewer
        // page fetches per insert than the 4 KiB default (about 7% less CPU
        // for a 100k-unit TMX import, bench/tmx.sh).
        self.conn.pragma_update(None, "page_size", 16384)?;
        if !self.is_read_only() {
            // Switching to WAL needs a moment of exclusive access; ignore a
            // failure here (another process may be on it): it is an optimisation.
            let _ = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// What every connection needs, writing nothing: the busy handler (after
    /// checking the timeout setting) and foreign keys.
    fn configure_connection(&self) -> Result<()> {
        busy_timeout_setting()?;
        self.conn
            .busy_handler(Some(wait_for_lock))
            .map_err(|e| Error::database(&self.path, e.to_string()))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(())
    }

    fn is_read_only(&self) -> bool {
        self.conn
            .is_readonly(rusqlite::DatabaseName::Main)
            .unwrap_or(true)
    }

    fn too_new(&self, current: i64) -> Error {
        Error::database(
            &self.path,
            format!(
                "database schema version {current} is newer than this audarma supports ({}); upgrade audarma",
                latest_version()
            ),
        )
    }

    /// Bring the schema up to date; returns the version it had.
    fn migrate(&mut self) -> Result<i64> {
        let current = self.version()?;
        let latest = latest_version();
        if current > latest {
            return Err(self.too_new(current));
        }
        if current == latest {
            return Ok(current);
        }
        if self.is_read_only() {
            return Err(Error::database(
                &self.path,
                format!("database is read-only and needs a migration from version {current} to {latest}"),
            ));
        }
        let path = self.path.clone();
        let tx = self.begin_write()?;
        for (version, sql) in migrations().into_iter().filter(|(v, _)| *v > current) {
            tx.execute_batch(&sql).map_err(|e| {
                Error::database(
                    &path,
                    format!(
                        "migration to version {version} failed: {}; the database is unchanged",
                        engine_message(&e)
                    ),
                )
            })?;
        }
        tx.pragma_update(None, "user_version", latest)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit().map_err(|e| locked_or(e, &path))?;
        Ok(current)
    }
}

/// Turn SQLite's "busy"/"locked" into a message naming the database file.
fn locked_or(e: rusqlite::Error, path: &Path) -> Error {
    self::error::name_file(Error::from(e), path)
}

pub use super::now;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_blocks_are_numbered_in_order() {
        let m = migrations();
        assert!(!m.is_empty());
        for (i, (v, _)) in m.iter().enumerate() {
            assert_eq!(*v, i as i64 + 1);
        }
    }

    #[test]
    fn new_database_gets_latest_version_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let (store, created) = Db::create(&path, false).unwrap();
        assert!(created);
        assert_eq!(store.version().unwrap(), latest_version());
        drop(store);
        let (_, created) = Db::create(&path, false).unwrap();
        assert!(!created);
    }

    #[test]
    fn refuses_a_newer_database_and_foreign_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Db::create(&path, false).unwrap());
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        drop(c);
        let err = Db::open(&path).err().unwrap().to_string();
        assert!(err.contains("newer"), "{err}");

        let other = dir.path().join("other.db");
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE x(a)").unwrap();
        drop(c);
        let err = Db::open(&other).err().unwrap().to_string();
        assert!(err.contains("not an Audarma database"), "{err}");
    }

    #[test]
    fn an_empty_file_is_not_a_database_until_init_is_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        let err = Db::open(&path).err().unwrap().to_string();
        assert!(
            err.contains("not an Audarma database (an empty file"),
            "{err}"
        );
        let err = Db::create(&path, false).err().unwrap().to_string();
        assert!(err.contains("init --force"), "{err}");
        assert_eq!(
            std::fs::metadata(&path).unwrap().len(),
            0,
            "nothing written"
        );
        let (db, created) = Db::create(&path, true).unwrap();
        assert!(created, "made a database now");
        assert_eq!(db.version().unwrap(), latest_version());
        drop(db);
        Db::open(&path).unwrap();
    }

    #[test]
    fn missing_database_says_how_to_create_it() {
        let err = Db::open(Path::new("/nonexistent/x.db"))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("audarma init"), "{err}");
    }
}
