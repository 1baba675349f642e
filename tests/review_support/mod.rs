//! Shared fixture of the review tests: a database with one imported document,
//! translations written through the library (as a translator's save would be).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use audarma::store::documents;
use audarma::store::translations::{self, Status, Write};
use audarma::store::Store;
use audarma::text::Lang;

pub const DOC: &str = "Бірінші сөйлем. Екінші сөйлем бар. Үшінші сөйлем осында.\n\n\
Төртінші сөйлем. Бесінші ұзын сөйлем мұнда тұр.\n";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Fixture {
    /// `audarma init` and `audarma import doc.txt` (document "doc", 5 segments).
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let doc = dir.path().join("doc.txt");
        std::fs::write(&doc, DOC).unwrap();
        let f = Fixture { dir, db };
        f.cmd(&["init"]).assert().success();
        f.cmd(&["import", doc.to_str().unwrap()]).assert().success();
        f
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The real binary on this database.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("audarma").unwrap();
        c.arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("AUDARMA_USER");
        c
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cmd(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Save a translation as a translator would (history + event log).
    pub fn save(&self, pos: i64, lang: Lang, text: &str, status: Status, user: &str) {
        save(&self.db, pos, lang, text, status, user);
    }

    pub fn status(&self, pos: i64, lang: Lang) -> Status {
        let store = Store::open(&self.db).unwrap();
        let doc = documents::find_document(store.conn(), "doc").unwrap();
        let seg = documents::segment_at(store.conn(), &doc, pos).unwrap();
        translations::current(store.conn(), seg.id, lang)
            .unwrap()
            .map_or(Status::Untranslated, |t| t.status)
    }

    pub fn event_count(&self) -> i64 {
        let store = Store::open(&self.db).unwrap();
        store
            .conn()
            .query_row("SELECT count(*) FROM review_events", [], |r| r.get(0))
            .unwrap()
    }
}

/// Save a translation of document "doc" at `pos` through `store::translations::write`.
pub fn save(db: &Path, pos: i64, lang: Lang, text: &str, status: Status, user: &str) {
    let mut store = Store::open(db).unwrap();
    let tx = store.write().unwrap();
    let doc = documents::find_document(&tx, "doc").unwrap();
    let seg = documents::segment_at(&tx, &doc, pos).unwrap();
    translations::write(
        &tx,
        &Write {
            segment_id: seg.id,
            lang,
            text,
            status,
            user,
            origin: "typed",
            origin_score: None,
            origin_unit: None,
            expected_version: None,
            comment: None,
        },
    )
    .unwrap();
    tx.commit().unwrap();
}
