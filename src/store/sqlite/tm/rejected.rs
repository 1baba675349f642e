//! The lenient import's `FILE.rejected.tmx`: where it goes and how it is made.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
pub(super) use crate::text::decode::io_reason;

/// A temporary file for the rejected units, and where it goes after the
/// commit: next to the input, or in the current folder if that is not writable.
pub(super) fn rejected_file(
    path: &Path,
    entry: Option<&str>,
) -> Result<(tempfile::NamedTempFile, PathBuf)> {
    let target = rejected_path(path, entry);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(temp) = tempfile::NamedTempFile::new_in(dir) {
        return Ok((temp, target));
    }
    let here = PathBuf::from(target.file_name().unwrap_or_default());
    let temp = tempfile::NamedTempFile::new_in(".").map_err(|e| {
        Error::input(
            &target,
            format!("cannot write the rejected units: {}", io_reason(&e)),
        )
    })?;
    Ok((temp, here))
}

/// `memory.tmx` → `memory.rejected.tmx`; `memory.tmx.gz` likewise; a zip
/// entry's units go next to the archive, named after the entry.
fn rejected_path(path: &Path, entry: Option<&str>) -> PathBuf {
    let base = match entry {
        Some(e) => Path::new(e)
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        None => path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let mut stem = base.as_str();
    for ext in [".gz", ".zip", ".tmx"] {
        if stem.to_ascii_lowercase().ends_with(ext) {
            stem = &stem[..stem.len() - ext.len()];
        }
    }
    path.with_file_name(format!("{stem}.rejected.tmx"))
}

/// Temporary files are private; the rejected units are an ordinary output.
pub(super) fn readable_by_all(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}
