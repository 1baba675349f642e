//! The guards that keep a reader's memory bounded by `Limits` whatever the
//! input: [`Inflated`] (a decompressed stream's size and ratio) and
//! [`Bounded`] (how much the XML parser may buffer for one event). A breach
//! travels through the parser as an `io::Error` carrying a [`Breach`].

use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::text::limits::{Limits, Size};

/// A limit a stream passed, carried through the XML parser as the payload
/// of an `io::Error` (see [`breach_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// One event (text, a tag, a comment ...) grew past its limit.
    TooLong(Markup, u64),
    /// Anything else: the rule, the message and how to raise the limit.
    Other(&'static str, String, &'static str),
    /// A breach whose place the stream knows better than the parser:
    /// line, column, rule and message.
    At(u64, u64, &'static str, String),
}

/// What the event being read is, from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Text,
    CData,
    Comment,
    Pi,
    Doctype,
    Tag,
}

impl Markup {
    /// `after_lt`: the parser took the `<` with the text before it, so the
    /// event starts inside the markup.
    fn of(first: &[u8], after_lt: bool) -> Markup {
        let markup = match first {
            _ if after_lt => first,
            [b'<', rest @ ..] => rest,
            _ => return Markup::Text,
        };
        match markup {
            [b'?', ..] => Markup::Pi,
            [b'!', b'-', ..] => Markup::Comment,
            [b'!', b'[', ..] => Markup::CData,
            [b'!', ..] => Markup::Doctype,
            _ => Markup::Tag,
        }
    }
}

impl std::fmt::Display for Breach {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Breach::TooLong(kind, limit) => {
                let (what, rule, name) = match kind {
                    Markup::Text | Markup::CData => ("text", "segment-too-long", "segment"),
                    Markup::Comment => ("comment", "markup-too-long", "markup"),
                    Markup::Pi => ("processing instruction", "markup-too-long", "markup"),
                    Markup::Doctype => ("DOCTYPE", "markup-too-long", "markup"),
                    Markup::Tag => ("tag", "markup-too-long", "markup"),
                };
                write!(
                    f,
                    "{what} longer than {} [{rule}] (raise it with --limit {name}=SIZE)",
                    Size(*limit)
                )
            }
            Breach::Other(rule, message, hint) => write!(f, "{message} [{rule}] {hint}"),
            Breach::At(_, _, rule, message) => write!(f, "{message} [{rule}]"),
        }
    }
}

impl Breach {
    /// The message, saying "segment" for text inside a `seg`.
    pub fn message(&self, in_seg: bool) -> String {
        match self {
            Breach::TooLong(Markup::Text, limit) if in_seg => format!(
                "segment longer than {} [segment-too-long] (raise it with --limit segment=SIZE)",
                Size(*limit)
            ),
            _ => self.to_string(),
        }
    }
}

impl std::error::Error for Breach {}

impl From<Breach> for io::Error {
    fn from(b: Breach) -> io::Error {
        io::Error::other(b)
    }
}

/// The limit an I/O error reports, if it is one of ours.
pub fn breach_of(e: &io::Error) -> Option<&Breach> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<Breach>())
}

/// The compressed bytes read so far: `counter` (shared with the file's
/// reader) less what it held before the stream started (the decoder may
/// read ahead, so `from` is taken before it is made).
pub struct Compressed {
    pub counter: Arc<AtomicU64>,
    pub from: u64,
}

/// Bytes read past this are checked against the ratio: the first MiB of
/// a small file compresses as it likes (a header, a few units).
const RATIO_FROM: u64 = 1 << 20;

/// A decompressing stream that stops at the file limit or when it expands
/// more than the ratio allows, before the bytes reach anything that keeps them.
pub struct Inflated<R> {
    inner: R,
    out: u64,
    compressed: Compressed,
    limits: Limits,
}

impl<R> Inflated<R> {
    pub fn new(inner: R, compressed: Compressed, limits: &Limits) -> Self {
        Inflated {
            inner,
            out: 0,
            compressed,
            limits: *limits,
        }
    }

    fn compressed(&self) -> u64 {
        let c = &self.compressed;
        c.counter.load(Ordering::Relaxed).saturating_sub(c.from)
    }
}

impl<R: Read> Read for Inflated<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.out += n as u64;
        if self.out > self.limits.file {
            return Err(Breach::Other(
                "file-too-large",
                format!("decompresses to more than {}", Size(self.limits.file)),
                "(raise it with --limit file=SIZE)",
            )
            .into());
        }
        let compressed = self.compressed().max(1);
        if self.out > RATIO_FROM && self.out / compressed > self.limits.ratio {
            return Err(Breach::Other(
                "compression-ratio",
                format!(
                    "decompresses to more than {} times its compressed size ({} bytes from {}), a likely zip bomb",
                    self.limits.ratio, self.out, compressed
                ),
                "(raise it with --limit ratio=N)",
            )
            .into());
        }
        Ok(n)
    }
}

/// The XML parser's input: it buffers a whole event (a text, a tag, a
/// comment) before returning it, so this refuses to hand it more than the
/// event's limit. The reader calls [`Bounded::next_event`] before each event.
pub struct Bounded<B> {
    inner: B,
    consumed: u64,
    kind: Option<Markup>,
    /// The last byte handed over, and whether the event starts after a `<`.
    last: u8,
    after_lt: bool,
    limits: Limits,
}

impl<B> Bounded<B> {
    pub fn new(inner: B, limits: &Limits) -> Self {
        Bounded {
            inner,
            consumed: 0,
            kind: None,
            last: 0,
            after_lt: false,
            limits: *limits,
        }
    }

    /// A new event starts at the next byte.
    pub fn next_event(&mut self) {
        self.consumed = 0;
        self.kind = None;
        self.after_lt = self.last == b'<';
    }
}

impl<B: Read> Read for Bounded<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<B: BufRead> BufRead for Bounded<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let kind = self.kind;
        let consumed = self.consumed;
        let limits = self.limits;
        let buf = self.inner.fill_buf()?;
        let kind = match kind {
            Some(k) => k,
            None if buf.is_empty() => return Ok(buf),
            None => {
                let k = Markup::of(&buf[..buf.len().min(3)], self.after_lt);
                self.kind = Some(k);
                k
            }
        };
        let limit = match kind {
            Markup::Text | Markup::CData => limits.segment,
            _ => limits.markup,
        };
        if consumed > limit {
            return Err(Breach::TooLong(kind, limit).into());
        }
        Ok(buf)
    }

    fn consume(&mut self, amt: usize) {
        if amt > 0 {
            // The bytes are still in the buffer: no read happens here.
            if let Ok(buf) = self.inner.fill_buf() {
                self.last = buf.get(amt - 1).copied().unwrap_or(0);
            }
        }
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The breach a document meets when read event by event with `limits`.
    fn breach(xml: &str, limits: Limits) -> Option<Breach> {
        let bounded = Bounded::new(io::BufReader::with_capacity(16, xml.as_bytes()), &limits);
        let mut reader = quick_xml::Reader::from_reader(bounded);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            reader.get_mut().next_event();
            match reader.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) => return None,
                Ok(_) => {}
                Err(quick_xml::Error::Io(e)) => return breach_of(&e).cloned(),
                Err(e) => panic!("{e}"),
            }
        }
    }

    #[test]
    fn each_kind_of_event_meets_its_own_limit() {
        let small = Limits {
            segment: 64,
            markup: 128,
            ..Limits::default()
        };
        let long = "x".repeat(200);
        assert_eq!(breach("<a>short</a>", small), None);
        assert_eq!(
            breach(&format!("<a>{long}</a>"), small),
            Some(Breach::TooLong(Markup::Text, 64))
        );
        assert_eq!(
            breach(&format!("<a><!--{long}--></a>"), small),
            Some(Breach::TooLong(Markup::Comment, 128))
        );
        assert_eq!(
            breach(&format!("<a>t<?pi {long}?></a>"), small),
            Some(Breach::TooLong(Markup::Pi, 128))
        );
        assert_eq!(
            breach(&format!("<a b=\"{long}\"/>"), small),
            Some(Breach::TooLong(Markup::Tag, 128))
        );
        assert_eq!(
            breach(&format!("<a><![CDATA[{long}]]></a>"), small),
            Some(Breach::TooLong(Markup::CData, 64))
        );
        // Text under the segment limit but over the markup limit is fine.
        let mid = "y".repeat(100);
        assert_eq!(
            breach(
                &format!("<a><!--{}-->{}</a>", &mid[..50], &mid[..60]),
                small
            ),
            None
        );
    }

    #[test]
    fn a_decompressed_stream_stops_at_the_file_limit_and_the_ratio() {
        let counter = Arc::new(AtomicU64::new(0));
        let limits = Limits {
            file: 3 << 20,
            ..Limits::default()
        };
        let zeros = io::repeat(0).take(4 << 20);
        let mut inflated = Inflated::new(
            zeros,
            Compressed {
                counter: counter.clone(),
                from: 0,
            },
            &limits,
        );
        // 2 MiB "from" 1 byte: the ratio.
        counter.store(1, Ordering::Relaxed);
        let e = io::copy(&mut inflated, &mut io::sink()).unwrap_err();
        assert!(matches!(
            breach_of(&e),
            Some(Breach::Other("compression-ratio", ..))
        ));
        counter.store(1 << 30, Ordering::Relaxed);
        let zeros = io::repeat(0).take(4 << 20);
        let read = Compressed { counter, from: 0 };
        let e = io::copy(&mut Inflated::new(zeros, read, &limits), &mut io::sink()).unwrap_err();
        assert!(matches!(
            breach_of(&e),
            Some(Breach::Other("file-too-large", ..))
        ));
    }
}
