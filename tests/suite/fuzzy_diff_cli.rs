//! End-to-end: the word diff shown with a match agrees with the score (issue
//! 13, item 11) in `suggest`, the `translate` session and `review`: what the
//! score ignores (a Latin `i` for `і`, a line break, case) is no change, and a
//! replaced word shows both words, marked and apart, without colour.

use assert_cmd::Command;

fn audarma(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("audarma").unwrap();
    c.arg("--db")
        .arg(db)
        .env("NO_COLOR", "1")
        .env("AUDARMA_USER", "tester");
    c
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The memory's sources: one typed with Latin `i`s and a line break.
const TYPED_BADLY: &str = "Елдiң бiрлiгi\nбәрінен маңызды.";
const BOOK: &str = "Бала кітап оқыды.";
/// The document's sentences: the first differs from TYPED_BADLY only in what
/// the score ignores (and case), the second by one word from BOOK.
const SAME: &str = "елдің бірлігі Бәрінен маңызды.";
const NEWSPAPER: &str = "Бала газет оқыды.";

fn setup(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("d.db");
    audarma(&db).arg("init").assert().success();
    let tmx = dir.join("m.tmx");
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" srclang=\"kk\" datatype=\"plaintext\"/><body>\n",
    );
    for (kk, en) in [
        (TYPED_BADLY, "Unity matters most."),
        (BOOK, "The child read a book."),
    ] {
        body.push_str(&format!(
            "<tu><tuv xml:lang=\"kk\"><seg>{kk}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    body.push_str("</body></tmx>\n");
    std::fs::write(&tmx, body).unwrap();
    audarma(&db)
        .args(["tmx", "import"])
        .arg(&tmx)
        .assert()
        .success();
    let doc = dir.join("doc.txt");
    std::fs::write(&doc, format!("{SAME}\n{NEWSPAPER}\n")).unwrap();
    audarma(&db).arg("import").arg(&doc).assert().success();
    db
}

/// Checks the diff lines of an output: the one of SAME has no markers and
/// shows the sentence as typed, the one of NEWSPAPER marks the replacement.
fn assert_diffs(diffs: &[&str], what: &str, text: &str) {
    let same = diffs
        .iter()
        .find(|l| l.contains("маңызды"))
        .unwrap_or_else(|| panic!("{what}: no diff of the first sentence in\n{text}"));
    assert!(
        !same.contains("[-") && !same.contains("{+"),
        "{what}: only ignored differences, yet marked: {same}"
    );
    assert!(same.contains(SAME), "{what}: the sentence as typed: {same}");
    assert!(
        diffs
            .iter()
            .any(|l| l.contains("Бала [-кітап-] {+газет+} оқыды.")),
        "{what}: a replaced word, marked and apart:\n{text}"
    );
}

/// Lines of `text` that start (after indentation) with `prefix`.
fn starting<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with(prefix))
        .collect()
}

#[test]
fn suggest_translate_and_review_show_only_real_differences() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());

    let mut text = String::new();
    for query in [SAME, NEWSPAPER] {
        text += &run(audarma(&db).args(["suggest", query, "--to", "en"]));
    }
    assert_diffs(&starting(&text, "source: "), "suggest", &text);

    // Take match 1 on each segment (piped: saved as is), so review has the
    // memory units they came from to diff against.
    let text = run(audarma(&db)
        .args(["translate", "doc", "--to", "en"])
        .write_stdin("1\n1\n"));
    // A match is its line `1)  99%  TARGET`, then its diff.
    let lines: Vec<&str> = text.lines().collect();
    let diffs: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[0].trim_start().starts_with("1) "))
        .map(|w| w[1])
        .collect();
    assert_diffs(&diffs, "translate", &text);

    // The review screen (a terminal: piped review shows no segments).
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_audarma"));
    cmd.arg("--db")
        .arg(&db)
        .args(["review", "doc", "--to", "en", "--user", "bolat"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).unwrap();
    let mut seen = String::new();
    for _ in 0..2 {
        seen += &p.exp_string("> ").unwrap();
        p.send_line("s").unwrap();
    }
    p.exp_eof().unwrap();
    // rexpect hands the terminal's bytes over one char per byte.
    let bytes: Vec<u8> = seen.chars().map(|c| c as u32 as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    assert_diffs(&starting(&text, "memory #"), "review", &text);
}
