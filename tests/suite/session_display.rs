//! What the session shows: a source with a line break (initials joined
//! across lines) on one line, control characters stored in a translation
//! made visible instead of sent to the terminal, and the comments still open
//! on a segment (no later edit answered them) above its edit line.

use crate::session_common;

use session_common::{audarma, setup, stderr, stdout};

fn translate(db: &std::path::Path, doc: &str, extra: &[&str], input: &str) -> String {
    let out = audarma(db)
        .args(["translate", doc, "--to", "en"])
        .args(extra)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_source_with_a_line_break_is_shown_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let file = dir.path().join("speech.txt");
    std::fs::write(&file, "Президенті Н.Ә.\nНазарбаев айтты. Күн жылы.\n").unwrap();
    audarma(&db).arg("import").arg(&file).assert().success();
    let text = translate(&db, "speech", &[], "\n:q\n");
    assert!(
        text.contains("  » Президенті Н.Ә.⏎Назарбаев айтты.\n"),
        "{text}"
    );
    // Shown as the previous sentence of segment 2 too, still on one line.
    assert!(
        text.contains("  < Президенті Н.Ә.⏎Назарбаев айтты.\n"),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("Назарбаев")), "{text}");
}

#[test]
fn control_characters_in_stored_text_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    audarma(&db)
        .args(["set", "doc", "1", "--to", "en", "--status", "draft"])
        .args(["--text", "The child read a book."])
        .assert()
        .success();
    // Typed, it would be refused (issue 14); an older database may hold it.
    #[allow(clippy::disallowed_types)]
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE translations SET text = 'The child\u{1b}[2J read\u{7} a book.';
         UPDATE tm_variants SET plain = 'The child\u{1b}[2J read\u{7} a book.', seg_xml = NULL
           WHERE plain = 'The child read a book.';",
    )
    .unwrap();
    drop(conn);
    // Segment 1 shows it as its translation, segment 5 as a memory match.
    let text = translate(&db, "doc", &["--only", "all"], "\n\n\n\n:q\n");
    assert!(
        text.contains("current (draft, v1, typed by aigerim): The child␛[2J read␇ a book."),
        "{text}"
    );
    assert!(text.contains("%  The child␛[2J read␇ a book.\n"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

#[test]
fn open_comments_are_shown_when_the_translator_comes_back_until_an_edit_answers_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let set = |text: &str| {
        audarma(&db)
            .args(["set", "doc", "1", "--to", "en", "--text", text])
            .assert()
            .success();
    };
    set("The child read a book.");
    translate(
        &db,
        "doc",
        &["--only", "all"],
        ":c ask the editor about 'кітап'\n:q\n",
    );
    let text = translate(&db, "doc", &["--only", "all"], ":q\n");
    let comment = text
        .find("comment (aigerim, 20")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(text.contains("): ask the editor about 'кітап'\n"), "{text}");
    assert!(comment < text.find("en> ").unwrap(), "{text}");

    // A new version of the text answers it.
    set("The child was reading a book.");
    let text = translate(&db, "doc", &["--only", "all"], ":q\n");
    assert!(!text.contains("comment ("), "{text}");
}
