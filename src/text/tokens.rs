//! Tokens for matching, CAT-style word counts, and the inline placeholders the
//! TMX module puts in a segment's plain text.
//!
//! * [`tokenize`] splits a match key (see [`super::match_key`]) into words,
//!   numbers, punctuation and placeholders: the token classes the fuzzy score
//!   prices differently (issue 4: a differing number, tag or punctuation mark
//!   costs 1 point, not a word).
//! * [`tokens_of`] tokenizes an *original* string and keeps, beside each key
//!   token, its displayed surface (case preserved) and whether a space came
//!   before it, so a scorer can charge a case-only or spacing-only difference.
//! * [`word_count`] counts words the way CAT tools do.
//! * [`placeholder`] renders inline element number `n` as one private-use
//!   character; `tokenize` returns it as a [`TokenKind::Placeholder`].
//!
//! Word boundaries are Unicode's (UAX #29, `unicode-segmentation`), which
//! already keep `2,8`, `4.1`, `29.03.1994`, `т.б`, `don't` and `kazinform.kz`
//! whole. On top: letter words joined by a hyphen with no space are one word
//! (`қазақ-орыс`), a number and its hyphenated suffix stay apart (`2008`, `-`,
//! `жылы`) so numbers can be compared and substituted, numbers with
//! space-separated thousands are one number (`10 000`), and runs of one
//! punctuation mark are one token (`...`, `!!`).

use unicode_segmentation::UnicodeSegmentation;

use super::normalize::{clean, match_key};

mod words;

/// What a token is; numbers, placeholders and punctuation are scored apart from words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// An inline TMX element standing in the plain text (see [`placeholder`]).
    Placeholder,
}

/// A token of a match key (`text` is already normalised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

/// A token of an original string: its key form, the form displayed (case kept,
/// from [`clean`]) and whether white space preceded it.
///
/// Two tokens are the same word when `token` is equal; if their `surface`s
/// differ as well, the difference is one of case only. Two token lists with
/// equal `token`s but different `space_before` differ in spacing only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurfaceToken {
    pub token: Token,
    pub surface: String,
    pub space_before: bool,
}

impl SurfaceToken {
    /// Same token, displayed differently: a case-only difference (issue 4
    /// charges 1 point for it, not a word).
    pub fn differs_in_case_only(&self, other: &SurfaceToken) -> bool {
        self.token == other.token && self.surface != other.surface
    }
}

/// First private-use character used for placeholders (inline element 0).
pub const PLACEHOLDER_BASE: char = '\u{E000}';
/// Number of placeholders that fit in the Basic Multilingual Plane's private
/// use area (U+E000..=U+F8FF); later ones use plane 15 (U+F0000..).
const BMP_PLACEHOLDERS: usize = 0xF8FF - 0xE000 + 1;
const PLANE15_BASE: u32 = 0xF_0000;
const PLANE15_LAST: u32 = 0xF_FFFD;

/// The placeholder for inline element `n` (0-based, in order of appearance):
/// one private-use character, which normalisation, case folding and word
/// segmentation all leave alone. Beyond 71,934 elements the last code point is
/// reused (no real segment has that many).
pub fn placeholder(n: usize) -> String {
    placeholder_char(n).to_string()
}

/// The single character of [`placeholder`]`(n)`.
pub fn placeholder_char(n: usize) -> char {
    let code = if n < BMP_PLACEHOLDERS {
        PLACEHOLDER_BASE as u32 + n as u32
    } else {
        let offset = u32::try_from(n - BMP_PLACEHOLDERS).unwrap_or(u32::MAX);
        PLANE15_BASE.saturating_add(offset).min(PLANE15_LAST)
    };
    char::from_u32(code).unwrap_or(PLACEHOLDER_BASE)
}

/// The element number of a placeholder character, or `None` for any other character.
pub fn placeholder_index(c: char) -> Option<usize> {
    let code = c as u32;
    match code {
        0xE000..=0xF8FF => Some((code - 0xE000) as usize),
        PLANE15_BASE..=PLANE15_LAST => Some((code - PLANE15_BASE) as usize + BMP_PLACEHOLDERS),
        _ => None,
    }
}

/// A token located in the scanned string.
struct Span {
    kind: TokenKind,
    start: usize,
    end: usize,
    space_before: bool,
}

fn is_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

fn kind_of(segment: &str) -> TokenKind {
    if segment.chars().next().and_then(placeholder_index).is_some() {
        TokenKind::Placeholder
    } else if segment.chars().any(is_alphabetic) {
        TokenKind::Word
    } else if segment.chars().any(char::is_numeric) {
        TokenKind::Number
    } else {
        TokenKind::Punct
    }
}

/// `char::is_alphabetic`, answered without the Unicode table for ASCII and
/// the Cyrillic letters (U+0400–U+0481, U+048A–U+052F: all letters), which
/// are most of what the tokenizer sees.
pub(crate) fn is_alphabetic(c: char) -> bool {
    matches!(c as u32, 0x41..=0x5A | 0x61..=0x7A | 0x400..=0x481 | 0x48A..=0x52F)
        || (!c.is_ascii() && c.is_alphabetic())
}

/// `char::is_alphanumeric` with the same quick answers.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_digit() || is_alphabetic(c) || (!c.is_ascii() && c.is_numeric())
}

/// Split into spans: UAX #29 words, then hyphenated words and punctuation runs merged.
fn scan(s: &str) -> Vec<Span> {
    scan_bounds(s, true)
}

/// [`scan`], finding the UAX #29 words with [`words::for_each_word`] when
/// `fast` and it handles `s`, else with `unicode-segmentation` (the tests
/// compare the two).
fn scan_bounds(s: &str, fast: bool) -> Vec<Span> {
    // Sized for typical text (a token per five or six bytes), so it rarely grows.
    let mut spans: Vec<Span> = Vec::with_capacity(s.len() / 5 + 1);
    if fast {
        let mut space_before = false;
        let known = words::for_each_word(s, |start, end, kind| {
            let Some(kind) = kind else {
                space_before = true;
                return;
            };
            let span = Span {
                kind,
                start,
                end,
                space_before,
            };
            space_before = false;
            if !merge_into_last(&mut spans, &span, s) {
                spans.push(span);
            }
        });
        if known {
            return spans;
        }
        spans.clear();
    }
    let mut space_before = false;
    for (start, segment) in s.split_word_bound_indices() {
        // UAX #29 attaches a combining mark to a preceding space (WB4).
        let trimmed = segment.trim_start();
        if trimmed.len() < segment.len() {
            space_before = true;
        }
        if trimmed.is_empty() {
            continue;
        }
        let (start, segment) = (start + segment.len() - trimmed.len(), trimmed);
        let span = Span {
            kind: kind_of(segment),
            start,
            end: start + segment.len(),
            space_before,
        };
        space_before = false;
        if !merge_into_last(&mut spans, &span, s) {
            spans.push(span);
        }
    }
    spans
}

/// Glue `span` onto the previous token when they form one: the second word of
/// `word-word`, or a repeat of the same punctuation mark.
fn merge_into_last(spans: &mut Vec<Span>, span: &Span, s: &str) -> bool {
    if span.space_before {
        return merge_digit_group(spans, span, s);
    }
    let n = spans.len();
    if span.kind == TokenKind::Word && n >= 2 {
        let (word, hyphen) = (&spans[n - 2], &spans[n - 1]);
        if word.kind == TokenKind::Word
            && hyphen.kind == TokenKind::Punct
            && !hyphen.space_before
            && is_hyphen(&s[hyphen.start..hyphen.end])
        {
            spans.pop();
            spans[n - 2].end = span.end;
            return true;
        }
    }
    if let Some(last) = spans.last_mut() {
        let repeats = span.kind == TokenKind::Punct
            && last.kind == TokenKind::Punct
            && s[span.start..span.end].chars().count() == 1
            && s[last.start..last.end]
                .chars()
                .all(|c| s[span.start..].starts_with(c));
        if repeats {
            last.end = span.end;
            return true;
        }
    }
    false
}

/// Glue a group of three digits onto a number written with space-separated
/// thousands (`10 000`, `1 250 000`: the Kazakh and Russian convention, often
/// typed with a no-break space that the key folds to a space).
fn merge_digit_group(spans: &mut [Span], span: &Span, s: &str) -> bool {
    let three_digits = |t: &str| t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit());
    let Some(last) = spans.last_mut() else {
        return false;
    };
    let grouped = |t: &str| {
        let mut groups = t.split(' ');
        let head = groups.next().unwrap_or("");
        (1..=3).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_digit())
            && groups.all(three_digits)
    };
    let mergeable = span.kind == TokenKind::Number
        && last.kind == TokenKind::Number
        && &s[last.end..span.start] == " "
        && three_digits(&s[span.start..span.end])
        && grouped(&s[last.start..last.end]);
    if mergeable {
        last.end = span.end;
    }
    mergeable
}

/// Split a normalised string (a match key) into tokens.
pub fn tokenize(s: &str) -> Vec<Token> {
    scan(s)
        .into_iter()
        .map(|span| Token {
            kind: span.kind,
            text: s[span.start..span.end].to_string(),
        })
        .collect()
}

/// The tokens [`tokenize`] gives, as slices of `s` (nothing allocated per
/// token: the fuzzy index tokenizes every unit of an import).
pub fn for_each_token(s: &str, mut f: impl FnMut(TokenKind, &str)) {
    for span in scan(s) {
        f(span.kind, &s[span.start..span.end]);
    }
}

/// Tokenize an original string for scoring: each token's key form (as
/// `tokenize(&match_key(original))` gives it), its displayed surface from
/// `clean(original)` and its spacing.
///
/// The display form is tokenized the same way and paired token by token; in
/// the rare case where the two tokenizations disagree (folding `…` into
/// `...` or a homoglyph repair that only the key makes), every surface falls
/// back to the key text, so no case difference is reported for that string.
pub fn tokens_of(original: &str) -> Vec<SurfaceToken> {
    let key = match_key(original);
    let display = clean(original);
    let key_spans = scan(&key);
    let display_spans = scan(&display);
    let paired = key_spans.len() == display_spans.len()
        && key_spans
            .iter()
            .zip(&display_spans)
            .all(|(k, d)| k.kind == d.kind);
    key_spans
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let text = key[k.start..k.end].to_string();
            let surface = if paired {
                let d = &display_spans[i];
                display[d.start..d.end].to_string()
            } else {
                text.clone()
            };
            SurfaceToken {
                token: Token { kind: k.kind, text },
                surface,
                space_before: k.space_before,
            }
        })
        .collect()
}

/// Words as CAT tools count them: a word is a white-space-delimited chunk
/// holding at least one letter or digit. So numbers count (`1994`, `2,8`),
/// punctuation and placeholders alone do not (`–`, `«`), and a hyphenated
/// compound (`қазақ-орыс`, `2008-жылы`) or an abbreviation (`т.б.`) is one word.
/// Works on original or normalised text alike (NBSP and tabs are white space).
pub fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|chunk| chunk.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_texts(s: &str) -> Vec<(TokenKind, String)> {
        tokenize(s).into_iter().map(|t| (t.kind, t.text)).collect()
    }

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    fn spans(s: &str, fast: bool) -> Vec<(TokenKind, usize, usize, bool)> {
        let spans = scan_bounds(s, fast).into_iter();
        spans
            .map(|t| (t.kind, t.start, t.end, t.space_before))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn fast_scan_gives_the_same_spans(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "қазақ", "Орыс", "ә", "ё", "a", "Word", "2008", "10", "000", " ", " ", "  ", ".",
                ",", ":", ";", "'", "’", "\"", "-", "_", "–", "…", "«", "»", "(", ")", "/", "!",
                "\u{E000}", "\u{301}", "\u{A0}", "\t", "😀", "ß", "\u{2011}",
            ]), 0..30)
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(spans(&s, true), spans(&s, false), "{:?}", s);
        }
    }

    #[test]
    fn quick_letter_tests_agree_with_std() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn numbers_stay_whole() {
        use TokenKind::*;
        assert_eq!(
            kinds_texts("2,8 мен 4.1, 1994 және 29.03.1994."),
            vec![
                (Number, "2,8".into()),
                (Word, "мен".into()),
                (Number, "4.1".into()),
                (Punct, ",".into()),
                (Number, "1994".into()),
                (Word, "және".into()),
                (Number, "29.03.1994".into()),
                (Punct, ".".into()),
            ]
        );
    }

    #[test]
    fn hyphens_abbreviations_and_punctuation() {
        assert_eq!(texts("қазақ-орыс сөздігі"), ["қазақ-орыс", "сөздігі"]);
        assert_eq!(texts("2008-жылы"), ["2008", "-", "жылы"]);
        assert_eq!(texts("т.б. kazinform.kz"), ["т.б", ".", "kazinform.kz"]);
        assert_eq!(texts("не... иә!!"), ["не", "...", "иә", "!!"]);
        assert_eq!(
            texts("10 000 адам, 1 250 000 теңге"),
            ["10 000", "адам", ",", "1 250 000", "теңге"]
        );
        assert_eq!(texts("2008 2009 1234 567"), ["2008", "2009", "1234", "567"]);
        assert_eq!(
            texts("\"жібек жолы\" – "),
            ["\"", "жібек", "жолы", "\"", "–"]
        );
    }

    #[test]
    fn placeholders_are_their_own_tokens() {
        assert_eq!(placeholder_index(placeholder_char(0)), Some(0));
        assert_eq!(placeholder_index(placeholder_char(7000)), Some(7000));
        assert_eq!(placeholder_index('a'), None);
        let s = format!(
            "{}сөз{} 12{}",
            placeholder(0),
            placeholder(1),
            placeholder(2)
        );
        let kinds: Vec<TokenKind> = tokenize(&s).into_iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(kinds, [Placeholder, Word, Placeholder, Number, Placeholder]);
        assert_eq!(match_key(&s), s);
        assert_eq!(word_count(&s), 2);
    }

    #[test]
    fn surface_tokens_keep_case_and_spacing() {
        let toks = tokens_of("Қазақстан  ,бiрлiгi");
        let surfaces: Vec<&str> = toks.iter().map(|t| t.surface.as_str()).collect();
        assert_eq!(surfaces, ["Қазақстан", ",", "бірлігі"]);
        assert_eq!(toks[0].token.text, "қазақстан");
        assert!(toks[1].space_before && !toks[2].space_before);
    }

    #[test]
    fn cat_word_counts() {
        assert_eq!(
            word_count("Қазақстан Республикасы, т.б. 2,8 % – 1994-жылы."),
            5
        );
        assert_eq!(word_count("«Жібек жолы» — қазақ-орыс"), 3);
        assert_eq!(word_count(" \u{00A0}\t"), 0);
    }
}
