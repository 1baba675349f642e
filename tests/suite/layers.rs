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

/// The library's top-level modules and the ones each uses (`crate::NAME`),
/// read from the source text.
fn module_uses() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let name = p.file_stem()?.to_string_lossy().into_owned();
            let is_module =
                p.is_dir() || (p.extension()? == "rs" && !["lib", "main"].contains(&name.as_str()));
            is_module.then_some(name)
        })
        .filter(|n| n != "cli")
        .collect();
    let mut uses = std::collections::BTreeMap::new();
    for m in &modules {
        let mut files = Vec::new();
        let dir = root.join(m);
        if dir.is_dir() {
            rust_files(&dir, &mut files);
        } else {
            files.push(root.join(format!("{m}.rs")));
        }
        let mut used = std::collections::BTreeSet::new();
        for f in files {
            let code: String = std::fs::read_to_string(&f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for name in crate_paths(&code) {
                if name != *m && modules.contains(&name) {
                    used.insert(name);
                }
            }
        }
        uses.insert(m.clone(), used);
    }
    uses
}

/// The first names after each `crate::` (`crate::store::X` and
/// `crate::{store, text::Lang}` both name `store`).
fn crate_paths(text: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(group.split(',').map(|p| ident(p.trim())));
        } else {
            out.push(ident(rest));
        }
    }
    out
}

#[test]
fn the_module_reader_sees_uses() {
    assert_eq!(
        crate_paths("use crate::store::{Reader, Writer};\nuse crate::{segment, text::Lang};"),
        ["store", "segment", "text"]
    );
    let uses = module_uses();
    assert!(uses["fuzzy"].contains("store"), "{uses:?}");
}

#[test]
fn no_two_modules_use_each_other_directly_or_round_a_loop() {
    let uses = module_uses();
    // Depth-first search for a cycle.
    fn visit(
        m: &str,
        uses: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in uses.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, uses, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    for m in uses.keys() {
        if let Some(cycle) = visit(m, &uses, &mut Vec::new(), &mut done) {
            panic!("modules in a loop: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_pure_modules_and_the_store_point_down_only() {
    let uses = module_uses();
    let allowed: &[(&str, &[&str])] = &[
        ("error", &[]),
        ("outfile", &["error"]),
        ("text", &["error"]),
        ("tmx", &["error", "text"]),
        ("segment", &["error", "text"]),
        ("store", &["error", "outfile", "text", "tmx", "segment"]),
    ];
    for (m, may) in allowed {
        let extra: Vec<_> = uses[*m]
            .iter()
            .filter(|u| !may.contains(&u.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "{m} uses {extra:?} (it may use only {may:?})"
        );
    }
}
