//! The translation session driven through a pipe (stdin not a terminal).
// Looks at the database file as another program would (a raw connection).
#![allow(clippy::disallowed_types)]

use crate::session_common;

use session_common::{audarma, get, setup, stderr, stdout};

fn translate(db: &std::path::Path, extra: &[&str], input: &str) -> std::process::Output {
    audarma(db)
        .args(["translate", "doc", "--to", "en"])
        .args(extra)
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn saves_skips_and_propagates_to_repetitions() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = translate(&db, &[], "The child read a book.\n\nClean air.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("[1/5]") && text.contains("» Бала кітап оқыды."),
        "{text}"
    );
    assert!(text.contains("filled 1 repetition(s): 3"), "{text}");
    assert!(text.contains("progress: 2/5 segments"), "{text}");
    // Segment 3 was filled, so the untranslated filter went 1, 2, 4, 5.
    assert!(!text.contains("[3/5]"), "{text}");
    let s1 = get(&db, 1);
    assert_eq!(s1["translation"]["status"], "translated");
    assert_eq!(s1["translation"]["origin"], "typed");
    assert_eq!(s1["translation"]["author"], "aigerim");
    assert_eq!(get(&db, 3)["translation"]["origin"], "propagated");
    assert_eq!(get(&db, 2)["status"], "untranslated");
    assert_eq!(get(&db, 4)["translation"]["text"], "Clean air.");
}

#[test]
fn a_bare_number_saves_that_match_with_its_score() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    audarma(&db)
        .args([
            "set",
            "doc",
            "1",
            "--to",
            "en",
            "--text",
            "The child read a book.",
        ])
        .assert()
        .success();
    let out = translate(&db, &["--from", "5"], "1\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("1) "), "{}", stdout(&out));
    let t = &get(&db, 5)["translation"];
    assert_eq!(t["text"], "The child read a book.");
    assert_eq!(t["origin"], "match");
    assert!(t["origin_score"].as_f64().unwrap() < 100.0);
}

#[test]
fn draft_back_goto_comment_find_help_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let input =
        ":d A draft.\n:b\n:c check the tense\n:f кітаптарды\n:?\n:g 4\nClean air.\n:q\nnever read\n";
    let out = translate(&db, &["--only", "all"], input);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("saved [1] as draft"), "{text}");
    assert!(text.contains("comment saved"), "{text}");
    // `:f` finds the memory unit saved above through another form of the word.
    assert!(
        text.contains("concordance (1 unit(s), any inflected form)"),
        "{text}"
    );
    assert!(text.contains("    A draft."), "{text}");
    assert!(text.contains(":g N"), "help: {text}");
    assert!(text.contains("[4/5]"), "{text}");
    assert!(
        text.contains("session over: 2 saved (1 as draft)"),
        "{text}"
    );
    let s1 = get(&db, 1);
    assert_eq!(s1["translation"]["status"], "draft");
    let comment = s1["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "comment")
        .expect("a comment event");
    assert_eq!(comment["comment"], "check the tense");
    assert_eq!(get(&db, 4)["translation"]["text"], "Clean air.");
    assert_eq!(get(&db, 5)["status"], "untranslated");
}

#[test]
fn mistakes_inside_the_session_are_reported_and_it_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = translate(&db, &[], ":zz\n7\n:g 99\n:b\nIt is warm.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("unknown command ':zz'"), "{err}");
    assert!(err.contains("no match 7"), "{err}");
    assert!(err.contains("no segment 99"), "{err}");
    assert!(err.contains("nothing to go back to"), "{err}");
    assert_eq!(get(&db, 1)["translation"]["text"], "It is warm.");
}

#[test]
fn end_of_input_quits_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = translate(&db, &[], "The child read a book.");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(get(&db, 1)["translation"]["text"], "The child read a book.");
    // Everything translated: the untranslated filter has nothing to show.
    translate(&db, &["--only", "all"], "");
    let out = translate(&db, &["--only", "draft"], "");
    assert!(
        stdout(&out).contains("nothing to translate: 'doc' has no draft segment"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn rejected_segments_show_the_reviewers_comment() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    audarma(&db)
        .args(["set", "doc", "2", "--to", "en", "--text", "Sun warm."])
        .assert()
        .success();
    // The review issue owns `reject`; write the event the way it does.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE translations SET status = 'rejected', version = version + 1;
         INSERT INTO review_events (segment_id, lang, actor, at, kind, from_status, to_status, words, comment)
         SELECT segment_id, 'en', 'dana', '2026-01-01T00:00:00Z', 'status', 'translated', 'rejected', 2, 'word order'
         FROM translations",
    )
    .unwrap();
    drop(conn);
    let out = translate(&db, &["--only", "rejected"], "Sun warm.\nIt is warm.\n");
    let text = stdout(&out);
    assert!(text.contains("rejected: word order"), "{text}");
    assert!(
        stderr(&out).contains("change it before saving"),
        "{}",
        stderr(&out)
    );
    assert_eq!(get(&db, 2)["translation"]["text"], "It is warm.");
    assert_eq!(get(&db, 2)["translation"]["status"], "translated");
}

#[test]
fn unknown_document_language_or_position_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = audarma(&db)
        .args(["translate", "nope", "--to", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no document 'nope'"),
        "{}",
        stderr(&out)
    );
    let out = audarma(&db)
        .args(["translate", "doc", "--to", "de"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown target language 'de'"),
        "{}",
        stderr(&out)
    );
    let out = audarma(&db)
        .args(["translate", "doc", "--to", "en", "--from", "9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("positions are 1 to 5"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn russian_is_a_separate_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = audarma(&db)
        .args(["translate", "doc", "--to", "ru"])
        .write_stdin("Ребёнок читал книгу.\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("ru> "), "{}", stdout(&out));
    let out = audarma(&db)
        .args(["get", "doc", "3", "--to", "ru", "--json"])
        .output()
        .unwrap();
    let state: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(state["translation"]["text"], "Ребёнок читал книгу.");
    assert_eq!(get(&db, 1)["status"], "untranslated");
}

#[test]
fn a_line_ending_in_a_command_is_not_saved_and_an_overlong_one_is_noted() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let long = "The day is warm. The air is clean and the child reads a book.";
    let input = format!("The child read a book. :q\nThe child read a book.\n{long}\n:q\n");
    let out = translate(&db, &[], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the line ends with the command `:q`"), "{err}");
    assert!(
        err.contains("note: segment 2: the translation has 61 characters"),
        "{err}"
    );
    assert_eq!(get(&db, 1)["translation"]["text"], "The child read a book.");
    assert_eq!(get(&db, 1)["translation"]["version"], 1);
    // Noted, and saved all the same: a script cannot be asked.
    assert_eq!(get(&db, 2)["translation"]["text"], long);
}
