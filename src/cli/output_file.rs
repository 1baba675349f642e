//! The files commands write (`export`, `tmx export`, `report`, `align --tsv`,
//! the demo's): checked before any work is done, then written by
//! [`audarma::outfile::write_atomically`] like every file Audarma writes. An
//! existing file is only replaced with `--force` (the export once silently
//! replaced the Kazakh original it was given by mistake); never, whatever the
//! flags, the database (or its journal), an input of the same command, the
//! source file of the document being exported, or any SQLite file. Each is
//! compared by device and inode and with links resolved, so a hard link, a
//! symlink or `sub/../` spelling is caught too. `-` means stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use audarma::outfile::{self, Existing};
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
    pub fn new(path: &Path, force: bool, ctx: &Ctx, inputs: &Inputs<'_>) -> Result<Output> {
        if path.as_os_str() == "-" {
            return Ok(Output::Stdout);
        }
        OutputFile::check(path, force, ctx, inputs).map(Output::File)
    }
}

/// What the command reads, which its output must never replace.
#[derive(Default)]
pub struct Inputs<'a> {
    /// Files given on the command line.
    pub files: &'a [&'a Path],
    /// The document being exported: a file with its text as imported is its source.
    pub source_of: Option<&'a Document>,
}

impl OutputFile {
    /// Refuse, before the work starts: a folder; the database, an input or an
    /// SQLite file even with `force`; an existing file without `force`.
    /// A device or FIFO (`/dev/null`, a pipe) is written as it is.
    pub fn check(path: &Path, force: bool, ctx: &Ctx, inputs: &Inputs<'_>) -> Result<OutputFile> {
        let target = outfile::resolve_links(path).unwrap_or_else(|_| path.to_path_buf());
        let meta = std::fs::metadata(&target).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Err(Error::input(path, "is a directory, not a file"));
        }
        let shown = path.display();
        if is_database(path, &ctx.db) {
            return Err(Error::usage(format!(
                "{shown} is the database; write the output to another file"
            )));
        }
        if let Some(input) = inputs.files.iter().find(|i| outfile::same_file(path, i)) {
            return Err(Error::usage(format!(
                "{shown} is an input of this command ({}); write the output to another file",
                input.display()
            )));
        }
        if outfile::is_sqlite_file(&target) {
            return Err(Error::usage(format!(
                "{shown} is an SQLite database; it is never replaced, even with --force: write the output to another file"
            )));
        }
        let Some(meta) = meta else {
            return Ok(OutputFile::new(path, force));
        };
        if is_block_device(&meta) {
            return Err(Error::usage(format!(
                "{shown} is a disk device; write the output to a file"
            )));
        }
        if !meta.is_file() {
            return Ok(OutputFile::new(path, force));
        }
        if let Some(doc) = inputs.source_of.filter(|doc| is_source_of(&target, doc)) {
            return Err(Error::usage(format!(
                "{shown} is the source file of document '{}' (the text it was imported from); it is never replaced, even with --force: write the output to another file",
                doc.name
            )));
        }
        if !force {
            return Err(exists(path));
        }
        Ok(OutputFile::new(path, force))
    }

    fn new(path: &Path, overwrite: bool) -> OutputFile {
        OutputFile {
            path: path.to_path_buf(),
            overwrite,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Write `bytes` atomically (see [`OutputFile::write_with`]).
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        self.write_with(|w| Ok(w.write_all(bytes)?))
    }

    /// Let `f` write the file atomically, through a symlink to its target.
    /// Without `--force` the rename refuses an existing file (one that
    /// appeared since the check, too).
    pub fn write_with<T>(&self, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
        let existing = if self.overwrite {
            Existing::Replace
        } else {
            Existing::Keep
        };
        outfile::write_atomically(&self.path, existing, f).map_err(|e| match e {
            Error::Io(io) if io.kind() == std::io::ErrorKind::AlreadyExists => exists(&self.path),
            e => e,
        })
    }
}

/// The refusal of an existing file.
fn exists(path: &Path) -> Error {
    Error::usage(format!(
        "{} exists; give --force to replace it, or write to another file",
        path.display()
    ))
}

/// Whether the file holds the text `doc` was imported from (files that cannot
/// be its source, too large or not text, are not read through).
fn is_source_of(path: &Path, doc: &Document) -> bool {
    const LARGEST_SOURCE: u64 = 1 << 30;
    std::fs::metadata(path).is_ok_and(|m| m.len() <= LARGEST_SOURCE)
        && read_text_file(path).is_ok_and(|text| content_hash(&text) == doc.content_hash)
}

#[cfg(unix)]
fn is_block_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_block_device()
}

#[cfg(not(unix))]
fn is_block_device(_: &std::fs::Metadata) -> bool {
    false
}

/// Whether `path` is the database file (by any name: a link, `./`, `..`) or
/// one of SQLite's files beside it, there already or not.
fn is_database(path: &Path, db: &Path) -> bool {
    let real_db = db.canonicalize().unwrap_or_else(|_| db.to_path_buf());
    [db.to_path_buf(), real_db].iter().any(|db| {
        ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
            let mut name = db.clone().into_os_string();
            name.push(suffix);
            outfile::same_file(path, Path::new(&name))
        })
    })
}
