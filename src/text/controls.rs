//! Which characters a stored field may hold, checked once for every write
//! path. What enters the memory leaves it again as TMX, and XML 1.0 has no way
//! to carry most control characters (its `Char` production excludes every C0
//! control but TAB, LF and CR, and U+FFFE/U+FFFF; a character reference to one
//! is not well-formed either), so an export holding one is refused by xmllint,
//! Python and every CAT tool. A C1 control or DEL is legal XML but never text a
//! translator meant, and it is a terminal command when printed, so it is
//! refused too. Pure: the caller says which field it checks and whether a line
//! break belongs in it; the TMX writer uses [`is_xml_char`] as the last line of
//! defence for what older databases already hold.

use std::borrow::Cow;
use std::path::Path;

use crate::error::{Error, Result};

/// Whether a line break (LF, CR) belongs in the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Names, users: one line.
    One,
    /// Translations, comments, source text: line breaks allowed.
    Many,
}

/// The first character a field may not hold: 1-based line and column
/// (in characters) and the character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bad {
    pub line: usize,
    pub column: usize,
    pub ch: char,
}

impl Bad {
    /// `U+001B (a control character)`: the character named, never printed raw.
    pub fn describe(&self) -> String {
        let what = if self.ch == '\u{fffe}' || self.ch == '\u{ffff}' {
            "not a character"
        } else if self.ch == '\n' || self.ch == '\r' {
            "a line break"
        } else {
            "a control character"
        };
        format!("U+{:04X} ({what})", self.ch as u32)
    }
}

/// XML 1.0's `Char` production (a Rust `char` is never a surrogate).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Whether a field may hold `c`.
pub fn allowed(c: char, lines: Lines) -> bool {
    match c {
        '\t' => true,
        '\n' | '\r' => lines == Lines::Many,
        c => !c.is_control() && is_xml_char(c),
    }
}

/// The first character of `s` the field may not hold, with its position.
pub fn find_bad(s: &str, lines: Lines) -> Option<Bad> {
    let (mut line, mut column) = (1, 0);
    for c in s.chars() {
        column += 1;
        if !allowed(c, lines) {
            return Some(Bad {
                line,
                column,
                ch: c,
            });
        }
        if c == '\n' {
            line += 1;
            column = 0;
        }
    }
    None
}

/// A typed value (a flag, a line typed in a session): a usage error naming
/// the field, e.g. `--text: U+001B (a control character) at character 4 ...`.
pub fn check_field(field: &str, s: &str, lines: Lines) -> Result<()> {
    match find_bad(s, lines) {
        None => Ok(()),
        Some(bad) => Err(Error::usage(format!(
            "{field}: {} at character {} cannot be stored{}; nothing saved",
            bad.describe(),
            char_index(s, bad),
            match lines {
                Lines::One => " (one line of text, tabs allowed)",
                Lines::Many => " (text, tabs and line breaks allowed)",
            }
        ))),
    }
}

/// The user name recorded on a write (`--user`, AUDARMA_USER).
pub fn check_actor(user: &str) -> Result<()> {
    check_field("user name (--user, AUDARMA_USER)", user, Lines::One)
}

/// Text read from a file: an input error `FILE: LINE:COL: ...` (exit 3).
pub fn check_file_text(path: &Path, s: &str) -> Result<()> {
    match find_bad(s, Lines::Many) {
        None => Ok(()),
        Some(bad) => Err(Error::input(
            path,
            format!(
                "{}:{}: {} cannot be stored; remove it from the file",
                bad.line,
                bad.column,
                bad.describe()
            ),
        )),
    }
}

/// `s` without the characters XML cannot carry; borrowed when it has none.
pub fn xml_chars(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// 1-based character index of `bad` in `s` (for one-line messages).
fn char_index(s: &str, bad: Bad) -> usize {
    let before: usize = s
        .split('\n')
        .take(bad.line - 1)
        .map(|l| l.chars().count() + 1)
        .sum();
    before + bad.column
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_char_is_the_xml_1_0_production() {
        for c in [
            '\t', '\n', '\r', ' ', 'ә', '\u{85}', '\u{d7ff}', '\u{e000}', '\u{fffd}',
        ] {
            assert!(is_xml_char(c), "{c:?}");
        }
        assert!(is_xml_char('\u{1f600}') && is_xml_char('\u{10ffff}'));
        for c in [
            '\0', '\u{1}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }

    #[test]
    fn fields_refuse_controls_but_tab_and_breaks_where_they_belong() {
        assert_eq!(find_bad("a\tb", Lines::One), None);
        assert_eq!(find_bad("a\nb\r\nc", Lines::Many), None);
        assert_eq!(
            find_bad("a\nb", Lines::One),
            Some(Bad {
                line: 1,
                column: 2,
                ch: '\n'
            })
        );
        for c in [
            '\0', '\u{1}', '\u{b}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{fffe}',
        ] {
            let s = format!("ok\nәб{c}");
            assert_eq!(
                find_bad(&s, Lines::Many),
                Some(Bad {
                    line: 2,
                    column: 3,
                    ch: c
                }),
                "{c:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_field_and_the_character_never_print_it() {
        let err = check_field("--text", "ab\u{1b}[2J", Lines::Many).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let msg = err.to_string();
        assert!(
            msg.starts_with("--text: U+001B (a control character) at character 3"),
            "{msg}"
        );
        assert!(!msg.contains('\u{1b}'));
        let err = check_file_text(Path::new("k.txt"), "a\nbc\u{fffe}").unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert!(
            err.to_string()
                .starts_with("k.txt: 2:3: U+FFFE (not a character)"),
            "{err}"
        );
        check_actor("Айгүл Серікқызы").unwrap();
        assert!(check_actor("x\u{7}").is_err());
    }

    #[test]
    fn xml_chars_drops_only_what_xml_cannot_carry() {
        assert!(matches!(xml_chars("a\u{85}\tb"), Cow::Borrowed(_)));
        assert_eq!(xml_chars("a\u{1}b\u{fffe}c\u{1f600}"), "abc\u{1f600}");
    }
}
