//! Decoding plain-text documents: UTF-8 (with or without BOM) or UTF-16 with a
//! BOM. Anything else is refused with a message saying where it went wrong,
//! from the first KiB when that is enough (a video is not read to the end to
//! be refused), and never past the file limit; devices and FIFOs are refused
//! before they are opened.

use std::io::Read;
use std::path::Path;

use super::limits::{Limits, Size};
use crate::error::{Error, Result};

/// How much is looked at before the rest of a file is read.
const SNIFF: usize = 1024;

/// Read a plain-text document (UTF-8, or UTF-16 with a BOM) with errors naming the file.
pub fn read_text_file(path: &Path) -> Result<String> {
    read_text_file_with(path, &Limits::default())
}

/// [`read_text_file`] within `limits`: the file's size, and each line's
/// (a paragraph: no sentence of it can be longer).
pub fn read_text_file_with(path: &Path, limits: &Limits) -> Result<String> {
    let io_err = |e: std::io::Error| Error::input(path, io_reason(&e));
    let meta = regular_file(path)?;
    let too_large = || {
        Error::input(
            path,
            format!(
                "larger than {} [file-too-large] (raise it with --limit file=SIZE)",
                Size(limits.file)
            ),
        )
    };
    if meta.len() > limits.file {
        return Err(too_large());
    }
    let mut file = std::fs::File::open(path)
        .map_err(io_err)?
        .take(limits.file.saturating_add(1));
    let mut bytes = Vec::with_capacity(SNIFF);
    (&mut file)
        .take(SNIFF as u64)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    sniff(&bytes).map_err(|msg| Error::input(path, msg))?;
    file.read_to_end(&mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > limits.file {
        return Err(too_large());
    }
    let text = decode_text(&bytes).map_err(|msg| Error::input(path, msg))?;
    check_lines(&text, limits).map_err(|msg| Error::input(path, msg))?;
    Ok(text)
}

/// The first KiB of a file that is not UTF-16: refused at once if it holds
/// a NUL or is not UTF-8 (a character cut at its end is not an error).
fn sniff(prefix: &[u8]) -> std::result::Result<(), String> {
    if prefix.starts_with(&[0xFF, 0xFE]) || prefix.starts_with(&[0xFE, 0xFF]) {
        return Ok(());
    }
    if let Err(e) = std::str::from_utf8(prefix) {
        if e.error_len().is_some() {
            return utf8(prefix).map(|_| ());
        }
    }
    if let Some(pos) = prefix.iter().position(|b| *b == 0) {
        let text = String::from_utf8_lossy(&prefix[..pos]);
        let (line, col) = line_col(&text, text.len());
        return Err(format!(
            "{line}:{col}: binary data (control character U+0000); expected a plain-text document"
        ));
    }
    Ok(())
}

/// Each line (a paragraph) within the segment limit.
fn check_lines(text: &str, limits: &Limits) -> std::result::Result<(), String> {
    match text
        .split('\n')
        .position(|line| line.len() as u64 > limits.segment)
    {
        Some(i) => Err(format!(
            "{}:1: line longer than {} [segment-too-long] (raise it with --limit segment=SIZE)",
            i + 1,
            Size(limits.segment)
        )),
        None => Ok(()),
    }
}

/// The metadata of `path` if it is a regular file, looked at before it is
/// opened: a FIFO would block the open, a device never ends.
pub fn regular_file(path: &Path) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| Error::input(path, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a directory, not a file"));
    }
    if !meta.is_file() {
        return Err(Error::input(
            path,
            "is not a regular file (a device, FIFO or socket); save it to a file first",
        ));
    }
    Ok(meta)
}

/// A short reason for an I/O error, without Rust's "(os error N)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Decode a document's bytes, or say why it is not a text document we accept.
pub fn decode_text(bytes: &[u8]) -> std::result::Result<String, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        utf8(bytes)?
    };
    if let Some(pos) = text.find(|c: char| c == '\0' || (c.is_control() && !c.is_whitespace())) {
        let (line, col) = line_col(&text, pos);
        return Err(format!(
            "{line}:{col}: binary data (control character U+{:04X}); expected a plain-text document",
            text[pos..].chars().next().map_or(0, |c| c as u32)
        ));
    }
    if text.trim().is_empty() {
        return Err("the file has no text (only white space)".into());
    }
    Ok(text)
}

fn utf8(bytes: &[u8]) -> std::result::Result<String, String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let prefix = String::from_utf8_lossy(good);
            let (line, col) = line_col(&prefix, prefix.len());
            Err(format!(
                "{line}:{col}: not UTF-8 (byte 0x{:02X} at offset {}); save the file as UTF-8 or UTF-16 with a BOM",
                bytes[e.valid_up_to()],
                e.valid_up_to()
            ))
        }
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> std::result::Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("truncated UTF-16: odd number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len());
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(e) => {
                let (line, col) = line_col(&text, text.len());
                return Err(format!(
                    "{line}:{col}: invalid UTF-16 (unpaired surrogate 0x{:04X} at byte {}); save the file as UTF-8 or valid UTF-16",
                    e.unpaired_surrogate(),
                    2 + 2 * i
                ));
            }
        }
    }
    Ok(text)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let before = &text[..byte.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_bom_and_utf16() {
        assert_eq!(decode_text("Сәлем".as_bytes()).unwrap(), "Сәлем");
        assert_eq!(decode_text(b"\xEF\xBB\xBFab").unwrap(), "ab");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Әб".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&le).unwrap(), "Әб");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Әб".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode_text(&be).unwrap(), "Әб");
    }

    #[test]
    fn an_unpaired_surrogate_is_refused_with_its_place() {
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend("аб\nв".encode_utf16().flat_map(u16::to_le_bytes));
        le.extend(0xD800u16.to_le_bytes());
        le.extend("г".encode_utf16().flat_map(u16::to_le_bytes));
        let e = decode_text(&le).unwrap_err();
        assert!(
            e.starts_with("2:2: invalid UTF-16 (unpaired surrogate 0xD800 at byte 10)"),
            "{e}"
        );
    }

    #[test]
    fn sniffing_refuses_from_the_first_kib() {
        assert!(sniff(b"abc\x00def").unwrap_err().contains("binary"));
        assert!(sniff(b"ab\xE9cd").unwrap_err().contains("not UTF-8"));
        // A character cut by the end of the first KiB is not an error.
        assert!(sniff("abcә".as_bytes().split_last().unwrap().1).is_ok());
        assert!(sniff(b"\xFF\xFEa\x00").is_ok());
    }

    #[test]
    fn lines_stay_within_the_segment_limit() {
        let limits = Limits {
            segment: 10,
            ..Limits::default()
        };
        assert!(check_lines("short\nlines", &limits).is_ok());
        let e = check_lines("short\n0123456789ab", &limits).unwrap_err();
        assert!(
            e.starts_with("2:1: line longer than 10 bytes [segment-too-long]"),
            "{e}"
        );
    }

    #[test]
    fn rejects_empty_binary_and_latin1() {
        assert!(decode_text(b"").unwrap_err().contains("empty"));
        assert!(decode_text(b" \n ").unwrap_err().contains("no text"));
        assert!(decode_text(b"ab\x00cd").unwrap_err().contains("binary"));
        let e = decode_text(b"line\nca\xE9").unwrap_err();
        assert!(e.starts_with("2:3: not UTF-8"), "{e}");
    }
}
