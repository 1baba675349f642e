//! The files commands write (`export`, `tmx export`, `report`, `align --tsv`):
//! checked before any work is done, then written atomically. An existing file
//! is only replaced with `--force` (the export once silently replaced the
//! Kazakh original it was given by mistake); the database itself never is,
//! whatever the flags. `-` means stdout.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use audarma::store::{content_hash, Document};
use audarma::{Error, Result};

use super::common::read_text_file;
use super::Ctx;

/// Where a command's output goes.
pub enum Output {
    Stdout,
    File(OutputFile),
}

/// A checked output file: the path, and whether an existing file there may go.
pub struct OutputFile {
    path: PathBuf,
    overwrite: bool,
}

impl Output {
    /// `-` is stdout; any other path is checked at once (see [`OutputFile::check`]).
    pub fn new(
        path: &Path,
        force: bool,
        ctx: &Ctx,
        source_of: Option<&Document>,
    ) -> Result<Output> {
        if path.as_os_str() == "-" {
            return Ok(Output::Stdout);
        }
        OutputFile::check(path, force, ctx, source_of).map(Output::File)
    }
}

impl OutputFile {
    /// Refuse, before the work starts: a folder; the database (or its journal)
    /// even with `force`; an existing file without `force`, saying when it is
    /// the source file of `source_of` (same text as imported).
    pub fn check(
        path: &Path,
        force: bool,
        ctx: &Ctx,
        source_of: Option<&Document>,
    ) -> Result<OutputFile> {
        if path.is_dir() {
            return Err(Error::input(path, "is a directory, not a file"));
        }
        if is_database(path, &ctx.db) {
            return Err(Error::usage(format!(
                "{} is the database; write the output to another file",
                path.display()
            )));
        }
        if path.exists() && !force {
            return Err(exists(path, source_of));
        }
        Ok(OutputFile {
            path: path.to_path_buf(),
            overwrite: force,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write `bytes` atomically (see [`OutputFile::write_with`]).
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        self.write_with(|w| Ok(w.write_all(bytes)?))
    }

    /// Let `f` write into a temporary file in the same folder, then rename it
    /// over the path, so no reader ever sees half a file and a failure leaves
    /// the old one. Without `--force` the rename refuses an existing file (one
    /// that appeared since the check, too).
    pub fn write_with<T>(&self, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
        let path = &self.path;
        let fail = |e: std::io::Error| Error::input(path, format!("cannot write: {e}"));
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
        let mut buffered = BufWriter::with_capacity(1 << 16, temp);
        let out = f(&mut buffered)?;
        let temp = buffered.into_inner().map_err(|e| fail(e.into_error()))?;
        temp.as_file().sync_all().map_err(fail)?;
        let persisted = if self.overwrite {
            temp.persist(path)
        } else {
            temp.persist_noclobber(path)
        };
        match persisted {
            Ok(_) => Ok(out),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(exists(path, None))
            }
            Err(e) => Err(fail(e.error)),
        }
    }
}

/// The refusal of an existing file, naming the document whose source it is.
fn exists(path: &Path, source_of: Option<&Document>) -> Error {
    let source = source_of.filter(|doc| {
        read_text_file(path).is_ok_and(|text| content_hash(&text) == doc.content_hash)
    });
    match source {
        Some(doc) => Error::usage(format!(
            "{} is the source file of document '{}'; write the output to another file (or give --force to replace the original)",
            path.display(),
            doc.name
        )),
        None => Error::usage(format!(
            "{} exists; give --force to replace it, or write to another file",
            path.display()
        )),
    }
}

/// Whether `path` is the database file (by any name: a link, `./`, `..`) or
/// one of SQLite's files beside it.
fn is_database(path: &Path, db: &Path) -> bool {
    let (Ok(out), Ok(db)) = (path.canonicalize(), db.canonicalize()) else {
        return false; // one of them does not exist: they are not the same file
    };
    same_inode(&out, &db)
        || ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut name = db.clone().into_os_string();
            name.push(suffix);
            out == Path::new(&name)
        })
}

/// A hard link is another path to the same file.
#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (a.metadata(), b.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}
