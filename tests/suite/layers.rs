//! The architecture, checked by machine: only `src/store/` knows there is a
//! database. No file outside it names `rusqlite` or holds an SQL statement.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// SQL statements as they open in a string literal.
const SQL_OPENINGS: &[&str] = &[
    "\"SELECT ",
    "\"INSERT ",
    "\"UPDATE ",
    "\"DELETE ",
    "\"CREATE ",
    "\"DROP ",
    "\"ALTER ",
    "\"PRAGMA ",
    "\"BEGIN",
    "\"COMMIT",
    "\"WITH ",
];

fn outside_store() -> Vec<(PathBuf, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let store = root.join("src/store");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files
        .into_iter()
        .filter(|p| !p.starts_with(&store))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

#[test]
fn no_file_outside_the_store_names_rusqlite() {
    let leaks: Vec<_> = outside_store()
        .into_iter()
        .filter(|(_, text)| text.contains("rusqlite"))
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(leaks.is_empty(), "rusqlite outside src/store/: {leaks:?}");
}

#[test]
fn no_sql_statement_stands_outside_the_store() {
    let mut leaks = Vec::new();
    for (path, text) in outside_store() {
        for (n, line) in text.lines().enumerate() {
            let upper = line.to_ascii_uppercase();
            if SQL_OPENINGS.iter().any(|o| upper.contains(o)) {
                leaks.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "SQL outside src/store/:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_check_sees_a_statement_when_there_is_one() {
    // The detector itself must work: a line as a leak would be written.
    let line = r#"    conn.query_row("SELECT count(*) FROM segments", [], |r| r.get(0))"#;
    assert!(SQL_OPENINGS
        .iter()
        .any(|o| line.to_ascii_uppercase().contains(o)));
}
