//! The library's error type and how each kind maps to a process exit code.
//! Backend errors (SQLite's) are mapped into these kinds inside `store`; this
//! module must not name a backend.

use std::path::PathBuf;

/// Everything that can go wrong, grouped by who has to act on it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A command-line argument is wrong (unknown document, language, position ...).
    #[error("{0}")]
    Usage(String),
    /// An input file cannot be used: missing, unreadable, wrong encoding, malformed.
    /// `message` already carries `LINE:COLUMN: ` where it applies.
    #[error("{}: {message}", path.display())]
    Input { path: PathBuf, message: String },
    /// The database cannot be used: missing, not ours, too new, locked.
    #[error("{}: {message}", path.display())]
    Database { path: PathBuf, message: String },
    /// A write was refused because somebody else changed the data first, or the
    /// requested change is not allowed (a forbidden status move).
    #[error("{0}")]
    Conflict(String),
    /// Another process holds the database's write lock longer than we wait.
    #[error("{0}")]
    Locked(String),
    /// The database engine failed (a damaged file, a full disk, a bug); the
    /// message is the engine's. Mapped from the backend's own error type in `store`.
    #[error("database error: {0}")]
    Backend(String),
    /// The disk (or the user's quota) is full: one kind, whichever file it
    /// hit (an output, the database), so a script sees one exit code.
    #[error("{}: no space left on the disk (or quota exceeded); free some space and run the command again", path.display())]
    NoSpace { path: PathBuf },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    pub fn input(path: impl Into<PathBuf>, msg: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: msg.into(),
        }
    }

    pub fn database(path: impl Into<PathBuf>, msg: impl Into<String>) -> Self {
        Error::Database {
            path: path.into(),
            message: msg.into(),
        }
    }

    pub fn no_space(path: impl Into<PathBuf>) -> Self {
        Error::NoSpace { path: path.into() }
    }

    /// Whether this is a write to a pipe whose reader has gone (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// Exit codes: 1 generic, 2 usage, 3 bad input file, 4 database or a full
    /// disk, 5 conflict.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            Error::Input { .. } => 3,
            Error::Database { .. } => 4,
            Error::Conflict(_) => 5,
            Error::Locked(_) | Error::NoSpace { .. } => 4,
            // A full disk met on stdout (`> /dev/full`) is a full disk too.
            Error::Io(e) if is_no_space(e) => 4,
            Error::Backend(_) | Error::Io(_) => 1,
        }
    }
}

/// Whether an I/O error is the disk (or the user's quota) being full.
pub fn is_no_space(e: &std::io::Error) -> bool {
    // ENOSPC and EDQUOT (Linux's number; StorageFull covers ENOSPC everywhere).
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || e.raw_os_error() == Some(122)
}
