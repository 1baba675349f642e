//! Turning a file into a UTF-8 byte stream for the XML reader: gzip and zip
//! containers, byte-order marks, declared encodings, and the bookkeeping the
//! reader needs (raw bytes read, for progress; newline offsets, for line:column).
//! The guards that keep memory bounded by `Limits` are in `guard`, re-exported here.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use encoding_rs::Encoding;

pub use super::guard::{breach_of, Bounded, Breach, Compressed, Inflated, Markup};

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
    } else if first.starts_with(b"PK\x03\x04") || first.starts_with(b"PK\x05\x06") {
        // \x05\x06: the end record alone, an empty archive.
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

/// A raw stream turned into UTF-8, with what was noticed on the way.
pub struct Utf8Stream<'a> {
    pub stream: Box<dyn Read + 'a>,
    /// Why the declared encoding is very likely wrong (the reader makes it a
    /// header problem: strict refuses, lenient warns).
    pub suspicion: Option<String>,
}

/// How much of a file is looked at before the parser sees it: the first
/// KiB to sniff, more when a declared encoding is to be checked.
const SNIFF: usize = 1024;
const ENCODING_CHECK: usize = 64 * 1024;

/// Wrap a raw XML byte stream so it yields UTF-8: a UTF-8 BOM is dropped,
/// UTF-16 (with a BOM, or recognisable from `<?`) and declared encodings are
/// transcoded. Errors are messages for the user.
pub fn utf8_stream<'a>(raw: Box<dyn Read + 'a>) -> Result<Box<dyn Read + 'a>, String> {
    open_utf8(raw).map(|s| s.stream)
}

/// [`utf8_stream`], refusing what is not XML from its first KiB (binary
/// data, text that does not start with `<`) before reading further, and
/// saying when a declared encoding is contradicted by valid UTF-8.
pub fn open_utf8<'a>(mut raw: Box<dyn Read + 'a>) -> Result<Utf8Stream<'a>, String> {
    let mut prefix = read_prefix(&mut raw, SNIFF)?;
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
        sniff_xml(&prefix)?;
        return Ok(Utf8Stream {
            stream: Box::new(Cursor::new(prefix).chain(raw)),
            suspicion: None,
        });
    }
    let declared = Encoding::for_bom(&prefix).is_none()
        && !prefix.starts_with(&[b'<', 0])
        && !prefix.starts_with(&[0, b'<']);
    let mut suspicion = None;
    if declared {
        let more = read_prefix(&mut raw, ENCODING_CHECK - prefix.len())?;
        prefix.extend_from_slice(&more);
        if looks_like_utf8(&prefix) {
            suspicion = Some(format!(
                "the XML declaration says encoding=\"{}\" but the file reads as UTF-8 (multi-byte characters in its first 64 KiB); the declaration is very likely wrong: fix it (or pass --lenient to import it as declared)",
                encoding.name()
            ));
        }
    }
    Ok(Utf8Stream {
        stream: Box::new(Transcode::new(Cursor::new(prefix).chain(raw), encoding)),
        suspicion,
    })
}

fn read_prefix(raw: &mut dyn Read, len: usize) -> Result<Vec<u8>, String> {
    let mut prefix = vec![0u8; len];
    let mut filled = 0;
    while filled < prefix.len() {
        let n = raw
            .read(&mut prefix[filled..])
            .map_err(|e| match breach_of(&e) {
                Some(b) => b.to_string(),
                None => e.to_string(),
            })?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    prefix.truncate(filled);
    Ok(prefix)
}

/// The first KiB of a UTF-8 file: XML starts with `<` after white space
/// and holds no NUL.
fn sniff_xml(prefix: &[u8]) -> Result<(), String> {
    match prefix.iter().find(|b| !b.is_ascii_whitespace()) {
        // A NUL further on is an illegal character of one unit, not binary data.
        None | Some(b'<') => Ok(()),
        Some(_) if prefix.contains(&0) => {
            Err("binary data (NUL bytes in the first KiB), not a TMX file".into())
        }
        Some(_) => Err("not XML: the file does not start with '<' (not a TMX file)".into()),
    }
}

/// Valid UTF-8 with at least one multi-byte character (a character cut at
/// the end of the prefix allowed): bytes a single-byte encoding almost never gives.
fn looks_like_utf8(bytes: &[u8]) -> bool {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    valid && bytes.iter().any(|b| *b >= 0x80)
}

/// Transcoding to UTF-8 that refuses malformed input (an unpaired UTF-16
/// surrogate, a byte the encoding does not map) instead of writing U+FFFD.
struct Transcode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_start: usize,
    raw_end: usize,
    /// Raw bytes decoded before `raw`, for the error's offset.
    offset: u64,
    eof: bool,
    /// The decoder has had its last input: using it again would panic.
    finished: bool,
    out: Vec<u8>,
    out_start: usize,
    out_end: usize,
    /// Where the decoded text is (line, column), for the error's place.
    line: u64,
    column: u64,
}

impl<R: Read> Transcode<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        Transcode {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            raw: vec![0; 8192],
            raw_start: 0,
            raw_end: 0,
            offset: 0,
            eof: false,
            finished: false,
            out: vec![0; 32768],
            out_start: 0,
            out_end: 0,
            line: 1,
            column: 1,
        }
    }

    /// Decode more into `out`; false at the end.
    fn refill(&mut self) -> io::Result<bool> {
        loop {
            if self.finished {
                return Ok(false);
            }
            if self.raw_start == self.raw_end && !self.eof {
                self.offset += self.raw_end as u64;
                self.raw_start = 0;
                self.raw_end = self.inner.read(&mut self.raw)?;
                self.eof = self.raw_end == 0;
            }
            let src = &self.raw[self.raw_start..self.raw_end];
            let (result, read, written) =
                self.decoder
                    .decode_to_utf8_without_replacement(src, &mut self.out, self.eof);
            let at = self.offset + (self.raw_start + read) as u64;
            self.raw_start += read;
            self.out_start = 0;
            self.out_end = written;
            self.finished = self.eof && result == encoding_rs::DecoderResult::InputEmpty;
            for &b in &self.out[..written] {
                if b == b'\n' {
                    self.line += 1;
                    self.column = 1;
                } else if b & 0xC0 != 0x80 {
                    self.column += 1;
                }
            }
            if let encoding_rs::DecoderResult::Malformed(bad, extra) = result {
                let at = at - u64::from(bad) - u64::from(extra);
                let what = if self.decoder.encoding() == encoding_rs::UTF_16LE
                    || self.decoder.encoding() == encoding_rs::UTF_16BE
                {
                    "an unpaired surrogate".to_string()
                } else {
                    format!("a byte that is not {}", self.decoder.encoding().name())
                };
                return Err(Breach::At(
                    self.line,
                    self.column,
                    "bad-encoding",
                    format!(
                        "not valid {}: {what} at byte {at}",
                        self.decoder.encoding().name()
                    ),
                )
                .into());
            }
            if written > 0 {
                return Ok(true);
            }
            if self.finished {
                return Ok(false);
            }
        }
    }
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_start == self.out_end && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.out[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
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
    fn a_finished_decoder_is_never_used_again() {
        // A UTF-16 BOM and nothing else: the decoder has had its last input
        // after the first empty read; reading on must say "end", not panic.
        for bytes in [&b"\xFF\xFE"[..], b"\xFE\xFF", b"\xFF\xFE<\0"] {
            let mut stream = utf8_stream(Box::new(bytes)).unwrap();
            let mut buf = [0u8; 16];
            let mut total = 0;
            for _ in 0..4 {
                total += stream.read(&mut buf).unwrap();
            }
            assert!(total <= 1, "{bytes:?}");
        }
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
