//! SQLite's errors in the library's terms: a lock held too long or a read-only
//! file is a database problem the user can act on (exit 4); a failed constraint
//! or anything else is the engine's message (exit 1).

use std::path::Path;

use crate::error::Error;

use super::busy_timeout;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                    return Error::Locked(format!(
                        "database is locked by another process (waited {} ms); try again",
                        busy_timeout().as_millis()
                    ));
                }
                rusqlite::ErrorCode::ReadOnly => {
                    return Error::Locked("database is read-only".into());
                }
                _ => {}
            }
        }
        Error::Backend(e.to_string())
    }
}

/// A lock or read-only error, now naming the database file.
pub fn name_file(e: Error, path: &Path) -> Error {
    match e {
        Error::Locked(message) => Error::database(path, message),
        other => other,
    }
}
