//! Two translators on one document: the segment a session shows is claimed,
//! another session passes over it (and says so) unless `--include-claimed`,
//! the claim goes when the session moves on or ends; and on a terminal a save
//! that loses a race, or meets a locked database, gives the translator's
//! text back on the line instead of dropping it.
// Holds the database's write lock as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use std::io::Write;

use crate::session_common;

use session_common::{
    at, audarma, audarma_std, get, piped_translate, pty_translate, pty_translate_with, setup,
    stdout, wait_for,
};

/// A whole piped session of `dana` on the same document.
fn dana(db: &std::path::Path, extra: &[&str], input: &str) -> String {
    let out = audarma(db)
        .args(["translate", "doc", "--to", "en", "--user", "dana"])
        .args(extra)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", session_common::stderr(&out));
    stdout(&out)
}

#[test]
fn a_second_translator_passes_over_the_segment_the_first_has_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let (mut child, mut stdin, out, err) = piped_translate(&db, &[]);
    wait_for(&out, "en> ");

    // Aigerim has segment 1 open: Dana starts at 2, and is told why.
    let text = dana(&db, &[], "It is warm.\n:q\n");
    assert!(
        text.contains("passed over, open in another session: [1] aigerim"),
        "{text}"
    );
    assert!(text.contains("[2/5]") && !text.contains("[1/5]"), "{text}");
    assert_eq!(get(&db, 2)["translation"]["author"], "dana");

    // Aigerim moves to 4: 1 is free again, 4 is hers, so Dana goes 1, then 5.
    writeln!(stdin, ":g 4").unwrap();
    wait_for(&out, "[4/5]");
    wait_for(&out, "en> ");
    let text = dana(&db, &[], "The child read a book.\n:q\n");
    let (one, passed, five) = (
        text.find("[1/5]").expect(&text),
        text.find("passed over, open in another session: [4] aigerim")
            .expect(&text),
        text.find("[5/5]").expect(&text),
    );
    assert!(one < passed && passed < five, "{text}");

    // Asked to, Dana sees the claimed segment, marked as open elsewhere.
    let text = dana(&db, &["--include-claimed", "--from", "4"], ":q\n");
    assert!(text.contains("[4/5]"), "{text}");
    assert!(text.contains("open in aigerim's session too"), "{text}");

    // Aigerim quits: her claim goes with her session.
    writeln!(stdin, ":q").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success(), "{}", err.lock().unwrap());
    let text = dana(&db, &["--from", "4"], ":q\n");
    assert!(
        text.contains("[4/5]") && !text.contains("open in"),
        "{text}"
    );
}

#[test]
fn when_everything_left_is_claimed_the_session_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let (mut child, mut stdin, out, _err) = piped_translate(&db, &["--from", "5"]);
    wait_for(&out, "[5/5]");
    wait_for(&out, "en> ");
    let text = dana(&db, &["--from", "5"], "");
    assert!(text.contains("nothing to translate"), "{text}");
    assert!(
        text.contains("passed over, open in another session: [5] aigerim (--include-claimed"),
        "{text}"
    );
    writeln!(stdin, ":q").unwrap();
    drop(stdin);
    child.wait().unwrap();
}

#[test]
fn a_save_that_loses_the_race_puts_the_text_back_on_the_line_under_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut p = pty_translate(&db, &[]);
    at(&mut p, "[1/5]");
    audarma(&db)
        .args([
            "set", "doc", "1", "--to", "en", "--text", "Theirs.", "--user", "dana",
        ])
        .assert()
        .success();
    p.send_line("Mine, typed with care.").unwrap();
    p.exp_string("changed by someone else").unwrap();
    p.exp_string("your text is back on the line").unwrap();
    p.exp_string("current (translated, v1, typed by dana): Theirs.")
        .unwrap();
    p.exp_string("en> Mine, typed with care.").unwrap();
    // Enter saves it now, over the version just read.
    p.send_line("").unwrap();
    p.exp_string("saved [1] as translated (version 2").unwrap();
    at(&mut p, "[2/5]");
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let state = get(&db, 1);
    assert_eq!(state["translation"]["text"], "Mine, typed with care.");
    assert_eq!(state["history"][0]["text"], "Theirs.");
}

#[test]
fn a_save_refused_for_a_lock_keeps_the_text_on_the_line_to_try_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut cmd = audarma_std(&db);
    cmd.env("AUDARMA_BUSY_TIMEOUT_MS", "200");
    let mut p = pty_translate_with(cmd, &[]);
    at(&mut p, "[1/5]");
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    p.send_line("Blocked for a moment.").unwrap();
    p.exp_string("locked by another process").unwrap();
    p.exp_string("press Enter to try again").unwrap();
    p.exp_string("en> Blocked for a moment.").unwrap();
    other.execute_batch("ROLLBACK").unwrap();
    p.send_line("").unwrap();
    p.exp_string("saved [1] as translated").unwrap();
    at(&mut p, "[2/5]");
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(get(&db, 1)["translation"]["text"], "Blocked for a moment.");
}
