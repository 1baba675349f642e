//! Shared helpers for the fuzzy tests: building a memory without the TMX importer.
#![allow(dead_code)]

use std::path::PathBuf;

use audarma::store::{fuzzy_index, tm, Store};
use audarma::text::match_key;
use rusqlite::{params, Transaction};

/// `../shared` (repo root) or `../../shared` (a worktree), if present.
pub fn shared() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../shared", "../../shared"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.join("corpora").is_dir())
}

/// Insert a kk→(lang) unit directly into the memory tables (not indexed).
pub fn insert_unit(tx: &Transaction<'_>, kk: &str, lang: &str, target: &str) -> i64 {
    tx.execute(
        "INSERT INTO tm_units (source_lang, origin, status, changed_at, identity) VALUES ('kk', 'tmx', NULL, '2026-01-01T00:00:00Z', ?1)",
        [tm::identity(&[("kk", kk), (lang, target)])],
    )
    .unwrap();
    let id = tx.last_insert_rowid();
    for (ord, (l, text)) in [("kk", kk), (lang, target)].into_iter().enumerate() {
        tx.execute(
            "INSERT INTO tm_variants (unit_id, ord, lang, primary_lang, seg_xml, plain, key_hash) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6)",
            params![id, ord as i64, l, audarma::tmx::inline::escape_text(text), text, tm::key_hash(l, &match_key(text))],
        )
        .unwrap();
    }
    id
}

/// A store holding these kk→en pairs, indexed in bulk (as an import would).
pub fn memory(pairs: &[(&str, &str)]) -> Store {
    let mut store = Store::in_memory().unwrap();
    {
        let tx = store.write().unwrap();
        let ids: Vec<i64> = pairs
            .iter()
            .map(|(k, e)| insert_unit(&tx, k, "en", e))
            .collect();
        fuzzy_index::index_units(&tx, &ids).unwrap();
        tx.commit().unwrap();
    }
    store
}

/// The bundled document's (kk, en) sentence pairs.
pub fn bundled_pairs() -> Vec<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/integration.segments.tsv");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 4).then(|| (c[2].to_string(), c[3].to_string()))
        })
        .collect()
}

/// A database file at `path` holding the bundled document's kk→en pairs as memory.
pub fn bundled_db(path: &std::path::Path) {
    let (mut store, _) = Store::create(path).unwrap();
    let pairs = bundled_pairs();
    let tx = store.write().unwrap();
    let ids: Vec<i64> = pairs
        .iter()
        .map(|(k, e)| insert_unit(&tx, k, "en", e))
        .collect();
    fuzzy_index::index_units(&tx, &ids).unwrap();
    tx.commit().unwrap();
}
