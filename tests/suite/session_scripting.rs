//! `set`, `get`, `history` and `export`: the session's operations without a prompt.
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use crate::session_common;

use session_common::{audarma, get, setup, stderr, stdout};

fn set(db: &std::path::Path, pos: &str, text: &str, extra: &[&str]) -> std::process::Output {
    audarma(db)
        .args(["set", "doc", pos, "--to", "en", "--text", text])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn set_get_and_history_keep_every_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = set(&db, "2", "Warm.", &["--status", "draft", "--user", "dana"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("saved segment 2 of 'doc' (en, draft, version 1)"));
    let out = set(&db, "2", "It is warm.", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = set(&db, "2", "It is warm.", &[]);
    assert!(stdout(&out).contains("nothing changed"), "{}", stdout(&out));

    let state = get(&db, 2);
    assert_eq!(state["source"], "Күн жылы.");
    assert_eq!(state["status"], "translated");
    assert_eq!(state["translation"]["version"], 2);
    assert_eq!(state["translation"]["author"], "aigerim");
    assert_eq!(state["history"][0]["text"], "Warm.");
    assert_eq!(state["history"][0]["author"], "dana");

    let out = audarma(&db)
        .args(["history", "doc", "2", "--to", "en", "--json"])
        .output()
        .unwrap();
    let versions: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let v = versions.as_array().unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(
        (v[0]["status"].as_str(), v[0]["current"].as_bool()),
        (Some("draft"), Some(false))
    );
    assert_eq!(
        (v[1]["text"].as_str(), v[1]["current"].as_bool()),
        (Some("It is warm."), Some(true))
    );
    let out = audarma(&db)
        .args(["history", "doc", "2", "--to", "en"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("dana"), "{}", stdout(&out));
}

#[test]
fn set_propagates_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = set(&db, "3", "The child read a book.", &["--json"]);
    let saved: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(saved["propagated"], serde_json::json!([1]));
    assert_eq!(get(&db, 1)["translation"]["origin"], "propagated");
}

#[test]
fn stale_expected_version_is_refused_showing_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    set(&db, "2", "Theirs.", &["--expect-version", "0"]);
    let out = set(&db, "2", "Mine.", &["--expect-version", "0"]);
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    assert!(err.contains("Theirs.") && err.contains("Mine."), "{err}");
    assert_eq!(get(&db, 2)["translation"]["text"], "Theirs.");
    let out = set(&db, "2", "Mine.", &["--expect-version", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn bad_input_fails_with_one_clear_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let cases: [(&[&str], i32, &str); 6] = [
        (
            &["set", "doc", "2", "--to", "en", "--text", "  "],
            2,
            "empty",
        ),
        (
            &["set", "doc", "9", "--to", "en", "--text", "x"],
            2,
            "no segment 9",
        ),
        (
            &["set", "nope", "1", "--to", "en", "--text", "x"],
            2,
            "no document 'nope'",
        ),
        (
            &["set", "doc", "1", "--to", "kk", "--text", "x"],
            2,
            "en or ru",
        ),
        (
            &[
                "set", "doc", "1", "--to", "en", "--text", "x", "--status", "approved",
            ],
            2,
            "draft or translated",
        ),
        (
            &["get", "doc", "0", "--to", "en"],
            2,
            "positions are 1 to 5",
        ),
    ];
    for (args, code, msg) in cases {
        let out = audarma(&db).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(stderr(&out).contains(msg), "{args:?}: {}", stderr(&out));
    }
    for pos in 1..=5 {
        assert_eq!(get(&db, pos)["status"], "untranslated");
    }
}

#[test]
fn a_locked_database_is_reported_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = audarma(&db)
        .env("AUDARMA_BUSY_TIMEOUT_MS", "200")
        .args(["set", "doc", "1", "--to", "en", "--text", "Blocked."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(get(&db, 1)["status"], "untranslated");
}

#[test]
fn export_keeps_paragraphs_and_counts_fallbacks() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    set(&db, "1", "The child read a book.", &[]);
    set(&db, "4", "Clean air.", &["--status", "draft"]);
    let out_file = dir.path().join("out.txt");
    let out = audarma(&db)
        .args(["export", "doc", "--to", "en"])
        .arg(&out_file)
        .args(["--fallback", "mark"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 without an accepted translation"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&out_file).unwrap(),
        "The child read a book. [[Күн жылы.]]\nThe child read a book. [[Ауа таза.]] [[Бала кітап оқиды.]]\n"
    );
    let out = audarma(&db)
        .args(["export", "doc", "--to", "en", "-", "--status", "approved"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Бала кітап оқыды. Күн жылы.\nБала кітап оқыды. Ауа таза. Бала кітап оқиды.\n"
    );
    assert!(stderr(&out).contains("5 without"), "{}", stderr(&out));
    // No temporary file is left next to the output.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with(".tmp")), "{names:?}");
}

#[test]
fn export_to_a_missing_folder_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = audarma(&db)
        .args(["export", "doc", "--to", "en", "/nonexistent/dir/out.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("/nonexistent/dir/out.txt"),
        "{}",
        stderr(&out)
    );
}
