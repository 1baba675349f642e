//! Decoding plain-text documents: UTF-8 (with or without BOM) or UTF-16 with a
//! BOM. Anything else is refused with a message saying where it went wrong.

use std::path::Path;

use crate::error::{Error, Result};

/// Read a plain-text document (UTF-8, or UTF-16 with a BOM) with errors naming the file.
pub fn read_text_file(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(Error::input(path, "is a directory, not a file"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::input(path, io_reason(&e)))?;
    decode_text(&bytes).map_err(|msg| Error::input(path, msg))
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
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| "invalid UTF-16 (unpaired surrogate)".to_string())
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
    fn rejects_empty_binary_and_latin1() {
        assert!(decode_text(b"").unwrap_err().contains("empty"));
        assert!(decode_text(b" \n ").unwrap_err().contains("no text"));
        assert!(decode_text(b"ab\x00cd").unwrap_err().contains("binary"));
        let e = decode_text(b"line\nca\xE9").unwrap_err();
        assert!(e.starts_with("2:3: not UTF-8"), "{e}");
    }
}
