//! UAX #29 word boundaries, decided without `unicode-segmentation` for text
//! made only of characters whose word-break class is known here: printable
//! ASCII, Latin-1 letters, the Cyrillic letters, the common quotes, dashes
//! and the ellipsis, and the placeholders. That is nearly every match key of
//! a Kazakh/English memory, and the crate's per-character table search was a
//! tenth of an import's reading thread. Anything else (combining marks,
//! control characters, other scripts) makes [`for_each_word`] decline, and
//! the caller uses `unicode-segmentation` for the whole string. The tests
//! check that both give the same segments, and the same token kinds.

use super::TokenKind;

/// The word-break classes (UAX #29, table 3) of the characters handled here.
/// `MidNumLetQ` is MidNumLet or Single_Quote; Double_Quote and the rest are
/// `Other` (they only matter next to Hebrew letters, which are not handled).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Wb {
    Letter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLetQ,
    ExtendNumLet,
    Space,
    /// A private-use character: the placeholder of an inline element.
    Placeholder,
    Other,
}

/// The classes of the ASCII characters (`None` for the controls).
const ASCII: [Option<Wb>; 128] = {
    let mut table = [None; 128];
    let mut b = 0x20;
    while b < 0x7F {
        table[b] = Some(match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
            b'0'..=b'9' => Wb::Numeric,
            b' ' => Wb::Space,
            b'.' | b'\'' => Wb::MidNumLetQ,
            b':' => Wb::MidLetter,
            b',' | b';' => Wb::MidNum,
            b'_' => Wb::ExtendNumLet,
            _ => Wb::Other,
        });
        b += 1;
    }
    table
};

/// The class of `c`, or `None` when the fast path does not know it.
#[inline(always)]
fn class(c: char) -> Option<Wb> {
    use Wb::*;
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    Some(match c {
        // The Cyrillic block and supplement, minus ҂ and the combining marks.
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{052F}' => Letter,
        '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{00FF}' => Letter,
        '\u{2018}' | '\u{2019}' => MidNumLetQ,
        '«' | '»' | '–' | '—' | '“' | '”' | '„' | '…' | '№' | '−' => Other,
        '\u{20A0}'..='\u{20C0}' => Other, // currency signs
        '\u{E000}'..='\u{F8FF}' => Placeholder,
        _ => return None,
    })
}

/// Whether no boundary falls between `left` and `right` (rules WB3d to WB13b;
/// the others concern classes never produced here). `before` and `after` are
/// the classes on either side of the pair.
#[inline]
fn joins(before: Option<Wb>, left: Wb, right: Wb, after: Option<Wb>) -> bool {
    use Wb::*;
    match (left, right) {
        (Space, Space) => true,
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter, MidLetter | MidNumLetQ) => after == Some(Letter),
        (MidLetter | MidNumLetQ, Letter) => before == Some(Letter),
        (Numeric, MidNum | MidNumLetQ) => after == Some(Numeric),
        (MidNum | MidNumLetQ, Numeric) => before == Some(Numeric),
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        _ => false,
    }
}

/// The kind of the word-bound segment being gathered (what `kind_of` would
/// say of it, known from the classes at no cost).
struct Segment {
    first: Wb,
    letter: bool,
    digit: bool,
}

impl Segment {
    fn new(first: Wb) -> Segment {
        let mut segment = Segment {
            first,
            letter: false,
            digit: false,
        };
        segment.add(first);
        segment
    }

    #[inline]
    fn add(&mut self, class: Wb) {
        self.letter |= class == Wb::Letter;
        self.digit |= class == Wb::Numeric;
    }

    /// `None` for white space; else the token kind (every `Letter` here is
    /// alphabetic, every `Numeric` numeric, and no other class is either).
    fn kind(&self) -> Option<TokenKind> {
        Some(match self.first {
            Wb::Space => return None,
            Wb::Placeholder => TokenKind::Placeholder,
            _ if self.letter => TokenKind::Word,
            _ if self.digit => TokenKind::Number,
            _ => TokenKind::Punct,
        })
    }
}

/// Calls `f(start, end, kind)` for each UAX #29 word-bound segment of `s`
/// (as `split_word_bound_indices` gives them; `kind` is `None` for a run of
/// spaces) and returns true. Returns false as soon as it meets a character
/// the fast path does not know: the caller then discards what `f` was given.
pub(super) fn for_each_word(s: &str, mut f: impl FnMut(usize, usize, Option<TokenKind>)) -> bool {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return true;
    };
    let Some(mut left) = class(first) else {
        return false;
    };
    let mut next = || chars.next().map(|(i, c)| (i, class(c)));
    let mut segment = Segment::new(left);
    let (mut before, mut right, mut start) = (None, next(), 0);
    while let Some((at, right_class)) = right {
        let Some(right_class) = right_class else {
            return false;
        };
        let after = next();
        let after_class = match after {
            Some((_, None)) => return false,
            Some((_, Some(class))) => Some(class),
            None => None,
        };
        if joins(before, left, right_class, after_class) {
            segment.add(right_class);
        } else {
            f(start, at, segment.kind());
            (start, segment) = (at, Segment::new(right_class));
        }
        (before, left, right) = (Some(left), right_class, after);
    }
    f(start, s.len(), segment.kind());
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    type Segments = Vec<(usize, String, Option<TokenKind>)>;

    /// The segments of the fast path, or `None` when it declines.
    fn fast(s: &str) -> Option<Segments> {
        let mut out = Vec::new();
        let done = for_each_word(s, |start, end, kind| {
            out.push((start, s[start..end].to_string(), kind))
        });
        done.then_some(out)
    }

    /// unicode-segmentation's segments, with the kind `scan` gives them.
    fn oracle(s: &str) -> Segments {
        let segments = s.split_word_bound_indices().map(|(i, seg)| {
            let kind = (!seg.starts_with(' ')).then(|| super::super::kind_of(seg));
            (i, seg.to_string(), kind)
        });
        segments.collect()
    }

    fn agree(s: &str) {
        if let Some(segments) = fast(s) {
            assert_eq!(segments, oracle(s), "{s:?}");
        }
    }

    /// One or two characters of every class, and ones the fast path declines.
    const REPRESENTATIVES: [char; 14] = [
        'a', 'б', '1', '.', '’', ':', ',', '\'', '_', ' ', '"', '-', '\u{E000}', '\u{301}',
    ];

    #[test]
    fn every_window_of_four_classes_agrees() {
        let r = REPRESENTATIVES;
        let mut s = String::new();
        for a in r {
            for b in r {
                for c in r {
                    for d in r {
                        s.clear();
                        s.extend([a, b, c, d]);
                        agree(&s);
                        agree(&s[..s.len() - d.len_utf8()]);
                    }
                }
            }
        }
    }

    #[test]
    fn every_known_character_has_its_class() {
        let known = (0..=0xFFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| class(*c).is_some())
            // Private use: one class; a few stand for all.
            .filter(|c| !('\u{E010}'..='\u{F8F0}').contains(c));
        for c in known {
            agree(&c.to_string());
            for a in REPRESENTATIVES {
                agree(&format!("{a}{c}"));
                agree(&format!("{c}{a}"));
                for b in REPRESENTATIVES {
                    agree(&format!("{a}{c}{b}"));
                    agree(&format!("{a}{b}{c}"));
                    agree(&format!("{c}{a}{b}"));
                }
            }
        }
    }

    #[test]
    fn declines_unknown_characters() {
        assert!(fast("сөз\u{301}").is_none());
        assert!(fast("a\tb").is_none());
        assert_eq!(fast(""), Some(vec![]));
    }

    #[test]
    fn agrees_on_real_text() {
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
        let path = shared.join("corpora/ntrex128/ntrex128.kk-en-ru.tsv");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} is absent", path.display());
            return;
        };
        let mut fast_lines = 0;
        for line in text.lines() {
            for field in line.split('\t') {
                agree(field);
                agree(&crate::text::match_key(field));
                fast_lines += usize::from(fast(field).is_some());
            }
        }
        assert!(fast_lines > 0);
    }

    fn mixed() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "а", "б", "қ", "ә", "Ж", "ё", "a", "B", "z", "é", "1", "0", "7", " ", " ", ".", ",",
            ":", ";", "'", "’", "‘", "\"", "-", "_", "–", "…", "«", "»", "(", ")", "/", "№",
            "\u{E000}", "\u{301}", "\u{A0}", "\t", "ß", "\u{200D}", "😀", "ע",
        ]);
        prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn agrees_with_unicode_segmentation(s in mixed()) {
            agree(&s);
        }
    }
}
