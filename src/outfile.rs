//! Every file Audarma writes (exports, the report, review files, the lenient
//! import's rejected units) goes through [`write_atomically`], so they all
//! behave alike: a temporary `.NAME.audarma-tmp-XXXXXX` in the same folder,
//! written, fsynced and renamed over the target, so a reader (or a full disk)
//! never leaves half a file; a new file gets the mode the umask gives
//! (`0666 & !umask`, as `>` in a shell), a replaced one keeps its mode and,
//! where the system allows, its owner; a symlink is written through (its
//! target is replaced, the link stays). A device or FIFO (`/dev/null`,
//! `/dev/full`, a named pipe) is written in place: there is nothing to rename.
//!
//! Also here, because the refusals of the CLI and of the import need them: the
//! same-file test by device and inode, the SQLite header sniff, and the one
//! mapping of a full disk to [`Error::NoSpace`]. Pure file system code: no
//! database, no other module.

use std::fs::{File, Metadata};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{is_no_space, Error, Result};

/// The first 16 bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// Numbered names [`AtomicFile::commit_unique`] tries before giving up.
const MAX_NUMBERED: u32 = 10_000;
/// Links followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// `path` with every symlink along the chain followed, even to a target that
/// does not exist yet (a dangling link is written through, creating its
/// target). A path that is not a link comes back as it is.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// The absolute, link-free spelling of `path`, also for a file that does not
/// exist yet (its folder is resolved and its name kept), so two spellings of
/// one place compare equal: `./x`, `sub/../x`, a link to `x`.
pub fn absolute(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let target = resolve_links(path).ok()?;
    let name = target.file_name()?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

/// Whether two paths name one file: the same device and inode (a hard link,
/// a symlink) or, for files not there yet, the same absolute spelling.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    matches!((absolute(a), absolute(b)), (Some(x), Some(y)) if x == y)
}

/// Whether `path` is an existing regular file that starts as an SQLite
/// database does, whatever its name.
pub fn is_sqlite_file(path: &Path) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = [0u8; 16];
    file.read_exact(&mut head).is_ok() && &head == SQLITE_HEADER
}

/// The error for a failed write of `path`: a full disk is [`Error::NoSpace`]
/// (one exit code whichever file filled it), anything else names the file.
pub fn write_error(path: &Path, e: std::io::Error) -> Error {
    if is_no_space(&e) {
        return Error::no_space(path);
    }
    // The system's reason alone: tempfile's errors name the random temporary.
    let reason = match (e.kind(), e.raw_os_error()) {
        (std::io::ErrorKind::NotFound, _) => "its folder does not exist".to_string(),
        (std::io::ErrorKind::PermissionDenied, _) => "permission denied".to_string(),
        (_, Some(code)) => std::io::Error::from_raw_os_error(code).to_string(),
        _ => e.to_string(),
    };
    Error::input(path, format!("cannot write: {reason}"))
}

/// Whether a write may replace a file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    /// Fail with [`std::io::ErrorKind::AlreadyExists`] instead (checked by the
    /// rename itself, so a file that appeared meanwhile is kept too).
    Keep,
}

/// Let `f` write the file at `path` (see the module doc for how). A failure,
/// of `f` or of the write, leaves no temporary file and the old file as it
/// was; an existing file with [`Existing::Keep`] is an
/// [`std::io::ErrorKind::AlreadyExists`] I/O error, for the caller to word.
pub fn write_atomically<T>(
    path: &Path,
    existing: Existing,
    f: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let target = resolve_links(path).map_err(|e| write_error(path, e))?;
    if std::fs::metadata(&target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return write_in_place(path, &target, f);
    }
    let mut buffered = BufWriter::with_capacity(1 << 16, AtomicFile::create(path)?);
    let out = f(&mut buffered).map_err(|e| match e {
        Error::Io(io) => write_error(path, io),
        e => e,
    })?;
    let file = buffered
        .into_inner()
        .map_err(|e| write_error(path, e.into_error()))?;
    file.commit(existing)?;
    Ok(out)
}

/// A file being written: a temporary file beside its target (a symlink's
/// target), which [`AtomicFile::commit`] syncs and renames into place.
/// Dropped uncommitted, it is removed.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    /// Where it goes, links resolved.
    target: PathBuf,
    /// The path as given, for messages.
    shown: PathBuf,
}

impl AtomicFile {
    /// Start writing the file at `path`.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let fail = |e| write_error(path, e);
        let target = resolve_links(path).map_err(fail)?;
        let old = std::fs::metadata(&target).ok().filter(|m| m.is_file());
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let prefix = format!(".{name}.audarma-tmp-");
        let temp = new_temp(dir, &prefix, old.as_ref()).map_err(fail)?;
        Ok(AtomicFile {
            temp,
            target,
            shown: path.to_path_buf(),
        })
    }

    /// Sync the content and rename it into place (see [`Existing`]).
    pub fn commit(self, existing: Existing) -> Result<()> {
        let AtomicFile {
            temp,
            target,
            shown,
        } = self;
        temp.as_file()
            .sync_all()
            .map_err(|e| write_error(&shown, e))?;
        let persisted = match existing {
            Existing::Replace => temp.persist(&target),
            Existing::Keep => temp.persist_noclobber(&target),
        };
        persisted.map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Io(e.error),
            _ => write_error(&shown, e.error),
        })?;
        sync_dir(target.parent().unwrap_or(Path::new(".")));
        Ok(())
    }

    /// Sync and rename it to its path, or, when a file is there (written by
    /// someone, or earlier in this run), to the first free `NAME-2.EXT`,
    /// `NAME-3.EXT` ...: never replacing anything. Returns the name used.
    pub fn commit_unique(self) -> Result<PathBuf> {
        let AtomicFile {
            temp,
            target,
            shown,
        } = self;
        temp.as_file()
            .sync_all()
            .map_err(|e| write_error(&shown, e))?;
        let stem = target.file_stem().unwrap_or_default().to_string_lossy();
        let ext = target
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        let mut temp = temp;
        for n in 1..=MAX_NUMBERED {
            let name = match n {
                1 => target.clone(),
                n => target.with_file_name(format!("{stem}-{n}{ext}")),
            };
            match temp.persist_noclobber(&name) {
                Ok(_) => {
                    sync_dir(name.parent().unwrap_or(Path::new(".")));
                    return Ok(name);
                }
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
                Err(e) => return Err(write_error(&name, e.error)),
            }
        }
        Err(Error::input(
            &shown,
            format!("cannot write: {MAX_NUMBERED} numbered names are taken"),
        ))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // The file itself: the temporary's own errors name its random path.
        self.temp.as_file_mut().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.as_file_mut().flush()
    }
}

/// The temporary file, created with the mode a new file gets (the kernel
/// applies the umask to 0666) or given the replaced file's mode and owner.
fn new_temp(
    dir: &Path,
    prefix: &str,
    old: Option<&Metadata>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).rand_bytes(6);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    if let Some(old) = old {
        temp.as_file().set_permissions(old.permissions())?;
        keep_owner(temp.as_file(), old);
    }
    Ok(temp)
}

/// Give the new file the old one's owner and group: only root may give a
/// file away (EPERM otherwise, ignored), but a member may still keep the group.
#[cfg(unix)]
fn keep_owner(file: &File, old: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(new) = file.metadata() else { return };
    if new.uid() != old.uid() || new.gid() != old.gid() {
        let both = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
        if both.is_err() && new.gid() != old.gid() {
            let _ = std::os::unix::fs::fchown(file, None, Some(old.gid()));
        }
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) {}

/// A device or FIFO: opened and written as it is (a rename would replace the
/// device node, and `/dev` is not ours to write in).
fn write_in_place<T>(
    path: &Path,
    target: &Path,
    f: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let fail = |e: std::io::Error| write_error(path, e);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(target)
        .map_err(fail)?;
    let mut buffered = BufWriter::new(file);
    let out = f(&mut buffered).map_err(|e| match e {
        Error::Io(io) => fail(io),
        e => e,
    })?;
    buffered.flush().map_err(fail)?;
    Ok(out)
}

/// The rename is only durable once the folder's entry is on disk; a folder
/// that cannot be opened or synced (some network file systems) is no error.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let r: Result<()> = write_atomically(&path, Existing::Replace, |w| {
            w.write_all(b"half")?;
            Err(Error::usage("stopped"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn keep_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let r = write_atomically(&path, Existing::Keep, |w| Ok(w.write_all(b"new")?));
        assert!(
            matches!(&r, Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::AlreadyExists),
            "{r:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn the_temporary_file_is_named_after_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, Existing::Keep, |w| {
            let seen = names(dir.path());
            assert_eq!(seen.len(), 1, "{seen:?}");
            assert!(seen[0].starts_with(".out.txt.audarma-tmp-"), "{seen:?}");
            Ok(w.write_all(b"x")?)
        })
        .unwrap();
        assert_eq!(names(dir.path()), ["out.txt"]);
    }

    #[test]
    fn links_are_followed_to_a_target_that_does_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("sub/../real.txt", &link).unwrap();
            std::fs::create_dir(dir.path().join("sub")).unwrap();
            assert_eq!(
                resolve_links(&link).unwrap(),
                dir.path().join("sub/../real.txt")
            );
            assert!(same_file(&link, &dir.path().join("real.txt")));
        }
    }

    #[test]
    fn the_sqlite_header_is_recognised_whatever_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, b"SQLite format 3\0 and the rest").unwrap();
        assert!(is_sqlite_file(&path));
        std::fs::write(&path, b"SQLite format 3 but text").unwrap();
        assert!(!is_sqlite_file(&path));
        assert!(!is_sqlite_file(&dir.path().join("missing")));
    }

    #[test]
    fn a_missing_folder_is_said_without_the_temporary_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.txt");
        let e = write_atomically(&path, Existing::Keep, |w| Ok(w.write_all(b"x")?)).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.ends_with("out.txt: cannot write: its folder does not exist"),
            "{shown}"
        );
    }

    #[test]
    fn a_full_disk_is_one_error_kind() {
        let e = std::io::Error::from_raw_os_error(28);
        assert!(matches!(
            write_error(Path::new("x"), e),
            Error::NoSpace { .. }
        ));
    }
}
