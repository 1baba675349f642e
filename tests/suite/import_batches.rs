//! Issue 13, item 6: a large TMX import commits in short batches behind one
//! final switch, so a translator's save gets through while it runs, and the
//! import is still all or nothing: nobody sees its units before the switch,
//! and a failure after batches were committed leaves nothing behind.
// Watches the import's pending file through a raw connection, as another
// process would see the database.
#![allow(clippy::disallowed_types)]

use std::path::{Path, PathBuf};
use std::process::{Child, Output};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;

const UNITS: usize = 60_000;

fn bin(db: &Path) -> std::process::Command {
    let mut c = std::process::Command::cargo_bin("audarma").unwrap();
    c.arg("--db")
        .arg(db)
        .env("AUDARMA_USER", "aigerim")
        .env("NO_COLOR", "1")
        .env_remove("AUDARMA_DB")
        .stdin(std::process::Stdio::null());
    c
}

fn run(db: &Path, args: &[&str], busy_ms: u64) -> Output {
    bin(db)
        .args(args)
        .env("AUDARMA_BUSY_TIMEOUT_MS", busy_ms.to_string())
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args, 5000);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A memory of `n` distinct units, "Сөйлем N ..." → "Sentence N ...".
fn big_tmx(path: &Path, n: usize, broken_tail: bool) {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/><body>
"#,
    );
    for i in 0..n {
        s.push_str(&format!(
            "<tu><tuv xml:lang=\"kk\"><seg>Есеп {i} бойынша жұмыс тобы жиналды.</seg></tuv><tuv xml:lang=\"en\"><seg>The working group met on report {i}.</seg></tuv></tu>\n"
        ));
    }
    if broken_tail {
        s.push_str("<tu><tuv xml:lang=\"kk\"><seg>Сынық</tuv></tu>");
    }
    s.push_str("</body></tmx>\n");
    std::fs::write(path, s).unwrap();
}

/// Wait until the import has committed a batch (its file is pending).
fn wait_for_pending(db: &Path, child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if let Ok(conn) = rusqlite::Connection::open(db) {
            let pending: rusqlite::Result<i64> = conn.query_row(
                "SELECT count(*) FROM tmx_files WHERE pending_since IS NOT NULL",
                [],
                |r| r.get(0),
            );
            if pending.unwrap_or(0) > 0 {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    ok(&db, &["init"]);
    let doc = dir.path().join("doc.txt");
    std::fs::write(&doc, "Кеден одағы 2010 жылы құрылды. Бұл жаңалық.").unwrap();
    ok(&db, &["import", doc.to_str().unwrap(), "--name", "doc"]);
    (dir, db)
}

#[test]
fn a_save_gets_through_a_large_import_which_appears_all_at_once() {
    let (dir, db) = setup();
    let tmx = dir.path().join("big.tmx");
    big_tmx(&tmx, UNITS, false);
    let mut import = bin(&db)
        .args(["tmx", "import", tmx.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    assert!(
        wait_for_pending(&db, &mut import),
        "the import never committed a batch (too fast or not batched)"
    );
    // A save waiting at most one second for the lock.
    let save = run(
        &db,
        &[
            "set",
            "doc",
            "1",
            "--to",
            "en",
            "--text",
            "The Customs Union was set up in 2010.",
        ],
        1000,
    );
    let still_running = import.try_wait().unwrap().is_none();
    assert!(
        save.status.success(),
        "save during the import: {}",
        String::from_utf8_lossy(&save.stderr)
    );
    // Nothing of the import is visible before its switch.
    if still_running {
        let seen = run(
            &db,
            &[
                "suggest",
                "Есеп 7 бойынша жұмыс тобы жиналды.",
                "--to",
                "en",
                "--json",
            ],
            5000,
        );
        if import.try_wait().unwrap().is_none() {
            assert_eq!(String::from_utf8_lossy(&seen.stdout).trim(), "[]");
        }
    }
    let done = import.wait_with_output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    // Everything afterwards: the import's units and the save, both matchable.
    let found = ok(
        &db,
        &[
            "suggest",
            "Есеп 7 бойынша жұмыс тобы жиналды.",
            "--to",
            "en",
            "--json",
        ],
    );
    assert!(
        found.contains("The working group met on report 7."),
        "{found}"
    );
    let saved = ok(
        &db,
        &[
            "suggest",
            "Кеден одағы 2010 жылы құрылды.",
            "--to",
            "en",
            "--json",
        ],
    );
    assert!(
        saved.contains("The Customs Union was set up in 2010."),
        "{saved}"
    );
    let tmx_out = dir.path().join("out.tmx");
    ok(&db, &["tmx", "export", tmx_out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&tmx_out).unwrap();
    let units = text.matches("<tu ").count() + text.matches("<tu>").count();
    assert_eq!(units, UNITS + 1);
}

#[test]
fn a_failure_after_committed_batches_leaves_nothing_behind() {
    let (dir, db) = setup();
    let tmx = dir.path().join("big.tmx");
    big_tmx(&tmx, UNITS, true);
    let mut import = bin(&db)
        .args(["tmx", "import", tmx.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let batched = wait_for_pending(&db, &mut import);
    let out = import.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(batched, "no batch was committed: this test proves nothing");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM tm_units"), 0);
    assert_eq!(count("SELECT count(*) FROM tm_variants"), 0);
    assert_eq!(count("SELECT count(*) FROM tmx_files"), 0);
    assert_eq!(count("SELECT count(*) FROM fuzzy_units"), 0);
}
