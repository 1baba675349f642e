//! The review file: a TSV of aligned pairs that a person corrects in any editor
//! or spreadsheet and gives back with `audarma align --apply FILE`.
//!
//! Columns: `source_positions`, `target_positions`, `confidence`, `source`,
//! `target`. Positions are 1-based, comma-separated (`3,4`), empty for an
//! unpaired sentence. Lines starting with `#` are comments. Tabs, newlines and
//! backslashes inside texts are written as `\t`, `\n` and `\\`. A text a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is written with
//! a `'` in front, and one that starts with `'` gets a second (`text::cells`);
//! reading takes one off.
//!
//! What a person may do: edit the `target` text, move text between rows, delete
//! rows (they are not applied), change a confidence. The `source` column must
//! still read as the document's sentences at `source_positions`; `apply` checks it.

use std::path::Path;

use crate::error::{Error, Result};
use crate::text::cells;
use crate::text::controls::{find_bad, Lines};

use super::Pair;

/// The column header line.
pub const HEADER: &str = "source_positions\ttarget_positions\tconfidence\tsource\ttarget";

/// Render pairs as a review file.
pub fn write(pairs: &[Pair]) -> String {
    let mut out = String::from(
        "# audarma alignment review file: correct the target column, delete rows you reject,\n\
         # keep the source column as it is; then run `audarma align SOURCE TARGET --to LANG --apply THIS_FILE`.\n",
    );
    out.push_str(HEADER);
    out.push('\n');
    for p in pairs {
        out.push_str(&format!(
            "{}\t{}\t{:.3}\t{}\t{}\n",
            positions(&p.source_positions),
            positions(&p.target_positions),
            p.confidence,
            cells::defuse_reversibly(&escape(&p.source)),
            cells::defuse_reversibly(&escape(&p.target))
        ));
    }
    out
}

fn positions(p: &[usize]) -> String {
    p.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
        .replace('\r', "")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// One row of a review file and the line it was on.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    pub pair: Pair,
}

/// Parse a review file. Errors name the file and the line:column of the problem.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Row>> {
    let mut pairs = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line_no = idx + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line == HEADER {
            continue;
        }
        // Texts come escaped (`\n`), so a raw control in a row is never meant.
        if let Some(bad) = find_bad(line, Lines::One) {
            return Err(Error::input(
                path,
                format!(
                    "{line_no}:{}: {} cannot be stored; remove it from the file",
                    bad.column,
                    bad.describe()
                ),
            ));
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 5 {
            return Err(Error::input(
                path,
                format!(
                    "{line_no}:1: expected 5 tab-separated columns ({}), found {}",
                    HEADER.replace('\t', ", "),
                    cols.len()
                ),
            ));
        }
        let column = |k: usize| {
            cols[..k]
                .iter()
                .map(|c| c.chars().count() + 1)
                .sum::<usize>()
                + 1
        };
        let parse_positions = |k: usize| -> Result<Vec<usize>> {
            cols[k]
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    p.parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| {
                        Error::input(
                            path,
                            format!(
                                "{line_no}:{}: '{p}' is not a sentence position (1, 2, ...)",
                                column(k)
                            ),
                        )
                    })
                })
                .collect()
        };
        let confidence = match cols[2].trim() {
            // A row a person added by hand is as sure as they are.
            "" => 1.0,
            c => c
                .parse::<f64>()
                .ok()
                .filter(|x| (0.0..=1.0).contains(x))
                .ok_or_else(|| {
                    Error::input(
                        path,
                        format!(
                            "{line_no}:{}: confidence '{c}' is not a number from 0 to 1",
                            column(2)
                        ),
                    )
                })?,
        };
        let pair = Pair {
            source_positions: parse_positions(0)?,
            target_positions: parse_positions(1)?,
            confidence,
            source: unescape(cells::restore(cols[3])),
            target: unescape(cells::restore(cols[4])),
        };
        pairs.push(Row {
            line: line_no,
            pair,
        });
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_including_awkward_characters() {
        let pairs = vec![
            Pair {
                source_positions: vec![1, 2],
                target_positions: vec![1],
                confidence: 0.875,
                source: "Бір.\tЕкі \\ үш".into(),
                target: "One\ntwo.".into(),
            },
            Pair {
                source_positions: vec![3],
                target_positions: vec![],
                confidence: 0.0,
                source: "Үш.".into(),
                target: String::new(),
            },
            Pair {
                source_positions: vec![4],
                target_positions: vec![2],
                confidence: 0.5,
                source: "=1+1".into(),
                target: "'quoted', then -2".into(),
            },
        ];
        let text = write(&pairs);
        // No cell a spreadsheet would run.
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(
                !line
                    .split('\t')
                    .any(|c| c.starts_with(['=', '+', '-', '@'])),
                "{line}"
            );
        }
        let rows = parse(&text, Path::new("r.tsv")).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.pair.clone()).collect::<Vec<_>>(),
            pairs
        );
        assert_eq!(rows[0].line, 4);
    }

    #[test]
    fn bad_rows_name_file_line_and_column() {
        let err = parse("1\tx\t0.5\ta\tb\n", Path::new("r.tsv"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "r.tsv: 1:3: 'x' is not a sentence position (1, 2, ...)"
        );
        let err = parse("# c\n1\t1\t2\ta\tb\n", Path::new("r.tsv"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("r.tsv: 2:5: confidence '2'"), "{err}");
        let err = parse("1\t1\n", Path::new("r.tsv")).unwrap_err().to_string();
        assert!(err.contains("1:1: expected 5"), "{err}");
    }
}
