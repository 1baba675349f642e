//! The terminal session on lines that open with text on them (a draft, a
//! rejected translation, a match taken): every command typed after that text
//! is the command, a changed text ending in a command is never saved, the keys
//! act whatever the line holds, Ctrl-C clears, and a paste or an overlong
//! translation comes back to be checked. Afterwards no translation, old
//! version or memory unit contains a command.

use std::path::{Path, PathBuf};

use crate::session_common;

use rexpect::session::PtySession;
use session_common::{at, audarma, get, pty_translate as start, setup};

const COMMANDS: [&str; 8] = [":q", ":b", ":g", ":d", ":c", ":f", ":?", ":h"];

/// Memory units that give segments 2 (`Күн жылы.`) and 4 (`Ауа таза.`) a match.
const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="kk" datatype="plaintext"/><body>
<tu><tuv xml:lang="kk"><seg>Күн жылы болды.</seg></tuv><tuv xml:lang="en"><seg>The day was warm.</seg></tuv></tu>
<tu><tuv xml:lang="kk"><seg>Ауа өте таза.</seg></tuv><tuv xml:lang="en"><seg>The air is very clean.</seg></tuv></tu>
</body></tmx>
"#;

/// The sample document with segment 2 a draft (`It is warm.`), segment 4
/// rejected (`Clean air.`, "word order") and a memory with matches for both.
fn prefilled(dir: &Path) -> PathBuf {
    let db = setup(dir);
    let tmx = dir.join("mem.tmx");
    std::fs::write(&tmx, TMX).unwrap();
    audarma(&db)
        .args(["tmx", "import"])
        .arg(&tmx)
        .assert()
        .success();
    let set = |pos: &str, text: &str, status: &str| {
        audarma(&db)
            .args(["set", "doc", pos, "--to", "en", "--text", text])
            .args(["--status", status])
            .assert()
            .success();
    };
    set("2", "It is warm.", "draft");
    set("4", "Clean air.", "translated");
    audarma(&db)
        .args([
            "reject",
            "doc",
            "4",
            "--to",
            "en",
            "--comment",
            "word order",
        ])
        .assert()
        .success();
    db
}

/// Send keys as they are (no Enter); rexpect's writer only flushes at a newline.
fn press(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
}

fn prompt(p: &mut PtySession) {
    p.exp_string("en> ").unwrap();
}

/// Type `typed` after what is on the line and press Enter; wait for `then`.
fn append(p: &mut PtySession, typed: &str, then: &str) {
    p.send_line(typed).unwrap();
    p.exp_string(then).unwrap();
}

/// No text the segment ever had (current or replaced) holds a command, nor does the memory.
fn assert_no_command_saved(db: &Path, pos: u32) {
    let state = get(db, pos);
    let mut texts = vec![state["translation"]["text"].as_str().unwrap().to_string()];
    for h in state["history"].as_array().unwrap() {
        texts.push(h["text"].as_str().unwrap().to_string());
    }
    for text in &texts {
        assert!(
            !COMMANDS.iter().any(|c| text.contains(c)) && !text.contains('\n'),
            "segment {pos} saved {text:?}"
        );
    }
    let out = audarma(db).args(["tmx", "export", "-"]).output().unwrap();
    let memory = String::from_utf8_lossy(&out.stdout);
    for c in COMMANDS {
        assert!(
            !memory.contains(&format!("{c}<")),
            "the memory holds {c}:\n{memory}"
        );
    }
}

#[test]
fn every_command_after_a_draft_on_the_line_is_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = prefilled(dir.path());
    let mut p = start(&db, &["--only", "all", "--from", "2"]);
    at(&mut p, "[2/5]");
    // Commands that stay on the segment give the draft back on the line.
    append(&mut p, ":?", "Alt-Enter save as draft");
    prompt(&mut p);
    append(&mut p, ":f жылы", "concordance (");
    prompt(&mut p);
    append(&mut p, ":c check the tense", "comment saved");
    prompt(&mut p);
    // A match number puts the match on the line; a command after it is a command.
    append(&mut p, " 1", "en> The day was warm.");
    append(&mut p, ":g 2", "[2/5]");
    prompt(&mut p);
    append(&mut p, ":g 5", "[5/5]");
    prompt(&mut p);
    append(&mut p, ":b", "[2/5]");
    // Coming back, the open comment is shown above the line.
    p.exp_string("comment (aigerim, ").unwrap();
    p.exp_string("check the tense").unwrap();
    prompt(&mut p);
    append(&mut p, ":b", "[2/5]");
    prompt(&mut p);
    // `:d` keeps the draft as it is and moves on; `:d TEXT` saves TEXT.
    append(&mut p, ":d", "unchanged (version 1)");
    at(&mut p, "[3/5]");
    append(&mut p, ":b", "[2/5]");
    prompt(&mut p);
    append(
        &mut p,
        ":d It is warm today.",
        "saved [2] as draft (version 2",
    );
    at(&mut p, "[3/5]");
    append(&mut p, ":b", "en> It is warm today.");
    // A changed text ending in a command is refused and comes back without it.
    press(&mut p, &"\x7f".repeat(6));
    append(&mut p, "now.:q", "the line ends with the command `:q`");
    p.exp_string("en> It is warm now.").unwrap();
    append(&mut p, "", "saved [2] as translated (version 3");
    at(&mut p, "[3/5]");
    // Ctrl-D on a line with text quits, and says what it did not save.
    press(&mut p, "Half typed");
    p.send_control('d').unwrap();
    p.exp_string("not saved: Half typed").unwrap();
    p.exp_string("session over: 2 saved (1 as draft)").unwrap();
    p.exp_eof().unwrap();

    let state = get(&db, 2);
    assert_eq!(state["translation"]["text"], "It is warm now.");
    assert_eq!(state["translation"]["status"], "translated");
    assert_eq!(get(&db, 3)["status"], "untranslated");
    assert_no_command_saved(&db, 2);
}

#[test]
fn every_command_after_a_rejected_translation_on_the_line_is_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = prefilled(dir.path());
    let mut p = start(&db, &["--only", "rejected"]);
    at(&mut p, "rejected: word order");
    append(&mut p, ":?", "PageDown skip");
    prompt(&mut p);
    append(&mut p, ":f таза", "concordance (");
    prompt(&mut p);
    append(&mut p, ":c fix the order", "comment saved");
    prompt(&mut p);
    append(&mut p, "1", "en> The air is very clean.");
    // Ctrl-C clears the match; an empty line then is a skip, so go by number.
    p.send_control('c').unwrap();
    append(&mut p, ":g 4", "[4/5]");
    prompt(&mut p);
    append(&mut p, ":g 5", "[5/5]");
    prompt(&mut p);
    append(&mut p, ":b", "fix the order");
    prompt(&mut p);
    append(&mut p, ":b", "[4/5]");
    prompt(&mut p);
    append(&mut p, ":b", "nothing to go back to");
    prompt(&mut p);
    // Unchanged, a rejected translation is not saved, not even as a draft.
    append(&mut p, ":d", "change it before saving");
    p.exp_string("en> Clean air.").unwrap();
    press(&mut p, " more");
    p.send_control('d').unwrap();
    p.exp_string("not saved: Clean air. more").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(get(&db, 4)["status"], "rejected");

    let mut p = start(&db, &["--only", "rejected"]);
    at(&mut p, "[4/5]");
    append(&mut p, ":q", "session over: 0 saved");
    p.exp_eof().unwrap();
    assert_eq!(get(&db, 4)["translation"]["text"], "Clean air.");

    let mut p = start(&db, &["--only", "all", "--from", "4"]);
    at(&mut p, "[4/5]");
    append(&mut p, ":d The air is clean.", "saved [4] as draft");
    at(&mut p, "[5/5]");
    append(&mut p, ":b", "en> The air is clean.");
    // The escape saves a line that would otherwise be a command, as typed.
    p.send_control('c').unwrap();
    append(&mut p, "\\1", "saved [4] as translated");
    at(&mut p, "[5/5]");
    append(&mut p, ":q", "session over: 2 saved (1 as draft)");
    p.exp_eof().unwrap();

    let state = get(&db, 4);
    assert_eq!(state["translation"]["text"], "1");
    assert_eq!(state["history"][2]["text"], "The air is clean.");
    assert_no_command_saved(&db, 4);
    let comments: Vec<_> = state["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "comment")
        .map(|e| e["comment"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(comments, ["fix the order"]);
}

#[test]
fn the_keys_act_whatever_the_line_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = prefilled(dir.path());
    let mut p = start(&db, &["--only", "all", "--from", "2"]);
    at(&mut p, "[2/5]");
    // PageDown skips, PageUp goes back: the draft on the line is not saved again.
    press(&mut p, "\x1b[6~");
    at(&mut p, "[3/5]");
    press(&mut p, "\x1b[5~");
    at(&mut p, "[2/5]");
    // Alt-Enter saves the line as a draft.
    press(&mut p, " Very.");
    press(&mut p, "\x1b\r");
    p.exp_string("saved [2] as draft (version 2").unwrap();
    at(&mut p, "[3/5]");
    // Typed text left by a key is shown, not silently dropped.
    press(&mut p, "Left behind.");
    press(&mut p, "\x1b[6~");
    p.exp_string("not saved: Left behind.").unwrap();
    at(&mut p, "[4/5]");
    // Ctrl-C clears the rejected text; Ctrl-Y brings it back; Enter on it is refused.
    p.send_control('c').unwrap();
    p.send_control('y').unwrap();
    append(&mut p, "", "change it before saving");
    p.exp_string("en> Clean air.").unwrap();
    p.send_control('c').unwrap();
    p.send_control('c').unwrap();
    p.exp_string("session over: 1 saved (1 as draft), 0 repetitions filled, 2 skipped")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(get(&db, 2)["translation"]["text"], "It is warm. Very.");
    assert_eq!(get(&db, 2)["translation"]["status"], "draft");
    assert_eq!(get(&db, 3)["status"], "untranslated");
    assert_eq!(get(&db, 4)["status"], "rejected");
}

#[test]
fn a_pasted_text_comes_back_on_one_line_and_a_long_one_is_asked_about() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut p = start(&db, &[]);
    at(&mut p, "[1/5]");
    // A bracketed paste with line breaks, as a terminal sends it.
    p.send("\x1b[200~The child\r\nread a book.\x1b[201~")
        .unwrap();
    append(&mut p, "", "1 line break(s)");
    p.exp_string("en> The child read a book.").unwrap();
    append(&mut p, "", "saved [1] as translated");
    at(&mut p, "[2/5]");
    let long = "The day is warm. The air is clean and the child reads a book.";
    append(&mut p, long, "more than three times its source");
    p.exp_string("Press Enter again").unwrap();
    prompt(&mut p);
    append(&mut p, "", "saved [2] as translated");
    at(&mut p, "[4/5]");
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(get(&db, 1)["translation"]["text"], "The child read a book.");
    assert_eq!(get(&db, 2)["translation"]["text"], long);
}
