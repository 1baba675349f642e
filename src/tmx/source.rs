//! Turning a file into a UTF-8 byte stream for the XML reader: gzip and zip
//! containers, byte-order marks, declared encodings, and the bookkeeping the
//! reader needs (raw bytes read, for progress; newline offsets, for line:column).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use encoding_rs::Encoding;

/// What a file holds, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Plain,
    Gzip,
    Zip,
}

/// Recognise gzip and zip by their magic numbers (not by the file name).
pub fn container_of(first: &[u8]) -> Container {
    if first.starts_with(&[0x1f, 0x8b]) {
        Container::Gzip
    } else if first.starts_with(b"PK\x03\x04") {
        Container::Zip
    } else {
        Container::Plain
    }
}

/// A reader that counts the bytes passing through it (shared with the caller,
/// possibly on another thread).
pub struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Counted<R> {
    pub fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        Counted { inner, count }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counted<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Newline offsets of the decoded stream near the read position, so the
/// reader can turn a byte offset into line:column without keeping the file.
#[derive(Debug, Default)]
pub struct Lines {
    pending: VecDeque<u64>,
    offset: u64,
    lines_before: u64,
    line_start: u64,
}

impl Lines {
    /// 1-based (line, column) of a byte offset. Offsets must be asked in
    /// increasing order (the reader only moves forward).
    pub fn locate(&mut self, pos: u64) -> (u64, u64) {
        while let Some(&nl) = self.pending.front() {
            if nl >= pos {
                break;
            }
            self.pending.pop_front();
            self.lines_before += 1;
            self.line_start = nl + 1;
        }
        (
            self.lines_before + 1,
            pos.saturating_sub(self.line_start) + 1,
        )
    }
}

/// A reader that records where the newlines are.
pub struct Tracked<'a> {
    inner: Box<dyn Read + 'a>,
    lines: Rc<RefCell<Lines>>,
}

impl<'a> Tracked<'a> {
    pub fn new(inner: Box<dyn Read + 'a>, lines: Rc<RefCell<Lines>>) -> Self {
        Tracked { inner, lines }
    }
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.borrow_mut();
        let base = lines.offset;
        for (i, _) in buf[..n].iter().enumerate().filter(|(_, b)| **b == b'\n') {
            lines.pending.push_back(base + i as u64);
        }
        lines.offset += n as u64;
        Ok(n)
    }
}

/// Wrap a raw XML byte stream so it yields UTF-8: a UTF-8 BOM is dropped,
/// UTF-16 (with a BOM, or recognisable from `<?`) and declared encodings are
/// transcoded. Errors are messages for the user.
pub fn utf8_stream<'a>(mut raw: Box<dyn Read + 'a>) -> Result<Box<dyn Read + 'a>, String> {
    let mut prefix = vec![0u8; 1024];
    let mut filled = 0;
    while filled < prefix.len() {
        let n = raw.read(&mut prefix[filled..]).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    prefix.truncate(filled);
    if prefix.is_empty() {
        return Err("the file is empty (0 bytes): not a TMX file".into());
    }
    let encoding = detect_encoding(&prefix)?;
    if encoding == encoding_rs::UTF_8 {
        let skip = if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        prefix.drain(..skip);
        return Ok(Box::new(Cursor::new(prefix).chain(raw)));
    }
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(Cursor::new(prefix).chain(raw));
    Ok(Box::new(decoded))
}

fn detect_encoding(prefix: &[u8]) -> Result<&'static Encoding, String> {
    if let Some((enc, _)) = Encoding::for_bom(prefix) {
        return Ok(enc);
    }
    if prefix.starts_with(&[b'<', 0, b'?', 0]) {
        return Ok(encoding_rs::UTF_16LE);
    }
    if prefix.starts_with(&[0, b'<', 0, b'?']) {
        return Ok(encoding_rs::UTF_16BE);
    }
    let Some(label) = declared_encoding(prefix) else {
        return Ok(encoding_rs::UTF_8);
    };
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => Err(format!(
            "the declaration says encoding=\"{label}\" but the file has no UTF-16 byte-order mark"
        )),
        Some(enc) => Ok(enc),
        None => Err(format!(
            "unsupported encoding \"{label}\" in the XML declaration"
        )),
    }
}

/// The `encoding` of the XML declaration, read with quick-xml from the prefix.
fn declared_encoding(prefix: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(prefix);
    let mut buf = Vec::new();
    match reader.read_event_into(&mut buf) {
        Ok(quick_xml::events::Event::Decl(d)) => d
            .encoding()
            .and_then(|r| r.ok())
            .map(|c| String::from_utf8_lossy(&c).into_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String, String> {
        let mut s = String::new();
        utf8_stream(Box::new(bytes))?
            .read_to_string(&mut s)
            .map_err(|e| e.to_string())?;
        Ok(s)
    }

    #[test]
    fn decodes_boms_and_declared_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>").unwrap(), "<a/>");
        assert_eq!(decode(b"\xFF\xFE<\0a\0/\0>\0").unwrap(), "<a/>");
        assert_eq!(decode(b"\xFE\xFF\0<\0a\0/\0>").unwrap(), "<a/>");
        let cp1251 = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><a>\xF2</a>";
        assert!(decode(cp1251).unwrap().ends_with("<a>\u{442}</a>"));
        let latin1 = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>";
        assert!(decode(latin1).unwrap().ends_with("<a>\u{e9}</a>"));
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b"<?xml version='1.0' encoding='klingon'?><a/>")
            .unwrap_err()
            .contains("klingon"));
    }

    #[test]
    fn locates_lines_and_columns() {
        let lines = Rc::new(RefCell::new(Lines::default()));
        let mut t = Tracked::new(Box::new(&b"ab\ncd\n\nef"[..]), lines.clone());
        let mut s = Vec::new();
        t.read_to_end(&mut s).unwrap();
        let mut l = lines.borrow_mut();
        assert_eq!(l.locate(0), (1, 1));
        assert_eq!(l.locate(4), (2, 2));
        assert_eq!(l.locate(7), (4, 1));
    }
}
