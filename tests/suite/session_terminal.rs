//! The interactive session on a pseudo-terminal (rustyline's editable line):
//! typing, a match number put on the line and edited, `:d`, `:b`, `:q`, Ctrl-C.
//! (Pre-filled lines, keys and pastes: `session_prefilled`.)

use crate::session_common;

use session_common::{at, audarma, get, pty_translate as start, setup};

#[test]
fn typing_a_match_draft_back_and_the_end_of_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut p = start(&db, &[]);
    at(&mut p, "[1/5]");
    p.send_line("The child read a book.").unwrap();
    p.exp_string("filled 1 repetition(s): 3").unwrap();
    at(&mut p, "[2/5]");
    p.send_line(":d It is warm.").unwrap();
    p.exp_string("saved [2] as draft").unwrap();
    at(&mut p, "[4/5]");
    p.send_line(":b").unwrap();
    // Back on the draft: it is on the line, Enter confirms it as translated.
    at(&mut p, "[2/5]");
    p.send_line("").unwrap();
    p.exp_string("saved [2] as translated").unwrap();
    at(&mut p, "[4/5]");
    p.send_line(":g 5").unwrap();
    at(&mut p, "[5/5]");
    // Match 1 goes onto the line; replace its last word and save.
    p.send_line("1").unwrap();
    p.exp_string("en> ").unwrap();
    p.send(&"\x7f".repeat(5)).unwrap();
    p.send_line("story.").unwrap();
    p.exp_string("saved [5] as translated").unwrap();
    p.exp_string("end of the document").unwrap();
    p.exp_string("session over: 4 saved (1 as draft)").unwrap();
    p.exp_eof().unwrap();

    assert_eq!(get(&db, 2)["translation"]["status"], "translated");
    let t = &get(&db, 5)["translation"];
    assert_eq!(t["text"], "The child read a story.");
    // One word of five replaced: an edited match, with the match's score.
    assert_eq!(t["origin"], "match-edited");
    assert!(t["origin_score"].as_f64().is_some());
}

#[test]
fn colon_q_ctrl_c_and_ctrl_d_quit_keeping_saves_and_leaving_the_database_unlocked() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut p = start(&db, &["--only", "all"]);
    at(&mut p, "[1/5]");
    p.send_line("It was saved.").unwrap();
    at(&mut p, "[2/5]");
    p.send_line(":q").unwrap();
    p.exp_string("session over: 1 saved").unwrap();
    p.exp_eof().unwrap();

    // Ctrl-C clears a line with text (what is typed next is the whole
    // translation); on an empty line it quits.
    let mut p = start(&db, &["--from", "2", "--only", "all"]);
    at(&mut p, "[2/5]");
    p.send("Half typed").unwrap();
    p.send_control('c').unwrap();
    p.send_line("Typed again.").unwrap();
    p.exp_string("saved [2] as translated").unwrap();
    at(&mut p, "[3/5]");
    p.send_control('c').unwrap();
    p.exp_string("session over: 1 saved").unwrap();
    p.exp_eof().unwrap();

    let mut p = start(&db, &["--from", "3", "--only", "all"]);
    at(&mut p, "[3/5]");
    p.send_control('d').unwrap();
    p.exp_string("session over").unwrap();
    p.exp_eof().unwrap();

    assert_eq!(get(&db, 1)["translation"]["text"], "It was saved.");
    assert_eq!(get(&db, 2)["translation"]["text"], "Typed again.");
    audarma(&db)
        .env("AUDARMA_BUSY_TIMEOUT_MS", "200")
        .args(["set", "doc", "2", "--to", "en", "--text", "Not locked."])
        .assert()
        .success();
}
