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

/// An input error's message is cut here (then `…`): past it, it is echoing
/// the file (a megabyte-long element name), not explaining.
const MAX_INPUT_MESSAGE: usize = 1000;

/// A message about a file on one line: a line break shown as `⏎` (as plain output
/// shows one, `text::display`, which this base module must not use), any
/// other control character but TAB escaped (`\u{1b}`); at most
/// `MAX_INPUT_MESSAGE` bytes.
pub fn one_line(msg: String) -> String {
    let is_break = |c: char| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let odd = |c: char| c != '\t' && (c.is_control() || is_break(c));
    let mut line: String = if msg.contains(odd) {
        let mut shown = String::with_capacity(msg.len() + 8);
        let mut chars = msg.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue; // one break for CR LF
            }
            match c {
                c if is_break(c) => shown.push('⏎'),
                c if odd(c) => shown.push_str(&format!("\\u{{{:x}}}", c as u32)),
                c => shown.push(c),
            }
        }
        shown
    } else {
        msg
    };
    if line.len() > MAX_INPUT_MESSAGE {
        let cut = (0..=MAX_INPUT_MESSAGE)
            .rev()
            .find(|&i| line.is_char_boundary(i));
        line.truncate(cut.unwrap_or(0));
        line.push('…');
    }
    line
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    /// `msg` is kept on one line and short: it often quotes the file (a tag
    /// name, an encoding label), and a line break or control character there
    /// would break the one-line error, for library callers too (the CLI also
    /// escapes what it prints).
    pub fn input(path: impl Into<PathBuf>, msg: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            message: one_line(msg.into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_error_is_one_line_whatever_it_quotes() {
        let e = Error::input(
            "m.tmx",
            "expected `</a>`, but `</\n\r\u{2028}\u{85}\u{1b}[2J\tb>` was found",
        );
        assert_eq!(
            e.to_string(),
            "m.tmx: expected `</a>`, but `</⏎⏎⏎⏎\\u{1b}[2J\tb>` was found"
        );
        assert_eq!(Error::input("a", "Сәлем: ok").to_string(), "a: Сәлем: ok");
        let long = format!("the root element is <{}>", "ә".repeat(100_000));
        let shown = Error::input("b", long).to_string();
        assert!(
            shown.len() <= 1010 && shown.ends_with('…'),
            "{} bytes",
            shown.len()
        );
        assert!(shown.starts_with("b: the root element is <әә"), "{shown}");
    }
}
