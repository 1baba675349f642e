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
                // The same condition as a full disk under an output file: the
                // storage's, exit code 4, with nothing written.
                rusqlite::ErrorCode::DiskFull => {
                    return Error::Locked(
                        "the disk is full; nothing was written (free some space and try again)"
                            .into(),
                    );
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

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(code: std::os::raw::c_int) -> Error {
        Error::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(code),
            None,
        ))
    }

    #[test]
    fn a_full_disk_and_a_read_only_file_are_the_databases_problems_and_name_it() {
        for (code, words) in [
            (rusqlite::ffi::SQLITE_FULL, "disk is full"),
            (rusqlite::ffi::SQLITE_READONLY, "read-only"),
        ] {
            let e = name_file(engine(code), Path::new("t.db"));
            assert_eq!(e.exit_code(), 4, "{e}");
            let shown = e.to_string();
            assert!(
                shown.starts_with("t.db: ") && shown.contains(words),
                "{shown}"
            );
        }
        assert_eq!(engine(rusqlite::ffi::SQLITE_CORRUPT).exit_code(), 1);
    }
}
