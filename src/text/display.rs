//! Text made safe to print on one terminal line. A segment whose source kept
//! a line break (initials joined across lines) would otherwise print over
//! several lines and look like several segments, and a control character
//! stored in a document or a memory (ESC above all) would reach the terminal
//! as a command. Bidirectional overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069) are shown escaped too: they reorder what follows them on
//! the line, so a name could make the rest of a line read backwards (the
//! "Trojan Source" trick). Every place the CLI prints stored or typed text
//! in plain output goes through [`one_line`]. Only for what is shown: stored
//! text is never changed.

use std::borrow::Cow;

/// What a line break is shown as.
pub const LINE_BREAK: char = '⏎';

/// `s` on one line with every control character visible: line breaks
/// (`\n`, `\r\n`, `\r`, NEL, U+2028, U+2029) become `⏎`, a tab a space, the
/// other C0 controls and DEL their Unicode control pictures (ESC is `␛`), and
/// C1 controls and bidi controls an escape such as `\u{9b}`. Borrowed when
/// nothing changes.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_change) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // One break for a CR LF pair, not two.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(LINE_BREAK);
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(LINE_BREAK),
            '\t' => out.push(' '),
            '\u{7f}' => out.push('␡'),
            c if (c as u32) < 0x20 => {
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�'));
            }
            c if ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How many items a list in a message shows before "and N more".
pub const LIST_SHOWN: usize = 10;

/// A list for one line of a message, cut after [`LIST_SHOWN`] items: a
/// sentence repeated 200,000 times must not print 200,000 positions.
/// `1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 199,990 more`.
pub fn short_list<T: std::fmt::Display>(items: &[T], sep: &str) -> String {
    let shown: Vec<String> = items.iter().take(LIST_SHOWN).map(T::to_string).collect();
    let mut out = shown.join(sep);
    if items.len() > LIST_SHOWN {
        out.push_str(&format!(
            " and {} more",
            thousands(items.len() - LIST_SHOWN)
        ));
    }
    out
}

/// `199990` as `199,990`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn needs_change(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}' || is_bidi_control(c)
}

/// Embeddings, overrides and isolates: they reorder the text after them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Президенті Н.Ә. Назарбаев — «Қазақстан-2050».";
        assert!(matches!(one_line(s), Cow::Borrowed(t) if t == s));
    }

    #[test]
    fn line_breaks_of_every_kind_are_one_visible_mark() {
        assert_eq!(one_line("Н.Ә.\nНазарбаев"), "Н.Ә.⏎Назарбаев");
        assert_eq!(one_line("a\r\nb\rc"), "a⏎b⏎c");
        assert_eq!(one_line("a\u{2028}b\u{2029}c\u{85}d"), "a⏎b⏎c⏎d");
        assert_eq!(one_line("a\tb"), "a b");
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(one_line("\u{1b}[2Jx"), "␛[2Jx");
        assert_eq!(one_line("bell\u{7}"), "bell␇");
        assert_eq!(one_line("\0"), "␀");
        assert_eq!(one_line("del\u{7f}"), "del␡");
        assert_eq!(one_line("csi\u{9b}31m"), "csi\\u{9b}31m");
        assert_eq!(one_line("a\u{202e}b\u{2066}c"), "a\\u{202e}b\\u{2066}c");
    }

    #[test]
    fn long_lists_are_cut_with_a_count_of_the_rest() {
        assert_eq!(short_list(&[1, 2, 3], ", "), "1, 2, 3");
        let many: Vec<i64> = (1..=200_000).collect();
        assert_eq!(
            short_list(&many, ", "),
            "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 199,990 more"
        );
        assert_eq!(
            short_list(&many[..11], "; "),
            "1; 2; 3; 4; 5; 6; 7; 8; 9; 10 and 1 more"
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }

    proptest::proptest! {
        /// Whatever goes in, what comes out has no control character and no
        /// line break, and text without them comes out as it went in.
        #[test]
        fn the_output_is_one_line_without_controls(s in "\\PC{0,20}[\\x00-\\x1f\\x7f-\\x9f\\u{2028}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}]{0,3}\\PC{0,20}") {
            let shown = one_line(&s);
            proptest::prop_assert!(!shown.chars().any(needs_change), "{:?}", shown);
            if !s.chars().any(needs_change) {
                proptest::prop_assert_eq!(shown.as_ref(), s.as_str());
            }
        }
    }
}
