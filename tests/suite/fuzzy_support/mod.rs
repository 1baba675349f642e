//! Shared helpers for the fuzzy tests: building a memory without the TMX importer.
#![allow(dead_code)]

use std::path::PathBuf;

use audarma::store::Store;

/// `../shared` (repo root) or `../../shared` (a worktree), if present.
pub fn shared() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    ["../shared", "../../shared"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.join("corpora").is_dir())
}

/// A store holding these kk→en pairs, indexed in bulk (as an import would).
pub fn memory(pairs: &[(&str, &str)]) -> Store {
    let mut store = Store::in_memory().unwrap();
    add_indexed(&mut store, pairs.iter().map(|(k, e)| (*k, *e)));
    store
}

/// Add kk→en units and index them in bulk, in one unit of work.
pub fn add_indexed<'a>(store: &mut Store, pairs: impl Iterator<Item = (&'a str, &'a str)>) {
    store
        .write(|w| {
            let mut ids = Vec::new();
            for (k, e) in pairs {
                ids.push(w.add_unit(None, &[("kk", k), ("en", e)])?);
            }
            w.index_units(&ids)
        })
        .unwrap();
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
    add_indexed(
        &mut store,
        pairs.iter().map(|(k, e)| (k.as_str(), e.as_str())),
    );
}
