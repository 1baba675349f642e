//! Shared fixture of the review tests: a database with one imported document,
//! translations written through the library (as a translator's save would be).
#![allow(dead_code)]
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use audarma::store::Store;
use audarma::store::{Status, Write};
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
        let doc = store.find_document("doc").unwrap();
        let seg = store.segment_at(&doc, pos).unwrap();
        store
            .current_translation(seg.id, lang)
            .unwrap()
            .map_or(Status::Untranslated, |t| t.status)
    }

    /// A note on segment `pos` (an event of kind `comment`, as `:c` in a session writes).
    pub fn comment(&self, pos: i64, lang: Lang, user: &str, text: &str) {
        let mut store = Store::open(&self.db).unwrap();
        store
            .write(|tx| {
                let doc = tx.find_document("doc")?;
                let seg = tx.segment_at(&doc, pos)?;
                tx.log_event(&audarma::store::NewEvent {
                    segment_id: seg.id,
                    lang,
                    actor: user,
                    kind: "comment",
                    from: None,
                    to: None,
                    comment: Some(text),
                })
            })
            .unwrap();
    }

    pub fn event_count(&self) -> i64 {
        rusqlite::Connection::open(&self.db)
            .unwrap()
            .query_row("SELECT count(*) FROM review_events", [], |r| r.get(0))
            .unwrap()
    }
}

/// Save a translation of document "doc" at `pos` through `Writer::save_translation`.
pub fn save(db: &Path, pos: i64, lang: Lang, text: &str, status: Status, user: &str) {
    let mut store = Store::open(db).unwrap();
    store
        .write(|tx| {
            let doc = tx.find_document("doc")?;
            let seg = tx.segment_at(&doc, pos)?;
            tx.save_translation(&Write {
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
            })
        })
        .unwrap();
}
