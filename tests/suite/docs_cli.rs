//! `audarma docs rm` and `docs rename` (issue 13, item 15): a document goes
//! with its segments, translations, history and events; the memory keeps its
//! units; a rename keeps everything but the name.

use predicates::prelude::*;
use rexpect::session::spawn_command;

use crate::session_common::{audarma, audarma_std, setup, stdout};

fn json(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = audarma(db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `doc` with segment 1 (and its repetition 3) translated, segment 2 rejected.
fn translated(dir: &std::path::Path) -> std::path::PathBuf {
    let db = setup(dir);
    for (pos, text) in [("1", "The boy read a book."), ("2", "It is warm.")] {
        audarma(&db)
            .args(["set", "doc", pos, "--to", "en", "--text", text])
            .assert()
            .success();
    }
    audarma(&db)
        .args(["reject", "doc", "2", "--to", "en", "--comment", "too short"])
        .assert()
        .success();
    db
}

#[test]
fn removing_a_document_keeps_the_memory_units_made_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = translated(dir.path());
    // Off a terminal it needs --yes, and changes nothing without it.
    audarma(&db)
        .args(["docs", "rm", "doc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --yes"));
    assert_eq!(json(&db, &["docs", "--json"]).as_array().unwrap().len(), 1);

    let v = json(&db, &["docs", "rm", "doc", "--yes", "--json"]);
    assert_eq!(v["document"]["name"], "doc");
    assert_eq!(v["segments"], 5);
    assert_eq!(v["translations"], 3, "1, its repetition 3, and 2: {v}");
    assert!(v["events"].as_i64().unwrap() >= 4, "{v}");
    assert!(v["memory_units_kept"].as_i64().unwrap() >= 2, "{v}");
    assert_eq!(json(&db, &["docs", "--json"]), serde_json::json!([]));
    audarma(&db)
        .args(["segments", "doc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document 'doc'"));

    // The memory still offers the translation, and exports it.
    let m = json(
        &db,
        &["suggest", "Бала кітап оқыды.", "--to", "en", "--json"],
    );
    assert_eq!(m[0]["target"], "The boy read a book.", "{m}");
    assert_eq!(m[0]["score"], 100.0);
    let tmx = audarma(&db).args(["tmx", "export", "-"]).output().unwrap();
    assert!(stdout(&tmx).contains("The boy read a book."));
    // The same file comes back as a new document, untranslated, and the
    // progress figures and the event log have nothing left of the old one.
    audarma(&db)
        .arg("import")
        .arg(dir.path().join("doc.txt"))
        .assert()
        .success();
    let segs = json(&db, &["segments", "doc", "--json"]);
    assert!(segs[0]["translations"]["en"].is_null(), "{segs}");
    let p = json(&db, &["progress", "--json"]);
    assert_eq!(
        p["total"]["segments_by_status"]["untranslated"], 10,
        "en and ru: {p}"
    );
    let days = json(&db, &["progress", "--by", "day", "--json"]);
    assert_eq!(days["groups"], serde_json::json!([]), "{days}");
}

#[test]
fn docs_rm_asks_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = translated(dir.path());
    for (answer, left) in [("n", 1), ("y", 0)] {
        let mut cmd = audarma_std(&db);
        cmd.env("TERM", "xterm").args(["docs", "rm", "doc"]);
        let mut p = spawn_command(cmd, Some(20_000)).unwrap();
        p.exp_string("remove 'doc' (id 1) with its 5 segments")
            .unwrap();
        p.exp_string("[y/N]").unwrap();
        p.send_line(answer).unwrap();
        p.exp_eof().unwrap();
        let docs = json(&db, &["docs", "--json"]);
        assert_eq!(docs.as_array().unwrap().len(), left, "after {answer:?}");
    }
}

#[test]
fn renaming_keeps_the_id_and_the_translations_and_refuses_ids_and_taken_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = translated(dir.path());
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Басқа мәтін.\n").unwrap();
    audarma(&db).arg("import").arg(&other).assert().success();

    let v = json(&db, &["docs", "rename", "doc", "article", "--json"]);
    assert_eq!(
        v,
        serde_json::json!({"id": 1, "old_name": "doc", "name": "article"})
    );
    let got = json(&db, &["get", "article", "1", "--to", "en", "--json"]);
    assert_eq!(got["translation"]["text"], "The boy read a book.");
    audarma(&db)
        .args(["get", "doc", "1", "--to", "en"])
        .assert()
        .code(2);
    audarma(&db)
        .args(["docs", "rename", "1", "essay"])
        .assert()
        .success()
        .stdout("renamed 'article' (id 1) to 'essay'\n");
    for (new, says) in [
        ("12", "'12' looks like a document id"),
        ("other", "a document named 'other' already exists (id 2)"),
        (" ", "must not be empty"),
    ] {
        audarma(&db)
            .args(["docs", "rename", "essay", new])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    audarma(&db)
        .args(["docs", "rename", "nope", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no document 'nope'"));
    let names: Vec<String> = json(&db, &["docs", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["essay", "other"]);
}
