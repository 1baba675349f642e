//! The TMX writer's last line of defence: an output that never lets a
//! character outside XML 1.0's `Char` production through (C0 controls but TAB,
//! LF and CR; U+FFFE, U+FFFF), whatever the units hold. Every write path
//! refuses such characters (`text::controls`), but a database from before that
//! rule may hold some, and one of them makes the whole file not well-formed
//! for every other XML reader. They are dropped and counted, so the writer can
//! say which unit lost what; the text around them is written as it was.
//!
//! It filters bytes, not strings, so that the writer's `write!` calls need no
//! change: in UTF-8 a C0 control is one byte below 0x20 (never part of a longer
//! sequence) and U+FFFE/U+FFFF are `EF BF BE`/`EF BF BF`, which are tracked
//! across calls in case a sequence is split.

use std::io::{self, Write};

/// A `Write` that drops the bytes of non-`Char` characters.
pub struct CharGuard<W: Write> {
    inner: W,
    /// Bytes of a possible U+FFFE/U+FFFF held back: `EF` or `EF BF`.
    held: Vec<u8>,
    /// The characters dropped since the last [`CharGuard::take_dropped`].
    dropped: Vec<char>,
}

impl<W: Write> CharGuard<W> {
    pub fn new(inner: W) -> Self {
        CharGuard {
            inner,
            held: Vec::with_capacity(2),
            dropped: Vec::new(),
        }
    }

    /// The characters dropped since the last call, in order.
    pub fn take_dropped(&mut self) -> Vec<char> {
        std::mem::take(&mut self.dropped)
    }

    pub fn into_inner(mut self) -> io::Result<W> {
        let held = std::mem::take(&mut self.held);
        self.inner.write_all(&held)?;
        Ok(self.inner)
    }

    /// Filter `buf`, writing the kept runs.
    fn filter(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut run = 0;
        for (i, &b) in buf.iter().enumerate() {
            if !self.held.is_empty() {
                match (self.held.len(), b) {
                    (1, 0xbf) => {
                        self.held.push(b);
                        run = i + 1;
                        continue;
                    }
                    (2, 0xbe | 0xbf) => {
                        self.dropped
                            .push(if b == 0xbe { '\u{fffe}' } else { '\u{ffff}' });
                        self.held.clear();
                        run = i + 1;
                        continue;
                    }
                    _ => {
                        let held = std::mem::take(&mut self.held);
                        self.inner.write_all(&held)?;
                        run = i;
                    }
                }
            }
            if b == 0xef {
                self.inner.write_all(&buf[run..i])?;
                self.held.push(b);
                run = i + 1;
            } else if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') {
                self.inner.write_all(&buf[run..i])?;
                self.dropped.push(char::from(b));
                run = i + 1;
            }
        }
        self.inner.write_all(&buf[run..])
    }
}

impl<W: Write> Write for CharGuard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.filter(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> (String, Vec<char>) {
        let mut g = CharGuard::new(Vec::new());
        for p in pieces {
            g.write_all(p).unwrap();
        }
        let dropped = g.take_dropped();
        (String::from_utf8(g.into_inner().unwrap()).unwrap(), dropped)
    }

    #[test]
    fn only_non_chars_are_dropped() {
        let s = "a\u{1}b\tc\n\r\u{b}ә\u{fffe}€\u{ffff}\u{fffd}\u{efbf}\u{85}😀\0";
        let (out, dropped) = through(&[s.as_bytes()]);
        assert_eq!(out, "ab\tc\n\rә€\u{fffd}\u{efbf}\u{85}😀");
        assert_eq!(dropped, ['\u{1}', '\u{b}', '\u{fffe}', '\u{ffff}', '\0']);
    }

    #[test]
    fn a_sequence_split_across_writes_is_still_seen() {
        let s = "x\u{fffe}y\u{fffd}z".as_bytes();
        for cut in 0..s.len() {
            let (out, dropped) = through(&[&s[..cut], &s[cut..]]);
            assert_eq!(out, "xy\u{fffd}z", "cut at {cut}");
            assert_eq!(dropped, ['\u{fffe}']);
        }
        let (out, _) = through(&["€".as_bytes()[..1].as_ref(), "€".as_bytes()[1..].as_ref()]);
        assert_eq!(out, "€");
    }
}
