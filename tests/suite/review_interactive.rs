//! The interactive `audarma review` in a pseudo-terminal: approve, reject (the
//! comment is asked again when empty), go back, skip, edit-and-approve with the
//! translation pre-filled, and the summary at the end.

use crate::review_support;

use audarma::store::Status;
use audarma::text::Lang;
use review_support::Fixture;

#[test]
fn keys_approve_reject_back_skip_edit() {
    let f = Fixture::new();
    for pos in 1..=3 {
        f.save(
            pos,
            Lang::En,
            &format!("Sentence {pos}."),
            Status::Translated,
            "aigerim",
        );
    }
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_audarma"));
    cmd.arg("--db")
        .arg(&f.db)
        .args(["review", "doc", "--to", "en", "--user", "bolat"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).unwrap();
    p.exp_string("[1/3] segment 1").unwrap();
    p.exp_string("by aigerim, typed").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("a").unwrap();
    p.exp_string("[2/3] segment 2").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("r").unwrap();
    p.exp_string("comment").unwrap();
    p.send_line("").unwrap();
    p.exp_string("cannot be empty").unwrap();
    p.send_line("wrong word").unwrap();
    p.exp_string("[3/3] segment 3").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("b").unwrap();
    p.exp_string("rejected by bolat").unwrap();
    p.exp_string("wrong word").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("s").unwrap();
    p.exp_string("[3/3] segment 3").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("e").unwrap();
    p.exp_string("Sentence 3.").unwrap();
    // Ctrl-U clears the pre-filled translation.
    p.send_control('u').unwrap();
    p.send_line("The third sentence.").unwrap();
    p.exp_string("approved 1, rejected 1, edited and approved 1")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(f.status(1, Lang::En), Status::Approved);
    assert_eq!(f.status(2, Lang::En), Status::Rejected);
    assert_eq!(f.status(3, Lang::En), Status::Approved);
}

#[test]
fn the_screen_shows_the_open_comments_until_an_edit_answers_them() {
    let f = Fixture::new();
    f.save(1, Lang::En, "Sentence 1.", Status::Translated, "aigerim");
    f.comment(1, Lang::En, "aigerim", "not sure about the tense");
    f.save(2, Lang::En, "Sentence 2.", Status::Translated, "aigerim");
    f.comment(2, Lang::En, "aigerim", "answered by the edit");
    f.save(2, Lang::En, "Sentence two.", Status::Translated, "aigerim");
    f.cmd(&[
        "reject",
        "doc",
        "1",
        "--to",
        "en",
        "--comment",
        "use the past",
        "--user",
        "bolat",
    ])
    .assert()
    .success();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_audarma"));
    cmd.arg("--db")
        .arg(&f.db)
        .args([
            "review", "doc", "--to", "en", "--only", "all", "--user", "bolat",
        ])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).unwrap();
    p.exp_string("[1/2] segment 1").unwrap();
    p.exp_string("comment by aigerim at ").unwrap();
    p.exp_string(": not sure about the tense").unwrap();
    p.exp_string("rejected by bolat at ").unwrap();
    p.exp_string(": use the past").unwrap();
    p.exp_string("> ").unwrap();
    p.send_line("s").unwrap();
    // Segment 2's screen, up to its prompt: the answered note is not on it.
    let (_, screen) = p.exp_regex(r"\[2/2\] segment 2[^>]*\[q\]uit > ").unwrap();
    assert!(
        screen.contains("Sentence two.") && !screen.contains("answered"),
        "{screen}"
    );
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
}
