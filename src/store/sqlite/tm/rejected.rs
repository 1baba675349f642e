//! The lenient import's quarantine, `NAME.rejected.tmx`: where it goes, and
//! that it is on disk before the import commits. Each input gets a name of its
//! own (`m.tmx` → `m.rejected.tmx`, `m.tmx.gz` → `m.tmx.gz.rejected.tmx`, a zip
//! member → `pack.zip.MEMBER.rejected.tmx`), and a name already taken, by
//! another input of the same import or by anything else, gets a number
//! (`m.rejected-2.tmx`): a quarantine never replaces a file. The files are
//! written like every output (`outfile`), synced and renamed into place
//! before the commit; if one cannot be, the import fails and rolls back, so
//! no rejected unit is ever lost while the import reports success.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::outfile::AtomicFile;
pub(super) use crate::text::decode::io_reason;
use crate::tmx::{Dtd, Header, ReadUnit, TmxWriter};

/// One input's rejected units, being written.
pub(super) type RejectWriter = TmxWriter<BufWriter<AtomicFile>>;

/// A file for one input's rejected units, and where it goes (before a
/// number is added): next to the input, or in the current folder if that is
/// not writable.
pub(super) fn rejected_file(path: &Path, entry: Option<&str>) -> Result<(AtomicFile, PathBuf)> {
    let target = rejected_path(path, entry);
    if let Ok(file) = AtomicFile::create(&target) {
        return Ok((file, target));
    }
    let here = PathBuf::from(target.file_name().unwrap_or_default());
    match AtomicFile::create(&here) {
        Ok(file) => Ok((file, here)),
        Err(Error::Input { message, .. }) => Err(Error::input(
            &target,
            format!("{message} (the rejected units; nor in the current folder)"),
        )),
        Err(e) => Err(e),
    }
}

/// Begin the quarantine of an input, with the input's header.
pub(super) fn start(file: AtomicFile, target: &Path, header: &Header) -> Result<RejectWriter> {
    TmxWriter::new(BufWriter::new(file), header, Dtd::AsRead).map_err(|e| write_error(target, e))
}

/// Add a rejected unit, after a comment per problem (`FILE:LINE:COL: why`).
pub(super) fn write_unit(
    writer: &mut RejectWriter,
    target: &Path,
    name: &str,
    read: &ReadUnit,
) -> Result<()> {
    let written: std::io::Result<()> = (|| {
        for p in &read.problems {
            writer.comment(&format!("{name}:{p}"))?;
        }
        writer.unit(&read.unit)
    })();
    written.map_err(|e| write_error(target, e))
}

/// The error for the quarantine `target` (a full disk is one kind everywhere).
fn write_error(target: &Path, e: std::io::Error) -> Error {
    match crate::error::is_no_space(&e) {
        true => Error::no_space(target),
        false => Error::input(
            target,
            format!("cannot write the rejected units: {}", io_reason(&e)),
        ),
    }
}

/// Put every quarantine in place, before the import's commit. On a failure,
/// the ones already placed are removed again (the import will not happen).
pub(super) fn place_all(writers: Vec<(RejectWriter, PathBuf)>) -> Result<Placed> {
    let mut placed = Placed(Vec::new());
    for (writer, target) in writers {
        match place(writer, &target) {
            Ok(path) => placed.0.push(path),
            Err(e) => {
                placed.remove();
                return Err(e);
            }
        }
    }
    Ok(placed)
}

fn place(writer: RejectWriter, target: &Path) -> Result<PathBuf> {
    let fail = |e| write_error(target, e);
    let buffered = writer.finish().map_err(fail)?;
    let file = buffered.into_inner().map_err(|e| fail(e.into_error()))?;
    file.commit_unique()
}

/// The quarantine files in place, by the names they got.
pub(super) struct Placed(Vec<PathBuf>);

impl Placed {
    pub(super) fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(|p| p.display().to_string())
    }

    /// The import they belong to failed after all: take them away.
    pub(super) fn remove(self) {
        for p in self.0 {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// `memory.tmx` → `memory.rejected.tmx`, `memory.tmx.gz` →
/// `memory.tmx.gz.rejected.tmx`; a zip member's units go next to the archive,
/// named after both (`pack.zip.dir_m.rejected.tmx` for `dir/m.tmx`).
fn rejected_path(path: &Path, entry: Option<&str>) -> PathBuf {
    let file = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = match entry {
        Some(e) => format!("{file}.{}", e.replace(['/', '\\'], "_")),
        None => file,
    };
    let stem = match base.len().checked_sub(4) {
        Some(i) if base.is_char_boundary(i) && base[i..].eq_ignore_ascii_case(".tmx") => &base[..i],
        _ => &base,
    };
    path.with_file_name(format!("{stem}.rejected.tmx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_input_has_a_name_of_its_own() {
        let n = |p: &str, e: Option<&str>| rejected_path(Path::new(p), e).display().to_string();
        assert_eq!(n("d/m.tmx", None), "d/m.rejected.tmx");
        assert_eq!(n("d/m.TMX", None), "d/m.rejected.tmx");
        assert_eq!(n("d/m.tmx.gz", None), "d/m.tmx.gz.rejected.tmx");
        assert_eq!(
            n("d/pack.zip", Some("a/m.tmx")),
            "d/pack.zip.a_m.rejected.tmx"
        );
        assert_ne!(
            n("d/pack.zip", Some("a/m.tmx")),
            n("d/pack.zip", Some("b/m.tmx"))
        );
        assert_eq!(n("d/жад.tmx", None), "d/жад.rejected.tmx");
    }
}
