//! Character classes the segmenter reasons with, and the homoglyph folding used
//! to compare tokens with the abbreviation lists.

/// Sentence-final punctuation: the dot, `!`, `?`, the ellipsis and their variants.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '！' | '？' | '。'
    )
}

/// Characters that may close a sentence after its final punctuation (`.»`, `?)`).
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '»' | '"' | '”' | '“' | '’' | '\'' | ')' | ']' | '}' | '›'
    )
}

/// Characters that may open a sentence or a token before its first letter.
pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '"' | '“' | '„' | '‘' | '\'' | '(' | '[' | '{' | '‹'
    )
}

/// Hyphens and dashes; a dash before a lower-case word continues reported speech.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−')
}

/// Invisible format characters that behave like white space for segmentation
/// (soft hyphen, zero-width space/joiners, word joiner, BOM).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// White space in the wide sense: Unicode White_Space (NBSP, U+202F, line
/// breaks ...) plus the invisible characters. Sentences are trimmed of these.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Characters that end a line (a hard boundary unless the line continues).
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Fold one lower-cased character: Latin look-alikes of Cyrillic letters become
/// the Cyrillic letter meant (`i`→`і`, `h`→`һ`, `e`→`е`, `ə`→`ә` ...).
/// Applied to both a token and the list entries, so Latin-only entries such as
/// `etc` fold the same way as the token and still match.
fn fold_char(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'һ',
        'i' | 'ı' => 'і',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        'ə' => 'ә',
        'ɵ' => 'ө',
        'ҥ' => 'ң',
        'ѳ' => 'ө',
        other => other,
    }
}

/// The comparison form of a token: lower case, homoglyphs folded, invisible
/// characters dropped. `Т.б` and `т.б` give the same key; so do `T.e` (Latin)
/// and `т.е`, `бiр` (Latin i) and `бір`.
pub fn skeleton(token: &str) -> String {
    token
        .chars()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_folds_latin_lookalikes_and_case() {
        assert_eq!(skeleton("бiр"), skeleton("бір"));
        assert_eq!(skeleton("т.б"), skeleton("Т.б"));
        // Latin "e" and "T" in a Cyrillic abbreviation
        assert_eq!(skeleton("T.e"), skeleton("т.е"));
        assert_eq!(skeleton("Etc"), skeleton("etc"));
        assert_eq!(skeleton("с.\u{200B}ш"), skeleton("с.ш"));
    }

    #[test]
    fn spaces_include_nbsp_and_invisibles() {
        assert!(is_space('\u{A0}'));
        assert!(is_space('\u{202F}'));
        assert!(is_space('\u{FEFF}'));
        assert!(!is_space('.'));
        assert!(is_line_break('\u{2028}'));
    }
}
