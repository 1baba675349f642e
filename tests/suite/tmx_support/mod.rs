//! Helpers shared by the TMX tests: the shared data folder, reading a TMX file
//! into canonical units, importing and exporting through the library.
#![allow(dead_code)]
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::process::Command;

use audarma::store::tm::{ExportOptions, ImportOptions, ImportSummary};
use audarma::store::Store;
use audarma::tmx::model::canonical;
use audarma::tmx::TmxReader;

/// `../shared` next to the repository (for a git worktree under `wt/`, the
/// one next to the main checkout), or `None` (with a message) when absent.
pub fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = [root.join("../shared"), root.join("../../shared")]
        .into_iter()
        .find(|d| d.join("tmx").is_dir());
    if found.is_none() {
        skip(format!("{} is absent", root.join("../shared").display()));
    }
    found
}

/// `../shared/tmx`, or `None` (with a message) when absent.
pub fn shared_tmx() -> Option<PathBuf> {
    shared().map(|d| d.join("tmx"))
}

pub fn tmx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmx"))
        .collect();
    files.sort();
    files
}

/// Every unit of a TMX document in canonical form (panics on a read error).
pub fn canonical_units(bytes: &[u8], name: &str) -> Vec<serde_json::Value> {
    let mut reader = TmxReader::open(Box::new(bytes), name).unwrap_or_else(|e| panic!("{e}"));
    let srclang = reader.srclang().to_string();
    let mut out = Vec::new();
    while let Some(read) = reader.next_unit().unwrap_or_else(|e| panic!("{e}")) {
        assert!(read.problems.is_empty(), "{name}: {:?}", read.problems);
        out.push(canonical(&read.unit, &srclang));
    }
    out
}

pub fn new_store(dir: &Path) -> Store {
    Store::create(&dir.join("t.db")).unwrap().0
}

pub fn import(store: &mut Store, path: &Path, lenient: bool) -> audarma::Result<ImportSummary> {
    let options = ImportOptions {
        lenient,
        ..ImportOptions::default()
    };
    store.import_tmx(path, &options, &mut |_| {})
}

pub fn export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store
        .export_tmx(&mut out, &ExportOptions::default(), &mut |_, _| {})
        .unwrap();
    out
}

/// A second, raw connection to a file store, to look at (or damage) its
/// tables the way another program would.
pub fn raw(store: &Store) -> rusqlite::Connection {
    rusqlite::Connection::open(store.path()).unwrap()
}

pub fn unit_count(store: &Store) -> i64 {
    store.unit_count().unwrap()
}

/// Validate with xmllint against tmx14.dtd; `false` (with a message) when xmllint is absent.
pub fn xmllint_valid(file: &Path, dtd: &Path) -> bool {
    let run = Command::new("xmllint")
        .args(["--noout", "--nonet", "--dtdvalid"])
        .arg(dtd)
        .arg(file)
        .output();
    match run {
        Err(_) => {
            skip("the DTD check: xmllint is absent (apt-get install libxml2-utils)");
            false
        }
        Ok(out) => {
            assert!(
                out.status.success(),
                "{} is not valid against tmx14.dtd:\n{}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            true
        }
    }
}

/// The export without its header's creation date (which is "now") and the
/// id of the database that wrote it (each round trip's is another).
pub fn without_creationdate(tmx: &[u8]) -> String {
    let s = String::from_utf8_lossy(tmx);
    s.lines()
        .filter(|l| {
            !l.trim_start()
                .starts_with("<prop type=\"x-audarma-database\">")
        })
        .map(|l| {
            if l.starts_with("<header") {
                l.split(" creationdate=").next().unwrap_or(l).to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A missing prerequisite: skipped (with a message), except under `CI=true`,
/// where the test fails instead of passing silently.
pub fn skip(why: impl std::fmt::Display) {
    if std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!("CI=true: {why}");
    }
    eprintln!("skipping: {why}");
}
