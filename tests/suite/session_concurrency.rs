//! Two processes on the same database: a stale save is refused with both
//! versions shown, the session goes on, and no update is lost.
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use crate::session_common;

use std::io::Write;

use session_common::{audarma, get, piped_translate as session, setup, wait_for};

#[test]
fn a_stale_save_in_the_session_is_refused_showing_both_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let (mut child, mut stdin, out, err) = session(&db, &["--only", "all"]);
    wait_for(&out, "en> ");

    // Someone else saves segment 1 while the session shows it.
    audarma(&db)
        .args([
            "set", "doc", "1", "--to", "en", "--text", "Theirs.", "--user", "dana",
        ])
        .assert()
        .success();
    writeln!(stdin, "Mine.").unwrap();
    wait_for(&err, "changed by someone else");
    let message = err.lock().unwrap().clone();
    assert!(
        message.contains("Theirs.") && message.contains("Mine."),
        "{message}"
    );
    // The segment is shown again with their version; saving now works.
    wait_for(&out, "current (translated, v1, typed by dana): Theirs.");
    writeln!(stdin, "Mine, after reading theirs.").unwrap();
    writeln!(stdin, ":q").unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success(), "{}", err.lock().unwrap());

    let state = get(&db, 1);
    assert_eq!(state["translation"]["text"], "Mine, after reading theirs.");
    assert_eq!(state["history"][0]["text"], "Theirs.");
    assert_eq!(state["history"][0]["author"], "dana");
}

#[test]
fn two_processes_saving_the_same_segment_lose_no_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let writers: Vec<_> = ["aigerim", "dana"]
        .into_iter()
        .map(|user| {
            let db = db.clone();
            std::thread::spawn(move || {
                for i in 0..8 {
                    audarma(&db)
                        .args(["set", "doc", "2", "--to", "en", "--user", user])
                        .args(["--text", &format!("{user} {i}")])
                        .assert()
                        .success();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let state = get(&db, 2);
    assert_eq!(state["translation"]["version"], 16);
    assert_eq!(state["history"].as_array().unwrap().len(), 15);
}

#[test]
fn a_save_refused_for_a_lock_is_tried_again_so_the_line_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let (mut child, mut stdin, out, err) = session(&db, &[]);
    wait_for(&out, "en> ");

    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    writeln!(stdin, "Blocked.").unwrap();
    wait_for(&err, "locked by another process");
    wait_for(&err, "trying again (1/5)");
    other.execute_batch("ROLLBACK").unwrap();
    wait_for(&out, "saved [1]");
    // The next line of the script is the next segment's, as it was meant.
    writeln!(stdin, "It is warm.").unwrap();
    wait_for(&out, "saved [2]");
    drop(stdin);
    assert!(child.wait().unwrap().success(), "{}", err.lock().unwrap());
    assert_eq!(get(&db, 1)["translation"]["text"], "Blocked.");
    assert_eq!(get(&db, 2)["translation"]["text"], "It is warm.");
}

#[test]
fn a_lock_that_outlasts_the_tries_ends_a_piped_session_with_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let (mut child, mut stdin, out, err) = session(&db, &[]);
    wait_for(&out, "en> ");
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    writeln!(stdin, "Blocked.").unwrap();
    writeln!(stdin, "It is warm.").unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(status.code(), Some(4), "{}", err.lock().unwrap());
    assert!(err.lock().unwrap().contains("trying again (5/5)"));
    // Nothing landed anywhere, least of all the next line on this segment.
    assert_eq!(get(&db, 1)["status"], "untranslated");
    assert_eq!(get(&db, 2)["status"], "untranslated");
}
